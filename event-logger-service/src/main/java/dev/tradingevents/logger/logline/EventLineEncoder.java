package dev.tradingevents.logger.logline;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.TradingEvent;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes event lines as bytes, byte for byte as the providers of the service's encoder ({@code
 * event-line-appender.xml}) would write them: straight into a stream for replay, which writes a million
 * lines from a cold JVM in one go, and one array per line for the service's own encoder ({@link
 * EventLineJsonEncoder}), which the consumer thread calls for every event.
 *
 * <p>The fields are those of the encoder's providers, in their order: {@code timestamp}, {@code level},
 * {@code service}, {@code msg}, the line context and the event's fields (as {@link EventLineMarker} writes
 * them through the providers), {@code logger}. {@code EventLineEncoderTest} compares the outputs for every
 * event type and for strings that need escaping; a change to the encoder's configuration or to the
 * marker that is not made here too fails it.
 *
 * <p>Why bytes and not a Jackson generator: a replay runs cold, and the generator's line (a field name and
 * an escaping loop per field, each inlined by the JIT at every call site) was what the JIT spent most of a
 * replay on: written as payload bytes only, a 1M-event replay took 9.0 s instead of 11.4 s. Here the
 * names and constant values are bytes encoded once, plain ASCII strings (ids, times, most subjects and
 * sentences) are copied, and everything else still goes through Jackson: a string that needs escaping or
 * is not ASCII, a number that is not finite, a payload that must be copied token by token.
 *
 * <p>Not thread-safe: one writer at a time.
 */
