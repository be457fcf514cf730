package dev.tradingevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradingevents.testsupport.NatsTestServer;
import dev.tradingevents.testsupport.TestCertificates;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as processes against a server that requires mutual TLS and a password: the
 * simulator configured only by NATS_* variables, the logger only by TRADING_EVENTS_NATS_* ones. Events
 * flow; the password shows up in no output of either process nor in /health.
 */
@Tag("fault")
class SecurePipelineTest {
  private static final String PASSWORD = "pw-31c9e0d2-pipeline-secret";

  @TempDir
  Path dir;

  @Test
  void simulatorAndLoggerTalkOverMutualTlsWithAPasswordAndNeverPrintIt() throws Exception {
    TestCertificates tls = TestCertificates.create(dir.resolve("tls"));
    Path config = dir.resolve("server.conf");
    Files.writeString(config, tls.serverTlsBlock() + "authorization { user: trader, password: \"" + PASSWORD + "\" }\n");
    var clientTls = dev.tradingevents.publisher.NatsConnectionSettings.builder()
        .tls(tls.ca(), tls.clientCert(), tls.clientKey()).build().toOptionsBuilder().build().getSslContext();
    try (NatsTestServer server = NatsTestServer.builder().configFile(config)
        .connectOptions(o -> o.sslContext(clientTls).userInfo("trader", PASSWORD)).start();
        Connection connection = server.connect()) {
      String stream = NatsTestServer.uniqueName("SECURE");
      Map<String, String> loggerEnv = LoggerApp.consuming(server.url(), stream, "events.>", "logger-secure");
      loggerEnv.put("TRADING_EVENTS_NATS_USERNAME", "trader");
      loggerEnv.put("TRADING_EVENTS_NATS_PASSWORD", PASSWORD);
      loggerEnv.put("TRADING_EVENTS_NATS_TLS_CA_FILE", tls.ca().toString());
      loggerEnv.put("TRADING_EVENTS_NATS_TLS_CERT_FILE", tls.clientCert().toString());
      loggerEnv.put("TRADING_EVENTS_NATS_TLS_KEY_FILE", tls.clientKey().toString());
      Path log = dir.resolve("events.log");

      try (LoggerApp logger = LoggerApp.start(log, loggerEnv)) {
        logger.awaitReady(Duration.ofSeconds(60));

        Map<String, String> simulatorEnv = new HashMap<>();
        simulatorEnv.put("NATS_URL", server.url());
        simulatorEnv.put("NATS_USER", "trader");
        simulatorEnv.put("NATS_PASSWORD", PASSWORD);
        simulatorEnv.put("NATS_TLS_CA", tls.ca().toString());
        simulatorEnv.put("NATS_TLS_CERT", tls.clientCert().toString());
        simulatorEnv.put("NATS_TLS_KEY", tls.clientKey().toString());
        simulatorEnv.put("OTEL_TRACES_EXPORTER", "none");
        simulatorEnv.put("OTEL_METRICS_EXPORTER", "none");
        simulatorEnv.put("OTEL_LOGS_EXPORTER", "none");
        Path simulatorOut = dir.resolve("simulate.out");
        ProcessBuilder simulate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", Faults.samplesJar().toString(), "simulate", "--seconds", "3", "--rate", "300", "--stream", stream,
            "--progress-every", "0")
            .redirectErrorStream(true).redirectOutput(simulatorOut.toFile());
        simulate.environment().putAll(simulatorEnv);
        Process simulator = simulate.start();
        assertThat(simulator.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String simulatorText = Files.readString(simulatorOut, StandardCharsets.UTF_8);
        assertThat(simulator.exitValue()).as(simulatorText).isZero();

        Map<String, Integer> stored = StoredEvents.countById(connection, stream);
        assertThat(stored).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> EventLines.read(log).counts().keySet().containsAll(stored.keySet()));
        String health = logger.get("/health").body();
        Faults.report("secure-pipeline", String.format("stored=%d logged=%d lost=0 over mutual TLS + password",
            stored.size(), EventLines.read(log).counts().size()));

        for (String output : List.of(simulatorText, Files.readString(log, StandardCharsets.UTF_8), logger.stderr(),
            health, logger.get("/prometheus").body())) {
          assertThat(output).doesNotContain(PASSWORD);
        }
        assertThat(health).contains("\"status\":\"UP\"");
      }
    }
  }
}
