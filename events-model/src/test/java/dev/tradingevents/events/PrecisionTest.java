package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrecisionTest {
  private final EventCodec codec = EventCodec.create();

  @Test
  void aDecimalTenthStaysExactlyOneTenth() throws Exception {
    PriceUpdate update = price("0.1");

    String json = codec.encodeToString(update);

    assertThat(json).contains("\"price\":0.1,");
    assertThat(codec.decode(json, PriceUpdate.class).price()).isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void eighteenDecimalTokenAmountsSurviveARoundTrip() throws Exception {
    String amount = "123456789012.123456789012345678";
    PriceUpdate update = price(amount);

    PriceUpdate back = codec.decode(codec.encode(update), PriceUpdate.class);

    assertThat(back.price().toPlainString()).isEqualTo(amount);
    assertThat(back.price().scale()).isEqualTo(18);
  }

  @Test
  void tinyAndHugeDecimalsAreWrittenPlainNeverInExponentForm() {
    assertThat(codec.encodeToString(price("1E-18"))).contains("\"price\":0.000000000000000001,");
    assertThat(codec.encodeToString(price("1.5E+20"))).contains("\"price\":150000000000000000000,");
  }

  @Test
  void decimalsInTheInputAreReadFromTheirTextNotThroughADouble() throws Exception {
    String json = codec.encodeToString(price("1")).replace("\"price\":1,", "\"price\":0.30000000000000000001,");

    assertThat(codec.decode(json, PriceUpdate.class).price()).isEqualTo(new BigDecimal("0.30000000000000000001"));
  }

  @Test
  void occurredAtKeepsNanosecondsAsFixedWidthRfc3339() throws Exception {
    PriceUpdate update = new PriceUpdate(
        "id-1", Instant.parse("2026-11-25T02:24:49.000000120Z"), "svc", "SOL/USDC", BigDecimal.ONE, "orca", 1);

    String json = codec.encodeToString(update);

    assertThat(json).contains("\"occurred_at\":\"2026-11-25T02:24:49.000000120Z\"");
    assertThat(codec.decode(json).occurredAt().getNano()).isEqualTo(120);
  }

  @Test
  void occurredAtAcceptsAnyRfc3339OffsetAndStoresUtc() throws Exception {
    String json = codec.encodeToString(price("1"))
        .replaceAll("\"occurred_at\":\"[^\"]+\"", "\"occurred_at\":\"2026-11-25T04:00:00.5+02:00\"");

    assertThat(codec.decode(json).occurredAt()).isEqualTo(Instant.parse("2026-11-25T02:00:00.500Z"));
  }

  private static PriceUpdate price(String price) {
    return new PriceUpdate("id-1", Instant.EPOCH, "svc", "SOL/USDC", new BigDecimal(price), "raydium", 1);
  }
}
