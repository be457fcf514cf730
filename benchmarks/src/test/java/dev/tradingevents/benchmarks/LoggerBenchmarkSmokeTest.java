package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the logger benchmark end to end with tiny numbers: a real nats-server, the real event-logger-service
 * jar as a child process, the raw consumer and one end-to-end rate. It checks that the report is complete
 * and the counts add up, never how fast anything is: a ratio or a latency measured in a unit test on a
 * shared machine is noise.
 */
class LoggerBenchmarkSmokeTest {
  /** The service's shaded jar, as the reactor builds it before this module (see the pom). */
  private static final Path LOGGER_JAR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../event-logger-service/target/event-logger-service.jar").normalize();

  @Test
  void writesEveryFigureOfTheReport(@TempDir Path dir) throws Exception {
    if (!Files.isRegularFile(LOGGER_JAR)) {
      fail("the logger benchmark runs the service from its jar, and " + LOGGER_JAR + " does not exist: build it"
          + " first (mvn -q -B package -DskipTests -pl event-logger-service -am), or run this test in the reactor"
          + " (mvn verify, or mvn verify -pl benchmarks -am), which packages event-logger-service before benchmarks");
    }
    // counts are rounded up to whole pull batches: the service's batch-size, read from its jar
    int batch = LoggerProcess.ConsumerDefaults.read(LOGGER_JAR).batchSize();
    int events = wholeBatches(2000, batch);
    Path json = dir.resolve("bench/logger.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = LoggerBenchmark.run(
        new String[] {"--events", "2000", "--rounds", "1", "--rates", "500", "--rate-seconds", "2",
            "--rate-rounds", "2", "--warmup-events", "512", "--logger-jar", LOGGER_JAR.toString(), "--out", json.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as("exit status; stdout: %s%nstderr: %s", printed, err.toString(StandardCharsets.UTF_8))
        .isZero();
    JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
    for (String key : new String[] {"logger_ratio", "logger_events_per_s", "raw_consumer_events_per_s",
        "logger_cold_events_per_s", "raw_consumer_cold_events_per_s", "logger_cpu_us_per_event", "logger_cpu_us_per_event_without_jit",
        "raw_consumer_jvm_cpu_us_per_event", "logger_server_cpu_us_per_event",
        "raw_consumer_server_cpu_us_per_event", "logger_startup_cpu_ms", "logger_rss_mb",
        "logger_rss_mb_after_backlog", "e2e_p50_ms_at_500", "e2e_p99_ms_at_500", "e2e_p999_ms_at_500",
        "e2e_max_ms_at_500", "e2e_logger_cpu_us_per_event_at_500", "logger_rss_mb_at_500", "events", "rounds",
        "rate_seconds", "cores", "message_body_bytes_avg"}) {
      assertThat(report.path(key).isNumber()).as("%s is a number in %s", key, report).isTrue();
      assertThat(report.path(key).asDouble()).as(key).isPositive();
    }
    assertThat(report.path("events").asInt()).as("2,000 rounded up to whole batches of %d", batch).isEqualTo(events);
    assertThat(report.path("warmup_events").asInt()).as("read before the measured ones")
        .isEqualTo(wholeBatches(512, batch));
    assertThat(report.path("e2e_kept_up_at_500").isBoolean()).isTrue();
    assertThat(report.path("logger_ratio_target_met").isBoolean()).isTrue();
    assertThat(report.path("e2e_p99_target_met").isNull()).as("5,000/s was not run").isTrue();
    assertThat(report.path("java_version").asText()).isNotBlank();
    assertThat(report.path("nats_server_version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(report.path("consumer_settings").path("batch_size").asInt()).isEqualTo(batch);
    assertThat(report.path("all_runs_ok").asBoolean()).as("problems: %s", report.path("problems")).isTrue();

    JsonNode runs = report.path("runs");
    assertThat(runs).hasSize(2);
    JsonNode logger = runs.get(1);
    assertThat(logger.path("consumer").asText()).isEqualTo("logger");
    assertThat(logger.path("event_lines").asInt()).isEqualTo(events);
    assertThat(logger.path("command").asText()).contains("-DEVENT_LOG_FILE=", "-jar");
    assertThat(logger.path("cpu_us_per_event_by_thread").has("event-consumer")).isTrue();
    assertThat(report.path("turn_ms").asInt()).as("the raw consumer and the logger ran by turns")
        .isEqualTo(LoggerBenchmarkOptions.DEFAULT_TURN_MILLIS);
    assertThat(report.path("raw_consumer").asText()).contains("RawPullConsumer");
    assertThat(runs.get(0).path("jvm_cpu_us_per_event").asDouble()).as("the raw child's own CPU").isPositive();
    assertThat(logger.path("stopped_ms").asDouble()).as("less than its lines' span")
        .isGreaterThanOrEqualTo(0).isLessThan(logger.path("lines_span_ms").asDouble());
    JsonNode phases = report.path("e2e");
    assertThat(phases).as("two rounds of the one rate").hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode phase = phases.get(i);
      assertThat(phase.path("round").asInt()).isEqualTo(i + 1);
      assertThat(phase.path("measured").asInt()).isEqualTo(1000);
      assertThat(phase.path("published").asInt()).as("with two batches of cool-down").isEqualTo(1000 + 2 * batch);
      assertThat(phase.path("event_lines").asInt()).as("lines of the measured events").isEqualTo(1000);
    }
    assertThat(report.path("rate_rounds").asInt()).isEqualTo(2);
    JsonNode p99s = report.path("e2e_p99_ms_at_500_by_round");
    assertThat(p99s).hasSize(2);
    assertThat(p99s.get(0).asDouble()).isEqualTo(phases.get(0).path("p99_ms").asDouble());
    assertThat(report.path("e2e_p99_ms_at_500").asDouble()).as("the median of the rounds' p99")
        .isCloseTo((p99s.get(0).asDouble() + p99s.get(1).asDouble()) / 2, within(1e-9));
    assertThat(report.path("e2e_p99_ms_at_500_pooled").asDouble()).as("over both rounds' lines")
        .isBetween(Math.min(p99s.get(0).asDouble(), p99s.get(1).asDouble()),
            Math.max(p99s.get(0).asDouble(), p99s.get(1).asDouble()));
    assertThat(printed).contains("raw jnats", "logger", "end to end");
  }

  private static int wholeBatches(int count, int batch) {
    return (count + batch - 1) / batch * batch;
  }
}
