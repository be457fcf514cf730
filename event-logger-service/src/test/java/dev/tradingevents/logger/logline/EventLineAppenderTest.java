package dev.tradingevents.logger.logline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appender the service writes event lines with: lines of a burst wait for one flush, and an output
 * that fails makes the flush fail, so the events are not acked. The failures are real: {@code /dev/full}
 * answers every write with "No space left on device".
 */
class EventLineAppenderTest {
  private final LoggerContext context = new LoggerContext();

  @TempDir
  Path dir;

  EventLineAppenderTest() {
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.start();
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void eventLinesWaitForTheFlushAndThenAreAllInTheFile() throws IOException {
    Path file = dir.resolve("events.log");
    Logger events = eventsLoggerWritingTo(file);

    events.info("first");
    events.info("second");
    assertThat(Files.size(file)).isZero();

    EventLogWriter.using(events).flush();
    assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{"));
  }

  @Test
  void theServicesOwnLinesAreWrittenAtOnce() throws IOException {
    Path file = dir.resolve("events.log");
    eventsLoggerWritingTo(file);
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    root.warn("the consumer is idle");

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("the consumer is idle");
  }

  @Test
  void aFullDiskMakesEveryFlushFailSoNothingIsAcked() {
    Logger events = eventsLoggerWritingTo(Path.of("/dev/full"));
    EventLogWriter writer = EventLogWriter.using(events);

    for (int burst = 1; burst <= 3; burst++) {
      events.info("a line that cannot be written, burst " + burst);
      assertThatThrownBy(writer::flush).as("burst %d", burst)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("/dev/full");
    }
  }

  @Test
  void theServicesEventLinesFromTheEncodersBufferWaitForTheFlushAndFailItOnAFullDisk() throws Exception {
    byte[] payload = SamplePayloads.all().get(0);
    dev.tradingevents.events.TradingEvent event = EventCodec.create().decode(payload);
    LineContext line = new LineContext("events.market.PriceUpdate", 1, 1, null, null, 1.0, null, "test");
    Path file = dir.resolve("events.log");
    LoggerContext service = EventLogWriter.lineContext("buffered", file.toString(), false);
    LoggerContext full = EventLogWriter.lineContext("full", "/dev/full", true);
    service.start();
    full.start();
    try {
      EventLogWriter writer = EventLogWriter.using(service.getLogger(EventLogWriter.EVENTS_LOGGER));
      writer.write(event, payload, line);
      writer.write(event, payload, line);
      assertThat(Files.size(file)).isZero();
      writer.flush();
      assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(text -> assertThat(text).contains("\"msg\":\"PriceUpdate "));

      EventLogWriter failing = EventLogWriter.using(full.getLogger(EventLogWriter.EVENTS_LOGGER));
      for (int burst = 1; burst <= 3; burst++) {
        failing.write(event, payload, line);
        assertThatThrownBy(failing::flush).as("burst %d", burst).isInstanceOf(IOException.class)
            .hasMessageContaining("/dev/full");
      }
    } finally {
      service.stop();
      full.stop();
    }
  }

  @Test
  void theWarmUpEncodesSampleLinesOfEveryTypeAndWritesNothing() throws Exception {
    Path file = dir.resolve("events.log");
    Logger events = eventsLoggerWritingTo(file);
    EventCodec codec = EventCodec.create();

    int encoded = LinePathWarmup.run(events, codec, 1_000, Duration.ofSeconds(30));
    EventLogWriter.using(events).flush();

    assertThat(encoded).isEqualTo(1_000);
    assertThat(Files.size(file)).isZero();
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (String line : new String(Objects.requireNonNull(
        LinePathWarmup.class.getResourceAsStream("warmup-events.jsonl")).readAllBytes(), StandardCharsets.UTF_8)
        .split("\n")) {
      types.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)).eventType());
    }
    assertThat(types).containsExactlyInAnyOrder(EventType.values());
  }

  private Logger eventsLoggerWritingTo(Path file) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    EventLineAppender appender = new EventLineAppender();
    appender.setContext(context);
    appender.setName("JSON");
    appender.setFile(file.toString());
    appender.setImmediateFlush(false);
    appender.setEncoder(encoder);
    appender.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return context.getLogger(EventLogWriter.EVENTS_LOGGER);
  }
}
