package dev.tradingevents.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What every event has: an id, the instant it happened (nanosecond precision) and the service that
 * published it. The {@code event_type} discriminator is derived from the record's class.
 *
 * <p>The id doubles as the JetStream {@code Nats-Msg-Id}, so a publish retried with the same event is
 * stored once. Use {@link EventIds#newId()} for new events: its ids are time-ordered.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event_type")
public sealed interface TradingEvent
    permits PriceUpdate,
        SwapRoute,
        SlotUpdate,
        PoolStateChange,
        LiquidityUpdate,
        LargeTrade,
        SpreadUpdate,
        VolumeSpike,
        ArbitrageOpportunity,
        SystemLifecycle,
        ConnectionEvent,
        DriftEvent,
        StallEvent {

  /** Unique id of this event: printable ASCII, at most 128 characters. */
  String eventId();

  /** When the event happened, as precise as its source knows it. */
  Instant occurredAt();

  /** The service that published the event, e.g. {@code arb-scanner}. */
  String sourceService();

  /** This event's type. */
  @JsonIgnore
  default EventType eventType() {
    return EventType.of(getClass());
  }
}
