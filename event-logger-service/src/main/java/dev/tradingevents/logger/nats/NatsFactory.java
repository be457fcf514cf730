package dev.tradingevents.logger.nats;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
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
   * Connects at startup and fails it with a clear error when the servers cannot be reached or refuse
   * the credentials: a service that cannot consume must not look healthy. Once connected, reconnects
   * are unlimited and bounded by {@code reconnect-wait}.
   */
  @Singleton
  @Bean(preDestroy = "close")
  Connection connection(NatsConfiguration config, ConnectionState state) throws InterruptedException {
    Options.Builder options = new Options.Builder()
        .servers(config.servers().toArray(String[]::new))
        .connectionName(config.connectionName())
        .connectionTimeout(config.connectionTimeout())
        .reconnectWait(config.reconnectWait())
        .maxReconnects(-1)
        .connectionListener(state)
        .errorListener(state);
    if (config.username() != null) {
      options.userInfo(config.username(), config.password() == null ? "" : config.password());
    }
    if (config.token() != null) {
      options.token(config.token().toCharArray());
    }
    if (config.credsFile() != null) {
      if (!Files.isReadable(Path.of(config.credsFile()))) {
        throw new ConfigurationException("trading-events.nats.creds-file: cannot read " + config.credsFile());
      }
      options.authHandler(Nats.credentials(config.credsFile()));
    }
    try {
      Connection connection = Nats.connect(options.build());
      LOG.info("connected to NATS {} as {}", connection.getConnectedUrl() == null ? config.redactedServers()
          : connection.getConnectedUrl().replaceAll("//[^/@]*@", "//***@"), config.connectionName());
      return connection;
    } catch (IOException e) {
      throw new ConfigurationException("cannot connect to NATS " + config.redactedServers()
          + " (trading-events.nats.servers): " + e.getMessage(), e);
    }
  }
}
