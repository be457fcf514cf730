package dev.tradingevents.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingevents.testsupport.NatsTestServer;
import dev.tradingevents.testsupport.TestCertificates;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way to authenticate, and TLS with certificates made in the test, against real servers that
 * require them; configured through the same NATS_* variables a process reads.
 */
@Tag("fault")
class NatsConnectionSettingsTest {
  private static final String PASSWORD = "pw-7f3a9c1e-secret";
  private static final String TOKEN = "tok-2b8d4e6f-secret";

  @TempDir
  static Path dir;
  static TestCertificates certificates;

  @BeforeAll
  static void makeCertificates() {
    certificates = TestCertificates.create(dir.resolve("tls"));
  }

  @Test
  void connectsWithUserAndPasswordFromTheEnvironment() throws Exception {
    try (NatsTestServer server = server("authorization { user: trader, password: \"" + PASSWORD + "\" }\n",
        o -> o.userInfo("trader", PASSWORD))) {
      assertConnects(Map.of("NATS_URL", server.url(), "NATS_USER", "trader", "NATS_PASSWORD", PASSWORD));
    }
  }

  @Test
  void connectsWithATokenFromTheEnvironment() throws Exception {
    try (NatsTestServer server = server("authorization { token: \"" + TOKEN + "\" }\n", o -> o.token(TOKEN.toCharArray()))) {
      assertConnects(Map.of("NATS_URL", server.url(), "NATS_TOKEN", TOKEN));
    }
  }

  @Test
  void connectsWithAnNkeySeedFile() throws Exception {
    NKey user = NKey.createUser(new SecureRandom());
    Path seed = dir.resolve("user.nk");
    Files.writeString(seed, new String(user.getSeed()), StandardCharsets.US_ASCII);
    String publicKey = new String(user.getPublicKey());
    NatsConnectionSettings settings = NatsConnectionSettings.fromEnvironment(Map.of("NATS_NKEY", seed.toString()));
    try (NatsTestServer server = server("authorization { users: [ { nkey: " + publicKey + " } ] }\n",
        o -> quietly(() -> o.authHandler(settings.toOptionsBuilder().build().getAuthHandler())))) {
      assertConnects(Map.of("NATS_URL", server.url(), "NATS_NKEY", seed.toString()));
    }
  }

  @Test
  void connectsWithMutualTlsFromPemFilesAndAPassword() throws Exception {
    Map<String, String> tls = Map.of("NATS_TLS_CA", certificates.ca().toString(),
        "NATS_TLS_CERT", certificates.clientCert().toString(), "NATS_TLS_KEY", certificates.clientKey().toString());
    NatsConnectionSettings probe = NatsConnectionSettings.fromEnvironment(tls);
    try (NatsTestServer server = server(certificates.serverTlsBlock()
            + "authorization { user: trader, password: \"" + PASSWORD + "\" }\n",
        o -> quietly(() -> o.sslContext(probe.toOptionsBuilder().build().getSslContext()).userInfo("trader", PASSWORD)))) {
      Map<String, String> env = new java.util.HashMap<>(tls);
      env.putAll(Map.of("NATS_URL", server.url(), "NATS_USER", "trader", "NATS_PASSWORD", PASSWORD));
      assertConnects(env);

      // without a client certificate the server refuses the handshake
      NatsConnectionSettings noClientCert = NatsConnectionSettings.builder().servers(server.url())
          .userInfo("trader", PASSWORD).tls(certificates.ca(), null, null).build();
      assertThatThrownBy(noClientCert::connect).isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("cannot connect to NATS");
    }
  }

  @Test
  void aWrongPasswordFailsOnceWithAClearErrorAndNoRetries() throws Exception {
    try (NatsTestServer server = server("authorization { user: trader, password: \"" + PASSWORD + "\" }\n",
        o -> o.userInfo("trader", PASSWORD))) {
      NatsConnectionSettings wrong = NatsConnectionSettings.fromEnvironment(
          Map.of("NATS_URL", server.url(), "NATS_USER", "trader", "NATS_PASSWORD", "not-the-password"));
      long before = violations(server);

      long started = System.nanoTime();
      assertThatThrownBy(wrong::connect).isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("refused user 'trader' with a password").hasMessageContaining("Authorization Violation")
          .hasMessageNotContaining("not-the-password");
      long millis = (System.nanoTime() - started) / 1_000_000;

      // the server saw one attempt, and no further one follows
      org.awaitility.Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5))
          .until(() -> violations(server) - before == 1);
      // jnats reports the refusal when its handshake gives up: within about one connection timeout (5 s)
      assertThat(millis).as("failing took").isLessThan(10_000);
      System.out.println("FAULT-FIGURES wrong-password: refused attempts=1, failed after " + millis + " ms");
    }
  }

  @Test
  void settingsNeverShowTheirSecretsAndNameTheBadVariable() {
    NatsConnectionSettings settings = NatsConnectionSettings.fromEnvironment(Map.of(
        "NATS_URL", "nats://admin:" + PASSWORD + "@10.0.0.1:4222, nats://10.0.0.2:4222", "NATS_USER", "trader",
        "NATS_PASSWORD", PASSWORD));
    assertThat(settings.servers()).hasSize(2);
    assertThat(settings.toString()).doesNotContain(PASSWORD).contains("user 'trader' with a password");
    assertThat(NatsConnectionSettings.fromEnvironment(Map.of("NATS_TOKEN", TOKEN)).toString()).doesNotContain(TOKEN);

    assertThatThrownBy(() -> NatsConnectionSettings.fromEnvironment(Map.of("NATS_CREDS", "/nope/user.creds")))
        .hasMessageContaining("NATS_CREDS").hasMessageContaining("/nope/user.creds");
    assertThatThrownBy(() -> NatsConnectionSettings.fromEnvironment(Map.of("NATS_USER", "a", "NATS_TOKEN", TOKEN)))
        .hasMessageContaining("one way to authenticate").hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> NatsConnectionSettings.fromEnvironment(Map.of("NATS_PASSWORD", PASSWORD)))
        .hasMessageContaining("NATS_USER").hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(() -> NatsConnectionSettings.fromEnvironment(Map.of("NATS_TLS_CERT", certificates.clientCert().toString())))
        .hasMessageContaining("NATS_TLS_KEY");
  }

  private static void assertConnects(Map<String, String> env) throws Exception {
    NatsConnectionSettings settings = NatsConnectionSettings.fromEnvironment(env);
    try (Connection connection = settings.connect()) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      connection.jetStreamManagement().getAccountStatistics(); // JetStream answers through it
    }
  }

  private static long violations(NatsTestServer server) {
    return server.recentOutput().lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("authentication error")
        || line.contains("Authorization Violation")).count();
  }

  private static NatsTestServer server(String config, Consumer<io.nats.client.Options.Builder> credentials) throws Exception {
    Path file = Files.createTempFile(dir, "server", ".conf");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    return NatsTestServer.builder().configFile(file).connectOptions(credentials).start();
  }

  private interface IoAction {
    void run() throws Exception;
  }

  private static void quietly(IoAction action) {
    try {
      action.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
