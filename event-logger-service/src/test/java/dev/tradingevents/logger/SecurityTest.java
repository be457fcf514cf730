package dev.tradingevents.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tradingevents.events.ArbitraryEvents;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.NatsConnectionSettings;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import dev.tradingevents.testsupport.TestCertificates;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Options;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service against servers that require credentials and TLS (certificates made in the test): it
 * connects and logs; a wrong credential stops the startup with a clear error after one attempt; secrets
 * appear neither in the log output nor in /health; management stays local and minimal.
 */
@Tag("fault")
class SecurityTest {
  private static final String PASSWORD = "pw-5e1d7a3b-logger-secret";
  private static final String TOKEN = "tok-9c4f2e8a-logger-secret";

  @TempDir
  static Path dir;
  static TestCertificates certificates;
  private final EventCodec codec = EventCodec.create();

  @BeforeAll
  static void makeCertificates() {
    certificates = TestCertificates.create(dir.resolve("tls"));
  }

  @Test
  void logsOverMutualTlsWithAnNkeySeed() throws Exception {
    NKey user = NKey.createUser(new SecureRandom());
    Path seed = dir.resolve("logger.nk");
    Files.writeString(seed, new String(user.getSeed()), StandardCharsets.US_ASCII);
    NatsConnectionSettings client = NatsConnectionSettings.builder().nkeyFile(seed)
        .tls(certificates.ca(), certificates.clientCert(), certificates.clientKey()).build();
    Options clientOptions = client.toOptionsBuilder().build();
    try (NatsTestServer server = server(certificates.serverTlsBlock()
        + "authorization { users: [ { nkey: " + new String(user.getPublicKey()) + " } ] }\n",
        o -> o.sslContext(clientOptions.getSslContext()).authHandler(clientOptions.getAuthHandler()))) {
      Map<String, Object> settings = new HashMap<>();
      settings.put("trading-events.nats.nkey-file", seed.toString());
      settings.put("trading-events.nats.tls.ca-file", certificates.ca().toString());
      settings.put("trading-events.nats.tls.cert-file", certificates.clientCert().toString());
      settings.put("trading-events.nats.tls.key-file", certificates.clientKey().toString());
      assertLogsAnEvent(server, settings, new String(user.getSeed()));
    }
  }

  @Test
  void logsWithAPasswordAndNeverShowsIt() throws Exception {
    try (NatsTestServer server = server("authorization { user: logger, password: \"" + PASSWORD + "\" }\n",
        o -> o.userInfo("logger", PASSWORD))) {
      assertLogsAnEvent(server, Map.of("trading-events.nats.username", "logger", "trading-events.nats.password", PASSWORD),
          PASSWORD);
    }
  }

  @Test
  void logsWithATokenAndNeverShowsIt() throws Exception {
    try (NatsTestServer server = server("authorization { token: \"" + TOKEN + "\" }\n", o -> o.token(TOKEN.toCharArray()))) {
      assertLogsAnEvent(server, Map.of("trading-events.nats.token", TOKEN), TOKEN);
    }
  }

  @Test
  void aWrongPasswordStopsTheStartupWithOneAttemptAndNamesTheSetting() throws Exception {
    try (NatsTestServer server = server("authorization { user: logger, password: \"" + PASSWORD + "\" }\n",
        o -> o.userInfo("logger", PASSWORD))) {
      ServiceHarness harness = new ServiceHarness(server);
      long before = violations(server);
      long logBefore = Files.exists(ServiceHarness.LOG_FILE) ? Files.size(ServiceHarness.LOG_FILE) : 0;

      assertThatThrownBy(() -> harness.start(Map.of("trading-events.nats.username", "logger",
          "trading-events.nats.password", "wrong-" + PASSWORD)))
          .hasStackTraceContaining("refused user 'logger' with a password (trading-events.nats.username / password)")
          .hasStackTraceContaining("Authorization Violation");

      // the server saw one attempt, and no further one follows
      await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> violations(server) - before == 1);
      String written = writtenSince(logBefore);
      assertThat(written).doesNotContain(PASSWORD);
    }
  }

  @Test
  @ExtendWith(NatsServerExtension.class)
  void managementCanBeBoundToLoopbackWithTheSensitiveEndpointsOff(NatsTestServer nats) throws Exception {
    ServiceHarness harness = new ServiceHarness(nats);
    try (ApplicationContext service = harness.start(Map.of("micronaut.server.host", "127.0.0.1"));
        HttpClient client = HttpClient.create(service.getBean(EmbeddedServer.class).getURL())) {
      EmbeddedServer http = service.getBean(EmbeddedServer.class);
      assertThat(http.getHost()).isEqualTo("127.0.0.1");
      for (String path : List.of("/env", "/beans", "/loggers", "/threaddump", "/refresh", "/routes", "/stop", "/info",
          "/caches")) {
        assertThatThrownBy(() -> client.toBlocking().retrieve(path)).as(path)
            .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
      }
      assertThat(client.toBlocking().retrieve("/health")).contains("\"status\"");
      // from another address of this machine, nothing answers
      InetAddress other = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
          .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst().orElse(null);
      if (other != null) {
        assertThatThrownBy(() -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(other, http.getPort()), 1_000);
          }
        }).isInstanceOf(java.io.IOException.class);
      }
    }
  }

  private void assertLogsAnEvent(NatsTestServer server, Map<String, Object> settings, String secret) throws Exception {
    ServiceHarness harness = new ServiceHarness(server);
    long logBefore = Files.exists(ServiceHarness.LOG_FILE) ? Files.size(ServiceHarness.LOG_FILE) : 0;
    try (ApplicationContext service = harness.start(settings);
        Connection connection = server.connect();
        HttpClient client = HttpClient.create(service.getBean(EmbeddedServer.class).getURL())) {
      TradingEvent event = new ArbitraryEvents(21).next(EventType.PRICE_UPDATE);
      connection.jetStream().publish(harness.subjects.subjectFor(event), codec.encode(event));
      harness.awaitLines(lines -> lines.stream().anyMatch(l -> event.eventId().equals(l.path("event_id").asText())));

      String health = client.toBlocking().retrieve("/health");
      assertThat(health).contains("\"status\":\"UP\"").doesNotContain(secret);
      String metrics = client.toBlocking().retrieve("/prometheus");
      assertThat(metrics).doesNotContain(secret);
      assertThat(service.getBean(dev.tradingevents.logger.nats.NatsConfiguration.class).toString()).doesNotContain(secret);
    }
    String written = writtenSince(logBefore);
    assertThat(written).contains("connected to NATS").doesNotContain(secret);
  }

  /** What the service wrote to the log file after this byte offset (the file holds other tests' lines too). */
  private static String writtenSince(long offset) throws java.io.IOException {
    byte[] all = Files.readAllBytes(ServiceHarness.LOG_FILE);
    return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
  }

  private static long violations(NatsTestServer server) {
    return server.recentOutput().lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("authentication error")
        || line.contains("Authorization Violation")).count();
  }

  private static NatsTestServer server(String config, Consumer<Options.Builder> credentials) throws Exception {
    Path file = Files.createTempFile(dir, "server", ".conf");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    return NatsTestServer.builder().configFile(file).connectOptions(credentials).start();
  }
}
