package dev.tradingevents.events;

import java.time.Instant;

/**
 * A processing stage made no progress for longer than it should (e.g. transaction submission).
 *
 * @param stage the stage that stalled
 * @param stalledMs how long it has made no progress
 * @param thresholdMs after how long the reporter calls it a stall
 * @param slot the last slot the stage processed
 */
public record StallEvent(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String stage,
    long stalledMs,
    long thresholdMs,
    long slot)
    implements TradingEvent {
  public StallEvent {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.name("stage", stage);
    Checks.notNegative("stalled_ms", stalledMs);
    Checks.notNegative("threshold_ms", thresholdMs);
    Checks.notNegative("slot", slot);
  }
}
