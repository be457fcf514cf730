package dev.tradingevents.logger;

import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.publisher.EventPublisher;
import io.nats.client.Connection;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** A trading service publishing with our library and a real tracer whose spans the test can read. */
final class Producers {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();

  EventPublisher publisher(Connection connection, EventSubjects subjects) throws Exception {
    return EventPublisher.builder(connection).subjects(subjects).openTelemetry(openTelemetry).build();
  }

  /** The trace id of the producer span that published the event with this id. */
  String traceIdOf(String eventId) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> eventId.equals(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("messaging.message.id"))))
        .map(SpanData::getTraceId).findFirst().orElseThrow(() -> new AssertionError("no producer span for " + eventId));
  }
}
