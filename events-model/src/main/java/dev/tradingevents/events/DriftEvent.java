package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A clock or slot drift against a reference was measured.
 *
 * @param driftMs the drift in milliseconds, positive when we are ahead of the reference, exact
 * @param reference what was compared against ({@code ntp}, {@code validator-slot-time})
 * @param thresholdMs the drift the reporter tolerates; beyond it the logger writes a warning
 */
public record DriftEvent(
    String eventId,
    Instant occurredAt,
    String sourceService,
    BigDecimal driftMs,
    String reference,
    BigDecimal thresholdMs)
    implements TradingEvent {
  public DriftEvent {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.present("drift_ms", driftMs);
    Checks.name("reference", reference);
    Checks.notNegative("threshold_ms", thresholdMs);
  }

  /** Whether the drift, in either direction, is beyond the threshold. */
  public boolean exceedsThreshold() {
    return driftMs.abs().compareTo(thresholdMs) > 0;
  }
}
