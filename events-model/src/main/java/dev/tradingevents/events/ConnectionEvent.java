package dev.tradingevents.events;

import java.time.Instant;

/**
 * A connection of the trading system to NATS, an RPC node or a WebSocket feed changed state.
 *
 * @param targetKind what kind of endpoint
 * @param target which endpoint (a name or URL without credentials)
 * @param state the state entered; {@code DISCONNECTED} and {@code FAILED} are logged as warnings/errors
 * @param attempt the reconnect attempt, 0 when not reconnecting
 * @param reason why, when known (may be null)
 */
public record ConnectionEvent(
    String eventId,
    Instant occurredAt,
    String sourceService,
    TargetKind targetKind,
    String target,
    State state,
    long attempt,
    @OptionalField String reason)
    implements TradingEvent {

  /** The kinds of endpoint the dashboard tells apart. */
  public enum TargetKind {
    NATS,
    RPC,
    WEBSOCKET
  }

  /** Connection states. */
  public enum State {
    CONNECTED,
    DISCONNECTED,
    RECONNECTING,
    RECONNECTED,
    FAILED
  }

  public ConnectionEvent {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.present("target_kind", targetKind);
    Checks.name("target", target);
    Checks.present("state", state);
    Checks.notNegative("attempt", attempt);
    Checks.optionalText("reason", reason);
  }
}
