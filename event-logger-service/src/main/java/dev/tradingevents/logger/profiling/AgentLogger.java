package dev.tradingevents.logger.profiling;

import io.pyroscope.javaagent.config.Config;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the agent's own messages to SLF4J (logger {@code io.pyroscope.javaagent}) instead of its default
 * stderr printer. Secrets stay out: the agent logs its whole {@link Config} at DEBUG (server URL, HTTP
 * headers; it masks the token itself), which is replaced by a summary, and user info in any URL it
 * logs (the upload URL at DEBUG) is masked.
 */
final class AgentLogger implements io.pyroscope.javaagent.api.Logger {
  private static final Logger LOG = LoggerFactory.getLogger("io.pyroscope.javaagent");

  @Override
  public void log(Level level, String format, Object... args) {
    if (!enabled(level)) {
      return;
    }
    String message;
    try {
      message = String.format(format, Arrays.stream(args).map(AgentLogger::safe).toArray());
    } catch (RuntimeException e) {
      message = format;
    }
    switch (level) {
      case ERROR -> LOG.error(message);
      case WARN -> LOG.warn(message);
      case INFO -> LOG.info(message);
      default -> LOG.debug(message);
    }
  }

  private static boolean enabled(Level level) {
    return switch (level) {
      case ERROR -> LOG.isErrorEnabled();
      case WARN -> LOG.isWarnEnabled();
      case INFO -> LOG.isInfoEnabled();
      default -> LOG.isDebugEnabled();
    };
  }

  private static Object safe(Object arg) {
    if (arg instanceof Config config) {
      return "Config{applicationName="
          + config.applicationName
          + ", profilingEvent="
          + config.profilingEvent
          + ", uploadInterval="
          + config.uploadInterval
          + ", labels="
          + config.labels
          + "}";
    }
    if (arg == null || arg instanceof Number) {
      return arg;
    }
    // upload URLs may carry basic-auth user info
    return arg.toString().replaceAll("//[^/@\\s]*@", "//***@");
  }
}
