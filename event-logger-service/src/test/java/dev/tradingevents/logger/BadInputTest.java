package dev.tradingevents.logger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.events.ArbitraryEvents;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input never stops the service and is never silently dropped: one error line naming it, a metric,
 * a copy in the dead-letter stream with the original headers plus the reason, and the original
 * terminated. A valid event published after it is still logged.
 */
@ExtendWith(NatsServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.Tag("fault")
class BadInputTest {
  private final EventCodec codec = EventCodec.create();
  private ServiceHarness harness;
  private ApplicationContext service;
  private Connection connection;

  @BeforeAll
  void startService(NatsTestServer nats) throws Exception {
    harness = new ServiceHarness(nats);
    service = harness.start(Map.of("trading-events.consumer.max-event-bytes", 4096));
    connection = nats.connect();
  }

  @AfterAll
  void stopService() throws Exception {
    connection.close();
    service.close();
  }

  @Test
  void aPayloadThatIsNotJsonIsDeadLetteredWithItsReason() throws Exception {
    JsonNode line = publishBad("not-json-1", "PriceUpdate", "{\"event_type\": \"PriceUpdate\", oops".getBytes(StandardCharsets.UTF_8), null);

    assertThat(line.path("error_reason").asText()).isEqualTo("undecodable");
    assertThat(line.path("error_detail").asText()).contains("not valid JSON");
    assertThat(line.path("payload_excerpt").asText()).startsWith("{\"event_type\": \"PriceUpdate\", oops");
    assertDeadLettered("not-json-1", "undecodable");
  }

  @Test
  void anUnknownEventTypeIsDeadLettered() throws Exception {
    JsonNode line = publishBad("unknown-type-1", "MoonLanding", "{\"event_type\":\"MoonLanding\",\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8), null);

    assertThat(line.path("error_reason").asText()).isEqualTo("unknown_event_type");
    assertThat(line.path("claimed_event_type").asText()).isEqualTo("MoonLanding");
    assertDeadLettered("unknown-type-1", "unknown_event_type");
  }

  @Test
  void aFieldOfTheWrongTypeIsDeadLetteredNamingTheField() throws Exception {
    String json = codec.encodeToString(new ArbitraryEvents(1).next(EventType.PRICE_UPDATE))
        .replaceAll("\"slot\":\\d+", "\"slot\":\"soon\"");
    JsonNode line = publishBad("wrong-type-1", "PriceUpdate", json.getBytes(StandardCharsets.UTF_8), null);

    assertThat(line.path("error_detail").asText()).startsWith("slot: cannot read 'soon' as a whole number");
    assertDeadLettered("wrong-type-1", "undecodable");
  }

  @Test
  void anUnsupportedSchemaVersionIsDeadLettered() throws Exception {
    TradingEvent event = new ArbitraryEvents(2).next(EventType.STALL_EVENT);
    JsonNode line = publishBad(event.eventId(), "StallEvent", codec.encode(event), "99");

    assertThat(line.path("error_reason").asText()).isEqualTo("unsupported_schema_version");
    assertThat(line.path("error_detail").asText()).contains("schema version 99 is not supported");
    assertDeadLettered(event.eventId(), "unsupported_schema_version");
  }

  @Test
  void anOversizedPayloadIsDeadLetteredWithABoundedExcerpt() throws Exception {
    String huge = "{\"event_type\":\"PriceUpdate\",\"junk\":\"" + "x".repeat(10_000) + "\"}";
    JsonNode line = publishBad("huge-1", "PriceUpdate", huge.getBytes(StandardCharsets.UTF_8), null);

    assertThat(line.path("error_reason").asText()).isEqualTo("oversized");
    assertThat(line.path("payload_bytes").asInt()).isEqualTo(huge.length());
    assertThat(line.path("payload_excerpt").asText()).hasSizeLessThan(600).contains("more bytes");
    assertDeadLettered("huge-1", "oversized");
  }

  @Test
  void controlCharactersAndForgedLinesInAPayloadStayInsideOneJsonLine() throws Exception {
    String forged = "garbage\n{\"level\":\"error\",\"service\":\"event-logger-service\",\"msg\":\"forged\"}\r\n\u0007";
    publishBad("forged-1", "PriceUpdate", forged.getBytes(StandardCharsets.UTF_8), null);

    List<String> raw = java.nio.file.Files.readAllLines(ServiceHarness.LOG_FILE);
    assertThat(raw).noneMatch(text -> text.startsWith("{\"level\":\"error\",\"service\":\"event-logger-service\",\"msg\":\"forged\""));
    for (String text : raw) {
      ServiceHarness.JSON.readTree(text); // every line is one JSON object
    }
  }

  @Test
  void newlinesQuotesAndControlCharactersInAValidEventStayInsideItsOneLineIntact() throws Exception {
    String reason = "peer reset\n{\"level\":\"error\",\"service\":\"event-logger-service\",\"msg\":\"forged\"}\r\n"
        + "\"quoted\" back\\slash \u0000\u0007\u001b[31mred\u2028\u2029 end";
    dev.tradingevents.events.ConnectionEvent event = new dev.tradingevents.events.ConnectionEvent(
        dev.tradingevents.events.EventIds.newId(), java.time.Instant.now(), "executor",
        dev.tradingevents.events.ConnectionEvent.TargetKind.RPC, "rpc-1", dev.tradingevents.events.ConnectionEvent.State.FAILED,
        3, reason);
    connection.jetStream().publish(harness.subjects.subjectFor(event), codec.encode(event));

    List<JsonNode> lines = harness.awaitLines(all -> count(all, event.eventId()) == 1);

    assertThat(line(lines, event.eventId()).path("reason").asText()).isEqualTo(reason);
    String raw = ServiceHarness.rawLineOf(event.eventId());
    // control characters are escaped; U+2028/U+2029 stay as they are (valid JSON; Loki and the readers
    // here split on \n only)
    assertThat(raw).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000").doesNotContain("\u001b");
    List<String> all = java.nio.file.Files.readAllLines(ServiceHarness.LOG_FILE);
    assertThat(all).noneMatch(text -> text.startsWith("{\"level\":\"error\",\"service\":\"event-logger-service\",\"msg\":\"forged\""));
  }

  @Test
  void unknownAndOddHeadersAreIgnoredAndNeverCopiedIntoTheLine() throws Exception {
    TradingEvent event = new ArbitraryEvents(6).next(EventType.LARGE_TRADE);
    Headers headers = new Headers().put(EventHeaders.NATS_MSG_ID, event.eventId())
        .put("x-unknown", "\"},{\"level\":\"error\"").put("X-Huge", "h".repeat(8_000))
        .put("ce-specversion", "99.0").put(EventHeaders.TRACEPARENT, "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01");
    connection.jetStream().publish(harness.subjects.subjectFor(event), headers, codec.encode(event));

    List<JsonNode> lines = harness.awaitLines(all -> count(all, event.eventId()) == 1);

    JsonNode line = line(lines, event.eventId());
    assertThat(line.path("level").asText()).isEqualTo("info");
    assertThat(line.path("trace_error").asText()).isEqualTo("invalid");
    String raw = ServiceHarness.rawLineOf(event.eventId());
    assertThat(raw).doesNotContain("hhhhhhhh").doesNotContain("x-unknown").hasSizeLessThan(4_000);
  }

  @Test
  void aMissingOrInvalidTraceparentDoesNotMakeAValidEventPoison() throws Exception {
    TradingEvent missing = new ArbitraryEvents(3).next(EventType.PRICE_UPDATE);
    TradingEvent invalid = new ArbitraryEvents(4).next(EventType.PRICE_UPDATE);
    connection.jetStream().publish(harness.subjects.subjectFor(missing), new Headers().put(EventHeaders.NATS_MSG_ID, missing.eventId()),
        codec.encode(missing));
    connection.jetStream().publish(harness.subjects.subjectFor(invalid), new Headers().put(EventHeaders.NATS_MSG_ID, invalid.eventId())
        .put(EventHeaders.TRACEPARENT, "00-not-a-trace-id-01"), codec.encode(invalid));

    List<JsonNode> lines = harness.awaitLines(all -> count(all, missing.eventId()) == 1 && count(all, invalid.eventId()) == 1);

    assertThat(line(lines, missing.eventId()).path("trace_error").asText()).isEqualTo("missing");
    assertThat(line(lines, invalid.eventId()).path("trace_error").asText()).isEqualTo("invalid");
    assertThat(line(lines, invalid.eventId()).path("level").asText()).isEqualTo("info");
    assertThat(line(lines, invalid.eventId()).path("trace_id").asText()).matches("[0-9a-f]{32}");
  }

  @Test
  void theServiceKeepsLoggingAndCountsWhatItRefused() throws Exception {
    publishBad("count-1", "PriceUpdate", "[]".getBytes(StandardCharsets.UTF_8), null);
    TradingEvent valid = new ArbitraryEvents(5).next(EventType.SLOT_UPDATE);
    connection.jetStream().publish(harness.subjects.subjectFor(valid), codec.encode(valid));
    harness.awaitLines(all -> count(all, valid.eventId()) == 1);

    // an event is counted once acked, which is just after its line is flushed: the metrics may lag the file
    try (HttpClient client = HttpClient.create(service.getBean(EmbeddedServer.class).getURL())) {
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        String metrics = client.toBlocking().retrieve("/prometheus");
        assertThat(metrics).containsPattern("trading_events_dead_lettered_total\\{reason=\"undecodable\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("trading_events_errors_total\\{reason=\"undecodable\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("trading_events_logged_total\\{event_type=\"SlotUpdate\"[^}]*\\} [1-9]");
      });
    }
  }

  private JsonNode publishBad(String id, String claimedType, byte[] payload, String schemaVersion) throws Exception {
    Headers headers = new Headers().put(EventHeaders.NATS_MSG_ID, id).put(EventHeaders.CE_TYPE, claimedType)
        .put("x-original", "kept");
    if (schemaVersion != null) {
      headers.put(EventHeaders.SCHEMA_VERSION, schemaVersion);
    }
    connection.jetStream().publish(harness.subjects.prefix() + ".market." + claimedType, headers, payload);
    List<JsonNode> lines = harness.awaitLines(all -> count(all, id) == 1);
    JsonNode line = line(lines, id);
    assertThat(line.path("level").asText()).isEqualTo("error");
    assertThat(line.path("service").asText()).isEqualTo("event-logger-service");
    assertThat(line.path("subject").asText()).isEqualTo(harness.subjects.prefix() + ".market." + claimedType);
    assertThat(line.path("stream_seq").asLong()).isPositive();
    assertThat(line.path("dead_lettered").asBoolean()).isTrue();
    return line;
  }

  private void assertDeadLettered(String id, String reason) throws Exception {
    JetStreamSubscription subscription = connection.jetStream().subscribe(harness.deadLetterPrefix + ".>",
        PullSubscribeOptions.builder().stream(harness.deadLetterStream).build());
    List<Message> copies = subscription.fetch(100, Duration.ofSeconds(2));
    Message copy = copies.stream()
        .filter(m -> id.equals(m.getHeaders().getFirst(EventHeaders.DEAD_LETTER_ORIGINAL_MSG_ID))).findFirst()
        .orElseThrow(() -> new AssertionError("no dead letter for " + id));
    assertThat(copy.getHeaders().getFirst(EventHeaders.DEAD_LETTER_REASON)).startsWith(reason + ": ");
    assertThat(copy.getHeaders().getFirst("x-original")).isEqualTo("kept");
    assertThat(copy.getHeaders().getFirst(EventHeaders.DEAD_LETTER_ORIGINAL_SUBJECT)).startsWith(harness.subjects.prefix());
    subscription.unsubscribe();
    // terminated: the durable does not hold it any more
    var info = connection.jetStreamManagement().getConsumerInfo(harness.stream, harness.durable);
    assertThat(info.getNumAckPending()).isZero();
  }

  private static long count(List<JsonNode> lines, String id) {
    return lines.stream().filter(l -> id.equals(l.path("event_id").asText())).count();
  }

  private static JsonNode line(List<JsonNode> lines, String id) {
    return lines.stream().filter(l -> id.equals(l.path("event_id").asText())).findFirst().orElseThrow();
  }
}
