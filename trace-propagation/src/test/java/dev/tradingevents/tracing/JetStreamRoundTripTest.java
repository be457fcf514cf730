package dev.tradingevents.tracing;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Trace context through a real nats-server: publish to a JetStream stream, fetch, process. */
@ExtendWith(NatsServerExtension.class)
class JetStreamRoundTripTest {

  private static final byte[] BODY =
      "{\"event_type\":\"PriceUpdate\",\"price\":\"101.25\"}".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension final InMemoryTracing otel = new InMemoryTracing();

  /** A stream of its own, one message published with traced headers, fetched by a durable consumer. */
  private static final class Fixture {
    final String stream = NatsTestServer.uniqueName("TRACED");
    final String subject = stream + ".market.PriceUpdate";
    final String consumer = NatsTestServer.uniqueName("logger");
  }

  private static Message publishAndFetch(
      Connection connection, EventTracing tracing, Fixture fixture, String messageId)
      throws Exception {
    connection
        .jetStreamManagement()
        .addStream(
            StreamConfiguration.builder()
                .name(fixture.stream)
                .subjects(fixture.stream + ".>")
                .storageType(StorageType.Memory)
                .build());
    JetStream js = connection.jetStream();

    Headers headers = new Headers().put("Nats-Msg-Id", messageId);
    PublishSpan publish =
        tracing.startPublish(Context.root(), fixture.subject, messageId, headers, BODY.length);
    PublishAck ack =
        js.publishAsync(
                NatsMessage.builder().subject(fixture.subject).headers(headers).data(BODY).build())
            .whenComplete(
                (result, error) -> {
                  if (error != null) {
                    publish.fail(error);
                  } else {
                    publish.end(result.getStream(), result.getSeqno(), result.isDuplicate());
                  }
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(ack.getSeqno()).isEqualTo(1L);

    JetStreamSubscription subscription =
        js.subscribe(
            fixture.subject, PullSubscribeOptions.builder().durable(fixture.consumer).build());
    List<Message> fetched = subscription.fetch(1, Duration.ofSeconds(10));
    assertThat(fetched).hasSize(1);
    return fetched.get(0);
  }

  @Test
  @SuppressWarnings("try") // Connection.close() declares InterruptedException
  void consumerSpanOfAFetchedMessageContinuesTheProducersTraceWithStreamAttributes(
      NatsTestServer nats) throws Exception {
    EventTracing tracing = otel.eventTracing();
    Fixture fixture = new Fixture();

    try (Connection connection = nats.connect()) {
      Message received = publishAndFetch(connection, tracing, fixture, "evt-round-trip");
      ProcessSpan process = tracing.startProcess(received);
      process.end();
      received.ack();

      assertThat(process.hasRemoteParent()).isTrue();
    }

    SpanData producer = otel.spanNamed("publish " + fixture.subject);
    SpanData consumer = otel.spanNamed("process " + fixture.subject);
    assertThat(producer)
        .hasAttributesSatisfying(
            equalTo(AttributeKey.stringKey("messaging.nats.stream.name"), fixture.stream),
            equalTo(AttributeKey.longKey("messaging.nats.stream.sequence"), 1L));
    assertThat(producer.getAttributes().get(AttributeKey.booleanKey("messaging.nats.ack.duplicate")))
        .as("set only on a duplicate ack").isNull();
    assertThat(consumer)
        .hasTraceId(producer.getTraceId())
        .hasParentSpanId(producer.getSpanId())
        .hasTotalRecordedLinks(1)
        .hasAttributesSatisfying(
            equalTo(AttributeKey.stringKey("messaging.destination.name"), fixture.subject),
            equalTo(AttributeKey.stringKey("messaging.message.id"), "evt-round-trip"),
            equalTo(AttributeKey.longKey("messaging.message.body.size"), (long) BODY.length),
            equalTo(AttributeKey.stringKey("messaging.nats.stream.name"), fixture.stream),
            equalTo(AttributeKey.longKey("messaging.nats.stream.sequence"), 1L),
            equalTo(AttributeKey.longKey("messaging.nats.message.delivery_count"), 1L),
            equalTo(AttributeKey.stringKey("messaging.consumer.group.name"), fixture.consumer));
  }
}
