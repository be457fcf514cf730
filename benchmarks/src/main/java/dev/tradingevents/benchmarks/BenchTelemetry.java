package dev.tradingevents.benchmarks;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real OpenTelemetry SDK as a service would configure it, minus the network: W3C trace context and
 * baggage propagators, every span sampled, a {@link BatchSpanProcessor} with its default queue and batch
 * sizes, a periodic metric reader; the exporters count what reaches them and drop it.
 *
 * <p>So the publisher really starts and ends spans, writes {@code traceparent}, converts ended spans for
 * export on the processor's thread and records its metrics; only the OTLP encoding and the network are
 * left out (they run on the exporter's thread in a service, not on the publishing path).
 */
final class BenchTelemetry implements AutoCloseable {
  private final OpenTelemetrySdk sdk;
  private final LongAdder exportedSpans = new LongAdder();

  BenchTelemetry() {
    this(Sampler.alwaysOn());
  }

  /** With another sampler, e.g. {@code Sampler.traceIdRatioBased(0.01)}. */
  BenchTelemetry(Sampler sampler) {
    SpanExporter spans = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> batch) {
        exportedSpans.add(batch.size());
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    MetricExporter metrics = new MetricExporter() {
      @Override
      public CompletableResultCode export(Collection<MetricData> batch) {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
      }
    };
    this.sdk = OpenTelemetrySdk.builder()
        .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
        .setTracerProvider(SdkTracerProvider.builder()
            .setSampler(sampler)
            .addSpanProcessor(BatchSpanProcessor.builder(spans).build())
            .build())
        .setMeterProvider(SdkMeterProvider.builder()
            .registerMetricReader(PeriodicMetricReader.builder(metrics).setInterval(Duration.ofSeconds(10)).build())
            .build())
        .build();
  }

  OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** Exports every ended span still queued in the processor, and returns how many were exported so far. */
  long flushSpans() {
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    return exportedSpans.sum();
  }

  @Override
  public void close() {
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }
}
