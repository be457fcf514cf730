package dev.tradingevents.logger.replay;

import dev.tradingevents.logger.logline.LinePayload;
import dev.tradingevents.logger.logline.TraceParent;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventDecodingException;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.ConsumeOptions;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One replay run: an ephemeral pull-based ordered consumer on the stream (nothing durable, nothing acked),
 * from the requested start to the stream's last sequence as of the start (or the requested stop), each
 * message filtered by its subject and headers on a reader thread, then decoded, filtered by its values and
 * handed to the output on the calling thread, paced when asked.
 *
 * <p>nats-server 2.9 takes one filter subject per consumer: the one filter that narrows most goes to the
 * server (a single {@code --subject}, else a single {@code --type} under the default naming), the rest
 * is matched here.
 */
final class Replayer {
  /** No message for this long while the server said more were pending: give up rather than hang. */
  static final Duration STALL_LIMIT = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(250);
  /** Picked events handed from the reader thread to the writing one at a time, and chunks it may run ahead. */
  private static final int HANDOFF_CHUNK = 64;
  private static final int HANDOFF_CHUNKS = 16;

  private final ReplayRequest request;
  private final Connection connection;
  private final PrintWriter err;
  private final EventCodec codec = EventCodec.create();
  private boolean keepMessages;
  private final ReplaySummary summary = new ReplaySummary();
  private volatile boolean stopRequested;
  private volatile long position;
  private volatile long rangeStart;
  private volatile long rangeEnd;

  Replayer(ReplayRequest request, Connection connection, PrintWriter err) {
    this.request = request;
    this.connection = connection;
    this.err = err;
  }

  ReplaySummary summary() {
    return summary;
  }

  /** Asks a running replay to stop after the current message (Ctrl-C). */
  void requestStop() {
    stopRequested = true;
  }

  /** How far the replay is, for the progress line: {@code {current, first, last}} stream sequences. */
  long[] position() {
    return new long[] {position, rangeStart, rangeEnd};
  }

  /** Reads the range into {@code output}; the caller closes the output. */
  void run(ReplayOutput output) throws ReplayException, IOException, InterruptedException {
    keepMessages = output.needsMessages();
    StreamInfo info = streamInfo();
    StreamState state = info.getStreamState();
    String stream = request.stream();
    if (state.getMsgCount() == 0) {
      throw new ReplayException("stream " + stream + " is empty: nothing to replay");
    }
    long first = state.getFirstSequence();
    long last = state.getLastSequence();
    String holds = "stream " + stream + " holds seq " + first + ".." + last + ", stored "
        + EventTimes.format(state.getFirstTime().toInstant()) + " .. " + EventTimes.format(state.getLastTime().toInstant());
    long stop = last;
    if (request.endSeq() != null) {
      if (request.endSeq() < first) {
        throw new ReplayException("--end-seq " + request.endSeq() + " is before the first message: " + holds);
      }
      stop = Math.min(stop, request.endSeq());
    }
    if (request.startSeq() != null && request.startSeq() > last) {
      throw new ReplayException("--start-seq " + request.startSeq() + " is after the last message: " + holds);
    }
    if (request.from() != null && request.from().isAfter(state.getLastTime().toInstant())) {
      throw new ReplayException("nothing stored since " + EventTimes.format(request.from()) + ": " + holds);
    }
    if (request.to() != null && request.to().isBefore(state.getFirstTime().toInstant())) {
      throw new ReplayException("nothing stored until " + EventTimes.format(request.to()) + ": " + holds);
    }
    String serverFilter = serverFilter(info.getConfiguration().getSubjects());
    // --last N without client-side filters: start N before the stop; with them, keep the last N that match
    boolean lastByBuffer = request.last() != null && !clientFilterIsEmpty(serverFilter);
    // A pull-based ordered consumer: it asks for the next batch (--batch) only as the replay works through
    // the last one (jnats sends the next pull when a quarter are left), so at most about a batch of messages
    // wait in memory. A push consumer is cheaper for the server (a raw push reader of 1M events: 2.9 s of
    // nats-server CPU, against 4.0 to 4.3 s pulling), but it delivers as fast as the server reads its store
    // until flow control stops it at about 30 MB: with a replay slower than that the messages pile up in the
    // client, and a 256 MB heap spent a third of the run copying them in garbage collections.
    OrderedConsumerConfiguration consumer = new OrderedConsumerConfiguration();
    if (request.startSeq() != null) {
      consumer.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(Math.max(first, request.startSeq()));
    } else if (request.from() != null) {
      consumer.deliverPolicy(DeliverPolicy.ByStartTime).startTime(request.from().atZone(ZoneOffset.UTC));
    } else if (request.last() != null && !lastByBuffer) {
      consumer.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(Math.max(first, stop - request.last() + 1));
    } else {
      consumer.deliverPolicy(DeliverPolicy.All);
    }
    if (serverFilter != null) {
      consumer.filterSubject(serverFilter);
    }
    rangeStart = request.startSeq() != null ? Math.max(first, request.startSeq()) : first;
    rangeEnd = stop;
    IterableConsumer messages;
    OrderedConsumerContext context;
    try {
      context = connection.getStreamContext(stream).createOrderedConsumer(consumer);
      messages = context.iterate(ConsumeOptions.builder().batchSize(request.batch()).build());
    } catch (JetStreamApiException e) {
      throw new ReplayException("cannot create the replay consumer on " + stream + ": " + e.getMessage(), e);
    }
    try {
      long pending;
      try {
        // the server sends at once: by now some may be delivered and no longer pending
        ConsumerInfo consumerInfo = messages.getConsumerInfo();
        pending = consumerInfo.getNumPending() + consumerInfo.getDelivered().getConsumerSequence();
      } catch (JetStreamApiException e) {
        throw new ReplayException("cannot read the replay consumer's state: " + e.getMessage(), e);
      }
      if (pending == 0) {
        throw new ReplayException("no messages" + (serverFilter == null ? "" : " on " + serverFilter) + " in the range: "
            + holds);
      }
      read(messages, output, stop, lastByBuffer);
    } finally {
      try {
        messages.close();
        // an ephemeral pull consumer would stay until its inactivity threshold (about 5 s): remove it now
        String name = context.getConsumerName();
        if (name != null) {
          connection.jetStreamManagement().deleteConsumer(stream, name);
        }
      } catch (Exception alreadyGone) {
        // the connection is gone, or the consumer is: the server removes it when its inactivity threshold passes
      }
    }
  }

