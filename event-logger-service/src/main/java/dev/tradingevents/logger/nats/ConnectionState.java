package dev.tradingevents.logger.nats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connection has been through, for health and metrics: connection events as they happen and
 * the errors jnats reports (slow consumer, heartbeat alarm), which count as unhealthy until the next
 * (re)connect.
 */
@Singleton
public class ConnectionState implements ConnectionListener, ErrorListener {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionState.class);

  private final AtomicReference<Connection.Status> status = new AtomicReference<>(Connection.Status.DISCONNECTED);
  private final AtomicReference<String> lastProblem = new AtomicReference<>();
  private final Counter reconnects;
  private final Counter errors;

  public ConnectionState(MeterRegistry registry) {
    this.reconnects = Counter.builder("trading.events.nats.reconnects").description("NATS reconnects").register(registry);
    this.errors = Counter.builder("trading.events.nats.errors").description("Errors jnats reported").register(registry);
  }

  @Override
  public void connectionEvent(Connection connection, Events event) {
    status.set(connection.getStatus());
    switch (event) {
      case CONNECTED, RECONNECTED, RESUBSCRIBED -> lastProblem.set(null);
      case DISCONNECTED -> LOG.warn("NATS disconnected; reconnecting");
      case CLOSED -> LOG.info("NATS connection closed");
      default -> { }
    }
    if (event == Events.RECONNECTED) {
      reconnects.increment();
      LOG.info("NATS reconnected to {}", connection.getConnectedUrl());
    }
  }

  @Override
  public void errorOccurred(Connection connection, String error) {
    errors.increment();
    lastProblem.set(error);
    LOG.error("NATS error: {}", error);
  }

  @Override
  public void exceptionOccurred(Connection connection, Exception exp) {
    errors.increment();
    lastProblem.set(exp.getClass().getSimpleName() + ": " + exp.getMessage());
    LOG.warn("NATS exception: {}", exp.toString());
  }

  @Override
  public void slowConsumerDetected(Connection connection, Consumer consumer) {
    errors.increment();
    lastProblem.set("slow consumer");
    LOG.warn("NATS slow consumer detected");
  }

  @Override
  public void heartbeatAlarm(Connection conn, io.nats.client.JetStreamSubscription sub, long lastStreamSequence,
      long lastConsumerSequence) {
    errors.increment();
    lastProblem.set("heartbeat alarm at stream sequence " + lastStreamSequence);
    LOG.warn("JetStream heartbeat alarm (last stream sequence {})", lastStreamSequence);
  }

  /** The last status jnats reported. */
  public Connection.Status status() {
    return status.get();
  }

  /** The last problem since the last (re)connect, or null. */
  public String lastProblem() {
    return lastProblem.get();
  }
}
