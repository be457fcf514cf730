package dev.tradingevents.samples;

import dev.tradingevents.events.ConnectionEvent;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.SystemLifecycle;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.PublishFailedException;
import dev.tradingevents.publisher.PublishReceipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A market-data scanner that is not connected to a chain: it publishes every event type with realistic,
 * varying values through an {@link EventPublisher}, at a steady rate.
 *
 * <pre>{@code
 * MarketDataSimulator simulator = MarketDataSimulator.builder(publisher)
 *     .rate(200).duration(Duration.ofSeconds(20)).seed(7).build();
 * SimulationReport report = simulator.run();   // blocks; stop() from another thread ends it early
 * System.out.print(report.table());
 * }</pre>
 *
 * <p>What it publishes:
 * <ul>
 *   <li>at start: SystemLifecycle STARTING, ConnectionEvent CONNECTED for NATS, the RPC node and the
 *       WebSocket feed, SystemLifecycle STARTED; at stop: STOPPING, DISCONNECTED for the feeds, STOPPED;
 *   <li>a SlotUpdate every 400 ms, Solana's pace (processed; every eighth slot also a finalized one);
 *   <li>the market mix at {@code rate} events per second: about 40% PriceUpdate, 23% PoolStateChange,
 *       9% SpreadUpdate, 8% SwapRoute, 7% LiquidityUpdate, 4.5% ArbitrageOpportunity (two-leg and
 *       triangular, profit mostly positive), 4% LargeTrade, 3% VolumeSpike, and now and then a
 *       StallEvent, a DriftEvent or a WebSocket reconnect. Prices are random walks per token with a
 *       basis per pair and DEX (raydium, orca, meteora, phoenix), over SOL/USDC, JUP/USDC, BONK/SOL,
 *       WIF/USDC and more, as exact decimals.
 * </ul>
 *
 * <p>Pacing follows a fixed schedule (event {@code n} is due at {@code start + n / rate}); the generator
 * thread parks until the next event is due, at most a thousand wake-ups a second. If publishing falls
 * more than a second behind, the events it missed are not generated (counted as {@code lagged}).
 *
 * <p>Each publish makes a PRODUCER span in the publisher's OpenTelemetry, so with an SDK configured the
 * events carry {@code traceparent}. Published and failed events are counted per type from the futures.
 */
public final class MarketDataSimulator {
  /** Solana's slot time. */
  public static final Duration SLOT_TIME = Duration.ofMillis(400);
  /** The {@code source_service} of the events unless set. */
  public static final String DEFAULT_SOURCE = "market-data-simulator";
  /** How long {@link #run()} waits for the last acks. */
  public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(30);

  private static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final int MAX_FAILURE_SAMPLES = 5;

  /** Told about every publish outcome, on the thread that completes the publish: keep it short. */
  public interface Listener {
    void published(TradingEvent event, PublishReceipt receipt);

    default void failed(TradingEvent event, Throwable error) {}
  }

  /** Counts so far, for a progress line. */
  public record Progress(long sent, long published, long failed, Duration elapsed) {}

  private final EventPublisher publisher;
  private final double rate;
  private final Duration duration;
  private final String source;
  private final long seed;
  private final String version;
  private final String natsTarget;
  private final Duration ackWait;
  private final Listener listener;
  private final Clock clock;

  private final AtomicLongArray published = new AtomicLongArray(EventType.values().length);
  private final AtomicLongArray failed = new AtomicLongArray(EventType.values().length);
  private final Map<PublishFailedException.Reason, AtomicLong> failureReasons =
      Collections.synchronizedMap(new EnumMap<>(PublishFailedException.Reason.class));
  private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong outstanding = new AtomicLong();
  private final Object outstandingMonitor = new Object();
  private volatile boolean stopRequested;
  private volatile Thread runner;
  private volatile long startNanos;
  private boolean ran;

  private MarketDataSimulator(Builder builder) {
    this.publisher = builder.publisher;
    this.rate = builder.rate;
    this.duration = builder.duration;
    this.source = builder.source;
    this.seed = builder.seed != null ? builder.seed : ThreadLocalRandom.current().nextLong();
    this.version = builder.version;
    this.natsTarget = builder.natsTarget;
    this.ackWait = builder.ackWait;
    this.listener = builder.listener;
    this.clock = builder.clock;
  }

  public static Builder builder(EventPublisher publisher) {
    return new Builder(publisher);
  }

  /** The seed of this run's random values: given, or drawn at build time. */
  public long seed() {
    return seed;
  }

