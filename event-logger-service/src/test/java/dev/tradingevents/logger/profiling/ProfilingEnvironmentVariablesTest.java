package dev.tradingevents.logger.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The environment variable names an operator uses (Micronaut's mapping of {@code TRADING_EVENTS_PYROSCOPE_*}),
 * proved in a child JVM whose only configuration is its environment.
 */
class ProfilingEnvironmentVariablesTest {

  @Test
  void configuresAndStartsProfilingFromEnvironmentVariables() throws Exception {
    Path output = Files.createTempFile("profiling-env-probe", ".log");
    try (IngestRecorder pyroscope = new IngestRecorder()) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                  ProfilingEnvProbe.class.getName())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("TRADING_EVENTS_") || name.startsWith("PYROSCOPE_"));
      env.put("TRADING_EVENTS_CONSUMER_ENABLED", "false");
      env.put("EVENT_LOG_FILE", output.toString() + ".json");
      env.put("TRADING_EVENTS_PYROSCOPE_ENABLED", "true");
      env.put("TRADING_EVENTS_PYROSCOPE_SERVER_ADDRESS", pyroscope.baseUrl());
      env.put("TRADING_EVENTS_PYROSCOPE_APPLICATION_NAME", "logger-from-env");
      env.put("TRADING_EVENTS_PYROSCOPE_TAGS_ENV", "demo");
      env.put("TRADING_EVENTS_PYROSCOPE_UPLOAD_INTERVAL", "1s");
      env.put("TRADING_EVENTS_PYROSCOPE_PROFILING_EVENT", "itimer");
      env.put("TRADING_EVENTS_PYROSCOPE_AUTH_TOKEN", "env-token");
      Process probe = builder.start();
      try {
        await()
            .atMost(Duration.ofSeconds(45))
            .untilAsserted(
                () ->
                    assertThat(pyroscope.requests())
                        .anySatisfy(
                            request -> {
                              assertThat(request.path()).isEqualTo("/ingest");
                              assertThat(request.query())
                                  .containsEntry("name", "logger-from-env{env=demo}");
                              assertThat(request.authorization()).isEqualTo("Bearer env-token");
                              assertThat(request.bodyBytes()).isPositive();
                            }));
      } finally {
        probe.destroy();
        probe.waitFor();
      }
      List<String> lines = Files.readAllLines(output);
      assertThat(lines)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("bound: ")
                      .contains(
                          "enabled=true",
                          "serverAddress=" + pyroscope.baseUrl(),
                          "applicationName=logger-from-env",
                          "tags={env=demo}",
                          "uploadInterval=PT1S",
                          "profilingEvent=itimer",
                          "authToken=***"))
          .contains("running: true");
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(Path.of(output + ".json"));
    }
  }
}
