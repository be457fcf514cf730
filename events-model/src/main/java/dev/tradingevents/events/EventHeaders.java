package dev.tradingevents.events;

/**
 * Names of the NATS message headers that carry an event's identity and context.
 *
 * <p>The event's own attributes follow the CloudEvents NATS protocol binding in binary content mode: the
 * payload is the event JSON and the attributes travel as {@code ce-} headers. {@code Nats-Msg-Id} equals
 * the event id, so JetStream's duplicate window stores a retried publish once.
 */
public final class EventHeaders {
  private EventHeaders() {}

  /** JetStream de-duplication id; equal to the event id. */
  public static final String NATS_MSG_ID = "Nats-Msg-Id";

  /** CloudEvents {@code id}: the event id. */
  public static final String CE_ID = "ce-id";
  /** CloudEvents {@code specversion}; always {@value #CE_SPECVERSION_VALUE}. */
  public static final String CE_SPECVERSION = "ce-specversion";
  public static final String CE_SPECVERSION_VALUE = "1.0";
  /** CloudEvents {@code type}: the wire name of the event type, e.g. {@code PriceUpdate}. */
  public static final String CE_TYPE = "ce-type";
  /** CloudEvents {@code source}: the publishing service. */
  public static final String CE_SOURCE = "ce-source";
  /** CloudEvents {@code time}: {@code occurred_at}, RFC 3339 with nanoseconds. */
  public static final String CE_TIME = "ce-time";
  /** CloudEvents {@code dataschema}: which schema and version the payload follows. */
  public static final String CE_DATASCHEMA = "ce-dataschema";

  /** CloudEvents {@code datacontenttype} in the NATS binding. */
  public static final String CONTENT_TYPE = "content-type";
  public static final String CONTENT_TYPE_JSON = "application/json";

  /** The version of the event type's schema the payload follows, a positive integer. */
  public static final String SCHEMA_VERSION = "te-schema-version";

  /** W3C trace context and baggage. */
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";
  public static final String BAGGAGE = "baggage";

  /** Set on a replayed copy: the stream and sequence of the original message and when it was replayed. */
  public static final String REPLAY_ORIGINAL_STREAM = "te-replay-original-stream";
  public static final String REPLAY_ORIGINAL_SEQUENCE = "te-replay-original-seq";
  public static final String REPLAYED_AT = "te-replayed-at";

  /** Set on a dead-lettered copy: why it could not be processed, and where it came from. */
  public static final String DEAD_LETTER_REASON = "te-dead-letter-reason";
  public static final String DEAD_LETTER_ORIGINAL_SUBJECT = "te-dead-letter-original-subject";
  public static final String DEAD_LETTER_ORIGINAL_SEQUENCE = "te-dead-letter-original-seq";
  /** The original's {@code Nats-Msg-Id}: the copy gets its own, so the dead-letter stream dedups retries. */
  public static final String DEAD_LETTER_ORIGINAL_MSG_ID = "te-dead-letter-original-msg-id";

  /** {@link #schemaVersion(String)} of a message without the {@value #SCHEMA_VERSION} header. */
  public static final int NO_SCHEMA_VERSION = 0;
  /** {@link #schemaVersion(String)} of a header that is not a version as a publisher writes it. */
  public static final int UNREADABLE_SCHEMA_VERSION = -1;

  /**
   * The {@value #SCHEMA_VERSION} header as a number: {@link #NO_SCHEMA_VERSION} when it is missing ({@code
   * null}), {@link #UNREADABLE_SCHEMA_VERSION} unless it is a positive integer written as {@link
   * Integer#toString(int)} writes it ({@code 01}, {@code +1} and {@code 1.0} are not version 1). So a
   * consumer compares numbers, and a header matches a type's version exactly when its text equals that
   * version's text.
   */
  public static int schemaVersion(String header) {
    if (header == null) {
      return NO_SCHEMA_VERSION;
    }
    if (header.isEmpty() || header.length() > 9 || header.charAt(0) == '0') {
      return UNREADABLE_SCHEMA_VERSION;
    }
    int version = 0;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c < '0' || c > '9') {
        return UNREADABLE_SCHEMA_VERSION;
      }
      version = version * 10 + (c - '0');
    }
    return version;
  }

  /** The {@value #CE_DATASCHEMA} value for a type at its current version. */
  public static String dataSchema(EventType type) {
    return "urn:trading-events:schema:" + type.wireName() + ":" + type.schemaVersion();
  }
}
