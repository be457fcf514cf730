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
 * the JSON lines).
 */
@Factory
public class OpenTelemetryFactory {

  @Singleton
  @Bean(preDestroy = "close")
  OpenTelemetrySdk openTelemetrySdk(@Value("${micronaut.application.name}") String serviceName) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.service.name", serviceName,
            "otel.traces.exporter", "otlp",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none"))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  @Singleton
  EventTracing eventTracing(OpenTelemetry openTelemetry) {
    return EventTracing.create(openTelemetry);
  }
}
