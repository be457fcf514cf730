package dev.tradingevents.logger.nats;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import dev.tradingevents.logger.consume.ConsumerConfiguration;
import dev.tradingevents.publisher.NatsConnectionSettings;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one NATS connection, wired by hand rather than through micronaut-nats: its JetStream
 * listener acks a message whose handler failed, which would lose the event (see DESIGN.md).
 */
@Factory
@Requires(property = "trading-events.consumer.enabled", notEquals = "false")
public class NatsFactory {
  private static final Logger LOG = LoggerFactory.getLogger(NatsFactory.class);

  /**
   * A refusal seen once is final for this context: Micronaut asks again for the connection when the
   * next bean needing it is created during the failing startup, and each ask cost another refused
   * attempt (and another connection timeout) at the server.
   */
  private volatile ConfigurationException refused;

  /**
   * Connects at startup and fails it with a clear error when the servers cannot be reached or refuse
   * the credentials: a service that cannot consume must not look healthy. Once connected, reconnects
   * are unlimited and bounded by {@code reconnect-wait}.
   */
  @Singleton
  @Bean(preDestroy = "close")
  Connection connection(ConsumerConfiguration consumer, NatsConfiguration config, ConnectionState state)
      throws InterruptedException {
    // `consumer` is unused here on purpose: resolving it first validates every consumer setting, so an
    // invalid one (a negative batch-size) is reported by name instead of behind a connection error
    if (refused != null) {
      throw refused;
    }
    NatsConnectionSettings settings = settings(config);
    Options.Builder options;
    try {
      options = settings.toOptionsBuilder();
    } catch (IOException e) {
      throw new ConfigurationException("trading-events.nats: " + e.getMessage(), e);
    }
    options.connectionListener(state).errorListener(state);
    try {
      Connection connection = Nats.connect(options.build());
      LOG.info("connected to NATS {} as {} ({}{})", connection.getConnectedUrl() == null ? config.redactedServers()
          : connection.getConnectedUrl().replaceAll("//[^/@]*@", "//***@"), config.connectionName(),
          settings.credentialKind(), settings.tlsCa() != null || settings.tlsCert() != null ? ", TLS" : "");
      return connection;
    } catch (AuthenticationException e) {
      // refused credentials are not retried: the service stops and says which setting to fix
      refused = new ConfigurationException("NATS " + config.redactedServers() + " refused "
          + settings.credentialKind() + " (" + credentialSettings(config) + "): " + e.getMessage(), e);
      throw refused;
    } catch (IOException e) {
      throw new ConfigurationException("cannot connect to NATS " + config.redactedServers()
          + " (trading-events.nats.servers" + (settings.tlsCa() != null ? ", trading-events.nats.tls.*" : "") + "): "
          + e.getMessage(), e);
    }
  }

  private static NatsConnectionSettings settings(NatsConfiguration config) {
    try {
      NatsConnectionSettings.Builder builder = NatsConnectionSettings.builder()
          .servers(config.servers().toArray(String[]::new))
          .connectionName(config.connectionName())
          .connectionTimeout(config.connectionTimeout())
          .reconnectWait(config.reconnectWait())
          .credsFile(readable(config.credsFile(), "creds-file"))
          .nkeyFile(readable(config.nkeyFile(), "nkey-file"));
      if (config.username() != null) {
        builder.userInfo(config.username(), config.password());
      }
      if (config.token() != null) {
        builder.token(config.token());
      }
      NatsConfiguration.Tls tls = config.tls();
      if (tls != null && tls.enabled()) {
        builder.tls(readable(tls.caFile(), "tls.ca-file"), readable(tls.certFile(), "tls.cert-file"),
            readable(tls.keyFile(), "tls.key-file"));
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("trading-events.nats: " + e.getMessage(), e);
    }
  }

  private static Path readable(String file, String setting) {
    if (file == null || file.isBlank()) {
      return null;
    }
    if (!Files.isReadable(Path.of(file))) {
      throw new ConfigurationException("trading-events.nats." + setting + ": cannot read " + file);
    }
    return Path.of(file);
  }

  private static String credentialSettings(NatsConfiguration config) {
    if (config.username() != null) {
      return "trading-events.nats.username / password";
    }
    if (config.token() != null) {
      return "trading-events.nats.token";
    }
    if (config.credsFile() != null) {
      return "trading-events.nats.creds-file";
    }
    if (config.nkeyFile() != null) {
      return "trading-events.nats.nkey-file";
    }
    return "no credentials set: trading-events.nats.username / token / creds-file / nkey-file";
  }
}
