package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the publish harness end to end with tiny numbers against a real nats-server and checks its
 * report is complete. It checks that the harness works, never how fast anything is: a ratio measured in
 * a unit test on a shared machine is noise.
 */
class PublishBenchmarkSmokeTest {

  @Test
  void writesEveryFigureOfTheReport(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench/publish.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = PublishBenchmark.run(
        new String[] {"--events", "2000", "--rounds", "1", "--warmup-rounds", "0", "--window", "500",
            "--out", json.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).as("exit status; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
    for (String key : new String[] {"publish_ratio", "publish_ratio_no_tracing", "publish_events_per_s",
        "publish_no_tracing_events_per_s", "raw_publish_events_per_s", "alloc_bytes_per_publish",
        "alloc_bytes_per_publish_no_tracing", "raw_alloc_bytes_per_publish", "events", "rounds", "window",
        "message_body_bytes_avg", "message_header_bytes_avg", "cores", "slices"}) {
      assertThat(report.path(key).isNumber()).as("%s is a number in %s", key, report).isTrue();
      assertThat(report.path(key).asDouble()).as(key).isPositive();
    }
    assertThat(report.path("alloc_bytes_added_per_publish").isNumber()).isTrue();
    assertThat(report.path("java_version").asText()).isNotBlank();
    assertThat(report.path("nats_server_version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(report.path("all_runs_ok").asBoolean()).isTrue();
    assertThat(report.has("header_mismatch")).as("raw sends the headers EventPublisher sends").isFalse();
    // one round, no warm-up: one run per default variant
    assertThat(report.path("runs")).hasSize(Variant.DEFAULT.split(",").length);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("raw", "ours", "ours-sampled", "ours-notrace");
  }
}
