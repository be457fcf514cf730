package dev.tradingevents.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// jnats' Connection.close() declares InterruptedException, which try-with-resources warns about
@SuppressWarnings("try")
class ConfigFileServerTest {

  @RegisterExtension
  static final NatsServerExtension NATS = NatsServerExtension.builder()
      .configFile(resource("token-auth.conf"))
      .connectOptions(options -> options.token("s3cret".toCharArray()))
      .build();

  @Test
  void refusesAConnectionWithoutTheTokenTheConfigRequires(NatsTestServer nats) {
    Options withoutToken = Options.builder()
        .server(nats.url())
        .connectionTimeout(Duration.ofMillis(500))
        .maxReconnects(0)
        .errorListener(new QuietErrorListener())
        .build();

    assertThatThrownBy(() -> Nats.connect(withoutToken).close())
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void acceptsAConnectionWithTheToken(NatsTestServer nats) throws Exception {
    Options withToken = Options.builder()
        .server(nats.url())
        .token("s3cret".toCharArray())
        .build();

    try (Connection nc = Nats.connect(withToken)) {
      assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  @Test
  void connectsWithTheBuildersConnectOptionsAndServesJetStream(NatsTestServer nats) throws Exception {
    try (Connection nc = nats.connect(options -> options.connectionName("config-file-test"))) {
      assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      assertThat(nc.jetStreamManagement().getAccountStatistics()).isNotNull();
    }
  }

  @Test
  void replacesThePortOfTheConfigWithAFreePortOnLoopback(NatsTestServer nats) {
    assertThat(nats.port()).isNotEqualTo(4222);
    assertThat(nats.url()).isEqualTo("nats://127.0.0.1:" + nats.port());
  }

  @Test
  void failsToStartWithAHintWhenTheConfigNeedsCredentialsTheBuilderDoesNotGive() {
    NatsTestServer.Builder withoutCredentials = NatsTestServer.builder().configFile(resource("token-auth.conf"));

    assertThatThrownBy(withoutCredentials::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connectOptions");
  }

  private static Path resource(String name) {
    try {
      return Path.of(Objects.requireNonNull(ConfigFileServerTest.class.getResource("/" + name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
