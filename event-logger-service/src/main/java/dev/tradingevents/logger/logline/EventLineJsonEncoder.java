package dev.tradingevents.logger.logline;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.slf4j.Marker;

/**
 * The encoder of the log lines: logstash's composite JSON encoder, whose {@code <providers>} write the
 * service's own lines, and which writes event lines (those of {@link EventLogWriter#write}) itself, as
 * bytes, with {@link EventLineEncoder}: the same bytes the providers of {@code event-line-appender.xml}
 * would write ({@code EventLineEncoderTest} compares the three writers), for less: a whole line through
 * Logback took 690 instead of about 1,020 ns ({@code LinePathBenchmark.writeLine}, a PriceUpdate, together
 * with {@link LatencyText}).
 *
 * <p>Why: the event logger writes one such line per event, and the providers' line (a JSON generator, a
 * provider per field, each field name escaped on every line) was the largest part of the consumer
 * thread's work per event. Its fields are the log-line contract (DESIGN.md), fixed, so they need no
 * configuring per line.
 *
 * <p>To write event lines through the providers instead (a provider of your own, another field order),
 * set {@code <eventLinesByProviders>true</eventLinesByProviders>}. A line of another shape (another
 * logger, another marker, another message or arguments, an exception, another line separator) always goes to
 * the providers. {@link EventLineAppender} writes an event line from this encoder's buffer into its stream,
 * without the array per line of {@link #encode(ILoggingEvent)}.
 */
public class EventLineJsonEncoder extends LoggingEventCompositeJsonEncoder {
  /** One line writer per thread: Logback encodes outside the appender's lock. */
  private final ThreadLocal<EventLineEncoder> writers = ThreadLocal.withInitial(EventLineJsonEncoder::newWriter);
  private boolean eventLinesByProviders;

  /** Whether event lines go through the providers too (default false: they are written as bytes). */
  public void setEventLinesByProviders(boolean eventLinesByProviders) {
    this.eventLinesByProviders = eventLinesByProviders;
  }

  public boolean isEventLinesByProviders() {
    return eventLinesByProviders;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    try {
      EventLineEncoder writer = encodeEventLine(event);
      return writer == null ? super.encode(event) : writer.takeLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void encode(ILoggingEvent event, OutputStream out) throws IOException {
    EventLineEncoder writer = encodeEventLine(event);
    if (writer == null) {
      super.encode(event, out);
    } else {
      writer.writeLineTo(out);
    }
  }

  /**
   * Encodes {@code event} when it is an event line this encoder writes as bytes: this thread's writer then
   * holds the line, for {@link EventLineEncoder#writeLineTo} (the appender, into its stream) or {@link
   * EventLineEncoder#takeLine}. Null for any other line, which the providers write.
   */
  EventLineEncoder encodeEventLine(ILoggingEvent event) throws IOException {
    EventLineMarker line = eventLine(event);
    EventSentence sentence = line == null ? null : sentence(event);
    if (sentence == null) {
      return null;
    }
    EventLineEncoder writer = writers.get();
    try {
      writer.write(event.getInstant(), event.getLevel(), sentence.event(), line.payload(), line.context());
      return writer;
    } catch (IOException | RuntimeException e) {
      // the writer's buffer may hold part of the line: start the next one clean
      writers.remove();
      throw e;
    }
  }

  /**
   * The marker of a line of the shape this encoder writes as bytes, or null for the providers; its message
   * must be a sentence as well ({@link #sentence}).
   */
  private EventLineMarker eventLine(ILoggingEvent event) {
    if (eventLinesByProviders) {
      return null;
    }
    List<Marker> markers = event.getMarkerList();
    if (markers == null || markers.size() != 1 || !(markers.get(0) instanceof EventLineMarker line)
        || !EventLogWriter.EVENTS_LOGGER.equals(event.getLoggerName()) || event.getThrowableProxy() != null
        || !"\n".equals(getLineSeparator()) || getPrefix() != null || getSuffix() != null) {
      return null;
    }
    return line;
  }

  /** The sentence of a line of {@link EventLogWriter#write}: its one argument, or null for another message. */
  private static EventSentence sentence(ILoggingEvent event) {
    Object[] arguments = event.getArgumentArray();
    return arguments != null && arguments.length == 1 && arguments[0] instanceof EventSentence sentence
        && EventSentence.FORMAT.equals(event.getMessage()) ? sentence : null;
  }

  private static EventLineEncoder newWriter() {
    try {
      return EventLineEncoder.toArrays();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
