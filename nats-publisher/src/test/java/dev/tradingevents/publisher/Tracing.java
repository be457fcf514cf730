package dev.tradingevents.publisher;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** A real OpenTelemetry SDK whose spans and metrics a test can read back. */
final class Tracing {
  final InMemorySpanExporter spanExporter = InMemorySpanExporter.create();
  final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
  final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();

  List<SpanData> spans() {
    return spanExporter.getFinishedSpanItems();
  }

  long counter(String name, String eventType) {
    return metric(name).getLongSumData().getPoints().stream()
        .filter(p -> eventType.equals(p.getAttributes().get(PublisherMetrics.EVENT_TYPE)))
        .mapToLong(p -> p.getValue()).sum();
  }

  long counter(String name, String eventType, String reason) {
    return metric(name).getLongSumData().getPoints().stream()
        .filter(p -> eventType.equals(p.getAttributes().get(PublisherMetrics.EVENT_TYPE)))
        .filter(p -> reason.equals(p.getAttributes().get(PublisherMetrics.ERROR_TYPE)))
        .mapToLong(p -> p.getValue()).sum();
  }

  long histogramCount(String name, String eventType) {
    return metric(name).getHistogramData().getPoints().stream()
        .filter(p -> eventType.equals(p.getAttributes().get(PublisherMetrics.EVENT_TYPE)))
        .mapToLong(p -> p.getCount()).sum();
  }

  private MetricData metric(String name) {
    return metricReader.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }
}
