package dev.tradingevents.logger.logline;

import ch.qos.logback.classic.Level;
import dev.tradingevents.events.TradingEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the log lines of the {@code events} logger. The appender is synchronous (see {@code
 * logback.xml}): when {@link #write} returns, the line is in the appender's buffer, and when {@link
 * #flush} returns, it is in the output, and the caller may ack. A slow stdout slows the consumer down; it
 * never drops a line.
 */
@Singleton
public class EventLogWriter {
  private static final String FQCN = EventLogWriter.class.getName();
  /** The logger of event lines, so that log configuration can tell them from the service's own lines. */
  public static final String EVENTS_LOGGER = "events";

  private final Logger events;

  /** The writer of the service: the {@code events} logger of the global Logback configuration. */
  @Inject
  public EventLogWriter() {
    this(LoggerFactory.getLogger(EVENTS_LOGGER));
  }

  private EventLogWriter(Logger events) {
    this.events = events;
  }

  /**
   * A Logback context of its own for event lines: the service's appender and encoder ({@code
   * event-lines.xml} includes {@code event-line-appender.xml}), buffered and flushed when the context
   * stops, writing to {@code file}. Configured but not started, so the caller can read its status (a file
   * that cannot be opened is reported there) or replace its output stream first. For benchmarks and tests
   * of the line path apart from the service's global configuration; {@link #using} makes the writer.
   */
  public static ch.qos.logback.classic.LoggerContext lineContext(String name, String file, boolean append)
      throws ch.qos.logback.core.joran.spi.JoranException {
    ch.qos.logback.classic.LoggerContext context = new ch.qos.logback.classic.LoggerContext();
    context.setName(name);
    // a context made by hand has no MDC adapter, and the encoder asks for one
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    context.putProperty("EVENT_LINES_FILE", file);
    context.putProperty("EVENT_LINES_APPEND", Boolean.toString(append));
    ch.qos.logback.classic.joran.JoranConfigurator configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(EventLogWriter.class.getResource(LINE_CONTEXT_CONFIGURATION));
    return context;
  }

  private static final String LINE_CONTEXT_CONFIGURATION = "/event-lines.xml";

  /**
   * A writer through another logger, e.g. the {@code events} logger of a separate Logback context that
   * includes the same appender and encoder ({@code event-line-appender.xml}), see {@link #lineContext}.
   */
  public static EventLogWriter using(ch.qos.logback.classic.Logger events) {
    return new EventLogWriter(events);
  }

  /** One line for a decoded event: its level, a summary, the context and every field of the payload. */
  public void write(TradingEvent event, byte[] payload, LineContext context) {
    EventLineMarker marker = new EventLineMarker(LinePayload.of(payload), context);
    EventSentence msg = new EventSentence(event);
    Level level = EventLevels.of(event);
    switch (level.toInt()) {
      case Level.ERROR_INT -> events.error(marker, EventSentence.FORMAT, msg);
      case Level.WARN_INT -> events.warn(marker, EventSentence.FORMAT, msg);
      default -> events.info(marker, EventSentence.FORMAT, msg);
    }
  }

  /**
   * Writes out the lines written so far, through every {@link EventLineAppender} of the {@code events}
   * logger. With another appender (a logback.xml of the user's), lines count as written when appended.
   *
   * @throws IOException when the output failed since the last flush: lines since then may be lost
   */
  public void flush() throws IOException {
    for (EventLineAppender appender : eventLineAppenders(events)) {
      appender.flushLines();
    }
  }

  /**
   * Runs the line path over up to {@code events} sample events of every type, encoding their lines and
   * discarding them (see {@link LinePathWarmup}), so the JIT has compiled it before the first real event.
   *
   * @return how many sample lines were encoded within {@code budget}
   */
  public int warmUp(dev.tradingevents.events.EventCodec codec, int events, java.time.Duration budget) {
    return LinePathWarmup.run(this.events, codec, events, budget);
  }

  /** The {@link EventLineAppender}s a line of this logger reaches: its own and, by additivity, its parents'. */
  static List<EventLineAppender> eventLineAppenders(Logger events) {
    List<EventLineAppender> found = new ArrayList<>(1);
    if (!(events instanceof ch.qos.logback.classic.Logger logger)) {
      return found;
    }
    for (ch.qos.logback.classic.Logger at = logger; at != null; at = parentOf(at)) {
      for (var appenders = at.iteratorForAppenders(); appenders.hasNext(); ) {
        if (appenders.next() instanceof EventLineAppender appender) {
          found.add(appender);
        }
      }
      if (!at.isAdditive()) {
        break;
      }
    }
    return found;
  }

  private static ch.qos.logback.classic.Logger parentOf(ch.qos.logback.classic.Logger logger) {
    String name = logger.getName();
    if (org.slf4j.Logger.ROOT_LOGGER_NAME.equals(name)) {
      return null;
    }
    int dot = name.lastIndexOf('.');
    return logger.getLoggerContext().getLogger(dot < 0 ? org.slf4j.Logger.ROOT_LOGGER_NAME : name.substring(0, dot));
  }

  /** An event's line as Logback takes it: its level, the summary as {@code msg}, the context and payload fields. */
  static LoggingEvent line(ch.qos.logback.classic.Logger logger, Level level, TradingEvent event, byte[] payload,
      LineContext context) {
    LoggingEvent line = new LoggingEvent(FQCN, logger, level, EventSentence.FORMAT, null,
        new Object[] {new EventSentence(event)});
    line.addMarker(new EventLineMarker(LinePayload.of(payload), context));
    return line;
  }

  /**
   * One error line for a message that is not a loggable event: what it was (id or sequence, subject),
   * why it is refused, and a bounded excerpt of its payload (escaped, so it cannot forge lines).
   */
  public void writeRefused(RefusedMessage refused, int excerptBytes) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (refused.eventId() != null) {
      fields.put("event_id", refused.eventId());
    }
    if (refused.claimedType() != null) {
      fields.put("claimed_event_type", refused.claimedType());
    }
    fields.put("subject", refused.subject());
    fields.put("stream_seq", refused.streamSequence());
    fields.put("delivery_count", refused.deliveryCount());
    fields.put("error_reason", refused.reason());
    fields.put("error_detail", refused.detail());
    fields.put("payload_bytes", refused.payload().length);
    fields.put("payload_excerpt", excerpt(refused.payload(), excerptBytes));
    fields.put("dead_lettered", refused.deadLettered());
    events.error(Markers.appendEntries(fields), "{} message {} seq {} on {}: {}",
        refused.deadLettered() ? "dead-lettered" : "refused", refused.eventId() == null ? "(no id)" : refused.eventId(),
        refused.streamSequence(), refused.subject(), refused.detail());
  }

  static String excerpt(byte[] payload, int maxBytes) {
    int length = Math.min(payload.length, maxBytes);
    String text = new String(payload, 0, length, StandardCharsets.UTF_8);
    return length < payload.length ? text + "…(" + (payload.length - length) + " more bytes)" : text;
  }

  /**
   * A message refused as an event.
   *
   * @param eventId its {@code Nats-Msg-Id}, or null
   * @param claimedType its {@code ce-type} header, or null
   * @param subject where it was published
   * @param streamSequence its stream sequence
   * @param deliveryCount how often it was delivered
   * @param reason the reason label, e.g. {@code undecodable}
   * @param detail what exactly is wrong
   * @param payload its payload
   * @param deadLettered whether it now is in the dead-letter stream
   */
  public record RefusedMessage(
      String eventId,
      String claimedType,
      String subject,
      long streamSequence,
      long deliveryCount,
      String reason,
      String detail,
      byte[] payload,
      boolean deadLettered) {}
}
