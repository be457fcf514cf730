package dev.tradingevents.tracing;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import io.nats.client.impl.Headers;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PublishSpanTest {

  private static final String SUBJECT = "events.market.PriceUpdate";

  @RegisterExtension final InMemoryTracing otel = new InMemoryTracing();

  private PublishSpan startPublish(Headers headers) {
    return otel.eventTracing().startPublish(Context.root(), SUBJECT, "evt-1", headers, 314);
  }

  @Test
  void startsAProducerSpanNamedPublishSubjectWithMessagingAttributes() {
    startPublish(new Headers()).end("TRADING_EVENTS", 7, false);

    assertThat(otel.onlySpan())
        .hasName("publish " + SUBJECT)
        .hasKind(SpanKind.PRODUCER)
        .hasAttributesSatisfying(
            equalTo(AttributeKey.stringKey("messaging.system"), "nats"),
            equalTo(AttributeKey.stringKey("messaging.destination.name"), SUBJECT),
            equalTo(AttributeKey.stringKey("messaging.operation.type"), "send"),
            equalTo(AttributeKey.stringKey("messaging.operation.name"), "publish"),
            equalTo(AttributeKey.stringKey("messaging.message.id"), "evt-1"),
            equalTo(AttributeKey.longKey("messaging.message.body.size"), 314L));
  }

  @Test
  void leavesOutTheMessageIdAndBodySizeWhenUnknown() {
    otel.eventTracing()
        .startPublish(Context.root(), SUBJECT, null, new Headers(), -1)
        .end("TRADING_EVENTS", 1, false);

    assertThat(otel.onlySpan().getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
        .isNull();
    assertThat(
            otel.onlySpan().getAttributes().get(AttributeKey.longKey("messaging.message.body.size")))
        .isNull();
  }

  @Test
  void writesTheTraceContextThroughTheCallersSetter() {
    java.util.Map<String, String> carrier = new java.util.HashMap<>();
    PublishSpan span = otel.eventTracing()
        .startPublish(Context.root(), SUBJECT, "evt-1", carrier, java.util.Map::put, 314);
    span.end("TRADING_EVENTS", 1, false);

    SpanData data = otel.onlySpan();
    assertThat(carrier).containsOnlyKeys("traceparent");
    assertThat(carrier.get("traceparent"))
        .isEqualTo("00-" + data.getTraceId() + "-" + data.getSpanId() + "-01");
  }

  @Test
  void isAChildOfTheGivenParentContext() {
    Span parent = otel.openTelemetry().getTracer("test").spanBuilder("handle tick").startSpan();

    otel.eventTracing()
        .startPublish(Context.root().with(parent), SUBJECT, "evt-1", new Headers(), 10)
        .end("TRADING_EVENTS", 1, false);
    parent.end();

    assertThat(otel.spanNamed("publish " + SUBJECT))
        .hasTraceId(parent.getSpanContext().getTraceId())
        .hasParentSpanId(parent.getSpanContext().getSpanId());
  }

  @Test
  void writesItsOwnContextIntoTheHeaders() {
    Headers headers = new Headers();

    PublishSpan span = startPublish(headers);
    span.end("TRADING_EVENTS", 1, false);

    SpanContext published = Span.fromContext(span.context()).getSpanContext();
    assertThat(headers.get("traceparent"))
        .containsExactly(
            "00-" + published.getTraceId() + "-" + published.getSpanId() + "-01");
    assertThat(otel.onlySpan()).hasSpanId(published.getSpanId());
  }

  @Test
  void aRetriedPublishWithTheSameHeadersCarriesOnlyTheLatestTraceparent() {
    Headers headers = new Headers();

    startPublish(headers).fail(new IOException("timeout"));
    PublishSpan retry = startPublish(headers);
    retry.end("TRADING_EVENTS", 1, false);

    assertThat(headers.get("traceparent"))
        .singleElement()
        .asString()
        .contains(Span.fromContext(retry.context()).getSpanContext().getSpanId());
  }

  @Test
  void stillTracesWhenTheHeadersAreReadOnly() {
    Headers readOnly = new Headers(new Headers().add("Nats-Msg-Id", "evt-1"), true);

    startPublish(readOnly).end("TRADING_EVENTS", 1, false);

    assertThat(readOnly.containsKey("traceparent")).isFalse();
    assertThat(otel.onlySpan()).hasName("publish " + SUBJECT);
  }

  @Test
  void recordsTheStreamSequenceAndDuplicateFlagOfTheAck() {
    startPublish(new Headers()).end("TRADING_EVENTS", 42, true);

    assertThat(otel.onlySpan())
        .hasStatus(StatusData.unset())
        .hasAttributesSatisfying(
            equalTo(AttributeKey.stringKey("messaging.nats.stream.name"), "TRADING_EVENTS"),
            equalTo(AttributeKey.longKey("messaging.nats.stream.sequence"), 42L),
            equalTo(AttributeKey.booleanKey("messaging.nats.ack.duplicate"), true));
  }

  @Test
  void failureSetsStatusErrorAndRecordsTheException() {
    IOException timeout = new IOException("Timeout or no response waiting for NATS JetStream server");

    startPublish(new Headers()).fail(timeout);

    SpanData span = otel.onlySpan();
    assertThat(span)
        .hasStatus(StatusData.create(StatusCode.ERROR, timeout.getMessage()))
        .hasException(timeout)
        .hasAttributesSatisfying(
            equalTo(AttributeKey.stringKey("error.type"), "java.io.IOException"));
    assertThat(span.getAttributes().get(AttributeKey.longKey("messaging.nats.stream.sequence")))
        .isNull();
  }

  @Test
  void failureNamesTheCauseOfACompletionException() {
    IllegalStateException cause = new IllegalStateException("Output queue is full");

    startPublish(new Headers()).fail(new CompletionException(cause));

    assertThat(otel.onlySpan())
        .hasException(cause)
        .hasAttributesSatisfying(
            equalTo(AttributeKey.stringKey("error.type"), "java.lang.IllegalStateException"));
  }

  @Test
  void onlyTheFirstEndingCounts() {
    PublishSpan span = startPublish(new Headers());

    span.end("TRADING_EVENTS", 1, false);
    span.fail(new IOException("late"));
    span.end("TRADING_EVENTS", 2, true);

    assertThat(otel.onlySpan())
        .hasStatus(StatusData.unset())
        .hasTotalRecordedEvents(0)
        .hasAttributesSatisfying(
            equalTo(AttributeKey.longKey("messaging.nats.stream.sequence"), 1L));
  }
}
