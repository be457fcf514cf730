package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingevents.benchmarks.LoggerProcess.ConsumerDefaults;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.events.TradingEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logger benchmark's parts that need no server: options, the service's defaults, the line reader. */
class LoggerBenchmarkPartsTest {

  @Test
  void theLoggersProgressIsTheStreamSequenceOfItsLastLineEvenWhenALineIsHalfWritten(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("lines.jsonl");
    assertThat(EventLogFile.lastStreamSequence(file)).as("no file yet").isZero();
    Files.writeString(file, "{\"level\":\"info\",\"msg\":\"started\"}\n");
    assertThat(EventLogFile.lastStreamSequence(file)).as("no event line yet").isZero();
    StringBuilder lines = new StringBuilder();
    for (int sequence = 1; sequence <= 2_000; sequence++) { // more than the tail it reads
      lines.append("{\"msg\":\"PriceUpdate\",\"subject\":\"events.market\",\"stream_seq\":").append(sequence)
          .append(",\"note\":\"").append("x".repeat(50)).append("\"}\n");
    }
    Files.writeString(file, lines, java.nio.file.StandardOpenOption.APPEND);
    assertThat(EventLogFile.lastStreamSequence(file)).isEqualTo(2_000);
    Files.writeString(file, "{\"msg\":\"PriceUpdate\",\"stream_seq\":20", java.nio.file.StandardOpenOption.APPEND);
    assertThat(EventLogFile.lastStreamSequence(file)).as("a prefix of 2001's number, never more").isEqualTo(20);
    Files.writeString(file, "01,\"note\":\"y\"}\n{\"msg\":\"Pri", java.nio.file.StandardOpenOption.APPEND);
    assertThat(EventLogFile.lastStreamSequence(file)).isEqualTo(2_001);
  }

  @Test
  void readsTheConsumerDefaultsUnderTradingEventsConsumer() {
    String yaml = String.join("\n",
        "micronaut:",
        "  server:",
        "    port: 8080",
        "trading-events:",
        "  nats:",
        "    connection-timeout: 5s",
        "  consumer:",
        "    enabled: true",
        "    stream-subjects:",
        "      - events.>",
        "    batch-size: 256   # messages per pull",
        "    pull-expires: 5s",
        "    ack-wait: 30s",
        "    max-deliver: 5",
        "    max-ack-pending: 10000",
        "  other:",
        "    batch-size: 1");

    ConsumerDefaults defaults = ConsumerDefaults.parse(yaml, "test");

    assertThat(defaults.batchSize()).isEqualTo(256);
    assertThat(defaults.pullExpires()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.ackWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxDeliver()).isEqualTo(5);
    assertThat(defaults.maxAckPending()).isEqualTo(10_000);
    assertThatThrownBy(() -> ConsumerDefaults.parse("trading-events:\n  consumer:\n    batch-size: 1\n", "x"))
        .hasMessageContaining("pull-expires");
  }

