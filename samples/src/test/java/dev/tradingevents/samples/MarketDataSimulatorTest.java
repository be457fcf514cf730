package dev.tradingevents.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingevents.events.ArbitrageOpportunity;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.events.SlotUpdate;
import dev.tradingevents.events.SystemLifecycle;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NatsServerExtension.class)
class MarketDataSimulatorTest {
  private final EventCodec codec = EventCodec.create();
  private String stream;
  private EventSubjects subjects;
  private Connection connection;

  @BeforeEach
  void createStream(NatsTestServer nats) throws Exception {
    stream = NatsTestServer.uniqueName("SIM");
    subjects = EventSubjects.withPrefix("t" + stream.toLowerCase());
    connection = nats.connect();
    StreamSetup.builder().name(stream).subjects(subjects).build().ensure(connection);
  }

  @AfterEach
  void closeConnection() throws InterruptedException {
    connection.close();
  }

  @Test
  void publishesEveryEventTypeWithVaryingRealisticValues() throws Exception {
    SimulationReport report;
    try (EventPublisher publisher = publisher().build()) {
      report = MarketDataSimulator.builder(publisher).rate(300).duration(Duration.ofSeconds(3)).seed(7).build().run();
    }
    List<TradingEvent> events = readStream(report.totalPublished());

    assertThat(report.ok()).as(report.summaryLine()).isTrue();
    assertThat(events).hasSize((int) report.totalPublished());
    Map<EventType, Long> byType = events.stream().collect(Collectors.groupingBy(TradingEvent::eventType, Collectors.counting()));
    assertThat(byType.keySet()).containsExactlyInAnyOrder(EventType.values());
    for (EventType type : EventType.values()) {
      assertThat(byType.get(type)).as(type.wireName()).isEqualTo(report.published(type));
    }
    // the mix: mostly prices and pool states, a few arbitrage opportunities
    assertThat(byType.get(EventType.PRICE_UPDATE)).isGreaterThan(byType.get(EventType.ARBITRAGE_OPPORTUNITY) * 4);
    assertThat(byType.get(EventType.POOL_STATE_CHANGE)).isGreaterThan(byType.get(EventType.LARGE_TRADE));

    // prices are random walks: SOL/USDC moves, and stays near its level
    List<PriceUpdate> solPrices = events.stream().filter(PriceUpdate.class::isInstance).map(PriceUpdate.class::cast)
        .filter(p -> p.tokenPair().equals("SOL/USDC")).toList();
    assertThat(solPrices.stream().map(p -> p.price().stripTrailingZeros()).distinct().count()).isGreaterThan(10);
    assertThat(solPrices).allSatisfy(p -> assertThat(p.price().doubleValue()).isBetween(150.0, 230.0));
    assertThat(events.stream().filter(PriceUpdate.class::isInstance).map(e -> ((PriceUpdate) e).source())
        .collect(Collectors.toSet())).contains("raydium", "orca", "meteora", "phoenix");

    // arbitrage: both kinds, profit mostly positive
    List<ArbitrageOpportunity> arbitrage = events.stream().filter(ArbitrageOpportunity.class::isInstance)
        .map(ArbitrageOpportunity.class::cast).toList();
    assertThat(arbitrage).extracting(ArbitrageOpportunity::kind)
        .contains(ArbitrageOpportunity.Kind.TWO_LEG, ArbitrageOpportunity.Kind.TRIANGULAR);
    long profitable = arbitrage.stream().filter(a -> a.profitUsd().signum() > 0).count();
    assertThat(profitable).as("profitable of %d", arbitrage.size()).isGreaterThan(arbitrage.size() * 7L / 10);

    // slots advance at Solana's pace: about 2.5 new slots a second
    List<SlotUpdate> processed = events.stream().filter(SlotUpdate.class::isInstance).map(SlotUpdate.class::cast)
        .filter(s -> s.commitment() == SlotUpdate.Commitment.PROCESSED).toList();
    assertThat(processed).hasSizeBetween(5, 9);
    assertThat(processed).extracting(SlotUpdate::slot).isSorted().doesNotHaveDuplicates();

    // lifecycle: STARTING first, STOPPED last
    List<SystemLifecycle.Phase> phases = events.stream().filter(SystemLifecycle.class::isInstance)
        .map(e -> ((SystemLifecycle) e).phase()).toList();
    assertThat(phases).containsExactly(SystemLifecycle.Phase.STARTING, SystemLifecycle.Phase.STARTED,
        SystemLifecycle.Phase.STOPPING, SystemLifecycle.Phase.STOPPED);
    assertThat(events.get(0)).isInstanceOf(SystemLifecycle.class);
    assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(SystemLifecycle.class,
        last -> assertThat(last.phase()).isEqualTo(SystemLifecycle.Phase.STOPPED));
    assertThat(events).allSatisfy(e -> assertThat(e.sourceService()).isEqualTo(MarketDataSimulator.DEFAULT_SOURCE));
  }

  @Test
  void theSameSeedGivesTheSameSequenceOfTypesAndValues() throws Exception {
    MarketModel first = new MarketModel(11, "a");
    MarketModel second = new MarketModel(11, "a");
    java.time.Instant now = java.time.Instant.parse("2026-11-25T00:00:00Z");
    for (int i = 0; i < 500; i++) {
      List<TradingEvent> a = first.next(now);
      List<TradingEvent> b = second.next(now);
      assertThat(a).hasSameSizeAs(b);
      for (int j = 0; j < a.size(); j++) {
        // ids differ; everything else is the same
        assertThat(codec.encodeToString(a.get(j)).replace(a.get(j).eventId(), ""))
            .isEqualTo(codec.encodeToString(b.get(j)).replace(b.get(j).eventId(), ""));
      }
    }
  }

