package dev.tradingevents.logger;

import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.logger.logline.EventLogWriter;
import dev.tradingevents.logger.logline.LineContext;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A log output that fails for events whose source service is {@code flaky-<n>}, n times each, then
 * writes: a transient failure of the output, injected at the one boundary the tests cannot break for
 * real. Active only in contexts started with {@code test.flaky-writer=true}.
 */
@Singleton
@Replaces(EventLogWriter.class)
@Requires(property = "test.flaky-writer", value = "true")
class FlakyEventLogWriter extends EventLogWriter {
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  FlakyEventLogWriter(@Value("${test.flaky-writer}") String enabled) {}

  @Override
  public void write(TradingEvent event, byte[] payload, LineContext context) {
    if (event.sourceService().startsWith("flaky-")) {
      int limit = Integer.parseInt(event.sourceService().substring("flaky-".length()));
      int failed = failures.merge(event.eventId(), 1, Integer::sum);
      if (failed <= limit) {
        throw new IllegalStateException("injected output failure " + failed + " of " + limit);
      }
    }
    super.write(event, payload, context);
  }
}
