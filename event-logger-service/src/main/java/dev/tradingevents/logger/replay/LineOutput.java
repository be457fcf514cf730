package dev.tradingevents.logger.replay;

import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.logger.logline.EventLevels;
import dev.tradingevents.logger.logline.EventLineEncoder;
import dev.tradingevents.logger.logline.LineContext;
import dev.tradingevents.logger.logline.TraceParent;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replayed events as the logger's JSON lines, byte for byte what the service's appender and encoder write
 * ({@link EventLineEncoder}), to a file or stdout, buffered and flushed on close.
 *
 * <p>What the logger's context fields mean on a replayed line: {@code timestamp} is when the original
 * was stored in the stream (close to when the live logger wrote its line, so time windows and sorting
 * match the incident); {@code latency_ms} is from {@code occurred_at} to that stored time (publish
 * latency); {@code delivery_count} is replay's own delivery, always 1; {@code instance} is {@code
 * replay-<run id>}; {@code replayed_at} is when the run started: only replayed lines have it.
 *
 * <p>A failed write stops the replay ({@link UncheckedIOException} from {@link #write}): lines after a
 * failure would leave a hole in the output that nobody sees.
 */
final class LineOutput implements ReplayOutput {
  static final int BUFFER = 65_536;

  private final EventLineEncoder encoder;
  private final String destination;
  private final String instance;
  private final String replayedAt;
  private final List<String> failures = new ArrayList<>();

  private LineOutput(EventLineEncoder encoder, String destination, String instance, String replayedAt) {
    this.encoder = encoder;
    this.destination = destination;
    this.instance = instance;
    this.replayedAt = replayedAt;
  }

  /** Lines to {@code out} (created or truncated), or to stdout when it is null. */
  static LineOutput open(Path out, String instance, String replayedAt) throws ReplayException {
    OutputStream stream;
    if (out == null) {
      // Re-opening /dev/stdout would get a file offset of its own: with `replay > f`, the shell's later
      // writes to f would overwrite the lines. Writing to descriptor 1 shares the shell's offset.
      stream = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER) {
        @Override
        public void close() throws IOException {
          flush(); // stdout stays open for whatever the process prints next
        }
      };
    } else {
      try {
        stream = new BufferedOutputStream(Files.newOutputStream(out), BUFFER);
      } catch (IOException | RuntimeException e) {
        throw new ReplayException("cannot write to " + out + ": " + describe(e), e);
      }
    }
    try {
      return new LineOutput(EventLineEncoder.to(stream), out == null ? "stdout" : out.toString(), instance,
          replayedAt);
    } catch (IOException e) {
      throw new ReplayException("cannot write to " + (out == null ? "stdout" : out) + ": " + describe(e), e);
    }
  }

  @Override
  public void write(ReplayedEvent replayed) {
    StoredMessage stored = replayed.stored();
    Instant storedAt = stored.storedAt();
    TradingEvent event = replayed.event();
    TraceParent trace = stored.trace();
    long latencyNanos = (storedAt.getEpochSecond() - event.occurredAt().getEpochSecond()) * 1_000_000_000L
        + (storedAt.getNano() - event.occurredAt().getNano());
    try {
      encoder.write(storedAt, EventLevels.of(event), event, stored.payload(), new LineContext(stored.subject(),
          stored.sequence(), 1, trace.traceId(), trace.spanId(), latencyNanos / 1e6, trace.error(), instance,
          replayedAt));
    } catch (IOException e) {
      failures.add("writing seq " + stored.sequence() + " to " + destination + ": " + describe(e));
      throw new UncheckedIOException("cannot write to " + destination + ": " + describe(e), e);
    }
  }

  @Override
  public void close() {
    try {
      encoder.close(); // flushes the buffer; closes the file (stdout stays open)
    } catch (IOException e) {
      failures.add("writing the last lines to " + destination + ": " + describe(e));
    }
  }

  @Override
  public long failures() {
    return failures.size();
  }

  @Override
  public List<String> failureSamples() {
    return failures.stream().limit(3).toList();
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
