package dev.tradingevents.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An SDK exporting ended spans to memory, with the W3C trace-context and baggage propagators that the
 * services configure. Register with {@code @RegisterExtension}; it shuts down after each test.
 */
final class InMemoryTracing implements AfterEachCallback {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
          .setPropagators(
              ContextPropagators.create(
                  TextMapPropagator.composite(
                      W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
          .build();

  OpenTelemetry openTelemetry() {
    return sdk;
  }

  EventTracing eventTracing() {
    return EventTracing.create(sdk);
  }

  /** Ended spans, in the order they ended. */
  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  SpanData onlySpan() {
    List<SpanData> spans = spans();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  SpanData spanNamed(String name) {
    return spans().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span named " + name + " in " + spans()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    sdk.close();
  }
}
