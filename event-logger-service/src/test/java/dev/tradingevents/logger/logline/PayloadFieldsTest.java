package dev.tradingevents.logger.logline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.TradingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payload goes into its line byte for byte only when that is exactly what the token-by-token copy
 * would write; everything else (reserved or escaped top-level keys, line breaks, trailing bytes) is
 * copied token by token. Lines are written by the service's real appender and encoder.
 */
class PayloadFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCodec CODEC = EventCodec.create();
  private static final PayloadFields.Names NAMES = new PayloadFields.Names(EventLineMarker.RESERVED);
  private static final LineContext CONTEXT = new LineContext("events.market.PriceUpdate", 42, 1,
      "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 1.5, null, "test");
  private static final String PRICE = "{\"event_type\":\"PriceUpdate\",\"event_id\":\"0182e802-be29-7d41-b9ca-94eb18d7c538\","
      + "\"occurred_at\":\"2026-11-25T02:24:49.120345678Z\",\"source_service\":\"scanner\",\"token_pair\":\"SOL/USDC\","
      + "\"price\":187.234567891,\"source\":\"orca\",\"slot\":312456789";

  @TempDir
  Path dir;

  @Test
  void everySamplePayloadIsWrittenAsTheTokenCopyWouldWriteIt() throws Exception {
    List<byte[]> samples = SamplePayloads.all();
    assertThat(samples).hasSize(13);
    int verbatim = 0;
    for (byte[] payload : samples) {
      PayloadFields fields = PayloadFields.of(payload, NAMES);
      if (fields == null) {
        assertThat(new String(payload, StandardCharsets.UTF_8)).contains("\"service\":"); // SystemLifecycle's own field
        continue;
      }
      verbatim++;
      assertThat(object(generator -> generator.writeRaw(fields)))
          .isEqualTo(object(generator -> EventLineMarker.copyFields(payload, generator)));
    }
    assertThat(verbatim).isEqualTo(12);
  }

  @Test
  void everySampleBecomesOneLineWithEveryPayloadFieldAtTopLevel() throws Exception {
    List<byte[]> samples = SamplePayloads.all();
    List<JsonNode> lines = lines(samples);
    assertThat(lines).hasSize(samples.size());
    for (int i = 0; i < samples.size(); i++) {
      JsonNode payload = JSON.readTree(samples.get(i));
      JsonNode line = lines.get(i);
      assertThat(line.path("service").asText()).isEqualTo("event-logger-service");
      assertThat(line.path("stream_seq").asLong()).isEqualTo(42);
      for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = EventLineMarker.RESERVED.contains(field.getKey()) ? "event_" + field.getKey() : field.getKey();
        assertThat(line.get(name)).as(name).isEqualTo(field.getValue());
      }
    }
  }

  @Test
  void aReservedTopLevelKeyIsRenamedHoweverItIsSpelled() throws Exception {
    for (String extra : List.of(",\"level\":\"fatal\"", ",\"msg\" : \"forged\"", ",\"lev\\u0065l\":\"fatal\"",
        ",\"timestamp\":\"1970-01-01T00:00:00Z\"")) {
      byte[] payload = (PRICE + extra + "}").getBytes(StandardCharsets.UTF_8);
      assertThat(PayloadFields.of(payload, NAMES)).as(extra).isNull();
      JsonNode line = lines(List.of(payload)).get(0);
      assertThat(line.path("level").asText()).as(extra).isEqualTo("info");
      assertThat(line.path("msg").asText()).as(extra).startsWith("PriceUpdate");
      assertThat(line.path("timestamp").asText()).as(extra).doesNotStartWith("1970");
    }
  }

  @Test
  void aNestedKeyOrAValueNamedLikeALineFieldStaysAsItIs() throws Exception {
    byte[] payload = (PRICE + ",\"extra\":{\"level\":\"deep\"},\"note\":\"level\"}").getBytes(StandardCharsets.UTF_8);
    assertThat(PayloadFields.of(payload, NAMES)).isNotNull();
    JsonNode line = lines(List.of(payload)).get(0);
    assertThat(line.path("extra").path("level").asText()).isEqualTo("deep");
    assertThat(line.path("note").asText()).isEqualTo("level");
    assertThat(line.path("level").asText()).isEqualTo("info");
  }

  @Test
  void aPayloadWithLineBreaksOrTrailingBytesIsCopiedTokenByToken() throws Exception {
    byte[] pretty = (PRICE.replace(",", ",\n  ") + "\n}").getBytes(StandardCharsets.UTF_8);
    byte[] trailing = (PRICE + "} ").getBytes(StandardCharsets.UTF_8);
    byte[] tab = (PRICE + ",\t\"x\":1}").getBytes(StandardCharsets.UTF_8);
    for (byte[] payload : List.of(pretty, trailing, tab)) {
      assertThat(PayloadFields.of(payload, NAMES)).isNull();
    }
    Path file = write(List.of(pretty));
    List<String> raw = Files.readAllLines(file);
    assertThat(raw).hasSize(1);
    assertThat(JSON.readTree(raw.get(0)).path("price").decimalValue()).isEqualByComparingTo("187.234567891");
  }

  private interface Fields {
    void write(JsonGenerator generator) throws Exception;
  }

  /** {"a":1, <fields>} written by a plain generator. */
  private static String object(Fields fields) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
      generator.writeStartObject();
      generator.writeNumberField("a", 1);
      fields.write(generator);
      generator.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<JsonNode> lines(List<byte[]> payloads) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(write(payloads))) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  /** The payloads' lines through the service's appender and encoder (replay's configuration), into a file. */
  private Path write(List<byte[]> payloads) throws Exception {
    Path file = Files.createTempFile(dir, "lines", ".jsonl");
    LoggerContext logback = EventLogWriter.lineContext("payload-fields-test", file.toString(), false);
    logback.start();
    EventLogWriter writer = EventLogWriter.using(logback.getLogger(EventLogWriter.EVENTS_LOGGER));
    for (byte[] payload : payloads) {
      TradingEvent event = CODEC.decode(payload);
      writer.write(event, payload, CONTEXT);
    }
    logback.stop();
    return file;
  }
}
