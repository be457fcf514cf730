package dev.tradingevents.logger.logline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

/**
 * Writes the level in lower case ({@code info}, {@code warn}, {@code error}): the seed dashboard's
 * "Critical Events" query matches {@code level=~"error|fatal|critical"}, and LogQL matches case.
 */
public class LowercaseLevelJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {
  public LowercaseLevelJsonProvider() {
    setFieldName("level");
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    generator.writeStringField(getFieldName(), lowercase(event.getLevel()));
  }

  static String lowercase(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> "error";
      case Level.WARN_INT -> "warn";
      case Level.INFO_INT -> "info";
      case Level.DEBUG_INT -> "debug";
      default -> "trace";
    };
  }
}
