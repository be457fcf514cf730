package dev.tradingevents.logger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.events.ArbitraryEvents;
import dev.tradingevents.events.ConnectionEvent;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.events.SystemLifecycle;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.micronaut.context.ApplicationContext;
import io.nats.client.Connection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lines the service writes for valid events: the log-line contract, checked on real output. */
@ExtendWith(NatsServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventLinesTest {
  private static final Set<String> RESERVED = Set.of("service", "level", "timestamp", "msg", "subject", "instance");
  private final EventCodec codec = EventCodec.create();
  private final Producers producers = new Producers();
  private ServiceHarness harness;
  private ApplicationContext service;
  private Connection connection;
  private EventPublisher publisher;

  @BeforeAll
  void startService(NatsTestServer nats) throws Exception {
    harness = new ServiceHarness(nats);
    service = harness.start(Map.of("trading-events.instance-id", "logger-a"));
    connection = nats.connect();
    publisher = producers.publisher(connection, harness.subjects);
  }

  @AfterAll
  void stopService() throws Exception {
    publisher.close();
    connection.close();
    service.close();
  }

  @Test
  void everyEventTypeBecomesOneFlatJsonLineWithEveryFieldAtTopLevel() throws Exception {
    List<TradingEvent> events = new ArrayList<>();
    for (long seed = 0; seed < 5; seed++) {
      events.addAll(new ArbitraryEvents(seed).oneOfEach());
    }
    for (TradingEvent event : events) {
      publisher.publish(event).get(10, SECONDS);
    }
    Map<String, JsonNode> lines = linesFor(events);

    for (TradingEvent event : events) {
      JsonNode line = lines.get(event.eventId());
      assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
      assertThat(line.path("level").asText()).isIn("info", "warn", "error");
      assertThat(line.path("service").asText()).isEqualTo("event-logger-service");
      assertThat(line.path("msg").asText()).startsWith(event.eventType().wireName());
      assertThat(line.path("event_type").asText()).isEqualTo(event.eventType().wireName());
      assertThat(line.path("subject").asText()).isEqualTo(harness.subjects.subjectFor(event));
      assertThat(line.path("stream_seq").asLong()).isPositive();
      assertThat(line.path("delivery_count").asLong()).isEqualTo(1);
      assertThat(line.has("redelivered")).isFalse();
      assertThat(line.path("latency_ms").isNumber()).isTrue();
      assertThat(line.path("span_id").asText()).matches("[0-9a-f]{16}");
      assertThat(line.path("instance").asText()).isEqualTo("logger-a");
      assertThat(line.has("trace_error")).isFalse();
      JsonNode payload = ServiceHarness.JSON.readTree(codec.encode(event));
      for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = RESERVED.contains(field.getKey()) ? "event_" + field.getKey() : field.getKey();
        assertThat(line.get(name)).as("%s.%s", event.eventType().wireName(), name).isNotNull();
        assertThat(line.get(name)).as("%s.%s", event.eventType().wireName(), name).isEqualTo(field.getValue());
      }
    }
  }

  @Test
  void theLineCarriesTheProducersTraceId() throws Exception {
    TradingEvent event = new ArbitraryEvents(77).next(dev.tradingevents.events.EventType.ARBITRAGE_OPPORTUNITY);
    publisher.publish(event).get(10, SECONDS);

    JsonNode line = linesFor(List.of(event)).get(event.eventId());

    assertThat(line.path("trace_id").asText()).isEqualTo(producers.traceIdOf(event.eventId()));
  }

  @Test
  void spansHaveRoomForAFewLinksNotTheSdksDefault128() {
    // the consumer span of every event has one link; the SDK sizes each span's link list for the limit
    io.opentelemetry.sdk.trace.SpanLimits limits = service.getBean(io.opentelemetry.sdk.OpenTelemetrySdk.class)
        .getSdkTracerProvider().getSpanLimits();
    assertThat(limits.getMaxNumberOfLinks()).isEqualTo(8);
  }

  @Test
  void decimalsInTheLineKeepEveryDigit() throws Exception {
    TradingEvent event = new dev.tradingevents.events.PriceUpdate(EventIds.newId(), Instant.now(), "svc", "SOL/USDC",
        new BigDecimal("0.000000000000000001"), "orca", 1);
    publisher.publish(event).get(10, SECONDS);

    linesFor(List.of(event));
    String raw = ServiceHarness.rawLineOf(event.eventId());

    assertThat(raw).contains("\"price\":0.000000000000000001");
  }

  @Test
  void levelsFlagWhatNeedsAttention() throws Exception {
    Instant now = Instant.now();
    TradingEvent stall = new StallEvent(EventIds.newId(), now, "executor", "tx-submit", 900, 500, 1);
    TradingEvent longStall = new StallEvent(EventIds.newId(), now, "executor", "tx-submit", 5_000, 500, 1);
    TradingEvent down = new ConnectionEvent(EventIds.newId(), now, "scanner", ConnectionEvent.TargetKind.RPC, "rpc-1",
        ConnectionEvent.State.DISCONNECTED, 1, "timeout");
    TradingEvent failedConnection = new ConnectionEvent(EventIds.newId(), now, "scanner", ConnectionEvent.TargetKind.WEBSOCKET,
        "ws-1", ConnectionEvent.State.FAILED, 9, "gave up");
    TradingEvent crashed = new SystemLifecycle(EventIds.newId(), now, "supervisor", "executor", SystemLifecycle.Phase.FAILED,
        "1.2.0", "OutOfMemoryError");
    TradingEvent started = new SystemLifecycle(EventIds.newId(), now, "executor", "executor", SystemLifecycle.Phase.STARTED,
        null, null);
    List<TradingEvent> events = List.of(stall, longStall, down, failedConnection, crashed, started);
    for (TradingEvent event : events) {
      publisher.publish(event).get(10, SECONDS);
    }

    Map<String, JsonNode> lines = linesFor(events);

    assertThat(lines.get(stall.eventId()).path("level").asText()).isEqualTo("warn");
    assertThat(lines.get(longStall.eventId()).path("level").asText()).isEqualTo("error");
    assertThat(lines.get(down.eventId()).path("level").asText()).isEqualTo("warn");
    assertThat(lines.get(failedConnection.eventId()).path("level").asText()).isEqualTo("error");
    assertThat(lines.get(crashed.eventId()).path("level").asText()).isEqualTo("error");
    assertThat(lines.get(started.eventId()).path("level").asText()).isEqualTo("info");
    // the lifecycle's own "service" field must not replace the line's service, which Loki labels by
    assertThat(lines.get(crashed.eventId()).path("service").asText()).isEqualTo("event-logger-service");
    assertThat(lines.get(crashed.eventId()).path("event_service").asText()).isEqualTo("executor");
  }

  @Test
  void theFieldsTheSeedQueriesReadAreTopLevelScalars() throws Exception {
    TradingEvent arbitrage = new ArbitraryEvents(5).next(dev.tradingevents.events.EventType.ARBITRAGE_OPPORTUNITY);
    TradingEvent price = new ArbitraryEvents(6).next(dev.tradingevents.events.EventType.PRICE_UPDATE);
    publisher.publish(arbitrage).get(10, SECONDS);
    publisher.publish(price).get(10, SECONDS);

    Map<String, JsonNode> lines = linesFor(List.of(arbitrage, price));

    // | json | event_type="ArbitrageOpportunity" | line_format "{{.profit_usd}}"
    assertThat(lines.get(arbitrage.eventId()).path("profit_usd").isNumber()).isTrue();
    assertThat(lines.get(arbitrage.eventId()).path("dex_pair").isTextual()).isTrue();
    // sum by (source) (count_over_time({service="event-logger-service"} | json | event_type="PriceUpdate" ...))
    assertThat(lines.get(price.eventId()).path("source").isTextual()).isTrue();
    // line_format "{{.timestamp}} [{{.level}}] {{.event_type}}: {{.msg}}"
    for (JsonNode line : lines.values()) {
      for (String field : List.of("timestamp", "level", "event_type", "msg", "service")) {
        assertThat(line.path(field).isTextual()).as(field).isTrue();
      }
    }
  }

  private Map<String, JsonNode> linesFor(List<TradingEvent> events) {
    Set<String> ids = events.stream().map(TradingEvent::eventId).collect(Collectors.toSet());
    List<JsonNode> lines = harness.awaitLines(all -> all.stream().map(l -> l.path("event_id").asText())
        .collect(Collectors.toSet()).containsAll(ids));
    return lines.stream().filter(l -> ids.contains(l.path("event_id").asText()))
        .collect(Collectors.toMap(l -> l.path("event_id").asText(), Function.identity(), (a, b) -> a));
  }
}
