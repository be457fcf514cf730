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
 * logger, another marker, arguments, an exception, another line separator) always goes to the providers.
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
    EventLineMarker line = eventLine(event);
    if (line == null) {
      return super.encode(event);
    }
    EventLineEncoder writer = writers.get();
    try {
      writer.write(event.getInstant(), event.getLevel(), event.getFormattedMessage(), line.payload(), line.context());
      return writer.takeLine();
    } catch (IOException | RuntimeException e) {
      // the writer's buffer may hold part of the line: start the next one clean
      writers.remove();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  @Override
  public void encode(ILoggingEvent event, OutputStream out) throws IOException {
    if (eventLine(event) == null) {
      super.encode(event, out);
    } else {
      out.write(encode(event));
    }
  }

  /** The marker of an event line this encoder writes as bytes, or null for the providers. */
  private EventLineMarker eventLine(ILoggingEvent event) {
    if (eventLinesByProviders) {
      return null;
    }
    List<Marker> markers = event.getMarkerList();
    if (markers == null || markers.size() != 1 || !(markers.get(0) instanceof EventLineMarker line)
        || !EventLogWriter.EVENTS_LOGGER.equals(event.getLoggerName()) || event.getThrowableProxy() != null
        || event.getArgumentArray() != null && event.getArgumentArray().length > 0
        || !"\n".equals(getLineSeparator()) || getPrefix() != null || getSuffix() != null) {
      return null;
    }
    return line;
  }

  private static EventLineEncoder newWriter() {
    try {
      return EventLineEncoder.toArrays();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
