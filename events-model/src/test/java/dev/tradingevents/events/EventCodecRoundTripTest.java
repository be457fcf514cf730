package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecRoundTripTest {
  private static final int SEEDS = 300;

  private final EventCodec codec = EventCodec.create();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void decodingAnEncodedEventGivesAnEqualEvent(EventType type) {
    seeds().forEach(seed -> {
      TradingEvent event = new ArbitraryEvents(seed).next(type);
      byte[] json = codec.encode(event);
      assertThat(decode(json)).as("seed %d: %s", seed, new String(json)).isEqualTo(event);
    });
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void encodingIsStableAcrossARoundTrip(EventType type) {
    seeds().forEach(seed -> {
      byte[] once = codec.encode(new ArbitraryEvents(seed).next(type));
      assertThat(codec.encode(decode(once))).as("seed %d", seed).isEqualTo(once);
    });
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void writesTheTypeFirstAndEveryFieldInSnakeCase(EventType type) throws Exception {
    TradingEvent event = new ArbitraryEvents(7).next(type);
    JsonNode json = codec.mapper().readTree(codec.encode(event));

    assertThat(json.fieldNames().next()).isEqualTo("event_type");
    assertThat(json.get("event_type").asText()).isEqualTo(type.wireName());
    assertThat(json.get("event_id").asText()).isEqualTo(event.eventId());
    assertThat(json.get("source_service").asText()).isEqualTo(event.sourceService());
    json.fieldNames().forEachRemaining(name -> assertThat(name).matches("[a-z][a-z0-9_]*"));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void writesOneLineOfJsonWhateverTheTextHolds(EventType type) {
    seeds().forEach(seed -> assertThat(codec.encodeToString(new ArbitraryEvents(seed).next(type)))
        .as("seed %d", seed)
        .doesNotContain("\n", "\r"));
  }

  private TradingEvent decode(byte[] json) {
    try {
      return codec.decode(json);
    } catch (EventDecodingException e) {
      throw new AssertionError(e.getMessage() + " in " + new String(json), e);
    }
  }

  private static Stream<Long> seeds() {
    return IntStream.range(0, SEEDS).mapToObj(i -> 0x5EEDL * 31 + i);
  }
}
