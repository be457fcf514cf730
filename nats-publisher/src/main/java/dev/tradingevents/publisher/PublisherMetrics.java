package dev.tradingevents.publisher;

import dev.tradingevents.events.EventType;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The publisher's instruments, through the OpenTelemetry metrics API (no-op without an SDK). Attribute
 * sets are built once per event type and reason so that recording allocates nothing.
 */
final class PublisherMetrics implements AutoCloseable {
  static final String INSTRUMENTATION_NAME = "dev.tradingevents.nats-publisher";
  static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("event_type");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final LongCounter published;
  private final LongCounter failed;
  private final LongCounter retried;
  private final DoubleHistogram duration;
  private final ObservableLongUpDownCounter inFlight;
  private final Map<EventType, Attributes> byType = new EnumMap<>(EventType.class);
  private final Map<EventType, Map<PublishFailedException.Reason, Attributes>> byTypeAndReason =
      new EnumMap<>(EventType.class);

  PublisherMetrics(Meter meter, IntSupplier inFlightCount) {
    published = meter.counterBuilder("trading_events.publisher.published")
        .setDescription("Events acknowledged by the stream").setUnit("{event}").build();
    failed = meter.counterBuilder("trading_events.publisher.failed")
        .setDescription("Events not published, by reason (error.type)").setUnit("{event}").build();
    retried = meter.counterBuilder("trading_events.publisher.retried")
        .setDescription("Publish attempts repeated with the same Nats-Msg-Id").setUnit("{attempt}").build();
    duration = meter.histogramBuilder("trading_events.publisher.duration")
        .setDescription("Time from publish() to the stream's ack, retries included").setUnit("s")
        .setExplicitBucketBoundariesAdvice(List.of(
            0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0))
        .build();
    inFlight = meter.upDownCounterBuilder("trading_events.publisher.in_flight")
        .setDescription("Publishes sent and not yet acknowledged or failed").setUnit("{event}")
        .buildWithCallback(measurement -> measurement.record(inFlightCount.getAsInt()));
    for (EventType type : EventType.values()) {
      byType.put(type, Attributes.of(EVENT_TYPE, type.wireName()));
      Map<PublishFailedException.Reason, Attributes> reasons = new EnumMap<>(PublishFailedException.Reason.class);
      for (PublishFailedException.Reason reason : PublishFailedException.Reason.values()) {
        reasons.put(reason, Attributes.of(EVENT_TYPE, type.wireName(), ERROR_TYPE, reason.name()));
      }
      byTypeAndReason.put(type, reasons);
    }
  }

  void published(EventType type, long startNanos) {
    Attributes attributes = byType.get(type);
    published.add(1, attributes);
    duration.record((System.nanoTime() - startNanos) / 1e9, attributes);
  }

  void failed(EventType type, PublishFailedException.Reason reason) {
    failed.add(1, byTypeAndReason.get(type).get(reason));
  }

  void retried(EventType type) {
    retried.add(1, byType.get(type));
  }

  @Override
  public void close() {
    inFlight.close();
  }
}
