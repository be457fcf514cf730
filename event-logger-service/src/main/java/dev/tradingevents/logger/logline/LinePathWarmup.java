package dev.tradingevents.logger.logline;

import ch.qos.logback.classic.spi.LoggingEvent;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventDecodingException;
import dev.tradingevents.events.TradingEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the line path (decode, summary, level, the encoder of the real appender) over sample events of every
 * type before the first real event, and throws the lines away. Without it the JIT compiles that path
 * while the first tens of thousands of events are logged: the first seconds after a deploy were the
 * slowest, with p99 latencies above 50 ms and the compiler threads taking half of the CPU.
 *
 * <p>Nothing is written: the encoded bytes are discarded, no span is made and no message acked.
 */
final class LinePathWarmup {
  private static final String SAMPLES = "warmup-events.jsonl";

  private LinePathWarmup() {}

  /**
   * Encodes up to {@code events} sample lines, stopping early when {@code budget} is spent.
   *
   * @return how many lines were encoded
   */
  static int run(org.slf4j.Logger eventsLogger, EventCodec codec, int events, Duration budget) {
    if (events <= 0) {
      return 0;
    }
    List<byte[]> samples = samples();
    List<EventLineAppender> appenders = EventLogWriter.eventLineAppenders(eventsLogger);
    ch.qos.logback.classic.Logger logger = eventsLogger instanceof ch.qos.logback.classic.Logger l ? l : null;
    long deadline = System.nanoTime() + budget.toNanos();
    int done = 0;
    for (; done < events; done++) {
      if ((done & 255) == 0 && System.nanoTime() > deadline) {
        break;
      }
      byte[] payload = samples.get(done % samples.size());
      TradingEvent event;
      try {
        event = codec.decode(payload);
      } catch (EventDecodingException e) {
        throw new IllegalStateException("warm-up sample " + (done % samples.size() + 1) + " of " + SAMPLES
            + " does not decode: " + e.getMessage(), e);
      }
      if (logger == null) {
        continue;
      }
      LineContext context = new LineContext("warmup." + event.eventType().wireName(), done + 1L, 1, null, null,
          done % 100 / 10.0, null, "warmup");
      LoggingEvent line = EventLogWriter.line(logger, EventLevels.of(event), event, payload, context);
      for (EventLineAppender appender : appenders) {
        encodeAndDiscard(appender, line);
      }
    }
    return done;
  }

  /** The appender's way of encoding the line, the line then dropped. */
  private static void encodeAndDiscard(EventLineAppender appender, LoggingEvent line) {
    if (!(appender.getEncoder() instanceof EventLineJsonEncoder lines)) {
      appender.getEncoder().encode(line);
      return;
    }
    try {
      lines.encode(line, OutputStream.nullOutputStream()); // the appender's path: the line from the writer's buffer
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<byte[]> samples() {
    List<byte[]> samples = new ArrayList<>();
    try (InputStream in = LinePathWarmup.class.getResourceAsStream(SAMPLES)) {
      if (in == null) {
        throw new IllegalStateException(SAMPLES + " is missing from the jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          samples.add(line.getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return samples;
  }
}