public final class EventLineEncoder implements Closeable {
  /** The {@code service} of every event line: the pattern provider of {@code event-line-appender.xml}. */
  static final String SERVICE = "event-logger-service";
  private static final int BUFFER = 65_536;
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] TIMESTAMP = encoded("{\"timestamp\":");
  private static final byte[] LEVEL = encoded(",\"level\":\"");
  private static final byte[] SERVICE_MSG = encoded("\",\"service\":\"" + SERVICE + "\",\"msg\":");
  private static final byte[] TRACE_ID = encoded(",\"trace_id\":");
  private static final byte[] SPAN_ID = encoded(",\"span_id\":");
  private static final byte[] SUBJECT = encoded(",\"subject\":");
  private static final byte[] STREAM_SEQ = encoded(",\"stream_seq\":");
  private static final byte[] DELIVERY_COUNT = encoded(",\"delivery_count\":");
  private static final byte[] REDELIVERED = encoded(",\"redelivered\":true");
  private static final byte[] LATENCY_MS = encoded(",\"latency_ms\":");
  private static final byte[] TRACE_ERROR = encoded(",\"trace_error\":");
  private static final byte[] INSTANCE = encoded(",\"instance\":");
  private static final byte[] REPLAYED_AT = encoded(",\"replayed_at\":");
  private static final byte[] LOGGER_END = encoded(",\"logger\":\"" + EventLogWriter.EVENTS_LOGGER + "\"}\n");

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER];
  private int used;
  private final char[] timestamp = new char[EventTimes.LENGTH];
  private final char[] latency = new char[LatencyText.MAX_LENGTH];
  private final StringBuilder sentence = new StringBuilder(256);
  /** Jackson, for what is not plain: its output lands in {@link #jacksonBytes}, then in the line. */
  private final ByteArrayBuilder jacksonBytes = new ByteArrayBuilder(256);
  private final JsonGenerator jackson;

  private EventLineEncoder(OutputStream out) throws IOException {
    this.out = out;
    this.jackson = JSON.createGenerator(jacksonBytes, JsonEncoding.UTF8);
    jackson.setRootValueSeparator(null);
  }

  /**
   * An encoder writing to {@code out}, which it flushes on {@link #flush} and closes on {@link #close}. It
   * buffers on its own: {@code out} need not.
   */
  public static EventLineEncoder to(OutputStream out) throws IOException {
    return new EventLineEncoder(out);
  }

  /**
   * An encoder that holds each line for {@link #takeLine}, for the Logback encoder, which hands its
   * appender one array per line.
   */
  static EventLineEncoder toArrays() throws IOException {
    return new EventLineEncoder(new ByteArrayOutputStream(0));
  }

  /**
   * Writes the bytes written since the last call into {@code target} and forgets them: for an encoder made
   * by {@link #toArrays}, whose appender hands it its stream. One {@code write} of the line, no array per
   * line (see {@link EventLineAppender}).
   */
  void writeLineTo(OutputStream target) throws IOException {
    ByteArrayOutputStream spilled = (ByteArrayOutputStream) out; // holds what did not fit the buffer
    if (spilled.size() == 0) {
      int length = used;
      used = 0; // a failed write loses this line rather than writing it twice
      target.write(buffer, 0, length);
      return;
    }
    drain();
    try {
      spilled.writeTo(target);
    } finally {
      spilled.reset();
    }
  }

  /**
   * The bytes written since the last call, as an array: for an encoder made by {@link #toArrays}, whose
   * Logback encoder hands an appender one array per line ({@link EventLineAppender} takes {@link
   * #writeLineTo} instead).
   */
  byte[] takeLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(used);
    writeLineTo(line);
    return line.toByteArray();
  }

  /**
   * One line, as the service's encoder writes the line of {@link EventLogWriter#write}, with {@code at} as
   * its {@code timestamp} instead of now.
   *
   * @throws IOException when the stream failed: this line and those still buffered may be lost
   */
  public void write(Instant at, TradingEvent event, byte[] payload, LineContext context) throws IOException {
    write(at, EventLevels.of(event), event, LinePayload.of(payload), context);
  }

  /**
   * One line at {@code level} ({@link EventLevels#of} of the event, or the level it was logged at), of a
   * payload checked already, its sentence appended straight into this writer's builder: what the Logback
   * encoder writes for a line of {@link EventLogWriter#write} ({@link EventLineJsonEncoder}).
   *
   * <p>One method from the sentence to the last byte, called straight by the replay and by the Logback
   * encoder. Each method between a per-event loop and this code gets hot when it does, and C2 compiles
   * each again with all of this inlined: through three overloads, a cold replay compiled the line code
   * four times over (JFR: 0.9 s of 5.3 s of C2 compile time), while the decoder's code waited in the
   * queue. Without two of them, replays of 1,000,000 events ran 2.4% faster (8 interleaved pairs).
   *
   * @throws IOException when the stream failed: this line and those still buffered may be lost
   */
  public void write(Instant at, Level level, TradingEvent event, LinePayload payload, LineContext context)
      throws IOException {
    sentence.setLength(0);
    EventSummaries.append(sentence, event);
    bytes(TIMESTAMP);
    EventTimes.write(at, timestamp);
    quotedAscii(timestamp);
    bytes(LEVEL);
    ascii(LowercaseLevelJsonProvider.lowercase(level));
    bytes(SERVICE_MSG);
    string(sentence);
    // the context, in the order of EventLineMarker.writeContext
    optionalString(TRACE_ID, context.traceId());
    optionalString(SPAN_ID, context.spanId());
    bytes(SUBJECT);
    string(context.subject());
    bytes(STREAM_SEQ);
    number(context.streamSequence());
    bytes(DELIVERY_COUNT);
    number(context.deliveryCount());
    if (context.deliveryCount() > 1) {
      bytes(REDELIVERED);
    }
    bytes(LATENCY_MS);
    latency(context.latencyMillis());
    optionalString(TRACE_ERROR, context.traceError());
    bytes(INSTANCE);
    string(context.instance());
    optionalString(REPLAYED_AT, context.replayedAt());
    PayloadFields verbatim = payload.verbatim();
    if (verbatim != null) {
      room(verbatim.length());
      int written = verbatim.appendUnquotedUTF8(buffer, used); // the fields as they are, after a comma
      if (written < 0) { // longer than the whole buffer
        written = 0;
        bytes(verbatim.asUnquotedUTF8());
      }
      used += written;
    } else {
      copiedFields(payload.bytes());
    }
    bytes(LOGGER_END);
  }

  /** Writes out the buffered lines. */
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  /** Writes out the buffered lines and closes the stream. */
  @Override
  public void close() throws IOException {
    try (out) {
      flush();
    }
  }

  /** A field whose value may be missing: its name and value, or nothing when the value is null. */
  private void optionalString(byte[] name, String value) throws IOException {
    if (value != null) {
      bytes(name);
      string(value);
    }
  }

  /** A string value: copied when every character is printable ASCII other than a quote or a backslash. */
  private void string(CharSequence value) throws IOException {
    int length = value.length();
    if (length + 2 > BUFFER) {
      jackson.writeString(value.toString());
      jacksonOutput();
      return;
    }
    room(length + 2);
    byte[] line = buffer;
    int at = used;
    line[at++] = '"';
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        jackson.writeString(value.toString()); // escapes and UTF-8 exactly as the service's encoder does
        jacksonOutput();
        return;
      }
      line[at++] = (byte) c;
    }
    line[at++] = '"';
    used = at;
  }

  /** Characters known to be plain ASCII that need no escape (a timestamp), quoted. */
  private void quotedAscii(char[] value) throws IOException {
    room(value.length + 2);
    byte[] line = buffer;
    int at = used;
    line[at++] = '"';
    for (char c : value) {
      line[at++] = (byte) c;
    }
    line[at++] = '"';
    used = at;
  }

  /** Characters known to be plain ASCII (a level name, a number), unquoted. */
  private void ascii(String value) throws IOException {
    int length = value.length();
    room(length);
    for (int i = 0; i < length; i++) {
      buffer[used++] = (byte) value.charAt(i);
    }
  }

  private void number(long value) throws IOException {
    room(20);
    used = NumberOutput.outputLong(value, buffer, used);
  }

  private void latency(double millis) throws IOException {
    int length = LatencyText.write(millis, latency);
    if (length >= 0) {
      room(length);
      for (int i = 0; i < length; i++) {
        buffer[used++] = (byte) latency[i];
      }
      return;
    }
    double value = LatencyText.rounded(millis);
    if (!Double.isFinite(value)) {
      jackson.writeNumber(value); // quoted, as the encoder's generator writes NaN and infinities
      jacksonOutput();
      return;
    }
    ascii(Double.toString(value)); // what the encoder's generator writes for a double
  }

  /** The payload's fields token by token (reserved names renamed, strings re-escaped), after a comma. */
  private void copiedFields(byte[] payload) throws IOException {
    jackson.writeStartObject();
    EventLineMarker.copyFields(payload, jackson);
    jackson.writeEndObject();
    jackson.flush();
    byte[] object = jacksonBytes.toByteArray();
    jacksonBytes.reset();
    if (object.length > 2) { // {} has no fields
      object[0] = ',';
      bytes(object, 0, object.length - 1);
    }
  }

  private void jacksonOutput() throws IOException {
    jackson.flush();
    byte[] written = jacksonBytes.toByteArray();
    jacksonBytes.reset();
    bytes(written, 0, written.length);
  }

  private void bytes(byte[] bytes) throws IOException {
    bytes(bytes, 0, bytes.length);
  }

  private void bytes(byte[] bytes, int from, int length) throws IOException {
    if (length > BUFFER) {
      drain();
      out.write(bytes, from, length);
      return;
    }
    room(length);
    System.arraycopy(bytes, from, buffer, used, length);
    used += length;
  }

  /** Makes room for {@code length} more bytes (at most the buffer's size). */
  private void room(int length) throws IOException {
    if (used + length > BUFFER) {
      drain();
    }
  }

  private void drain() throws IOException {
    if (used > 0) {
      int length = used;
      used = 0; // a failed write loses these bytes rather than writing them twice
      out.write(buffer, 0, length);
    }
  }

  private static byte[] encoded(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
