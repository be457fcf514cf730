package dev.tradingevents.samples;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The OpenTelemetry SDK of the sample services, configured by the SDK's own {@code OTEL_*} environment
 * variables (or {@code otel.*} system properties), e.g. {@code OTEL_EXPORTER_OTLP_ENDPOINT=http://tempo:4318}.
 *
 * <p>Unlike the SDK's defaults, nothing is exported unless asked for: spans are made and sampled, so the
 * events carry a real {@code traceparent}, but go nowhere until {@code OTEL_TRACES_EXPORTER} or an
 * {@code OTEL_EXPORTER_OTLP_*ENDPOINT} is set (then traces go over OTLP). Metrics and logs are not
 * exported unless {@code OTEL_METRICS_EXPORTER} / {@code OTEL_LOGS_EXPORTER} say so.
 */
public final class SampleTelemetry {
  private SampleTelemetry() {}

  /** An SDK for a service of this name; close it when done (it flushes the exporters). */
  public static OpenTelemetrySdk create(String serviceName) {
    return create(serviceName, System::getenv);
  }

  static OpenTelemetrySdk create(String serviceName, UnaryOperator<String> env) {
    Map<String, String> defaults = defaults(serviceName, env);
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  /** The defaults under the user's settings: environment and system properties override them. */
  static Map<String, String> defaults(String serviceName, UnaryOperator<String> env) {
    boolean otlpEndpoint = set(env, "otel.exporter.otlp.endpoint") || set(env, "otel.exporter.otlp.traces.endpoint");
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", serviceName);
    defaults.put("otel.traces.exporter", otlpEndpoint ? "otlp" : "none");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    return defaults;
  }

  private static boolean set(UnaryOperator<String> env, String property) {
    String envName = property.toUpperCase(Locale.ROOT).replace('.', '_');
    String fromEnv = env.apply(envName);
    String fromProperty = System.getProperty(property);
    return (fromEnv != null && !fromEnv.isBlank()) || (fromProperty != null && !fromProperty.isBlank());
  }
}
