package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bench} with tiny sizes against a real nats-server and the real logger jar, and checks that
 * results.json has every figure, every target, the machine facts, and that every part accounted for every
 * event. It asserts nothing about speed: a ratio or a latency measured in a unit test on a shared machine is
 * noise.
 */
@ExtendWith(NatsServerExtension.class)
class BenchCommandTest {
  /** The service's shaded jar, as the reactor builds it before this module (see the pom). */
  private static final Path LOGGER_JAR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../event-logger-service/target/event-logger-service.jar").normalize();

  @Test
  void outNamesAJsonFileOrElseADirectoryForResultsJson(@TempDir Path dir) {
    assertThat(BenchOptions.parse(new String[] {"--out", dir.toString()}, null).out()).isEqualTo(dir.resolve("results.json"));
    Path file = dir.resolve("mine.json");
    assertThat(BenchOptions.parse(new String[] {"--out", file.toString()}, null).out()).isEqualTo(file);
    Path newDirectory = dir.resolve("run-AA");
    assertThat(BenchOptions.parse(new String[] {"--out", newDirectory.toString()}, null).out())
        .isEqualTo(newDirectory.resolve("results.json"));
  }

  @Test
  void aFullRunTakesNinePublishAndReplayRoundsAndThreeRoundsOfEachRateAQuickRunOne() {
    BenchOptions full = BenchOptions.parse(new String[0], null);
    assertThat(full.publishRounds()).isEqualTo(9);
    assertThat(full.replayRounds()).isEqualTo(9);
    assertThat(full.rateRounds()).isEqualTo(3);
    BenchOptions quick = BenchOptions.parse(new String[] {"--quick"}, null);
    assertThat(quick.publishRounds()).isEqualTo(1);
    assertThat(quick.replayRounds()).isEqualTo(1);
    assertThat(quick.rateRounds()).isEqualTo(1);
    assertThat(BenchOptions.parse(new String[] {"--quick", "--rate-rounds", "2"}, null).rateRounds()).isEqualTo(2);
  }

  @Test
  void namesTheGoGcSettingsItsOwnServerInheritsFromTheEnvironment() {
    assertThat(BenchServer.goGcSettings(Map.of())).isEqualTo("Go GC defaults");
    assertThat(BenchServer.goGcSettings(Map.of("GOGC", "off", "GOMEMLIMIT", "2GiB")))
        .isEqualTo("GOGC=off GOMEMLIMIT=2GiB");
    assertThat(BenchServer.goGcSettings(Map.of("GOMEMLIMIT", "1GiB"))).isEqualTo("GOGC=100 GOMEMLIMIT=1GiB");
  }

  @Test
  void namesTheHugePagesSettingItsOwnServerInheritsFromTheKernelsStatusLine() {
    assertThat(BenchServer.hugePagesSetting(List.of("Name:\tjava", "THP_enabled:\t0", "Threads:\t30")))
        .isEqualTo("transparent huge pages off");
    assertThat(BenchServer.hugePagesSetting(List.of("THP_enabled:\t1"))).isEqualTo("transparent huge pages on");
    assertThat(BenchServer.hugePagesSetting(List.of("Name:\tjava"))).as("an older kernel").isNull();
  }

