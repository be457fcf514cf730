package dev.tradingevents.events;

import java.time.Instant;

/**
 * A service of the trading system started, stopped or failed.
 *
 * @param service the service the phase is about (may differ from the publishing {@code source_service},
 *     e.g. a supervisor reporting a child)
 * @param phase the phase entered
 * @param version the service's version, when known (may be null)
 * @param reason why, for {@code STOPPING} and {@code FAILED} (may be null)
 */
public record SystemLifecycle(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String service,
    Phase phase,
    @OptionalField String version,
    @OptionalField String reason)
    implements TradingEvent {

  /** Lifecycle phases; {@code FAILED} is logged as an error. */
  public enum Phase {
    STARTING,
    STARTED,
    STOPPING,
    STOPPED,
    FAILED
  }

  public SystemLifecycle {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.name("service", service);
    Checks.present("phase", phase);
    if (version != null) {
      Checks.name("version", version);
    }
    Checks.optionalText("reason", reason);
  }
}