  @Test
  void parsesOptionsAndLabelsRates() {
    LoggerBenchmarkOptions options = LoggerBenchmarkOptions.parse(
        new String[] {"--rates=1000,5000,20000,500", "--logger-variants", "logger-nootel,logger",
            "--logger-java-opts", "-Xmx256m  -XX:+UseSerialGC"}, null);

    assertThat(options.rates()).containsExactly(1000, 5000, 20000, 500);
    assertThat(options.rates().stream().map(LoggerBenchmarkOptions::rateLabel))
        .containsExactly("1k", "5k", "20k", "500");
    assertThat(options.primaryVariant()).isEqualTo(LoggerBenchmarkOptions.LoggerVariant.NO_OTEL);
    assertThat(options.loggerJavaOpts()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
    assertThat(LoggerBenchmarkOptions.parse(new String[] {"--rates", "none"}, null).rates()).isEmpty();
    assertThatThrownBy(() -> LoggerBenchmarkOptions.parse(new String[] {"--logger-variants", "x"}, null))
        .hasMessageContaining("logger-nootel");
  }

  @Test
  void readsEventLinesAndLeavesTheServiceOwnLinesOut(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("lines.jsonl");
    StringBuilder lines = new StringBuilder();
    lines.append("{\"timestamp\":\"2026-11-25T03:36:02.945166002Z\",\"level\":\"info\",\"msg\":\"consuming\"}\n");
    for (int i = 0; i < 100; i++) {
      lines.append(String.format("{\"timestamp\":\"2026-11-25T03:36:03.%09dZ\",\"level\":\"info\",\"msg\":\"m\","
          + "\"event_type\":\"PriceUpdate\",\"event_id\":\"id-%d\",\"subject\":\"events.market.PriceUpdate\","
          + "\"delivery_count\":1,\"latency_ms\":%d.5,\"legs\":[{\"latency_ms\":999}]}%n", i * 10_000_000, i, i));
    }
    lines.append("{\"timestamp\":\"2026-11-25T03:36:09Z\",\"level\":\"info\",\"msg\":\"stopp"); // being written
    Files.writeString(file, lines, StandardCharsets.UTF_8);

    EventLogFile.Lines read = EventLogFile.read(file, 0);

    assertThat(read.eventLines()).isEqualTo(100);
    assertThat(read.otherLines()).isEqualTo(1);
    assertThat(read.distinctEventIds()).isEqualTo(100);
    assertThat(read.spanNanos()).isEqualTo(990_000_000L);
    assertThat(read.eventsPerSecond()).isCloseTo(101.0, org.assertj.core.data.Offset.offset(0.1));
    assertThat(read.latencyQuantile(0.5)).isEqualTo(49.5);
    assertThat(read.latencyQuantile(0.99)).isEqualTo(98.5);
    assertThat(read.latencyQuantile(1.0)).isEqualTo(99.5);
    EventLogFile.Tail tail = new EventLogFile.Tail(file);
    assertThat(tail.sawEventLine()).isTrue();
  }

  @Test
  void restampsAnEventWithANewIdAndTime() {
    TradingEvent original = EventMix.events(1).get(0);
    Instant now = Instant.now();

    TradingEvent copy = EventStamps.restamp(original, "new-id", now);

    assertThat(copy).isInstanceOf(original.getClass());
    assertThat(copy.eventId()).isEqualTo("new-id");
    assertThat(copy.occurredAt()).isEqualTo(now);
    assertThat(copy.sourceService()).isEqualTo(original.sourceService());
    if (original instanceof PriceUpdate price) {
      assertThat(((PriceUpdate) copy).price()).isEqualTo(price.price());
    }
  }

  @Test
  void sumsTheUsedHeapOfBothSerialGenerationsAndLeavesMetaspaceOut() {
    String serial = String.join("\n",
        "12345:",
        " def new generation   total 78656K, used 1200K [0x00000000f0000000, 0x00000000f5550000)",
        "  eden space 69952K,   1% used [0x00000000f0000000, 0x00000000f0000000, 0x00000000f4450000)",
        " tenured generation   total 174784K, used 18000K [0x00000000f5550000, 0x0000000100000000)",
        "   the space 174784K,  10% used [0x00000000f5550000, 0x00000000f5780910, 0x0000000100000000)",
        " Metaspace       used 8933K, committed 9088K, reserved 1114112K",
        "  class space    used 1062K, committed 1152K, reserved 1048576K");

    assertThat(LoggerProcess.heapUsedKb(serial)).isEqualTo(19_200);
  }

  @Test
  void readsTheOneG1HeapLineAndSaysWhenThereIsNone() {
    String g1 = String.join("\n",
        "12345:",
        " garbage-first heap   total 397312K, used 17946K [0x0000000687400000, 0x0000000800000000)",
        "  region size 4096K, 4 young (16384K), 0 survivors (0K)",
        " Metaspace       used 8917K, committed 9088K, reserved 1114112K");

    assertThat(LoggerProcess.heapUsedKb(g1)).isEqualTo(17_946);
    assertThat(LoggerProcess.heapUsedKb("12345:\nCould not attach")).isEqualTo(-1);
  }
}
