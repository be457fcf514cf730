package dev.tradingevents.events;

import java.time.Instant;

/**
 * The chain advanced to a new slot (about every 400 ms on Solana).
 *
 * @param slot the new slot
 * @param parentSlot its parent, lower than {@code slot}
 * @param commitment how final the slot is
 * @param source the RPC or validator that reported it
 */
public record SlotUpdate(
    String eventId,
    Instant occurredAt,
    String sourceService,
    long slot,
    long parentSlot,
    Commitment commitment,
    String source)
    implements TradingEvent {

  /** Solana commitment levels. */
  public enum Commitment {
    PROCESSED,
    CONFIRMED,
    FINALIZED
  }

  public SlotUpdate {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.notNegative("slot", slot);
    Checks.notNegative("parent_slot", parentSlot);
    if (slot > 0 && parentSlot >= slot) {
      throw new EventValidationException(
          "parent_slot", "must be lower than slot " + slot + ", was " + parentSlot);
    }
    Checks.present("commitment", commitment);
    Checks.name("source", source);
  }
}
