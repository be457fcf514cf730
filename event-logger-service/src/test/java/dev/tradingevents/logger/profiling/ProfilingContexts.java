package dev.tradingevents.logger.profiling;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;

/** Application contexts with only what profiling needs: no NATS consumer, no HTTP server. */
final class ProfilingContexts {
  private ProfilingContexts() {}

  static ApplicationContext start(Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>();
    all.put("trading-events.consumer.enabled", false);
    all.putAll(properties);
    return ApplicationContext.builder()
        .deduceEnvironment(false)
        .environments("profiling-test")
        .properties(all)
        .start();
  }
}
