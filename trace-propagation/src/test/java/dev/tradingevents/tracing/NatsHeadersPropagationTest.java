package dev.tradingevents.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.nats.client.impl.Headers;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NatsHeadersPropagationTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  @RegisterExtension final InMemoryTracing otel = new InMemoryTracing();

  private TextMapPropagator propagator() {
    return otel.openTelemetry().getPropagators().getTextMapPropagator();
  }

  private static Context producerContext() {
    SpanContext spanContext =
        SpanContext.create(
            TRACE_ID,
            SPAN_ID,
            TraceFlags.getSampled(),
            TraceState.builder().put("vendor", "value").build());
    return Context.root()
        .with(Span.wrap(spanContext))
        .with(Baggage.builder().put("desk", "arbitrage").put("run", "42").build());
  }

  @Test
  void roundTripsTraceparentTracestateAndBaggageThroughHeaders() {
    Headers headers = new Headers();

    propagator().inject(producerContext(), headers, NatsHeadersSetter.INSTANCE);
    Context extracted = propagator().extract(Context.root(), headers, NatsHeadersGetter.INSTANCE);

    assertThat(headers.getFirst("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
    assertThat(headers.getFirst("tracestate")).isEqualTo("vendor=value");
    assertThat(headers.getFirst("baggage")).contains("desk=arbitrage").contains("run=42");
    SpanContext remote = Span.fromContext(extracted).getSpanContext();
    assertThat(remote.isRemote()).isTrue();
    assertThat(remote.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(remote.getSpanId()).isEqualTo(SPAN_ID);
    assertThat(remote.isSampled()).isTrue();
    assertThat(remote.getTraceState().get("vendor")).isEqualTo("value");
    assertThat(Baggage.fromContext(extracted).getEntryValue("desk")).isEqualTo("arbitrage");
    assertThat(Baggage.fromContext(extracted).getEntryValue("run")).isEqualTo("42");
  }

  @Test
  void eventTracingInjectAndExtractUseTheConfiguredPropagators() {
    EventTracing tracing = otel.eventTracing();
    Headers headers = new Headers();

    tracing.inject(producerContext(), headers);
    Context extracted = tracing.extract(headers);

    assertThat(Span.fromContext(extracted).getSpanContext().getSpanId()).isEqualTo(SPAN_ID);
    assertThat(Baggage.fromContext(extracted).getEntryValue("desk")).isEqualTo("arbitrage");
  }

  @Test
  void setterReplacesAnEarlierValueInsteadOfAppending() {
    Headers headers = new Headers().add("traceparent", "00-old-old-01");

    NatsHeadersSetter.INSTANCE.set(headers, "traceparent", "00-new-new-01");

    assertThat(headers.get("traceparent")).containsExactly("00-new-new-01");
  }

  @Test
  void setterLeavesOtherHeadersAlone() {
    Headers headers = new Headers().add("Nats-Msg-Id", "evt-1");

    NatsHeadersSetter.INSTANCE.set(headers, "traceparent", "00-new-new-01");

    assertThat(headers.get("Nats-Msg-Id")).containsExactly("evt-1");
  }

  @Test
  void setterIgnoresReadOnlyHeadersInsteadOfThrowing() {
    Headers readOnly = new Headers(new Headers().add("traceparent", "00-old-old-01"), true);

    assertThatCode(() -> NatsHeadersSetter.INSTANCE.set(readOnly, "traceparent", "00-new-new-01"))
        .doesNotThrowAnyException();
    assertThat(readOnly.get("traceparent")).containsExactly("00-old-old-01");
  }

  @Test
  void setterIgnoresANullCarrier() {
    assertThatCode(() -> NatsHeadersSetter.INSTANCE.set(null, "traceparent", "x"))
        .doesNotThrowAnyException();
  }

  @Test
  void getterReturnsNullForAMissingKey() {
    assertThat(NatsHeadersGetter.INSTANCE.get(new Headers().add("a", "1"), "traceparent")).isNull();
  }

  @Test
  void getterReturnsNullAndNoKeysForANullCarrier() {
    assertThat(NatsHeadersGetter.INSTANCE.get(null, "traceparent")).isNull();
    assertThat(NatsHeadersGetter.INSTANCE.keys(null)).isEmpty();
  }

  @Test
  void getterReturnsTheFirstOfSeveralValues() {
    Headers headers = new Headers().add("baggage", "first=1", "second=2");

    assertThat(NatsHeadersGetter.INSTANCE.get(headers, "baggage")).isEqualTo("first=1");
  }

  @Test
  void getterListsTheHeaderKeys() {
    Headers headers = new Headers().add("traceparent", "x").add("Nats-Msg-Id", "evt-1");

    assertThat(NatsHeadersGetter.INSTANCE.keys(headers))
        .containsExactlyInAnyOrder("traceparent", "Nats-Msg-Id");
  }

  @Test
  void extractingFromHeadersWithoutTraceContextGivesNoRemoteSpan() {
    Context extracted = otel.eventTracing().extract(new Headers().add("Nats-Msg-Id", "evt-1"));

    assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
  }

  @Test
  void extractingFromNullHeadersGivesNoRemoteSpan() {
    Context extracted = otel.eventTracing().extract(null);

    assertThat(Span.fromContext(extracted).getSpanContext().isValid()).isFalse();
  }
}
