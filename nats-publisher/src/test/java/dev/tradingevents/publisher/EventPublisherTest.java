package dev.tradingevents.publisher;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingevents.events.ArbitraryEvents;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NatsServerExtension.class)
class EventPublisherTest {
  private final EventCodec codec = EventCodec.create();
  private String stream;
  private EventSubjects subjects;
  private Connection connection;

  @BeforeEach
  void createStream(NatsTestServer nats) throws Exception {
    stream = NatsTestServer.uniqueName("EVENTS");
    subjects = EventSubjects.withPrefix("t" + stream.toLowerCase());
    connection = nats.connect();
    StreamSetup.builder().name(stream).subjects(subjects).build().ensure(connection);
  }

  @AfterEach
  void closeConnection() throws InterruptedException {
    connection.close();
  }

  @Test
  void publishesEveryEventTypeToItsSubjectWithItsIdentityInTheHeaders() throws Exception {
    try (EventPublisher publisher = publisher().build()) {
      for (TradingEvent event : new ArbitraryEvents(42).oneOfEach()) {
        PublishReceipt receipt = publisher.publish(event).get(10, SECONDS);

        MessageInfo stored = connection.jetStreamManagement().getMessage(stream, receipt.sequence());
        Headers headers = stored.getHeaders();
        assertThat(receipt.stream()).isEqualTo(stream);
        assertThat(receipt.duplicate()).isFalse();
        assertThat(receipt.attempts()).isEqualTo(1);
        assertThat(stored.getSubject()).isEqualTo(subjects.subjectFor(event.eventType()));
        assertThat(codec.decode(stored.getData())).isEqualTo(event);
        assertThat(headers.getFirst(EventHeaders.NATS_MSG_ID)).isEqualTo(event.eventId());
        assertThat(headers.getFirst(EventHeaders.CE_ID)).isEqualTo(event.eventId());
        assertThat(headers.getFirst(EventHeaders.CE_SPECVERSION)).isEqualTo("1.0");
        assertThat(headers.getFirst(EventHeaders.CE_TYPE)).isEqualTo(event.eventType().wireName());
        assertThat(headers.getFirst(EventHeaders.CE_SOURCE)).isEqualTo(event.sourceService());
        assertThat(Instant.parse(headers.getFirst(EventHeaders.CE_TIME))).isEqualTo(event.occurredAt());
        assertThat(headers.getFirst(EventHeaders.CE_DATASCHEMA)).isEqualTo(EventHeaders.dataSchema(event.eventType()));
        assertThat(headers.getFirst(EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(headers.getFirst(EventHeaders.SCHEMA_VERSION)).isEqualTo("1");
      }
    }
  }

  @Test
  void storesTheSameEventOnceWhenItIsPublishedTwice() throws Exception {
    TradingEvent event = new ArbitraryEvents(1).next(dev.tradingevents.events.EventType.PRICE_UPDATE);
    try (EventPublisher publisher = publisher().build()) {
      PublishReceipt first = publisher.publish(event).get(10, SECONDS);
      PublishReceipt second = publisher.publish(event).get(10, SECONDS);

      assertThat(second.duplicate()).isTrue();
      assertThat(second.sequence()).isEqualTo(first.sequence());
      assertThat(connection.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
    }
  }

  @Test
  void carriesTheProducerTraceToTheConsumer() throws Exception {
    Tracing tracing = new Tracing();
    TradingEvent event = new ArbitraryEvents(2).next(dev.tradingevents.events.EventType.ARBITRAGE_OPPORTUNITY);
    try (EventPublisher publisher = publisher().openTelemetry(tracing.openTelemetry).build()) {
      publisher.publish(event).get(10, SECONDS);
    }
    JetStreamSubscription subscription = connection.jetStream()
        .subscribe(subjects.allEvents(), PullSubscribeOptions.builder().stream(stream).build());
    Message message = subscription.fetch(1, Duration.ofSeconds(5)).get(0);
    var process = dev.tradingevents.tracing.EventTracing.create(tracing.openTelemetry).startProcess(message);
    process.end();

    var producer = tracing.spans().stream().filter(s -> s.getName().startsWith("publish ")).findFirst().orElseThrow();
    assertThat(producer.getName()).isEqualTo("publish " + subjects.subjectFor(event.eventType()));
    assertThat(producer.getKind()).isEqualTo(io.opentelemetry.api.trace.SpanKind.PRODUCER);
    assertThat(producer.getAttributes().asMap().toString()).contains("messaging.nats.stream.sequence=1");
    assertThat(process.hasRemoteParent()).isTrue();
    assertThat(process.traceId()).isEqualTo(producer.getTraceId());
    var consumer = tracing.spans().stream().filter(s -> s.getName().startsWith("process ")).findFirst().orElseThrow();
    assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
  }

  @Test
  void countsPublishedEventsByTypeInItsMetrics() throws Exception {
    Tracing telemetry = new Tracing();
    try (EventPublisher publisher = publisher().openTelemetry(telemetry.openTelemetry).build()) {
      for (int i = 0; i < 3; i++) {
        publisher.publish(new ArbitraryEvents(i).next(dev.tradingevents.events.EventType.SLOT_UPDATE)).get(10, SECONDS);
      }
      assertThat(telemetry.counter("trading_events.publisher.published", "SlotUpdate")).isEqualTo(3);
      assertThat(telemetry.histogramCount("trading_events.publisher.duration", "SlotUpdate")).isEqualTo(3);
    }
  }

  @Test
  void refusesANullEventWithAClearError() throws Exception {
    try (EventPublisher publisher = publisher().build()) {
      assertThatThrownBy(() -> publisher.publish(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("event must not be null");
    }
  }

  @Test
  void refusesToBuildForAStreamThatDoesNotCoverTheEventSubjects() throws Exception {
    String narrow = NatsTestServer.uniqueName("NARROW");
    EventSubjects naming = EventSubjects.withPrefix("n" + narrow.toLowerCase());
    StreamSetup.builder().name(narrow).subjects(naming.prefix() + ".market.>").build().ensure(connection);

    assertThatThrownBy(() -> EventPublisher.builder(connection).subjects(naming).stream(narrow).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not cover [" + naming.prefix() + ".arbitrage.ArbitrageOpportunity, ")
        .hasMessageContaining("add " + naming.prefix() + ".> to it");
  }

  @Test
  void refusesToBuildForAMissingStream() {
    assertThatThrownBy(() -> EventPublisher.builder(connection).stream("NO_SUCH_STREAM").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stream NO_SUCH_STREAM cannot be used")
        .hasMessageContaining("create it with StreamSetup");
  }

  @Test
  void refusesToBuildWhenTheDuplicateWindowIsShorterThanTheRetries() throws Exception {
    String shortWindow = NatsTestServer.uniqueName("SHORT");
    EventSubjects naming = EventSubjects.withPrefix("s" + shortWindow.toLowerCase());
    StreamSetup.builder().name(shortWindow).subjects(naming).duplicateWindow(Duration.ofSeconds(10)).build().ensure(connection);

    assertThatThrownBy(() -> EventPublisher.builder(connection).subjects(naming).stream(shortWindow)
            .ackTimeout(Duration.ofSeconds(5)).maxRetries(3).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("keeps duplicates for PT10S")
        .hasMessageContaining("a late retry could be stored twice");
  }

  /** The default window is kept short (server memory), but never shorter than the default retries. */
  @Test
  void buildsWithTheDefaultRetriesOnAStreamWithTheDefaultDuplicateWindow() throws Exception {
    String defaults = NatsTestServer.uniqueName("DEFAULTS");
    EventSubjects naming = EventSubjects.withPrefix("d" + defaults.toLowerCase());
    StreamSetup.builder().name(defaults).subjects(naming).build().ensure(connection);
    EventPublisher.Builder builder = EventPublisher.builder(connection).subjects(naming).stream(defaults)
        .openTelemetry(OpenTelemetry.noop());

    assertThat(StreamSetup.DEFAULT_DUPLICATE_WINDOW).isGreaterThan(builder.longestRetrySpan());
    try (EventPublisher publisher = builder.build()) {
      TradingEvent event = new ArbitraryEvents(5).next(dev.tradingevents.events.EventType.STALL_EVENT);
      assertThat(publisher.publish(event).get(10, SECONDS).stream()).isEqualTo(defaults);
    }
  }

  @Test
  void reportsASubjectNoStreamCoversNamingTheEvent() throws Exception {
    EventSubjects uncovered = EventSubjects.withPrefix("nowhere" + stream.toLowerCase());
    TradingEvent event = new ArbitraryEvents(3).next(dev.tradingevents.events.EventType.STALL_EVENT);
    try (EventPublisher publisher = EventPublisher.builder(connection).subjects(uncovered)
        .openTelemetry(OpenTelemetry.noop()).maxRetries(1).retryBackoff(Duration.ofMillis(10)).build()) {

      assertThatThrownBy(() -> publisher.publish(event).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(PublishFailedException.class, failure -> {
            assertThat(failure.reason()).isEqualTo(PublishFailedException.Reason.NO_STREAM);
            assertThat(failure.eventId()).isEqualTo(event.eventId());
            assertThat(failure.attempts()).isEqualTo(2);
          })
          .hasMessageContaining("event " + event.eventId() + " (StallEvent) was not published: NO_STREAM after 2 attempts")
          .hasMessageContaining("no JetStream stream answered for " + uncovered.subjectFor(event.eventType()));
    }
  }

  @Test
  void reportsAServerRejectionWithoutRetrying() throws Exception {
    String tiny = NatsTestServer.uniqueName("TINY");
    EventSubjects naming = EventSubjects.withPrefix("x" + tiny.toLowerCase());
    connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(tiny)
        .subjects(naming.allEvents()).storageType(StorageType.Memory).maximumMessageSize(64).build());
    TradingEvent event = new ArbitraryEvents(4).next(dev.tradingevents.events.EventType.PRICE_UPDATE);
    try (EventPublisher publisher = EventPublisher.builder(connection).subjects(naming).openTelemetry(OpenTelemetry.noop()).build()) {

      assertThatThrownBy(() -> publisher.publish(event).join())
          .cause()
          .isInstanceOfSatisfying(PublishFailedException.class, failure -> {
            assertThat(failure.reason()).isEqualTo(PublishFailedException.Reason.REJECTED);
            assertThat(failure.attempts()).isEqualTo(1);
          })
          .hasMessageContaining("the server refused it");
    }
  }

  @Test
  void aPublisherThatOpenedItsConnectionClosesIt(NatsTestServer nats) throws Exception {
    EventPublisher publisher = EventPublisher.builder(new Options.Builder().server(nats.url()).build())
        .subjects(subjects).stream(stream).openTelemetry(OpenTelemetry.noop()).build();
    publisher.publish(new ArbitraryEvents(5).next(dev.tradingevents.events.EventType.SLOT_UPDATE)).get(10, SECONDS);

    publisher.close();

    assertThatThrownBy(() -> publisher.publish(new ArbitraryEvents(6).next(dev.tradingevents.events.EventType.SLOT_UPDATE)).join())
        .cause().isInstanceOfSatisfying(PublishFailedException.class,
            failure -> assertThat(failure.reason()).isEqualTo(PublishFailedException.Reason.CLOSED));
  }

  @Test
  void blockingBackPressureDeliversEveryEventThroughAWindowOfOne() throws Exception {
    try (EventPublisher publisher = publisher().maxInFlight(1).windowFullPolicy(WindowFullPolicy.BLOCK)
        .blockTimeout(Duration.ofSeconds(10)).build()) {
      List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(publisher.publish(new ArbitraryEvents(100 + i).next(dev.tradingevents.events.EventType.PRICE_UPDATE)));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, SECONDS);
      assertThat(connection.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(200);
    }
  }

  @Test
  void everyEventCarriesItsOwnHeadersWhenManyThreadsPublishEveryType() throws Exception {
    Tracing tracing = new Tracing();
    int threads = 4;
    int perThread = 150;
    List<TradingEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<PublishReceipt>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
    try (EventPublisher publisher = publisher().openTelemetry(tracing.openTelemetry).build()) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      try {
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          ArbitraryEvents arbitrary = new ArbitraryEvents(500 + t);
          done.add(pool.submit(() -> {
            for (int i = 0; i < perThread; i++) {
              TradingEvent event = arbitrary.next(dev.tradingevents.events.EventType.values()[
                  i % dev.tradingevents.events.EventType.values().length]);
              events.add(event);
              futures.add(publisher.publish(event));
            }
          }));
        }
        for (java.util.concurrent.Future<?> future : done) {
          future.get(30, SECONDS);
        }
      } finally {
        pool.shutdown();
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, SECONDS);
    }

    java.util.Map<String, TradingEvent> byId = new java.util.HashMap<>();
    events.forEach(e -> byId.put(e.eventId(), e));
    java.util.Map<String, String> spanIdByMessageId = new java.util.HashMap<>();
    tracing.spans().forEach(span -> spanIdByMessageId.put(
        span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("messaging.message.id")),
        span.getSpanId()));
    var management = connection.jetStreamManagement();
    assertThat(management.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(threads * perThread);
    for (long sequence = 1; sequence <= threads * perThread; sequence++) {
      MessageInfo stored = management.getMessage(stream, sequence);
      Headers headers = stored.getHeaders();
      TradingEvent event = codec.decode(stored.getData());
      assertThat(byId.get(event.eventId())).isEqualTo(event);
      assertThat(headers.get(EventHeaders.NATS_MSG_ID)).containsExactly(event.eventId());
      assertThat(headers.get(EventHeaders.CE_ID)).containsExactly(event.eventId());
      assertThat(headers.get(EventHeaders.CE_TYPE)).containsExactly(event.eventType().wireName());
      assertThat(headers.get(EventHeaders.CE_SOURCE)).containsExactly(event.sourceService());
      assertThat(Instant.parse(headers.getFirst(EventHeaders.CE_TIME))).isEqualTo(event.occurredAt());
      assertThat(headers.get(EventHeaders.CE_DATASCHEMA)).containsExactly(EventHeaders.dataSchema(event.eventType()));
      assertThat(headers.get(EventHeaders.TRACEPARENT)).singleElement().asString()
          .contains("-" + spanIdByMessageId.get(event.eventId()) + "-");
    }
  }

  @Test
  void aTraceStateOfOneEventIsNotCarriedByTheNextOne() throws Exception {
    Tracing tracing = new Tracing();
    io.opentelemetry.api.trace.SpanContext remote = io.opentelemetry.api.trace.SpanContext.createFromRemoteParent(
        "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", io.opentelemetry.api.trace.TraceFlags.getSampled(),
        io.opentelemetry.api.trace.TraceState.builder().put("vendor", "opaque").build());
    io.opentelemetry.context.Context withState =
        io.opentelemetry.context.Context.root().with(io.opentelemetry.api.trace.Span.wrap(remote));
    ArbitraryEvents arbitrary = new ArbitraryEvents(7);
    try (EventPublisher publisher = publisher().openTelemetry(tracing.openTelemetry).build()) {
      TradingEvent first = arbitrary.next(dev.tradingevents.events.EventType.PRICE_UPDATE);
      TradingEvent second = arbitrary.next(dev.tradingevents.events.EventType.PRICE_UPDATE);
      PublishReceipt stateful = publisher.publish(first, withState).get(10, SECONDS);
      PublishReceipt plain = publisher.publish(second, io.opentelemetry.context.Context.root()).get(10, SECONDS);

      Headers firstHeaders = connection.jetStreamManagement().getMessage(stream, stateful.sequence()).getHeaders();
      Headers secondHeaders = connection.jetStreamManagement().getMessage(stream, plain.sequence()).getHeaders();
      assertThat(firstHeaders.get(EventHeaders.TRACESTATE)).containsExactly("vendor=opaque");
      assertThat(firstHeaders.getFirst(EventHeaders.TRACEPARENT)).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
      assertThat(secondHeaders.containsKey(EventHeaders.TRACESTATE)).isFalse();
      assertThat(secondHeaders.getFirst(EventHeaders.TRACEPARENT)).doesNotContain("0af7651916cd43dd8448eb211c80319c");
    }
  }

  @Test
  void aPublishMadeWhileTheSameThreadIsPublishingKeepsItsOwnHeaders() throws Exception {
    // a span processor that publishes from inside the outer publish, between its headers and its send
    java.util.concurrent.atomic.AtomicReference<EventPublisher> self = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
    TradingEvent outer = new ArbitraryEvents(21).next(dev.tradingevents.events.EventType.PRICE_UPDATE);
    TradingEvent inner = new ArbitraryEvents(22).next(dev.tradingevents.events.EventType.PRICE_UPDATE);
    List<CompletableFuture<PublishReceipt>> innerResult = new ArrayList<>();
    io.opentelemetry.sdk.trace.SpanProcessor reentrant = new io.opentelemetry.sdk.trace.SpanProcessor() {
      @Override
      public void onStart(io.opentelemetry.context.Context parent, io.opentelemetry.sdk.trace.ReadWriteSpan span) {
        if (once.compareAndSet(false, true)) {
          innerResult.add(self.get().publish(inner, io.opentelemetry.context.Context.root()));
        }
      }

      @Override
      public boolean isStartRequired() {
        return true;
      }

      @Override
      public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {}

      @Override
      public boolean isEndRequired() {
        return false;
      }
    };
    OpenTelemetry otel = io.opentelemetry.sdk.OpenTelemetrySdk.builder()
        .setTracerProvider(io.opentelemetry.sdk.trace.SdkTracerProvider.builder().addSpanProcessor(reentrant).build())
        .setPropagators(io.opentelemetry.context.propagation.ContextPropagators.create(
            io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance()))
        .build();
    try (EventPublisher publisher = publisher().openTelemetry(otel).build()) {
      self.set(publisher);
      PublishReceipt outerReceipt = publisher.publish(outer).get(10, SECONDS);
      PublishReceipt innerReceipt = innerResult.get(0).get(10, SECONDS);

      for (var stored : List.of(
          java.util.Map.entry(outer, outerReceipt), java.util.Map.entry(inner, innerReceipt))) {
        Headers headers = connection.jetStreamManagement().getMessage(stream, stored.getValue().sequence()).getHeaders();
        assertThat(headers.get(EventHeaders.NATS_MSG_ID)).containsExactly(stored.getKey().eventId());
        assertThat(headers.get(EventHeaders.CE_ID)).containsExactly(stored.getKey().eventId());
        assertThat(Instant.parse(headers.getFirst(EventHeaders.CE_TIME))).isEqualTo(stored.getKey().occurredAt());
      }
    }
  }

  private EventPublisher.Builder publisher() {
    return EventPublisher.builder(connection).subjects(subjects).stream(stream).openTelemetry(OpenTelemetry.noop());
  }

  static StallEvent stall(int i) {
    return new StallEvent(dev.tradingevents.events.EventIds.newId(), Instant.now(), "test", "stage-" + i, i, 0, i);
  }

  static Set<String> ids(List<? extends TradingEvent> events) {
    Set<String> ids = new HashSet<>();
    events.forEach(e -> ids.add(e.eventId()));
    return ids;
  }

}
