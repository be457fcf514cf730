package dev.tradingevents.logger.telemetry;

import dev.tradingevents.events.EventType;
import dev.tradingevents.logger.consume.PoisonReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's Prometheus metrics (served at {@code /prometheus}):
 *
 * <ul>
 *   <li>{@code trading_events_logged_total{event_type}}: events written as log lines;
 *   <li>{@code trading_events_redelivered_total{event_type}}: of those, deliveries after the first;
 *   <li>{@code trading_events_errors_total{reason}}: bad or failed messages, by reason;
 *   <li>{@code trading_events_dead_lettered_total{reason}}: messages moved to the dead-letter stream;
 *   <li>{@code trading_events_consumer_pending} and {@code trading_events_consumer_ack_pending}: the
 *       consumer's lag (messages not yet delivered) and messages delivered but not acked;
 *   <li>{@code trading_events_end_to_end_latency_seconds}: event {@code occurred_at} to log line written,
 *       as a histogram.
 * </ul>
 */
@Singleton
public class LoggerMetrics {
  /** Error reasons besides the {@link PoisonReason}s, registered up front so they show as 0. */
  public static final java.util.List<String> OTHER_ERROR_REASONS = java.util.List.of(
      "invalid_trace_headers", "missing_trace_headers", "transient_failure", "dead_letter_failed", "output_failed",
      "ack_failed", "warmup_failed");

  private final Map<EventType, Counter> logged = new EnumMap<>(EventType.class);
  private final Map<EventType, Counter> redelivered = new EnumMap<>(EventType.class);
  private final Map<EventType, Timer> latency = new EnumMap<>(EventType.class);
  private final Map<PoisonReason, Counter> deadLettered = new EnumMap<>(PoisonReason.class);
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong ackPending = new AtomicLong();

  public LoggerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (EventType type : EventType.values()) {
      logged.put(type, Counter.builder("trading.events.logged").tag("event_type", type.wireName())
          .description("Events written as log lines").register(registry));
      redelivered.put(type, Counter.builder("trading.events.redelivered").tag("event_type", type.wireName())
          .description("Events logged again after a redelivery").register(registry));
      latency.put(type, Timer.builder("trading.events.end.to.end.latency").tag("event_type", type.wireName())
          .description("From the event's occurred_at to its log line")
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
          .register(registry));
    }
    for (PoisonReason reason : PoisonReason.values()) {
      deadLettered.put(reason, Counter.builder("trading.events.dead.lettered").tag("reason", reason.label())
          .description("Messages moved to the dead-letter stream").register(registry));
      errorCounter(reason.label());
    }
    for (String reason : OTHER_ERROR_REASONS) {
      errorCounter(reason);
    }
    Gauge.builder("trading.events.consumer.pending", pending, AtomicLong::get)
        .description("Messages in the stream not yet delivered to the consumer (lag)").register(registry);
    Gauge.builder("trading.events.consumer.ack.pending", ackPending, AtomicLong::get)
        .description("Messages delivered and not yet acknowledged").register(registry);
  }

  public void logged(EventType type, long deliveredCount, long latencyNanos) {
    logged.get(type).increment();
    if (deliveredCount > 1) {
      redelivered.get(type).increment();
    }
    if (latencyNanos >= 0) {
      latency.get(type).record(latencyNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Counts an error by reason: a {@link PoisonReason} label or one of {@link #OTHER_ERROR_REASONS}. */
  public void error(String reason) {
    errorCounter(reason).increment();
  }

  private Counter errorCounter(String reason) {
    return errors.computeIfAbsent(reason, r -> Counter.builder("trading.events.errors").tag("reason", r)
        .description("Bad or failed messages, by reason").register(registry));
  }

  public void deadLettered(PoisonReason reason) {
    deadLettered.get(reason).increment();
  }

  public void consumerLag(long pendingCount, long ackPendingCount) {
    pending.set(pendingCount);
    ackPending.set(ackPendingCount);
  }
}
