package dev.tradingevents.logger.logline;

/**
 * An event's payload, checked for its line once: whether its fields can go into the line byte for byte
 * ({@link PayloadFields}) or must be copied token by token.
 *
 * <p>Why a type of its own: the check reads every byte of the payload. Replay makes it on its reader
 * thread, which has time to spare, and hands the result to the writing thread, which is the busier one
 * ({@link EventLineEncoder#write(java.time.Instant, ch.qos.logback.classic.Level,
 * dev.tradingevents.events.TradingEvent, LinePayload, LineContext)}).
 */
public final class LinePayload {
  private final byte[] bytes;
  private final PayloadFields verbatim;

  private LinePayload(byte[] bytes, PayloadFields verbatim) {
    this.bytes = bytes;
    this.verbatim = verbatim;
  }

  /** {@code payload}, checked; it must be JSON a decoder accepts (the check reads shape, not grammar). */
  public static LinePayload of(byte[] payload) {
    return new LinePayload(payload, PayloadFields.of(payload, EventLineMarker.RESERVED_NAMES));
  }

  /** The payload as stored. */
  public byte[] bytes() {
    return bytes;
  }

  /** Its fields as they can be written unchanged, or null when they must be copied token by token. */
  PayloadFields verbatim() {
    return verbatim;
  }
}
