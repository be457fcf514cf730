package dev.tradingevents.logger.replay;

import dev.tradingevents.events.EventHeaders;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replayed events published again to a subject, for a test environment: the original headers and
 * payload, plus {@code te-replay-original-stream}, {@code te-replay-original-seq} and {@code
 * te-replayed-at}; {@code Nats-Msg-Id} becomes {@code replay:<run id>:<original id>} so the target
 * stream's duplicate window neither swallows the copies nor confuses them with the originals ({@code
 * ce-id} keeps the event id). {@code Nats-Expected-*} headers are dropped: they named the original
 * stream. Publishes are asynchronous with a bounded window; every one is acknowledged or counted failed.
 */
final class RepublishOutput implements ReplayOutput {
  static final int WINDOW = 1_000;
  static final long ACK_WAIT_SECONDS = 30;
  private static final String[] EXPECTATIONS = {"Nats-Expected-Stream", "Nats-Expected-Last-Msg-Id",
      "Nats-Expected-Last-Sequence", "Nats-Expected-Last-Subject-Sequence"};

  private final JetStream jetStream;
  private final String target;
  private final String stream;
  private final String runId;
  private final String replayedAt;
  private final Semaphore window = new Semaphore(WINDOW);
  private final AtomicLong failed = new AtomicLong();
  private final List<String> samples = new ArrayList<>();

  RepublishOutput(Connection connection, String target, String stream, String runId, String replayedAt)
      throws IOException {
    this.jetStream = connection.jetStream();
    this.target = target;
    this.stream = stream;
    this.runId = runId;
    this.replayedAt = replayedAt;
  }

  /** The subject a copy goes to: {@code target}, or {@code prefix.<original subject>} for {@code prefix.>}. */
  static String subjectFor(String target, String original) {
    return target.endsWith(".>") ? target.substring(0, target.length() - 1) + original : target;
  }

  @Override
  public boolean needsMessages() {
    return true; // the copy keeps the original's headers
  }

  @Override
  public void write(ReplayedEvent replayed) {
    Message message = replayed.stored().message();
    long sequence = replayed.stored().sequence();
    Headers headers = message.getHeaders() == null ? new Headers() : new Headers(message.getHeaders());
    String originalId = headers.getFirst(EventHeaders.NATS_MSG_ID);
    headers.remove(EventHeaders.NATS_MSG_ID);
    headers.remove(EXPECTATIONS);
    headers.put(EventHeaders.NATS_MSG_ID, "replay:" + runId + ":" + (originalId == null ? "seq-" + sequence : originalId));
    headers.put(EventHeaders.REPLAY_ORIGINAL_STREAM, stream);
    headers.put(EventHeaders.REPLAY_ORIGINAL_SEQUENCE, Long.toString(sequence));
    headers.put(EventHeaders.REPLAYED_AT, replayedAt);
    window.acquireUninterruptibly();
    try {
      byte[] payload = replayed.stored().payload().bytes();
      jetStream.publishAsync(subjectFor(target, replayed.stored().subject()), headers, payload).whenComplete((ack, error) -> {
        // counted before the permit goes back: close() returns once every permit is back, and the summary
        // must then see every failure
        try {
          if (error != null) {
            fail("seq " + sequence + ": " + error.getMessage());
          } else if (ack.isDuplicate()) {
            fail("seq " + sequence + ": the target stream dropped it as a duplicate");
          }
        } finally {
          window.release();
        }
      });
    } catch (RuntimeException e) {
      window.release();
      fail("seq " + sequence + ": " + e.getMessage());
    }
  }

  private void fail(String reason) {
    failed.incrementAndGet();
    synchronized (samples) {
      if (samples.size() < 3) {
        samples.add(reason);
      }
    }
  }

  @Override
  public void close() {
    try {
      if (window.tryAcquire(WINDOW, ACK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        window.release(WINDOW);
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int unacked = WINDOW - window.availablePermits();
    for (int i = 0; i < unacked; i++) {
      fail("no acknowledgement within " + ACK_WAIT_SECONDS + " s");
    }
  }

  @Override
  public long failures() {
    return failed.get();
  }

  @Override
  public List<String> failureSamples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }
}
