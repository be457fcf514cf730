package dev.tradingevents.logger.replay;

import dev.tradingevents.logger.logline.TraceParent;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.logger.logline.EventLogWriter;
import dev.tradingevents.logger.logline.LineContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replayed events as the logger's JSON lines, written by the service's own appender and encoder ({@code
 * event-line-appender.xml}) in a Logback context of replay's own ({@code replay-lines.xml}): the
 * service's global configuration stays untouched, and replay's output is buffered and flushed on close.
 *
 * <p>What the logger's context fields mean on a replayed line: {@code timestamp} is when the original
 * was stored in the stream (close to when the live logger wrote its line, so time windows and sorting
 * match the incident); {@code latency_ms} is from {@code occurred_at} to that stored time (publish
 * latency); {@code delivery_count} is replay's own delivery, always 1; {@code instance} is {@code
 * replay-<run id>}; {@code replayed_at} is when the run started: only replayed lines have it.
 */
final class LineOutput implements ReplayOutput {
  /** The appender of event-line-appender.xml. */
  static final String APPENDER = "JSON";
  static final int STDOUT_BUFFER = 65_536;

  private final LoggerContext context;
  private final EventLogWriter writer;
  private final String instance;
  private final String replayedAt;
  private final List<String> failures = new ArrayList<>();

  private LineOutput(LoggerContext context, String instance, String replayedAt) {
    this.context = context;
    this.writer = EventLogWriter.using(context.getLogger(EventLogWriter.EVENTS_LOGGER));
    this.instance = instance;
    this.replayedAt = replayedAt;
  }

  /** Lines to {@code out} (created or truncated), or to stdout when it is null. */
  static LineOutput open(Path out, String instance, String replayedAt) throws ReplayException {
    LoggerContext context;
    try {
      // stdout: configured on /dev/null, then pointed at file descriptor 1 itself (below)
      context = EventLogWriter.lineContext("replay-lines", out == null ? "/dev/null" : out.toAbsolutePath().toString(),
          false);
    } catch (JoranException e) {
      throw new ReplayException("cannot set up the line output: " + e.getMessage(), e);
    }
    List<String> errors = errors(context);
    if (!errors.isEmpty()) {
      context.stop();
      throw new ReplayException("cannot write to " + (out == null ? "stdout" : out) + ": " + String.join("; ", errors));
    }
    if (out == null) {
      // Re-opening /dev/stdout would get a file offset of its own: with `replay > f`, the shell's later
      // writes to f would overwrite the lines. Writing to descriptor 1 shares the shell's offset.
      Appender<ILoggingEvent> appender = context.getLogger(EventLogWriter.EVENTS_LOGGER).getAppender(APPENDER);
      if (!(appender instanceof OutputStreamAppender<ILoggingEvent> stream)) {
        context.stop();
        throw new ReplayException("the line configuration has no output-stream appender named " + APPENDER);
      }
      stream.setOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), STDOUT_BUFFER) {
        @Override
        public void close() throws IOException {
          flush(); // stdout stays open for whatever the process prints next
        }
      });
    }
    context.start();
    return new LineOutput(context, instance, replayedAt);
  }

  @Override
  public void write(ReplayedEvent replayed) {
    Instant storedAt = replayed.storedAt();
    TradingEvent event = replayed.event();
    TraceParent trace = replayed.trace();
    long latencyNanos = (storedAt.getEpochSecond() - event.occurredAt().getEpochSecond()) * 1_000_000_000L
        + (storedAt.getNano() - event.occurredAt().getNano());
    writer.writeAt(storedAt, event, replayed.payload(), new LineContext(replayed.subject(), replayed.sequence(), 1,
        trace.traceId(), trace.spanId(), latencyNanos / 1e6, trace.error(), instance, replayedAt));
  }

  @Override
  public void close() {
    context.stop(); // stops the appender: flushes its buffer and closes the file
    failures.addAll(errors(context));
  }

  @Override
  public long failures() {
    return failures.size();
  }

  @Override
  public List<String> failureSamples() {
    return failures.stream().limit(3).toList();
  }

  /** Errors the appender reported (it reports a failed open or write as a status, it does not throw). */
  private static List<String> errors(LoggerContext context) {
    List<String> errors = new ArrayList<>();
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() == Status.ERROR) {
        Throwable cause = status.getThrowable();
        errors.add(status.getMessage() + (cause == null ? "" : " (" + cause.getMessage() + ")"));
      }
    }
    return errors;
  }
}
