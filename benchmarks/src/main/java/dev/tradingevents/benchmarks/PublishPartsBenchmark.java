package dev.tradingevents.benchmarks;

import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.tracing.EventTracing;
import dev.tradingevents.tracing.PublishSpan;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of one {@code EventPublisher.publish} that the raw baseline does not pay, one at a time, to
 * see where the publisher's time and allocation go (run with {@code -prof gc} for bytes per operation).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main PublishPartsBenchmark -prof gc
 * </pre>
 *
 * <p>Each method repeats what the publisher does with the same calls (see {@code
 * EventTracing.startPublish}, {@code EventPublisher.send}); the {@code alternative*} methods show another
 * way to the same bytes. The publisher's own headers are measured by {@code
 * dev.tradingevents.publisher.PublishHeadersBenchmark}, which calls {@code PublishHeaders} itself.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PublishPartsBenchmark {
  /** The zoned DateTimeFormatter the codec used for {@code occurred_at} before EventTimes: the comparison. */
  private static final DateTimeFormatter RFC_FORMAT = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
      .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
      .appendLiteral('Z')
      .toFormatter()
      .withZone(ZoneOffset.UTC);

  private final EventCodec codec = EventCodec.create();
  private final String subject = EventSubjects.defaults().subjectFor(EventType.PRICE_UPDATE);
  private final Random random = new Random(1);
  private PriceUpdate event;
  private Headers template;
  private EventTracing tracing;
  private SdkTracerProvider tracerProvider;
  private final List<CompletableFuture<Object>> inFlight = new ArrayList<>();
  /** A carrier the trace context is written into without allocating: the key is always there. */
  private final java.util.Map<String, String> traceCarrier = new java.util.HashMap<>();

  @Setup
  public void setUp() {
    event = new PriceUpdate("019b0c5e-7a31-7c3f-9a52-3f0e4b1c2d3e",
        Instant.parse("2026-11-25T02:24:49.120345678Z"), "market-data-simulator", "SOL/USDC",
        new BigDecimal("187.234567891"), "raydium", 312_456_789L);
    template = new Headers();
    template.put(EventHeaders.CE_SPECVERSION, EventHeaders.CE_SPECVERSION_VALUE);
    template.put(EventHeaders.CE_TYPE, EventType.PRICE_UPDATE.wireName());
    template.put(EventHeaders.CE_SOURCE, event.sourceService());
    template.put(EventHeaders.CE_DATASCHEMA, EventHeaders.dataSchema(EventType.PRICE_UPDATE));
    template.put(EventHeaders.CONTENT_TYPE, EventHeaders.CONTENT_TYPE_JSON);
    template.put(EventHeaders.SCHEMA_VERSION, "1");
    template.put(io.nats.client.support.NatsJetStreamConstants.EXPECTED_STREAM_HDR, "TRADING_EVENTS");
    // spans are recorded (sampled) but go to no processor: the cost of making them, not of exporting them
    tracerProvider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
    tracing = EventTracing.create(OpenTelemetrySdk.builder()
        .setTracerProvider(tracerProvider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build());
  }

  /** 10,000 publishes awaiting their ack, each with the 5 s ack timeout the publisher sets. */
  @Setup(Level.Iteration)
  public void fillWindow() {
    for (int i = 0; i < 10_000; i++) {
      inFlight.add(new CompletableFuture<>().orTimeout(5, TimeUnit.SECONDS));
    }
  }

  @TearDown(Level.Iteration)
  public void drainWindow() {
    inFlight.forEach(future -> future.complete(null));
    inFlight.clear();
  }

  @TearDown
  public void tearDown() {
    tracerProvider.close();
  }

  /** What the publisher serializes: {@code EventCodec.encode}. */
  @Benchmark
  public byte[] encode() {
    return codec.encode(event);
  }

  /** {@code EventPublisher.headersFor}: ten {@code Headers.put} calls, {@code ce-time} via {@code Instant.toString()}. */
  @Benchmark
  public Headers headersLikePublisher() {
    return RawMessages.headersFor(event, EventType.PRICE_UPDATE, "TRADING_EVENTS");
  }

  /** The {@code ce-time} value alone, as the publisher makes it. */
  @Benchmark
  public String ceTimeInstantToString() {
    return event.occurredAt().toString();
  }

  /** How the codec wrote {@code occurred_at} before EventTimes: a zoned formatter. */
  @Benchmark
  public String occurredAtRfcFormatter() {
    return RFC_FORMAT.format(event.occurredAt());
  }

  /** The same 30 characters as {@link #occurredAtRfcFormatter}, written by hand. */
  @Benchmark
  public String alternativeRfcByHand() {
    return EventTimes.format(event.occurredAt());
  }

  /**
   * Headers from a per-type template of the constant ones ({@code new Headers(template)} copies two small
   * maps and shares the value lists), then the three per-event values.
   */
  @Benchmark
  public Headers alternativeHeadersFromTemplate() {
    Headers headers = new Headers(template);
    headers.put(EventHeaders.NATS_MSG_ID, event.eventId());
    headers.put(EventHeaders.CE_ID, event.eventId());
    headers.put(EventHeaders.CE_TIME, EventTimes.format(event.occurredAt()));
    return headers;
  }

  /**
   * {@code EventTracing.startPublish} (span, attributes, traceparent through the caller's setter) and
   * {@code end}, with the span's own allocation only (the carrier takes the traceparent without
   * allocating; the header put is in {@code PublishHeadersBenchmark}).
   */
  @Benchmark
  public PublishSpan tracingStartAndEnd() {
    PublishSpan span = tracing.startPublish(Context.root(), subject, event.eventId(), traceCarrier,
        java.util.Map::put, 283);
    span.end("TRADING_EVENTS", 42, false);
    return span;
  }

  /** {@code orTimeout} on each ack future while 10,000 others wait: schedule, then cancel on completion. */
  @Benchmark
  public Object ackTimeoutPerPublish() {
    CompletableFuture<Object> ack = new CompletableFuture<>();
    CompletableFuture<Object> timed = ack.orTimeout(5, TimeUnit.SECONDS).whenComplete((r, e) -> { });
    ack.complete(random);
    return timed;
  }
}
