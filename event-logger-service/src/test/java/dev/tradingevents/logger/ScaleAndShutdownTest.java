package dev.tradingevents.logger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.events.ArbitraryEvents;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.PublishReceipt;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.micronaut.context.ApplicationContext;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NatsServerExtension.class)
class ScaleAndShutdownTest {
  private static final EventType[] TYPES = EventType.values();

  @Test
  void twoInstancesSharingTheDurableLogEachEventOnce(NatsTestServer nats) throws Exception {
    ServiceHarness harness = new ServiceHarness(nats);
    // small batches and a stream of waves, so both instances are pulling while events arrive
    Map<String, Object> small = Map.of("trading-events.consumer.batch-size", 20);
    try (ApplicationContext a = harness.start(with(small, "trading-events.instance-id", "logger-a"));
        ApplicationContext b = harness.start(with(small, "trading-events.instance-id", "logger-b"));
        Connection connection = nats.connect()) {
      Set<String> ids = new java.util.HashSet<>();
      for (int wave = 0; wave < 10; wave++) {
        ids.addAll(publish(connection, harness, 300, wave * 300));
        Thread.sleep(200);
      }

      List<JsonNode> lines = harness.awaitLines(all -> eventIds(all).containsAll(ids));

      List<JsonNode> ours = lines.stream().filter(l -> ids.contains(l.path("event_id").asText())).toList();
      assertThat(ours).as("lines of the 3,000 events").hasSize(ids.size());
      assertThat(ours.stream().map(l -> l.path("instance").asText()).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("logger-a", "logger-b");
    }
  }

  @Test
  void aGracefulStopAcksWhatItHeldAndTheNextInstanceLogsTheRestOnce(NatsTestServer nats) throws Exception {
    ServiceHarness harness = new ServiceHarness(nats);
    try (Connection connection = nats.connect()) {
      ApplicationContext first = harness.start(Map.of("trading-events.instance-id", "first"));
      Set<String> beforeStop = publish(connection, harness, 3_000, 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> !eventIds(harness.lines()).isEmpty());

      first.close(); // stops pulling, logs and acks what it holds, flushes the acks
      var afterStop = connection.jetStreamManagement().getConsumerInfo(harness.stream, harness.durable);
      assertThat(afterStop.getNumAckPending()).as("delivered but not acked after a graceful stop").isZero();
      Set<String> loggedByFirst = eventIds(harness.lines());
      Set<String> whileDown = publish(connection, harness, 1_000, 3_000);

      try (ApplicationContext second = harness.start(Map.of("trading-events.instance-id", "second"))) {
        Set<String> all = new java.util.HashSet<>(beforeStop);
        all.addAll(whileDown);
        List<JsonNode> lines;
        try {
          lines = harness.awaitLines(found -> eventIds(found).containsAll(all));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          Set<String> missing = new java.util.HashSet<>(all);
          missing.removeAll(eventIds(harness.lines()));
          var info = connection.jetStreamManagement().getConsumerInfo(harness.stream, harness.durable);
          throw new AssertionError("missing " + missing.size() + " (before stop: "
              + missing.stream().filter(beforeStop::contains).count() + ", while down: "
              + missing.stream().filter(whileDown::contains).count() + "); consumer: pending " + info.getNumPending()
              + ", ack pending " + info.getNumAckPending() + ", redelivered " + info.getRedelivered()
              + ", waiting " + info.getNumWaiting() + ", delivered " + info.getDelivered() + ", ack floor " + info.getAckFloor(), e);
        }

        List<JsonNode> bySecond = lines.stream().filter(l -> l.path("instance").asText().equals("second")).toList();
        assertThat(bySecond.stream().map(l -> l.path("event_id").asText()).collect(Collectors.toSet()))
            .containsAll(whileDown)
            .doesNotContainAnyElementsOf(loggedByFirst);
        assertThat(lines.stream().filter(l -> all.contains(l.path("event_id").asText()))).hasSize(all.size());
      }
    }
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> properties = new java.util.HashMap<>(base);
    properties.put(key, value);
    return properties;
  }

  private static Set<String> publish(Connection connection, ServiceHarness harness, int count, int firstSeed)
      throws Exception {
    List<TradingEvent> events = new ArrayList<>();
    for (int i = firstSeed; i < firstSeed + count; i++) {
      events.add(new ArbitraryEvents(1000 + i).next(TYPES[i % TYPES.length]));
    }
    try (EventPublisher publisher = EventPublisher.builder(connection).subjects(harness.subjects)
        .openTelemetry(io.opentelemetry.api.OpenTelemetry.noop()).build()) {
      List<CompletableFuture<PublishReceipt>> futures = events.stream().map(publisher::publish).toList();
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, SECONDS);
    }
    return events.stream().map(TradingEvent::eventId).collect(Collectors.toSet());
  }

  private static Set<String> eventIds(List<JsonNode> lines) {
    return lines.stream().map(l -> l.path("event_id").asText()).filter(id -> !id.isEmpty()).collect(Collectors.toSet());
  }
}