  /**
   * Reads on a reader thread ({@link #pickAll}) and decodes and writes on this one, so the two halves of
   * the work run side by side.
   */
  private void read(IterableConsumer messages, ReplayOutput output, long stop, boolean lastByBuffer)
      throws InterruptedException, ReplayException {
    Pacer pacer = request.speed() == null ? null : new Pacer(request.speed());
    // --last N with client-side filters: the last N that pass every filter, written once all are read
    ArrayDeque<ReplayedEvent> kept = lastByBuffer ? new ArrayDeque<>() : null;
    try (ReadAhead<StoredMessage> ahead = new ReadAhead<>("replay-reader", HANDOFF_CHUNK, HANDOFF_CHUNKS,
        sink -> pickAll(messages, stop, sink))) {
      List<StoredMessage> chunk;
      while ((chunk = ahead.take()) != null) {
        for (StoredMessage stored : chunk) {
          if (stopRequested) {
            return;
          }
          ReplayedEvent picked = decode(stored);
          if (picked == null) {
            continue;
          }
          if (kept == null) {
            emit(picked, output, pacer);
          } else {
            kept.addLast(picked);
            if (kept.size() > request.last()) {
              kept.removeFirst();
            }
          }
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ReplayException replay) {
        throw replay;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("the replay reader failed: " + cause, cause);
    }
    if (kept != null) {
      for (ReplayedEvent picked : kept) {
        if (stopRequested) {
          return;
        }
        emit(picked, output, pacer);
      }
    }
  }

  /**
   * On the reader thread: every message up to {@code stop} that passes the filters on its subject and
   * headers, into {@code sink}.
   */
  private void pickAll(IterableConsumer messages, long stop, ReadAhead.Sink<StoredMessage> sink)
      throws InterruptedException, ReplayException {
    long idleSince = System.nanoTime();
    while (!stopRequested) {
      Message message;
      try {
        message = messages.nextMessage(POLL);
      } catch (JetStreamStatusCheckedException e) {
        throw new ReplayException("the server ended the replay consumer at seq " + position + ": " + e.getMessage(), e);
      }
      if (message == null) {
        sink.flush(); // the writer need not wait for a full chunk while the server is slow
        if (System.nanoTime() - idleSince > STALL_LIMIT.toNanos()) {
          err.println("warning: no message for " + STALL_LIMIT.toSeconds() + " s although the server said more were"
              + " pending; stopping at seq " + position);
          break;
        }
        continue;
      }
      idleSince = System.nanoTime();
      NatsJetStreamMetaData meta = message.metaData();
      long sequence = meta.streamSequence();
      if (sequence > stop) {
        break; // stored after the replay started
      }
      Instant storedAt = meta.timestamp().toInstant();
      if (request.to() != null && storedAt.isAfter(request.to())) {
        break;
      }
      position = sequence;
      summary.read(sequence);
      StoredMessage picked = pick(message, sequence, storedAt);
      if (picked != null) {
        sink.accept(picked);
      }
      if (sequence >= stop || meta.pendingCount() == 0) {
        break;
      }
    }
  }

  private void emit(ReplayedEvent picked, ReplayOutput output, Pacer pacer) {
    if (pacer != null) {
      pacer.await(picked.stored().storedAt());
    }
    output.write(picked);
    summary.written(picked.event().eventType(), picked.event().occurredAt());
  }

  /**
   * On the reader thread: the message with what the writing thread needs of its headers, when its subject
   * and headers pass the filters, else null (counted as filtered out).
   */
  private StoredMessage pick(Message message, long sequence, Instant storedAt) {
    EventFilter filter = request.filter();
    String subject = message.getSubject();
    if (!filter.subjectMatches(subject)) {
      summary.filter();
      return null;
    }
    Headers headers = message.getHeaders();
    if (!filter.types().isEmpty()) {
      String claimed = headers == null ? null : headers.getFirst(EventHeaders.CE_TYPE);
      Optional<EventType> type = EventType.fromWireName(claimed != null ? claimed : lastToken(subject));
      if (type.isPresent() && !filter.types().contains(type.get())) {
        summary.filter();
        return null;
      }
    }
    // read here, where the headers are still in this thread's cache (see StoredMessage)
    TraceParent trace = TraceParent.parse(headers == null ? null : headers.getFirst(EventHeaders.TRACEPARENT));
    if (!filter.traceIds().isEmpty() && (trace.traceId() == null || !filter.traceIds().contains(trace.traceId()))) {
      summary.filter();
      return null;
    }
    byte[] payload = message.getData() == null ? new byte[0] : message.getData();
    String schemaVersion = headers == null ? null : headers.getFirst(EventHeaders.SCHEMA_VERSION);
    // the payload's shape is checked here too: this thread has time to spare, the writing one has not
    return new StoredMessage(keepMessages ? message : null, subject, sequence, storedAt, LinePayload.of(payload),
        trace, EventHeaders.schemaVersion(schemaVersion), schemaVersion);
  }

  /**
   * On the writing thread: the stored message as an event when it decodes and passes the filters on its
   * values, else null (counted as skipped or filtered out).
   */
  private ReplayedEvent decode(StoredMessage stored) {
    TradingEvent event;
    try {
      event = codec.decode(stored.payload().bytes());
    } catch (EventDecodingException e) {
      summary.skipped(stored.sequence(), stored.subject(), e.getMessage());
      return null;
    }
    int schemaVersion = stored.schemaVersion();
    if (schemaVersion != EventHeaders.NO_SCHEMA_VERSION && schemaVersion != event.eventType().schemaVersion()) {
      summary.skipped(stored.sequence(), stored.subject(), event.eventType().wireName() + " schema version "
          + stored.schemaVersionText() + " is not supported; this build reads version "
          + event.eventType().schemaVersion());
      return null;
    }
    // the decoded values decide: headers may be missing on messages not published by EventPublisher
    EventFilter filter = request.filter();
    if (!filter.types().isEmpty() && !filter.types().contains(event.eventType())
        || !filter.sources().isEmpty() && !filter.sources().contains(event.sourceService())) {
      summary.filterDecoded();
      return null;
    }
    return new ReplayedEvent(stored, event);
  }

  private static String lastToken(String subject) {
    return subject.substring(subject.lastIndexOf('.') + 1);
  }

  /**
   * The one filter subject the server applies: a single {@code --subject}; else a single {@code --type}
   * when the stream takes the default naming ({@code events.>}); else none.
   */
  String serverFilter(List<String> streamSubjects) {
    EventFilter filter = request.filter();
    if (filter.subjects().size() == 1) {
      return filter.subjects().get(0);
    }
    if (filter.subjects().isEmpty() && filter.types().size() == 1) {
      EventSubjects naming = EventSubjects.defaults();
      String subject = naming.subjectFor(filter.types().iterator().next());
      if (streamSubjects.stream().anyMatch(s -> EventFilter.matches(s, subject))) {
        return subject;
      }
    }
    return null;
  }

  /** Whether the server's filter is all the filtering there is (so {@code --last N} can count back). */
  private boolean clientFilterIsEmpty(String serverFilter) {
    EventFilter filter = request.filter();
    if (!filter.traceIds().isEmpty() || !filter.sources().isEmpty()) {
      return false;
    }
    if (filter.subjects().isEmpty() && filter.types().isEmpty()) {
      return true;
    }
    return serverFilter != null && filter.subjects().size() <= 1 && filter.types().size() <= 1
        && (filter.subjects().isEmpty() || filter.types().isEmpty());
  }

  private StreamInfo streamInfo() throws ReplayException, IOException {
    try {
      return connection.jetStreamManagement().getStreamInfo(request.stream());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == 10059) {
        String known;
        try {
          List<String> names = connection.jetStreamManagement().getStreamNames();
          known = names.isEmpty() ? "there are no streams" : "streams there: " + String.join(", ", names);
        } catch (JetStreamApiException | IOException other) {
          known = "the stream list is not readable either";
        }
        throw new ReplayException("stream " + request.stream() + " not found (" + known + "); pick one with --stream");
      }
      throw new ReplayException("cannot read stream " + request.stream() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps the original spacing, divided by the speed: the first event goes out at once, each next one
   * when {@code (stored - first stored) / speed} has passed since.
   */
  static final class Pacer {
    private final double speed;
    private long firstStoredNanos = Long.MIN_VALUE;
    private long startNanos;

    Pacer(double speed) {
      this.speed = speed;
    }

    void await(Instant storedAt) {
      long stored = TimeUnit.SECONDS.toNanos(storedAt.getEpochSecond()) + storedAt.getNano();
      if (firstStoredNanos == Long.MIN_VALUE) {
        firstStoredNanos = stored;
        startNanos = System.nanoTime();
        return;
      }
      long due = startNanos + (long) ((stored - firstStoredNanos) / speed);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }
}
