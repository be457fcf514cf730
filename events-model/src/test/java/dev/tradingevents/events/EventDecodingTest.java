package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventDecodingTest {
  private final EventCodec codec = EventCodec.create();
  private final String price = codec.encodeToString(
      new PriceUpdate("id-1", Instant.parse("2026-11-25T00:00:00Z"), "svc", "SOL/USDC", new BigDecimal("150.25"), "raydium", 7));

  @Test
  void ignoresFieldsItDoesNotKnowSoNewerProducersCanAddThem() throws Exception {
    String newer = price.replace("{", "{\"new_field\":{\"nested\":[1,2]},\"another\":\"x\",");

    assertThat(codec.decode(newer)).isEqualTo(codec.decode(price));
  }

  @Test
  void ignoresTheDerivedArbitrageFieldsOnInputBecauseTheLegsAreTheTruth() throws Exception {
    TradingEvent arbitrage = new ArbitraryEvents(3).next(EventType.ARBITRAGE_OPPORTUNITY);
    String json = codec.encodeToString(arbitrage).replaceAll("\"dex_pair\":\"[^\"]*\"", "\"dex_pair\":\"made->up\"");

    assertThat(codec.decode(json)).isEqualTo(arbitrage);
  }

  @Test
  void namesAMissingRequiredNumber() {
    assertFails(price.replace(",\"slot\":7", ""), "slot", "is required");
  }

  @Test
  void namesAMissingRequiredText() {
    assertFails(price.replace("\"token_pair\":\"SOL/USDC\",", ""), "token_pair", "is required");
  }

  @Test
  void namesAFieldOfTheWrongType() {
    assertFails(price.replace("150.25", "\"abc\""), "price", "cannot read 'abc' as a decimal number");
    assertFails(price.replace("\"slot\":7", "\"slot\":7.5"), "slot", "cannot read '7.5' as a whole number");
    assertFails(price.replace("\"slot\":7", "\"slot\":true"), "slot", "expected a whole number");
  }

  @Test
  void namesAFieldThatBreaksARuleOfTheEvent() {
    assertFails(price.replace("150.25", "-1"), "price", "must be greater than 0, was -1");
  }

  @Test
  void namesTheNestedPathOfABadArbitrageLeg() {
    String json = codec.encodeToString(new ArbitraryEvents(3).next(EventType.ARBITRAGE_OPPORTUNITY))
        .replaceFirst("(\"legs\":\\[\\{[^}]*\\},\\{[^}]*\"price\":)[0-9.]+", "$1-2");

    assertFails(json, "legs[1].price", "must be greater than 0, was -2");
  }

  @Test
  void namesAnUnknownEventTypeAndTheKnownOnes() {
    assertFails(price.replace("PriceUpdate", "PriceUpdat"), "event_type", "unknown event type 'PriceUpdat', expected one of [PriceUpdate,");
  }

  @Test
  void requiresAnEventType() {
    assertFails(price.replace("\"event_type\":\"PriceUpdate\",", ""), "event_type", "is required");
  }

  @Test
  void namesAnUnknownEnumValue() {
    String json = codec.encodeToString(new ArbitraryEvents(1).next(EventType.SYSTEM_LIFECYCLE))
        .replaceAll("\"phase\":\"[A-Z]+\"", "\"phase\":\"EXPLODED\"");

    assertFails(json, "phase", "cannot read 'EXPLODED' as one of [STARTING, STARTED, STOPPING, STOPPED, FAILED]");
  }

  @Test
  void namesATimeThatIsNotRfc3339() {
    assertFails(price.replace("2026-11-25T00:00:00.000000000Z", "25/11/2026"), "occurred_at", "cannot read '25/11/2026' as an RFC 3339 time");
  }

  @Test
  void saysWhereMalformedJsonBreaks() {
    assertThatThrownBy(() -> codec.decode("{\"event_type\":\"PriceUpdate\",,}"))
        .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.field()).isEmpty())
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 1, column");
  }

  @Test
  void rejectsPayloadsThatAreNotAnObject() {
    assertThatThrownBy(() -> codec.decode("[1]")).hasMessage("payload must be a JSON object, but starts with '['");
    assertThatThrownBy(() -> codec.decode(new byte[0])).hasMessage("payload is empty");
    assertThatThrownBy(() -> codec.decode("  ")).hasMessage("payload is blank");
  }

  @Test
  void decodingAsTheWrongTypeSaysWhatThePayloadIs() {
    assertFails(() -> codec.decode(price.getBytes(), StallEvent.class), "event_type", "expected StallEvent but the payload is PriceUpdate");
  }

  @Test
  void refusesToEncodeNull() {
    assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("event must not be null");
  }

  private void assertFails(String json, String field, String reason) {
    assertFails(() -> codec.decode(json), field, reason);
  }

  private static void assertFails(ThrowingDecode decode, String field, String reason) {
    assertThatThrownBy(decode::run)
        .isInstanceOfSatisfying(EventDecodingException.class, e -> {
          assertThat(e.field()).contains(field);
          assertThat(e.reason()).startsWith(reason);
        });
  }

  private interface ThrowingDecode {
    void run() throws Exception;
  }
}
