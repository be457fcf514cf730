package dev.tradingevents.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DisabledTracingTest {

  private static final String SUBJECT = "events.system.SystemLifecycle";
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /** Propagators configured, tracer provider no-op: what a service gets with tracing switched off. */
  private static final OpenTelemetry PROPAGATING_ONLY =
      OpenTelemetry.propagating(ContextPropagators.create(W3CTraceContextPropagator.getInstance()));

  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  private static Context sampledParent() {
    return Context.root()
        .with(
            Span.wrap(
                SpanContext.create(
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    TraceFlags.getSampled(),
                    TraceState.getDefault())));
  }

  @Test
  void noopIsDisabled() {
    assertThat(EventTracing.noop().isEnabled()).isFalse();
  }

  @Test
  void aNoopTracerProviderDisablesTracing() {
    assertThat(EventTracing.create(OpenTelemetry.noop()).isEnabled()).isFalse();
    assertThat(EventTracing.create(PROPAGATING_ONLY).isEnabled()).isFalse();
  }

  @Test
  void globalWithoutARegisteredSdkIsDisabled() {
    assertThat(EventTracing.global().isEnabled()).isFalse();
  }

  @Test
  void disabledPublishWritesNoHeaders() {
    Headers headers = new Headers().put("Nats-Msg-Id", "evt-1");

    EventTracing.create(PROPAGATING_ONLY)
        .startPublish(sampledParent(), SUBJECT, "evt-1", headers, 10)
        .end("TRADING_EVENTS", 1, false);

    assertThat(headers.keySet()).containsExactly("Nats-Msg-Id");
  }

  @Test
  void disabledPublishReturnsOneSharedHandle() {
    EventTracing tracing = EventTracing.noop();

    PublishSpan first = tracing.startPublish(Context.root(), SUBJECT, "evt-1", new Headers(), 10);
    PublishSpan second = tracing.startPublish(Context.root(), SUBJECT, "evt-2", new Headers(), 10);

    assertThat(first).isSameAs(second);
    assertThat(first.context()).isSameAs(Context.root());
  }

  @Test
  void disabledProcessReturnsOneSharedHandleWithoutRemoteParent() {
    EventTracing tracing = EventTracing.create(PROPAGATING_ONLY);
    Message message =
        NatsMessage.builder()
            .subject(SUBJECT)
            .headers(new Headers().put("traceparent", TRACEPARENT))
            .data(new byte[] {1})
            .build();

    ProcessSpan first = tracing.startProcess(message);
    ProcessSpan second = tracing.startProcess(SUBJECT, message.getHeaders(), "evt-1", "S", 1);

    assertThat(first).isSameAs(second);
    assertThat(first.hasRemoteParent()).isFalse();
    assertThat(first.traceId()).isEqualTo("00000000000000000000000000000000");
    assertThat(first.spanId()).isEqualTo("0000000000000000");
  }

  @Test
  @SuppressWarnings("try") // the scope is only closed
  void disabledHandlesAcceptEveryCallWithoutThrowing() {
    PublishSpan publish =
        EventTracing.noop().startPublish(Context.root(), SUBJECT, null, null, -1);
    ProcessSpan process = EventTracing.noop().startProcess(SUBJECT, null, null, null, 0);

    assertThatCode(
            () -> {
              publish.end("TRADING_EVENTS", 1, false);
              publish.fail(new IllegalStateException("x"));
              try (Scope ignored = process.makeCurrent()) {
                process.fail(null);
              }
              process.end();
            })
        .doesNotThrowAnyException();
  }

  @Test
  @SuppressWarnings("try") // the scope is only closed
  void disabledMakeCurrentDoesNotChangeTheCurrentContext() {
    Context before = Context.current();

    try (Scope ignored = EventTracing.noop().startProcess(SUBJECT, null, null, null, 0).makeCurrent()) {
      assertThat(Context.current()).isSameAs(before);
    }
  }

  @Test
  void explicitInjectStillUsesTheConfiguredPropagatorsWhenSpansAreDisabled() {
    Headers headers = new Headers();

    EventTracing.create(PROPAGATING_ONLY).inject(sampledParent(), headers);

    assertThat(headers.getFirst("traceparent")).isEqualTo(TRACEPARENT);
  }

  @Test
  void noopInjectWritesNothing() {
    Headers headers = new Headers();

    EventTracing.noop().inject(sampledParent(), headers);

    assertThat(headers.isEmpty()).isTrue();
  }
}