  @Test
  void pacesPublishingToTheRate() throws Exception {
    SimulationReport report;
    try (EventPublisher publisher = publisher().build()) {
      report = MarketDataSimulator.builder(publisher).rate(200).duration(Duration.ofSeconds(2)).build().run();
    }
    // 400 market events, 5 slots, 9 lifecycle and connection events
    assertThat(report.totalPublished()).isBetween(250L, 450L);
    assertThat(report.lagged()).isZero();
  }

  @Test
  void makesAProducerSpanPerEventAndCarriesItsTraceContext() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SimulationReport report;
    List<SpanData> producers;
    try (OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
        EventPublisher publisher = publisher().openTelemetry(telemetry).build()) {
      report = MarketDataSimulator.builder(publisher).rate(100).duration(Duration.ofSeconds(1)).seed(3).build().run();
      // read before the SDK closes: shutting down the in-memory exporter forgets its spans
      producers = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.PRODUCER).toList();
    }
    assertThat(producers).hasSize((int) report.totalPublished());

    Set<String> traceIds = producers.stream().map(SpanData::getTraceId).collect(Collectors.toSet());
    List<Message> messages = readMessages(report.totalPublished());
    assertThat(messages).allSatisfy(message -> {
      String traceparent = message.getHeaders().getFirst("traceparent");
      assertThat(traceparent).isNotNull();
      assertThat(traceIds).contains(traceparent.split("-")[1]);
      assertThat(message.getHeaders().getFirst(EventHeaders.NATS_MSG_ID)).isNotBlank();
    });
  }

  @Test
  void stopEndsAnOpenEndedRunWithTheStopEvents() throws Exception {
    SimulationReport report;
    try (EventPublisher publisher = publisher().build()) {
      MarketDataSimulator simulator = MarketDataSimulator.builder(publisher).rate(50).duration(Duration.ZERO).build();
      CompletableFuture<SimulationReport> run = CompletableFuture.supplyAsync(simulator::run);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> simulator.progress().published() > 20);
      simulator.stop();
      report = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    List<TradingEvent> events = readStream(report.totalPublished());
    assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(SystemLifecycle.class, last -> {
      assertThat(last.phase()).isEqualTo(SystemLifecycle.Phase.STOPPED);
      assertThat(last.reason()).isEqualTo("stop requested");
    });
    assertThat(report.ok()).isTrue();
  }

  @Test
  void countsFailedPublishesPerType() throws Exception {
    SimulationReport report;
    // a stream that does not cover the subjects: every publish is refused
    try (EventPublisher publisher = EventPublisher.builder(connection)
        .subjects(EventSubjects.withPrefix("nowhere" + stream.toLowerCase())).maxRetries(0)
        .ackTimeout(Duration.ofSeconds(2)).build()) {
      report = MarketDataSimulator.builder(publisher).rate(20).duration(Duration.ofMillis(500)).build().run();
    }
    assertThat(report.ok()).isFalse();
    assertThat(report.totalPublished()).isZero();
    assertThat(report.failed(EventType.SYSTEM_LIFECYCLE)).isEqualTo(4);
    assertThat(report.totalFailed()).isGreaterThanOrEqualTo(9);
    assertThat(report.failureSamples()).isNotEmpty();
  }

  @Test
  void builderRefusesNonsenseAndNamesTheOption() throws Exception {
    try (EventPublisher publisher = publisher().build()) {
      assertThatThrownBy(() -> MarketDataSimulator.builder(publisher).rate(0)).hasMessageContaining("rate");
      assertThatThrownBy(() -> MarketDataSimulator.builder(publisher).rate(Double.NaN)).hasMessageContaining("rate");
      assertThatThrownBy(() -> MarketDataSimulator.builder(publisher).duration(Duration.ofSeconds(-1)))
          .hasMessageContaining("duration");
      assertThatThrownBy(() -> MarketDataSimulator.builder(publisher).sourceService(" "))
          .hasMessageContaining("sourceService");
    }
  }

  private EventPublisher.Builder publisher() {
    return EventPublisher.builder(connection).stream(stream).subjects(subjects);
  }

  private List<TradingEvent> readStream(long count) throws Exception {
    List<TradingEvent> events = new ArrayList<>();
    for (Message message : readMessages(count)) {
      events.add(codec.decode(message.getData()));
    }
    return events;
  }

  /** Everything in the stream, in stream order, by an ordered consumer. */
  private List<Message> readMessages(long count) throws Exception {
    JetStreamSubscription subscription = connection.jetStream()
        .subscribe(subjects.allEvents(), PushSubscribeOptions.builder().stream(stream).ordered(true).build());
    List<Message> messages = new ArrayList<>();
    try {
      while (messages.size() < count) {
        Message message = subscription.nextMessage(Duration.ofSeconds(5));
        assertThat(message).as("message %d of %d", messages.size() + 1, count).isNotNull();
        messages.add(message);
      }
      assertThat(subscription.nextMessage(Duration.ofMillis(200))).as("nothing beyond the count").isNull();
    } finally {
      subscription.unsubscribe();
    }
    return messages;
  }
}
