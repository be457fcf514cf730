package dev.tradingevents.logger.health;

import dev.tradingevents.logger.consume.EventConsumer;
import dev.tradingevents.logger.nats.ConnectionState;
import dev.tradingevents.logger.nats.NatsConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.nats.client.Connection;
import io.nats.client.api.ConsumerInfo;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * Ready when the NATS connection is up and the consumer is pulling. Details show the servers (never
 * credentials), the stream, durable and lag, and the last connection problem.
 */
@Singleton
@Readiness
@Requires(property = "trading-events.consumer.enabled", notEquals = "false")
public class ConsumerHealthIndicator implements HealthIndicator {
  private final Connection connection;
  private final ConnectionState connectionState;
  private final EventConsumer consumer;
  private final NatsConfiguration nats;

  public ConsumerHealthIndicator(Connection connection, ConnectionState connectionState, EventConsumer consumer,
      NatsConfiguration nats) {
    this.connection = connection;
    this.connectionState = connectionState;
    this.consumer = consumer;
    this.nats = nats;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Connection.Status status = connection.getStatus();
    EventConsumer.State state = consumer.state();
    boolean up = status == Connection.Status.CONNECTED && state == EventConsumer.State.RUNNING;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("nats_status", status.name());
    details.put("nats_servers", nats.redactedServers());
    details.put("consumer_state", state.name());
    details.put("stream", consumer.configuration().stream());
    details.put("durable", consumer.configuration().durable());
    ConsumerInfo info = consumer.lastInfo();
    if (info != null) {
      details.put("pending", info.getNumPending());
      details.put("ack_pending", info.getNumAckPending());
      details.put("redelivered", info.getRedelivered());
    }
    if (connectionState.lastProblem() != null) {
      details.put("last_problem", connectionState.lastProblem());
    }
    if (consumer.failure() != null) {
      details.put("failure", consumer.failure());
    }
    return Publishers.just(HealthResult.builder("event-consumer", up ? HealthStatus.UP : HealthStatus.DOWN)
        .details(details).build());
  }
}