  /**
   * Publishes until the duration is over or {@link #stop()} is called, then the stop events, waits for
   * the outstanding acks (up to the ack wait) and reports. Runs once.
   *
   * @throws IllegalStateException when called a second time
   */
  public SimulationReport run() {
    synchronized (this) {
      if (ran) {
        throw new IllegalStateException("a MarketDataSimulator runs once; build another");
      }
      ran = true;
    }
    runner = Thread.currentThread();
    startNanos = System.nanoTime();
    MarketModel market = new MarketModel(seed, source);
    long lagged = 0;
    publishAll(startEvents());
    try {
      long start = System.nanoTime();
      long end = duration.isZero() ? Long.MAX_VALUE : start + duration.toNanos();
      long nextSlot = start + SLOT_TIME.toNanos();
      long emitted = 0;
      long maxBacklog = Math.max(1, (long) Math.ceil(rate));
      while (!stopRequested) {
        long now = System.nanoTime();
        if (now - end >= 0) {
          break;
        }
        long due = (long) ((now - start) * rate / 1e9);
        if (due - emitted > maxBacklog) {
          lagged += due - emitted - maxBacklog;
          emitted = due - maxBacklog;
        }
        while (emitted < due && !stopRequested) {
          publishAll(market.next(clock.instant()));
          emitted++;
        }
        while (now - nextSlot >= 0 && !stopRequested) {
          publishAll(market.nextSlot(clock.instant()));
          nextSlot += SLOT_TIME.toNanos();
        }
        long nextDue = start + (long) Math.ceil((emitted + 1) * 1e9 / rate);
        long wake = Math.min(Math.min(nextDue, nextSlot), end);
        long park = Math.max(wake - System.nanoTime(), MIN_PARK_NANOS);
        LockSupport.parkNanos(this, park);
      }
    } finally {
      publishAll(stopEvents(stopRequested ? "stop requested" : "run of " + duration.toSeconds() + " s complete"));
    }
    long unfinished = awaitOutstanding(ackWait);
    return report(unfinished, lagged);
  }

  /** Ends a {@link #run()} early: it publishes the stop events and returns its report. Thread-safe. */
  public void stop() {
    stopRequested = true;
    Thread thread = runner;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  /** Events sent, acknowledged and failed so far. Thread-safe. */
  public Progress progress() {
    long total = 0;
    long failures = 0;
    for (int i = 0; i < published.length(); i++) {
      total += published.get(i);
      failures += failed.get(i);
    }
    long started = startNanos;
    return new Progress(sent.get(), total, failures,
        started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started));
  }

  private List<TradingEvent> startEvents() {
    Instant now = clock.instant();
    return List.of(
        new SystemLifecycle(EventIds.newId(), now, source, source, SystemLifecycle.Phase.STARTING, version, null),
        new ConnectionEvent(EventIds.newId(), clock.instant(), source, ConnectionEvent.TargetKind.NATS, natsTarget,
            ConnectionEvent.State.CONNECTED, 0, null),
        new ConnectionEvent(EventIds.newId(), clock.instant(), source, ConnectionEvent.TargetKind.RPC, "rpc-1",
            ConnectionEvent.State.CONNECTED, 0, null),
        new ConnectionEvent(EventIds.newId(), clock.instant(), source, ConnectionEvent.TargetKind.WEBSOCKET,
            "geyser-1", ConnectionEvent.State.CONNECTED, 0, null),
        new SystemLifecycle(EventIds.newId(), clock.instant(), source, source, SystemLifecycle.Phase.STARTED,
            version, null));
  }

  private List<TradingEvent> stopEvents(String reason) {
    return List.of(
        new SystemLifecycle(EventIds.newId(), clock.instant(), source, source, SystemLifecycle.Phase.STOPPING,
            version, reason),
        new ConnectionEvent(EventIds.newId(), clock.instant(), source, ConnectionEvent.TargetKind.WEBSOCKET,
            "geyser-1", ConnectionEvent.State.DISCONNECTED, 0, "shutdown"),
        new ConnectionEvent(EventIds.newId(), clock.instant(), source, ConnectionEvent.TargetKind.RPC, "rpc-1",
            ConnectionEvent.State.DISCONNECTED, 0, "shutdown"),
        new SystemLifecycle(EventIds.newId(), clock.instant(), source, source, SystemLifecycle.Phase.STOPPED,
            version, reason));
  }

  private void publishAll(List<TradingEvent> events) {
    for (TradingEvent event : events) {
      publish(event);
    }
  }

  private void publish(TradingEvent event) {
    int type = event.eventType().ordinal();
    sent.incrementAndGet();
    outstanding.incrementAndGet();
    try {
      publisher.publish(event).whenComplete((receipt, error) -> {
        try {
          if (error == null) {
            published.incrementAndGet(type);
            listener.published(event, receipt);
          } else {
            recordFailure(event, error);
          }
        } finally {
          done();
        }
      });
    } catch (RuntimeException e) {
      recordFailure(event, e);
      done();
    }
  }

