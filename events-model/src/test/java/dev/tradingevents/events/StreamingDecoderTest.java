package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming decoder takes the plain form off data binding's hands and gives the same events; every
 * other payload it hands back (null), and the codec then decodes it as data binding always did.
 */
class StreamingDecoderTest {
  private final EventCodec codec = EventCodec.create();
  private final ObjectReader dataBinding = codec.mapper().readerFor(TradingEvent.class);
  private final StreamingDecoder streaming = new StreamingDecoder(codec.mapper());
  private final String price = codec.encodeToString(new PriceUpdate("id-1", Instant.parse("2026-11-25T00:00:00Z"),
      "svc", "SOL/USDC", new BigDecimal("150.25"), "raydium", 7));

  @ParameterizedTest
  @EnumSource(EventType.class)
  void readsWhatTheEncoderWritesAsDataBindingDoes(EventType type) throws Exception {
    // ArbitraryEvents leaves optional fields null in about half of the events, which the encoder leaves out
    for (long seed : IntStream.range(0, 300).mapToLong(i -> 0xDECL * 17 + i).toArray()) {
      TradingEvent event = new ArbitraryEvents(seed).next(type);
      byte[] json = codec.encode(event);

      TradingEvent streamed = streaming.decode(json);

      assertThat(streamed).as("seed %d: %s", seed, new String(json, StandardCharsets.UTF_8)).isEqualTo(event)
          .isEqualTo(dataBinding.readValue(json));
      assertThat(streamed.getClass()).isEqualTo(type.javaType());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"x\":1,\"event_type\":\"PriceUpdate\"",                          // the type is not first
      "\"price\":150.25|\"price\":\"150.25\"",                             // a number in quotes
      "\"slot\":7|\"slot\":\"7\"",
      "\"slot\":7|\"slot\":7.0",                                           // a whole number with a fraction
      "\"slot\":7|\"slot\":99999999999999999999",                          // out of range
      "\"source\":\"raydium\"|\"source\":17",                              // text as a number
      "\"source\":\"raydium\"|\"source\":null",
      "\"token_pair\":\"SOL/USDC\",|",                                     // a required field missing
      "\"slot\":7|\"slot\":7,\"slot\":8",                                  // a field twice
      "\"slot\":7|\"slot\":7,\"event_type\":\"StallEvent\"",               // a second type
      "\"price\":150.25|\"price\":-1",                                     // refused by the record
      "2026-11-25T00:00:00.000000000Z|25/11/2026",                         // not an RFC 3339 time
      "PriceUpdate|PriceUpdat",                                            // an unknown type
      "\"slot\":7}|\"slot\":7,,}",                                         // malformed
  })
  void handsAnythingButThePlainFormBackToDataBinding(String change) throws Exception {
    String json = change.startsWith("{") ? change + price.substring(price.indexOf(',')) : replace(price, change);

    assertThat(streaming.decode(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"slot\":7|\"slot\":\"7\"", "\"price\":150.25|\"price\":\"150.25\""})
  void theCodecStillReadsWhatOnlyDataBindingCoerces(String change) throws Exception {
    String json = replace(price, change);

    assertThat(codec.decode(json)).isEqualTo(codec.decode(price));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"event_type\":\"PriceUpdate\",\"new\":{\"a\":[1,{\"b\":null}]},\"later\":[\"x\"],",
      "{\"event_type\":\"PriceUpdate\",\"dex_pair\":\"made->up\",\"event_id_v2\":\"x\","})
  void skipsFieldsItDoesNotKnow(String prefix) throws Exception {
    String json = prefix + price.substring(price.indexOf(',') + 1);

    assertThat(streaming.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(codec.decode(price));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-25T00:00:00Z", "2026-11-25T01:00:00.5+01:00"})
  void readsEveryRfc3339FormLikeDataBinding(String time) throws Exception {
    byte[] json = price.replace("2026-11-25T00:00:00.000000000Z", time).getBytes(StandardCharsets.UTF_8);

    assertThat(streaming.decode(json)).isNotNull().isEqualTo(dataBinding.readValue(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"150", "1.5025E2", "150.250000000000000000"})
  void readsDecimalsWithTheirExactValueLikeDataBinding(String decimal) throws Exception {
    byte[] json = price.replace("150.25", decimal).getBytes(StandardCharsets.UTF_8);

    PriceUpdate streamed = (PriceUpdate) streaming.decode(json);
    assertThat(streamed).isEqualTo(dataBinding.readValue(json));
    assertThat(streamed.price()).isEqualTo(new BigDecimal(decimal));
  }

  @ParameterizedTest
  @EnumSource(value = EventType.class, names = {"ARBITRAGE_OPPORTUNITY", "SWAP_ROUTE"})
  void readsListsIntoTheSameImmutableListsAsTheRecordMakes(EventType type) {
    TradingEvent event = new ArbitraryEvents(5).next(type);
    TradingEvent streamed = streaming.decode(codec.encode(event));

    List<?> list = streamed instanceof ArbitrageOpportunity arbitrage ? arbitrage.legs() : ((SwapRoute) streamed).hops();
    assertThat(list).isEqualTo(event instanceof ArbitrageOpportunity a ? a.legs() : ((SwapRoute) event).hops());
    assertThat(list.getClass()).isEqualTo(List.copyOf(list).getClass());
  }

  private static String replace(String json, String change) {
    String[] parts = change.split("\\|", -1);
    assertThat(json).contains(parts[0]);
    return json.replace(parts[0], parts[1]);
  }
}
