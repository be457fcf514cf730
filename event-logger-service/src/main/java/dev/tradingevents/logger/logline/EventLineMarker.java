package dev.tradingevents.logger.logline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.Set;
import net.logstash.logback.marker.LogstashMarker;

/**
 * The per-event fields of a log line, written straight into the encoder's JSON generator as top-level
 * keys: the line context first, then every field of the event's JSON payload.
 *
 * <p>A compact, single-line payload without reserved top-level keys (what {@code EventPublisher} sends)
 * goes into the line byte for byte ({@link PayloadFields}); any other is copied token by token.
 *
 * <p>Order: the context ({@code trace_id} ... {@code instance}, {@code replayed_at} on a replayed line), then the payload's fields as they come
 * ({@code event_type}, {@code event_id} first). The payload is copied token by token rather than re-serialised: numbers keep their exact text
 * ({@code 0.1}, 18-decimal amounts), strings are escaped by the generator (a newline or quote in a value
 * cannot break the line), and fields a newer producer added appear too. A payload field whose name the
 * log line reserves ({@code service}, {@code level}, {@code timestamp}, ...) is written as {@code
 * event_<name>}: the line's {@code service} is always this service, which Loki labels by.
 */
final class EventLineMarker extends LogstashMarker {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  /** Keys the log line owns; an event field of the same name is prefixed with {@code event_}. */
  static final Set<String> RESERVED = Set.of(
      "timestamp", "level", "service", "msg", "logger", "thread", "stack_trace", "subject", "stream_seq",
      "delivery_count", "redelivered", "trace_id", "span_id", "latency_ms", "trace_error", "instance",
      "error_reason", "error_detail", "payload_excerpt", "payload_bytes", "replayed_at");

  static final PayloadFields.Names RESERVED_NAMES = new PayloadFields.Names(RESERVED);

  // the context's keys, quoted and encoded once: the generator copies them instead of checking each
  // character of a name for escapes on every line
  private static final SerializedString TRACE_ID = new SerializedString("trace_id");
  private static final SerializedString SPAN_ID = new SerializedString("span_id");
  private static final SerializedString SUBJECT = new SerializedString("subject");
  private static final SerializedString STREAM_SEQ = new SerializedString("stream_seq");
  private static final SerializedString DELIVERY_COUNT = new SerializedString("delivery_count");
  private static final SerializedString REDELIVERED = new SerializedString("redelivered");
  private static final SerializedString LATENCY_MS = new SerializedString("latency_ms");
  private static final SerializedString TRACE_ERROR = new SerializedString("trace_error");
  private static final SerializedString INSTANCE = new SerializedString("instance");
  private static final SerializedString REPLAYED_AT = new SerializedString("replayed_at");

  private final transient LinePayload payload;
  private final transient LineContext context;

  EventLineMarker(LinePayload payload, LineContext context) {
    super("EVENT_LINE");
    this.payload = payload;
    this.context = context;
  }

  /** The event's payload, checked for its line once. */
  LinePayload payload() {
    return payload;
  }

  LineContext context() {
    return context;
  }

  @Override
  public void writeTo(JsonGenerator generator) throws IOException {
    writeFields(generator, payload, context);
  }

  /** The line's per-event fields: the context, then the payload's fields. */
  static void writeFields(JsonGenerator generator, LinePayload payload, LineContext context) throws IOException {
    writeContext(generator, context);
    PayloadFields verbatim = payload.verbatim();
    if (verbatim != null) {
      generator.writeRaw(verbatim); // a compact payload with no reserved key: the copy below would write these bytes
      return;
    }
    copyFields(payload.bytes(), generator);
  }

  /** The payload's fields token by token: reserved names prefixed, strings escaped by the generator. */
  static void copyFields(byte[] payload, JsonGenerator generator) throws IOException {
    // one pass over the payload: event_type and event_id, then the event's own fields
    try (JsonParser parser = JSON.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("event payload is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        generator.writeFieldName(RESERVED.contains(name) ? "event_" + name : name);
        copy(parser, generator);
      }
    }
  }

  private static void writeContext(JsonGenerator generator, LineContext context) throws IOException {
    if (context.traceId() != null) {
      generator.writeFieldName(TRACE_ID);
      generator.writeString(context.traceId());
    }
    if (context.spanId() != null) {
      generator.writeFieldName(SPAN_ID);
      generator.writeString(context.spanId());
    }
    generator.writeFieldName(SUBJECT);
    generator.writeString(context.subject());
    generator.writeFieldName(STREAM_SEQ);
    generator.writeNumber(context.streamSequence());
    generator.writeFieldName(DELIVERY_COUNT);
    generator.writeNumber(context.deliveryCount());
    if (context.deliveryCount() > 1) {
      generator.writeFieldName(REDELIVERED);
      generator.writeBoolean(true);
    }
    generator.writeFieldName(LATENCY_MS);
    char[] latency = new char[LatencyText.MAX_LENGTH];
    int length = LatencyText.write(context.latencyMillis(), latency);
    if (length < 0) {
      generator.writeNumber(LatencyText.rounded(context.latencyMillis()));
    } else {
      generator.writeNumber(latency, 0, length);
    }
    if (context.traceError() != null) {
      generator.writeFieldName(TRACE_ERROR);
      generator.writeString(context.traceError());
    }
    generator.writeFieldName(INSTANCE);
    generator.writeString(context.instance());
    if (context.replayedAt() != null) {
      generator.writeFieldName(REPLAYED_AT);
      generator.writeString(context.replayedAt());
    }
  }

  /** Copies the value at the parser's current token, numbers as their exact text. */
  static void copy(JsonParser parser, JsonGenerator generator) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        generator.writeStartObject();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          generator.writeFieldName(parser.currentName());
          parser.nextToken();
          copy(parser, generator);
        }
        generator.writeEndObject();
      }
      case START_ARRAY -> {
        generator.writeStartArray();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          copy(parser, generator);
        }
        generator.writeEndArray();
      }
      // from the parser's buffer: no String per value
      case VALUE_STRING -> generator.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          generator.writeNumber(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
      case VALUE_TRUE -> generator.writeBoolean(true);
      case VALUE_FALSE -> generator.writeBoolean(false);
      case VALUE_NULL -> generator.writeNull();
      default -> throw new IOException("unexpected JSON token " + token);
    }
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
