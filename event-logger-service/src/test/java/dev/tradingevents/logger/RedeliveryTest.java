package dev.tradingevents.logger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.micronaut.context.ApplicationContext;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failure while logging is retried through the server's redelivery, and never lost. */
@ExtendWith(NatsServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedeliveryTest {
  private final EventCodec codec = EventCodec.create();
  private ServiceHarness harness;
  private ApplicationContext service;
  private Connection connection;

  @BeforeAll
  void startService(NatsTestServer nats) throws Exception {
    harness = new ServiceHarness(nats);
    service = harness.start(Map.of("test.flaky-writer", "true", "trading-events.consumer.max-deliver", 3,
        "trading-events.consumer.nak-backoff", "100ms"));
    connection = nats.connect();
  }

  @AfterAll
  void stopService() throws Exception {
    connection.close();
    service.close();
  }

  @Test
  void anEventWhoseLineFailedIsNakedAndLoggedOnItsRedeliveryMarkedAsSuch() throws Exception {
    TradingEvent event = stall("flaky-1");
    connection.jetStream().publish(harness.subjects.subjectFor(event), codec.encode(event));

    List<JsonNode> lines = harness.awaitLines(all -> all.stream().anyMatch(l -> event.eventId().equals(l.path("event_id").asText())));

    JsonNode line = lines.stream().filter(l -> event.eventId().equals(l.path("event_id").asText())).findFirst().orElseThrow();
    assertThat(line.path("delivery_count").asInt()).isEqualTo(2);
    assertThat(line.path("redelivered").asBoolean()).isTrue();
  }

  @Test
  void anEventThatFailsOnEveryDeliveryIsDeadLetteredAfterMaxDeliver() throws Exception {
    TradingEvent event = stall("flaky-99");
    connection.jetStream().publish(harness.subjects.subjectFor(event),
        new io.nats.client.impl.Headers().put("Nats-Msg-Id", event.eventId()), codec.encode(event));

    List<JsonNode> lines = harness.awaitLines(all -> all.stream()
        .anyMatch(l -> event.eventId().equals(l.path("event_id").asText()) && l.has("error_reason")));

    JsonNode line = lines.stream().filter(l -> event.eventId().equals(l.path("event_id").asText())).findFirst().orElseThrow();
    assertThat(line.path("error_reason").asText()).isEqualTo("processing_failed");
    assertThat(line.path("delivery_count").asInt()).isEqualTo(3);
    assertThat(line.path("error_detail").asText()).contains("logging failed on all 3 deliveries").contains("injected output failure");
    List<Message> copies = connection.jetStream().subscribe(harness.deadLetterPrefix + ".>",
        PullSubscribeOptions.builder().stream(harness.deadLetterStream).build()).fetch(10, Duration.ofSeconds(2));
    assertThat(copies).anyMatch(m -> event.eventId().equals(m.getHeaders().getFirst(EventHeaders.DEAD_LETTER_ORIGINAL_MSG_ID)));
  }

  private static StallEvent stall(String source) {
    return new StallEvent(EventIds.newId(), Instant.now(), source, "tx-submit", 10, 100, 1);
  }
}
