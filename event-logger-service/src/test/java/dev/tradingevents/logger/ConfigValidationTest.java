package dev.tradingevents.logger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An invalid setting stops the real Micronaut startup with an error that names it, before any
 * connection is tried (the servers here do not exist, so reaching them would be a different error).
 */
@Tag("fault")
class ConfigValidationTest {

  static List<Object[]> invalidSettings() {
    return List.of(
        new Object[] {"trading-events.consumer.batch-size", -5, "batchSize"},
        new Object[] {"trading-events.consumer.batch-size", 50_000, "batchSize"},
        new Object[] {"trading-events.consumer.max-deliver", 0, "maxDeliver"},
        new Object[] {"trading-events.consumer.max-ack-pending", 0, "maxAckPending"},
        new Object[] {"trading-events.consumer.pull-expires", "5 parsecs", "pull-expires"},
        new Object[] {"trading-events.consumer.ack-wait", "soon", "ack-wait"},
        new Object[] {"trading-events.nats.connection-timeout", "-", "connection-timeout"},
        new Object[] {"trading-events.nats.servers", List.of(), "servers"},
        new Object[] {"trading-events.consumer.durable", " ", "durable"},
        new Object[] {"trading-events.nats.creds-file", "/no/such/file.creds", "trading-events.nats.creds-file"},
        new Object[] {"trading-events.nats.tls.ca-file", "/no/such/ca.pem", "trading-events.nats.tls.ca-file"});
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("invalidSettings")
  void anInvalidValueStopsTheStartupNamingTheSetting(String setting, Object value, String named) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("trading-events.nats.servers", "nats://127.0.0.1:1");
    properties.put("micronaut.server.port", -1);
    properties.put(setting, value);

    assertThatThrownBy(() -> {
      try (ApplicationContext context = ApplicationContext.run(properties)) {
        context.getBean(io.micronaut.runtime.server.EmbeddedServer.class).start();
      }
    }).hasStackTraceContaining(named).satisfies(e -> System.out.println("CONFIG-ERROR " + setting + "=" + value
        + " -> " + rootMessage(e)));
  }

  private static String rootMessage(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.toString() : message.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse("");
  }
}