  @Test
  void writesEveryFigureTargetAndMachineFactWithEveryEventAccountedFor(NatsTestServer server, @TempDir Path dir)
      throws Exception {
    if (!Files.isRegularFile(LOGGER_JAR)) {
      fail("bench runs the service from its jar, and " + LOGGER_JAR + " does not exist: build it first (mvn -q -B"
          + " package -DskipTests -pl event-logger-service -am), or run this test in the reactor (mvn verify -pl"
          + " benchmarks -am), which packages event-logger-service before benchmarks");
    }
    Path results = dir.resolve("bench/results.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = BenchCommand.run(
        new String[] {"--quick", "--publish-events", "2000", "--logger-events", "2000", "--rate-seconds", "1",
            "--warmup-events", "256", "--replay-events", "2000", "--publish-java-opts", "-Xms96m -Xmx96m",
            "--nats-url", server.url(), "--logger-jar",
            LOGGER_JAR.toString(), "--out", results.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as("exit status; stdout: %s%nstderr: %s", printed, err.toString(StandardCharsets.UTF_8))
        .isZero();
    JsonNode report = JsonMapper.builder().build().readTree(results.toFile());
    for (String key : BenchCommand.KEYS) {
      assertThat(report.path(key).isNumber()).as("%s is a number in %s", key, report).isTrue();
      assertThat(report.path(key).asDouble()).as(key).isPositive();
    }
    for (String key : new String[] {"publish_ratio", "logger_ratio", "replay_ratio", "e2e_p99_ms_at_5k",
        "alloc_bytes_per_publish", "alloc_bytes_added_per_publish", "logger_rss_mb"}) {
      assertThat(report.path("targets").path(key).asText()).as("target of %s", key).matches("[<>]= [\\d.]+.*");
      assertThat(report.path("targets_met").path(key).isBoolean()).as("targets_met.%s", key).isTrue();
    }
    assertThat(report.path("quick").asBoolean()).isTrue();
    JsonNode machine = report.path("machine");
    assertThat(machine.path("cores").asInt()).isPositive();
    assertThat(machine.path("java_version").asText()).isNotBlank();
    assertThat(machine.path("nats_server_version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(machine.path("nats_server_go_gc").isNull()).as("unknown for a server the benchmark did not start")
        .isTrue();
    assertThat(report.path("command_line").asText()).contains("BenchCommand", "--quick", "--replay-events 2000");
    assertThat(report.path("logger_java_opts").asText()).isEqualTo(BenchOptions.DEFAULT_LOGGER_JAVA_OPTS);

    // every event accounted for, part by part
    assertThat(report.path("all_runs_ok").asBoolean()).as("problems: %s", report.path("problems")).isTrue();
    assertThat(report.path("problems")).isEmpty();
    JsonNode publish = report.path("parts").path("publish").path("report");
    assertThat(publish.path("runs")).as("warm-up and one round of raw and ours").hasSize(4);
    assertThat(publish.path("jvm_args").asText()).as("the publish part ran in a JVM of its own, with its options")
        .contains("-Xms96m -Xmx96m");
    assertThat(publish.path("max_heap_bytes").asLong()).isLessThanOrEqualTo(96L << 20);
    assertThat(report.path("publish_java_opts").asText()).isEqualTo("-Xms96m -Xmx96m");
    publish.path("runs").forEach(run -> {
      assertThat(run.path("stored").asInt()).as("stored by %s", run).isEqualTo(2000);
      assertThat(run.path("failures").asInt()).isZero();
      assertThat(run.path("server_cpu_us_per_publish").asDouble()).as("the server's CPU, read from its own JVM")
          .isPositive();
    });
    JsonNode logger = report.path("parts").path("logger").path("report");
    int batch = LoggerProcess.ConsumerDefaults.read(LOGGER_JAR).batchSize();
    assertThat(logger.path("runs").get(1).path("event_lines").asInt()).as("2,000 rounded up to batches of %d", batch)
        .isEqualTo((2000 + batch - 1) / batch * batch);
    assertThat(logger.path("e2e")).hasSize(3);
    logger.path("e2e").forEach(phase -> assertThat(phase.path("event_lines").asInt()).as("lines of %s", phase)
        .isEqualTo(phase.path("measured").asInt()));
    assertThat(logger.path("logger_java_opts").asText()).isEqualTo("-Xmx256m -XX:+UseSerialGC");
    JsonNode replayRun = report.path("parts").path("replay").path("report").path("runs").get(0);
    assertThat(replayRun.path("replay_events").asInt()).isEqualTo(2000);
    assertThat(replayRun.path("replay_lines").asInt()).isEqualTo(2000);
    assertThat(replayRun.path("exit_code").asInt()).isZero();
    assertThat(report.path("parts").path("replay").path("report").path("turn_ms").asInt())
        .as("the replay and its pull baseline ran by turns").isEqualTo(ReplayBenchmarkOptions.DEFAULT_TURN_MILLIS);
    assertThat(replayRun.path("replay_stopped_seconds").asDouble()).as("less than its whole time")
        .isGreaterThanOrEqualTo(0).isLessThan(replayRun.path("replay_seconds").asDouble());
    assertThat(replayRun.path("raw_events_per_s").asDouble()).as("the pull baseline read all").isPositive();
    assertThat(replayRun.path("raw_push_events_per_s").asDouble()).as("the push one too").isPositive();
    assertThat(report.path("replay_ratio_vs_push").isNumber()).isTrue();
    assertThat(replayRun.path("replay_jvm_cpu_s").asDouble()).as("the replay child's CPU, read once it ended")
        .isPositive();
    assertThat(replayRun.path("raw_jvm_cpu_s").asDouble()).as("the raw reader's").isPositive();
    assertThat(report.path("replay_jvm_cpu_us_per_event").asDouble()).isPositive();
    assertThat(report.path("raw_replay_jvm_cpu_us_per_event").asDouble()).isPositive();

    assertThat(printed).as("the publish JVM's output is copied into the command's")
        .contains("== 1/3 publish", "round 1 ours", "JSON report: ");
    assertThat(printed).contains("== summary (QUICK: indicative figures only) ==", "publish events/s",
        "consume + log events/s", "replay events/s", "JVM CPU µs/event (information)", "e2e ms at 5k/s",
        "logger RSS MB");
    assertThat(dir.resolve("bench/publish.json")).exists();
    assertThat(dir.resolve("bench/logger.json")).exists();
    assertThat(dir.resolve("bench/replay.json")).exists();
  }
}
