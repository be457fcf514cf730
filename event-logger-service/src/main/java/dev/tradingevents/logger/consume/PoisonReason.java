package dev.tradingevents.logger.consume;

/** Why a message cannot be logged as an event; each is counted and dead-lettered. */
public enum PoisonReason {
  /** The payload is larger than {@code max-event-bytes}. */
  OVERSIZED,
  /** The payload is not an event: not JSON, a wrong or missing field, a rule of the event broken. */
  UNDECODABLE,
  /** The payload names an event type this service does not know. */
  UNKNOWN_EVENT_TYPE,
  /** The {@code te-schema-version} header names a version this service cannot read. */
  UNSUPPORTED_SCHEMA_VERSION,
  /** Processing failed on every one of {@code max-deliver} deliveries. */
  PROCESSING_FAILED;

  /** The Prometheus label value. */
  public String label() {
    return name().toLowerCase();
  }
}