  private void recordFailure(TradingEvent event, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    failed.incrementAndGet(event.eventType().ordinal());
    PublishFailedException.Reason reason = cause instanceof PublishFailedException pfe
        ? pfe.reason() : PublishFailedException.Reason.REJECTED;
    failureReasons.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    if (failureSamples.size() < MAX_FAILURE_SAMPLES) {
      failureSamples.add(String.valueOf(cause.getMessage()));
    }
    listener.failed(event, cause);
  }

  private void done() {
    if (outstanding.decrementAndGet() == 0) {
      synchronized (outstandingMonitor) {
        outstandingMonitor.notifyAll();
      }
    }
  }

  /** Waits until every publish has completed; returns how many had not when the time ran out. */
  private long awaitOutstanding(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (outstandingMonitor) {
      while (outstanding.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(outstandingMonitor, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return outstanding.get();
  }

  private SimulationReport report(long unfinished, long lagged) {
    Map<EventType, Long> publishedByType = new EnumMap<>(EventType.class);
    Map<EventType, Long> failedByType = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      publishedByType.put(type, published.get(type.ordinal()));
      failedByType.put(type, failed.get(type.ordinal()));
    }
    Map<PublishFailedException.Reason, Long> reasons = new EnumMap<>(PublishFailedException.Reason.class);
    synchronized (failureReasons) {
      failureReasons.forEach((reason, count) -> reasons.put(reason, count.get()));
    }
    List<String> samples;
    synchronized (failureSamples) {
      samples = List.copyOf(failureSamples);
    }
    return new SimulationReport(publishedByType, failedByType, reasons, unfinished, lagged,
        Duration.ofNanos(System.nanoTime() - startNanos), samples);
  }

  /** Options of a {@link MarketDataSimulator}; setters check their value and name the option. */
  public static final class Builder {
    private final EventPublisher publisher;
    private double rate = 200;
    private Duration duration = Duration.ofSeconds(20);
    private String source = DEFAULT_SOURCE;
    private Long seed;
    private String version = MarketDataSimulator.class.getPackage().getImplementationVersion();
    private String natsTarget = "nats";
    private Duration ackWait = DEFAULT_ACK_WAIT;
    private Listener listener = (event, receipt) -> { };
    private Clock clock = Clock.systemUTC();

    private Builder(EventPublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** Market events per second (SlotUpdates and lifecycle events come on top); 200 unless set. */
    public Builder rate(double eventsPerSecond) {
      if (!(eventsPerSecond > 0) || eventsPerSecond > 1_000_000) {
        throw new IllegalArgumentException("rate must be above 0 and at most 1000000 events/s, was " + eventsPerSecond);
      }
      this.rate = eventsPerSecond;
      return this;
    }

    /** How long to publish; {@link Duration#ZERO} runs until {@link MarketDataSimulator#stop()}. 20 s unless set. */
    public Builder duration(Duration duration) {
      if (duration == null || duration.isNegative()) {
        throw new IllegalArgumentException("duration must be zero (until stopped) or positive, was " + duration);
      }
      this.duration = duration;
      return this;
    }

    /** The {@code source_service} of every event; {@value MarketDataSimulator#DEFAULT_SOURCE} unless set. */
    public Builder sourceService(String source) {
      if (source == null || source.isBlank()) {
        throw new IllegalArgumentException("sourceService must not be blank");
      }
      this.source = source;
      return this;
    }

    /** The seed of the random values; a random one unless set. The same seed gives the same events. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The version the lifecycle events report; the jar's version unless set. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** The NATS endpoint the start's ConnectionEvent names (no credentials); {@code nats} unless set. */
    public Builder natsTarget(String natsTarget) {
      if (natsTarget == null || natsTarget.isBlank()) {
        throw new IllegalArgumentException("natsTarget must not be blank");
      }
      this.natsTarget = natsTarget;
      return this;
    }

    /** How long {@link MarketDataSimulator#run()} waits for the last acks; 30 s unless set. */
    public Builder ackWait(Duration ackWait) {
      if (ackWait == null || ackWait.isNegative() || ackWait.isZero()) {
        throw new IllegalArgumentException("ackWait must be positive, was " + ackWait);
      }
      this.ackWait = ackWait;
      return this;
    }

    /** Told about each publish outcome, e.g. to collect the ids that were stored. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The clock of {@code occurred_at}; the system clock (UTC) unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public MarketDataSimulator build() {
      return new MarketDataSimulator(this);
    }
  }
}
