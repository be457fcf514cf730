package dev.tradingevents.logger.logline;

/**
 * The ids of a W3C {@code traceparent} (version 00: {@code 00-<32 hex>-<16 hex>-<2 hex>}), checked by
 * hand: the logger and replay read it for every message, and a regex cost more than the rest of the check.
 *
 * @param traceId 32 lower-case hex digits, or null when the header is missing or invalid
 * @param spanId 16 lower-case hex digits, or null when the header is missing or invalid
 * @param error {@code missing}, {@code invalid}, or null when valid
 */
public record TraceParent(String traceId, String spanId, String error) {
  private static final TraceParent MISSING = new TraceParent(null, null, "missing");
  private static final TraceParent INVALID = new TraceParent(null, null, "invalid");

  /** The ids of this header value ({@code null} when the header is missing). */
  public static TraceParent parse(String header) {
    if (header == null) {
      return MISSING;
    }
    if (header.length() != 55 || !header.startsWith("00-") || header.charAt(35) != '-' || header.charAt(52) != '-'
        || !hex(header, 3, 35) || !hex(header, 36, 52) || !hex(header, 53, 55)) {
      return INVALID;
    }
    String traceId = header.substring(3, 35);
    String spanId = header.substring(36, 52);
    if (zeros(traceId) || zeros(spanId)) {
      return INVALID; // all-zero ids are invalid in W3C trace context
    }
    return new TraceParent(traceId, spanId, null);
  }

  /** Whether a trace id as a user types it is one: 32 hex digits. */
  public static boolean validTraceId(String id) {
    return id.length() == 32 && hex(id, 0, 32) && !zeros(id);
  }

  private static boolean hex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static boolean zeros(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
