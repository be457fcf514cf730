package dev.tradingevents.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NatsServerExtension.class)
class ManagementEndpointsTest {

  @Test
  void healthIsUpWithConsumerDetailsAndNoSecrets(NatsTestServer nats) {
    ServiceHarness harness = new ServiceHarness(nats);
    try (ApplicationContext service = harness.start(Map.of("trading-events.nats.username", "trader",
            "trading-events.nats.password", "hunter2-secret"));
        HttpClient client = HttpClient.create(service.getBean(EmbeddedServer.class).getURL())) {
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        String health = client.toBlocking().retrieve("/health");
        assertThat(health).contains("\"status\":\"UP\"").contains("event-consumer")
            .contains(harness.durable).contains("\"nats_status\":\"CONNECTED\"").contains("\"pending\"");
        assertThat(health).doesNotContain("hunter2-secret");
      });
      assertThat(client.toBlocking().retrieve("/health/readiness")).contains("\"status\":\"UP\"");
    }
  }

  @Test
  void prometheusServesTheServiceMetrics(NatsTestServer nats) {
    ServiceHarness harness = new ServiceHarness(nats);
    try (ApplicationContext service = harness.start();
        HttpClient client = HttpClient.create(service.getBean(EmbeddedServer.class).getURL())) {
      String metrics = client.toBlocking().retrieve("/prometheus");

      assertThat(metrics).contains("trading_events_logged_total{event_type=\"PriceUpdate\"")
          .contains("trading_events_errors_total{reason=\"undecodable\"")
          .contains("trading_events_dead_lettered_total{reason=\"oversized\"")
          .contains("trading_events_consumer_pending")
          .contains("trading_events_end_to_end_latency_seconds_bucket");
    }
  }

  @Test
  void healthTurnsDownWhenNatsGoesAway() throws Exception {
    try (NatsTestServer own = NatsTestServer.builder().start()) {
      ServiceHarness harness = new ServiceHarness(own);
      try (ApplicationContext service = harness.start();
          HttpClient client = HttpClient.create(service.getBean(EmbeddedServer.class).getURL())) {
        own.stop();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
            client.toBlocking().exchange("/health/readiness", String.class).getStatus().getCode()).isEqualTo(503));
      } catch (io.micronaut.http.client.exceptions.HttpClientResponseException expected) {
        assertThat(expected.getStatus().getCode()).isEqualTo(503);
      }
    }
  }
}
