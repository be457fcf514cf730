package dev.tradingevents.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingevents.events.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  @TempDir
  Path dir;

  private void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String line(String id, String type, String level, double latency) {
    return "{\"timestamp\":\"2026-11-25T03:00:00.000000000Z\",\"level\":\"" + level + "\",\"msg\":\"m\",\"event_type\":\""
        + type + "\",\"event_id\":\"" + id + "\",\"trace_id\":\"0af7651916cd43dd8448eb211c80319c\",\"latency_ms\":"
        + latency + ",\"logger\":\"events\"}\n";
  }

  @Test
  void readsLinesAsTheyAreWrittenAndCountsThemAgainstWhatWasPublished() throws Exception {
    Path file = dir.resolve("events.log");
    EventLog log = new EventLog(file);
    String first = line("a", "PriceUpdate", "info", 1.5);
    append(file, "{\"level\":\"info\",\"msg\":\"starting\",\"logger\":\"i.m.r.Micronaut\"}\n" + first.substring(0, 40));
    log.poll();
    assertThat(log.countLogged(List.of("a"))).isZero(); // half a line is not a line

    append(file, first.substring(40) + line("b", "StallEvent", "warn", 3.0) + line("a", "PriceUpdate", "info", 9)
        + line("old", "SlotUpdate", "info", 1) + "not json\n"
        + "{\"level\":\"error\",\"msg\":\"refused\",\"error_reason\":\"undecodable\",\"error_detail\":\"x\"}\n"
        + "{\"level\":\"error\",\"msg\":\"consumer loop stopped\",\"logger\":\"d.t.l.c.EventConsumer\"}\n");
    log.poll();
    LogSummary summary = log.summarize(Map.of("a", EventType.PRICE_UPDATE, "b", EventType.STALL_EVENT,
        "c", EventType.DRIFT_EVENT));

    assertThat(summary.logged()).containsEntry(EventType.PRICE_UPDATE, 1L).containsEntry(EventType.STALL_EVENT, 1L)
        .doesNotContainKey(EventType.DRIFT_EVENT);
    assertThat(summary.totalLogged()).isEqualTo(2);
    assertThat(summary.latency().p50()).isEqualTo(1.5);
    assertThat(summary.latency().max()).isEqualTo(3.0);
    assertThat(summary.warnLines()).isEqualTo(1);
    assertThat(summary.tracedLines()).isEqualTo(2);
    assertThat(summary.redeliveries()).isEqualTo(1);
    assertThat(summary.otherEvents()).isEqualTo(1);
    assertThat(summary.notJson()).isEqualTo(1);
    assertThat(summary.refused()).isEqualTo(1);
    assertThat(summary.refusedSamples()).containsExactly("undecodable: x");
    assertThat(summary.serviceErrors()).isEqualTo(1);
    assertThat(summary.lines()).isEqualTo(8);
  }

  @Test
  void percentilesAreByNearestRank() {
    Percentiles p = Percentiles.of(java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p99()).isEqualTo(99);
    assertThat(p.max()).isEqualTo(100);
    assertThat(Percentiles.of(List.of()).count()).isZero();
  }
}
