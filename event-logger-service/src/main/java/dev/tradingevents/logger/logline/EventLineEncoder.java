package dev.tradingevents.logger.logline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.TradingEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes event lines straight into a stream, byte for byte as the service's appender and encoder ({@code
 * event-line-appender.xml}) write them, without Logback. For replay, which writes a million lines in one
 * go and needs neither appenders nor levels nor a logging event per line: through Logback each line also
 * paid for a logging event, the appender's lock and the encoder's composite around the fields, and the
 * JIT compiled all of it ({@code LinePathBenchmark}: 1,136 against 888 ns for a PriceUpdate line, 2,401
 * against 1,434 ns for an ArbitrageOpportunity).
 *
 * <p>The fields are those of the encoder's providers, in their order: {@code timestamp}, {@code level},
 * {@code service}, {@code msg}, the event's fields ({@link EventLineMarker}, the same code as on a live
 * line), {@code logger}. {@code EventLineEncoderTest} compares the two outputs for every event type; a
 * change to the encoder's configuration that is not made here too fails it.
 *
 * <p>Not thread-safe: one writer at a time.
 */
public final class EventLineEncoder implements Closeable {
  /** The {@code service} of every event line: the pattern provider of {@code event-line-appender.xml}. */
  static final String SERVICE = "event-logger-service";
  private static final JsonFactory JSON = new JsonFactory();
  private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
  private static final SerializedString LEVEL = new SerializedString("level");
  private static final SerializedString SERVICE_FIELD = new SerializedString("service");
  private static final SerializedString MSG = new SerializedString("msg");
  private static final SerializedString LOGGER = new SerializedString("logger");

  private final JsonGenerator generator;
  private final char[] timestamp = new char[EventTimes.LENGTH];

  private EventLineEncoder(JsonGenerator generator) {
    this.generator = generator;
  }

  /** An encoder writing to {@code out}, which it flushes on {@link #flush} and closes on {@link #close}. */
  public static EventLineEncoder to(OutputStream out) throws IOException {
    JsonGenerator generator = JSON.createGenerator(out, JsonEncoding.UTF8);
    generator.setRootValueSeparator(null); // lines end with a line break, written after each
    return new EventLineEncoder(generator);
  }

  /**
   * One line, as the service's encoder writes the line of {@link EventLogWriter#write}, with {@code at} as
   * its {@code timestamp} instead of now.
   *
   * @throws IOException when the stream failed: this line and those still buffered may be lost
   */
  public void write(Instant at, TradingEvent event, byte[] payload, LineContext context) throws IOException {
    JsonGenerator json = generator;
    json.writeStartObject();
    EventTimes.write(at, timestamp);
    json.writeFieldName(TIMESTAMP);
    json.writeString(timestamp, 0, timestamp.length);
    json.writeFieldName(LEVEL);
    json.writeString(LowercaseLevelJsonProvider.lowercase(EventLevels.of(event)));
    json.writeFieldName(SERVICE_FIELD);
    json.writeString(SERVICE);
    json.writeFieldName(MSG);
    json.writeString(EventSummaries.of(event));
    EventLineMarker.writeFields(json, payload, context);
    json.writeFieldName(LOGGER);
    json.writeString(EventLogWriter.EVENTS_LOGGER);
    json.writeEndObject();
    json.writeRaw('\n');
  }

  /** Writes out the buffered lines. */
  public void flush() throws IOException {
    generator.flush();
  }

  /** Writes out the buffered lines and closes the stream. */
  @Override
  public void close() throws IOException {
    generator.close();
  }
}
