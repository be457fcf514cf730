package dev.tradingevents.tracing;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProcessSpanTest {

  private static final String SUBJECT = "events.arbitrage.ArbitrageOpportunity";
  private static final byte[] BODY = "{\"profit_usd\":\"12.50\"}".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension final InMemoryTracing otel = new InMemoryTracing();

  /** Headers as the publisher writes them: message id plus the producer span's context. */
  private Headers publishedHeaders(Context parent) {
    Headers headers = new Headers().put("Nats-Msg-Id", "evt-7");
    otel.eventTracing()
        .startPublish(parent, SUBJECT, "evt-7", headers, BODY.length)
        .end("TRADING_EVENTS", 3, false);
    return headers;
  }

  private static Message message(Headers headers) {
    return NatsMessage.builder().subject(SUBJECT).headers(headers).data(BODY).build();
  }

  @Test
  void consumerSpanIsAChildOfTheProducerSpanAndLinksToIt() {
    Message message = message(publishedHeaders(Context.root()));

    otel.eventTracing().startProcess(message).end();

    SpanData producer = otel.spanNamed("publish " + SUBJECT);
    SpanData consumer = otel.spanNamed("process " + SUBJECT);
    assertThat(consumer)
        .hasKind(SpanKind.CONSUMER)
        .hasTraceId(producer.getTraceId())
        .hasParentSpanId(producer.getSpanId())
        .hasLinksSatisfying(
            links ->
                assertThat(links)
                    .singleElement()
                    .satisfies(
                        link ->
                            assertThat(link.getSpanContext().getSpanId())
                                .isEqualTo(producer.getSpanId())));
  }

  @Test
  void reportsThatAValidRemoteParentWasFound() {
    ProcessSpan span = otel.eventTracing().startProcess(message(publishedHeaders(Context.root())));

    assertThat(span.hasRemoteParent()).isTrue();
  }

  @Test
  void carriesTheMessagingAttributesOfTheMessage() {
    otel.eventTracing().startProcess(message(publishedHeaders(Context.root()))).end();

    assertThat(otel.spanNamed("process " + SUBJECT))
        .hasAttributesSatisfyingExactly(
            equalTo(AttributeKey.stringKey("messaging.system"), "nats"),
            equalTo(AttributeKey.stringKey("messaging.destination.name"), SUBJECT),
            equalTo(AttributeKey.stringKey("messaging.operation.type"), "process"),
            equalTo(AttributeKey.stringKey("messaging.operation.name"), "process"),
            equalTo(AttributeKey.stringKey("messaging.message.id"), "evt-7"),
            equalTo(AttributeKey.longKey("messaging.message.body.size"), (long) BODY.length));
  }

  @Test
  void idsOfTheHandleAreThoseOfTheRecordedSpan() {
    ProcessSpan span = otel.eventTracing().startProcess(message(publishedHeaders(Context.root())));
    span.end();

    assertThat(otel.spanNamed("process " + SUBJECT))
        .hasTraceId(span.traceId())
        .hasSpanId(span.spanId());
  }

  @Test
  @SuppressWarnings("try") // the scope is only closed
  void makeCurrentExposesTheSpanAndTheProducersBaggage() {
    Context producerSide = Context.root().with(Baggage.builder().put("desk", "arbitrage").build());
    ProcessSpan span = otel.eventTracing().startProcess(message(publishedHeaders(producerSide)));

    try (Scope ignored = span.makeCurrent()) {
      assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(span.spanId());
      assertThat(Baggage.current().getEntryValue("desk")).isEqualTo("arbitrage");
    } finally {
      span.end();
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void aMessageWithoutTraceparentStartsANewRootTrace() {
    Message message = message(new Headers().put("Nats-Msg-Id", "evt-8"));

    ProcessSpan span = otel.eventTracing().startProcess(message);
    span.end();

    assertThat(span.hasRemoteParent()).isFalse();
    assertThat(otel.onlySpan()).hasNoParent().hasTotalRecordedLinks(0).hasTraceId(span.traceId());
  }

  @Test
  void aMessageWithoutAnyHeadersStartsANewRootTrace() {
    Message message = NatsMessage.builder().subject(SUBJECT).data(BODY).build();

    ProcessSpan span = otel.eventTracing().startProcess(message);
    span.end();

    assertThat(span.hasRemoteParent()).isFalse();
    assertThat(otel.onlySpan()).hasNoParent();
  }

  @Test
  void anInvalidTraceparentStartsANewRootTraceWithoutThrowing() {
    Headers headers = new Headers().put("traceparent", "00-not-a-trace-id-01");

    assertThatCode(() -> otel.eventTracing().startProcess(message(headers)).end())
        .doesNotThrowAnyException();

    assertThat(otel.onlySpan()).hasNoParent().hasTotalRecordedLinks(0);
  }

  @Test
  void anAllZeroTraceparentIsNotARemoteParent() {
    Headers headers =
        new Headers()
            .put("traceparent", "00-00000000000000000000000000000000-0000000000000000-01");

    ProcessSpan span = otel.eventTracing().startProcess(message(headers));

    assertThat(span.hasRemoteParent()).isFalse();
  }

  @Test
  @SuppressWarnings("try") // the scope is only closed
  void theConsumerThreadsCurrentSpanIsNotAdoptedAsParent() {
    Span poll = otel.openTelemetry().getTracer("test").spanBuilder("poll").startSpan();

    try (Scope ignored = poll.makeCurrent()) {
      otel.eventTracing().startProcess(message(new Headers().put("Nats-Msg-Id", "evt-9"))).end();
    }
    poll.end();

    assertThat(otel.spanNamed("process " + SUBJECT)).hasNoParent();
  }

  @Test
  void failureSetsStatusErrorAndRecordsTheException() {
    IllegalArgumentException poison = new IllegalArgumentException("unknown event type");

    otel.eventTracing().startProcess(message(new Headers())).fail(poison);

    assertThat(otel.onlySpan())
        .hasException(poison)
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR))
        .hasAttributesSatisfying(
            equalTo(AttributeKey.stringKey("error.type"), "java.lang.IllegalArgumentException"));
  }

  @Test
  void onlyTheFirstEndingCounts() {
    ProcessSpan span = otel.eventTracing().startProcess(message(new Headers()));

    span.end();
    span.fail(new IllegalStateException("late"));

    assertThat(otel.onlySpan()).hasTotalRecordedEvents(0);
    assertThat(otel.spans()).hasSize(1);
  }

  @Test
  void fromPartsCarriesTheGivenStreamSequenceAndParent() {
    Headers headers = publishedHeaders(Context.root());

    otel.eventTracing().startProcess(SUBJECT, headers, "evt-7", "TRADING_EVENTS", 3).end();

    SpanData producer = otel.spanNamed("publish " + SUBJECT);
    assertThat(otel.spanNamed("process " + SUBJECT))
        .hasParentSpanId(producer.getSpanId())
        .hasAttributesSatisfyingExactly(
            equalTo(AttributeKey.stringKey("messaging.system"), "nats"),
            equalTo(AttributeKey.stringKey("messaging.destination.name"), SUBJECT),
            equalTo(AttributeKey.stringKey("messaging.operation.type"), "process"),
            equalTo(AttributeKey.stringKey("messaging.operation.name"), "process"),
            equalTo(AttributeKey.stringKey("messaging.message.id"), "evt-7"),
            equalTo(AttributeKey.stringKey("messaging.nats.stream.name"), "TRADING_EVENTS"),
            equalTo(AttributeKey.longKey("messaging.nats.stream.sequence"), 3L));
  }

  @Test
  void fromPartsWithNullHeadersStartsANewRootTrace() {
    ProcessSpan span = otel.eventTracing().startProcess(SUBJECT, null, null, null, 0);
    span.end();

    assertThat(span.hasRemoteParent()).isFalse();
    assertThat(otel.onlySpan()).hasNoParent();
  }
}
