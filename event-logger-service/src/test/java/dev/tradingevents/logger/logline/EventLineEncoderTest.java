package dev.tradingevents.logger.logline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.TradingEvent;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Event lines are written three ways: by the providers of the service's encoder ({@code
 * event-line-appender.xml}, the reference), by that encoder itself as bytes ({@link EventLineJsonEncoder},
 * what the service does, as an array per line or from its buffer into the appender's stream), and by replay
 * without Logback ({@link EventLineEncoder}). All three must be the
 * same bytes for the same event, so the same LogQL and jq work on every line.
 */
class EventLineEncoderTest {
  private static final EventCodec CODEC = EventCodec.create();
  private static final Instant STORED = Instant.parse("2026-11-25T02:24:49.120345678Z");
  private static final String PRICE = "{\"event_type\":\"PriceUpdate\",\"event_id\":\"0182e802-be29-7d41-b9ca-94eb18d7c538\","
      + "\"occurred_at\":\"2026-11-25T02:24:49.120345678Z\",\"source_service\":\"scanner\",\"token_pair\":\"SOL/USDC\","
      + "\"price\":187.234567891,\"source\":\"orca\",\"slot\":312456789";

  private final LoggerContext logback;
  private final EventLineAppender serviceAppender;
  private final EventLineJsonEncoder serviceEncoder;

  EventLineEncoderTest() throws Exception {
    logback = EventLogWriter.lineContext("event-line-encoder-test", "/dev/null", true);
    logback.start();
    serviceAppender = EventLogWriter.eventLineAppenders(logback.getLogger(EventLogWriter.EVENTS_LOGGER)).get(0);
    serviceEncoder = (EventLineJsonEncoder) serviceAppender.getEncoder();
  }

  @AfterEach
  void stop() {
    logback.stop();
  }

  @Test
  void writesEveryEventTypeAsTheServicesEncoderDoes() throws Exception {
    List<byte[]> samples = SamplePayloads.all();
    assertThat(samples).hasSize(13);
    for (LineContext context : contexts()) {
      for (byte[] payload : samples) {
        assertSameLine(payload, context);
      }
    }
  }

  @Test
  void writesPayloadsThatNeedTheTokenCopyAsTheServicesEncoderDoes() throws Exception {
    List<String> extras = List.of(
        ",\"level\":\"fatal\"", // a reserved key: renamed event_level
        ",\"lev\\u0065l\":\"fatal\"", // the same, escaped
        ",\"note\":\"line\\nbreak \\\"quoted\\\" \\u2028 ünïcödé \\u0007\"",
        ",\"nested\":{\"level\":[1,2.50,{\"x\":null}],\"ok\":true}");
    for (String extra : extras) {
      assertSameLine((PRICE + extra + "}").getBytes(StandardCharsets.UTF_8), contexts().get(0));
    }
    assertSameLine((PRICE.replace(",", ",\n  ") + "\n}").getBytes(StandardCharsets.UTF_8), contexts().get(1));
  }

  @Test
  void escapesStringsInTheSentenceAndTheContextAsTheServicesEncoderDoes() throws Exception {
    // the sentence takes the price's source (events refuse control characters there); the context takes
    // the text as its subject, instance and trace error
    List<String> odd = List.of("SOL/\"USDC\"", "back\\slash", "tab\tand\nnewline", "bell\u0007 del\u007f",
        "ünïcödé €", "emoji \ud83d\ude80", "lone \ud83d surrogate", "line\u2028separator");
    for (String text : odd) {
      String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
      byte[] payload = (PRICE.replace("\"source\":\"orca\"", "\"source\":" + json) + "}")
          .getBytes(StandardCharsets.UTF_8);
      if (!decodes(payload)) {
        payload = (PRICE + "}").getBytes(StandardCharsets.UTF_8);
      }
      assertSameLine(payload, new LineContext("events.market." + text, 7, 1, null, null, 1.0, text, text, text));
    }
  }

  private static boolean decodes(byte[] payload) {
    try {
      CODEC.decode(payload);
      return true;
    } catch (dev.tradingevents.events.EventDecodingException refused) {
      return false;
    }
  }

  @Test
  void writesValuesLongerThanItsBufferAndNumbersOfEveryShapeAsTheServicesEncoderDoes() throws Exception {
    String longText = "x".repeat(200_000);
    byte[] longPayload = (PRICE + ",\"note\":\"" + longText + "\"}").getBytes(StandardCharsets.UTF_8);
    assertSameLine(longPayload, new LineContext("events." + longText, Long.MAX_VALUE, Long.MAX_VALUE - 1, null,
        null, 1e-7, null, longText + "\"", null));
    byte[] payload = (PRICE + "}").getBytes(StandardCharsets.UTF_8);
    for (double latency : new double[] {0, -0.0, 123456789.123456, 1e300, -1e-300, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertSameLine(payload, new LineContext("events.market.PriceUpdate", 0, 0, null, null, latency, null, "i"));
    }
  }

  @Test
  void writesLinesOneAfterAnotherEachEndingWithALineBreak() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> samples = SamplePayloads.all();
    StringBuilder expected = new StringBuilder();
    try (EventLineEncoder encoder = EventLineEncoder.to(out)) {
      for (byte[] payload : samples) {
        encoder.write(STORED, CODEC.decode(payload), payload, contexts().get(0));
        expected.append(providersLine(payload, contexts().get(0)));
      }
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
  }

  @Test
  void aFailingOutputFailsTheWriteOrTheFlush() throws Exception {
    byte[] payload = SamplePayloads.all().get(0);
    TradingEvent event = CODEC.decode(payload);
    try (FileOutputStream full = new FileOutputStream("/dev/full")) {
      EventLineEncoder encoder = EventLineEncoder.to(full);
      assertThatThrownBy(() -> {
        for (int i = 0; i < 100_000; i++) { // more than any buffer holds
          encoder.write(STORED, event, payload, contexts().get(0));
        }
        encoder.flush();
      }).isInstanceOf(IOException.class).hasMessageContaining("No space left");
    }
  }

  private void assertSameLine(byte[] payload, LineContext context) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EventLineEncoder encoder = EventLineEncoder.to(out)) {
      encoder.write(STORED, CODEC.decode(payload), payload, context);
    }
    String reference = providersLine(payload, context);
    assertThat(out.toString(StandardCharsets.UTF_8)).as("replay: " + new String(payload, StandardCharsets.UTF_8))
        .isEqualTo(reference);
    assertThat(serviceLine(payload, context)).as("service: " + new String(payload, StandardCharsets.UTF_8))
        .isEqualTo(reference);
    assertThat(appendedLine(payload, context)).as("appender: " + new String(payload, StandardCharsets.UTF_8))
        .isEqualTo(reference);
  }

  /** The line of the service's encoder, as the live logger writes it, with the timestamp set to STORED. */
  private String serviceLine(byte[] payload, LineContext context) throws Exception {
    assertThat(serviceEncoder.isEventLinesByProviders()).isFalse();
    return new String(serviceEncoder.encode(line(payload, context)), StandardCharsets.UTF_8);
  }

  /** The line as the service's appender writes it into its stream, from the encoder's buffer. */
  private String appendedLine(byte[] payload, LineContext context) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serviceAppender.setOutputStream(out);
    serviceAppender.doAppend(line(payload, context));
    serviceAppender.flushLines();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The same line written by the encoder's providers, the reference. */
  private String providersLine(byte[] payload, LineContext context) throws Exception {
    serviceEncoder.setEventLinesByProviders(true);
    try {
      return new String(serviceEncoder.encode(line(payload, context)), StandardCharsets.UTF_8);
    } finally {
      serviceEncoder.setEventLinesByProviders(false);
    }
  }

  private LoggingEvent line(byte[] payload, LineContext context) throws Exception {
    TradingEvent event = CODEC.decode(payload);
    LoggingEvent line = EventLogWriter.line(logback.getLogger(EventLogWriter.EVENTS_LOGGER), EventLevels.of(event),
        event, payload, context);
    line.setInstant(STORED);
    return line;
  }

  /** A replayed line's context, a live one with a redelivery, and one whose trace context was missing. */
  private static List<LineContext> contexts() {
    List<LineContext> contexts = new ArrayList<>();
    contexts.add(new LineContext("events.market.PriceUpdate", 42, 1, "4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7", 1.5, null, "replay-1", "2026-11-25T03:00:00.000000000Z"));
    contexts.add(new LineContext("events.market.PriceUpdate", 43, 3, "4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7", 0.0004, null, "logger-1"));
    contexts.add(new LineContext("events.market.PriceUpdate", 44, 1, null, null, -2.25, "missing", "logger-1"));
    return contexts;
  }
}
