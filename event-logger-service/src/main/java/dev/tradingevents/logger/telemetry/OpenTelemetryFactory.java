package dev.tradingevents.logger.telemetry;

import dev.tradingevents.tracing.EventTracing;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * OpenTelemetry by the SDK's autoconfiguration: every {@code OTEL_*} environment variable (or {@code
 * otel.*} system property) applies, e.g. {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code
 * OTEL_TRACES_EXPORTER=none}, {@code OTEL_SDK_DISABLED=true}. Defaults given here: the service name,
 * traces over OTLP, and no OTLP metrics or logs (metrics are scraped from {@code /prometheus}, logs are
 * the JSON lines), and at most {@value #LINK_LIMIT} links per span ({@code OTEL_SPAN_LINK_COUNT_LIMIT}).
 *
 * <p>Why the link limit: the SDK sizes each span's link list for its limit, 128 by default, and the
 * consumer span of every event has one link, to its producer: the list was about 530 bytes per event, a
 * tenth of what the consumer thread allocated.
 */
@Factory
public class OpenTelemetryFactory {
  /** The default of {@code otel.span.link.count.limit}: the service's spans have one link each. */
  static final int LINK_LIMIT = 8;

  @Singleton
  @Bean(preDestroy = "close")
  OpenTelemetrySdk openTelemetrySdk(@Value("${micronaut.application.name}") String serviceName) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.service.name", serviceName,
            "otel.traces.exporter", "otlp",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.span.link.count.limit", Integer.toString(LINK_LIMIT)))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  @Singleton
  EventTracing eventTracing(OpenTelemetry openTelemetry) {
    return EventTracing.create(openTelemetry);
  }
}
