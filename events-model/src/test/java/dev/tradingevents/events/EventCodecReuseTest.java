package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The codec reuses a generator and a buffer per thread: each event must still come out on its own. */
class EventCodecReuseTest {
  private final EventCodec codec = EventCodec.create();
  private final ObjectWriter fresh = codec.mapper().writerFor(TradingEvent.class);

  @Test
  void encodesEachOfManyEventsOnOneThreadAsAFreshWriterWould() throws Exception {
    for (int seed = 0; seed < 40; seed++) {
      for (TradingEvent event : new ArbitraryEvents(seed).oneOfEach()) {
        assertThat(codec.encode(event)).as("seed %d %s", seed, event.eventType())
            .isEqualTo(fresh.writeValueAsBytes(event));
      }
    }
  }

  @Test
  void encodesTheSameEventToTheSameBytesEveryTime() {
    TradingEvent event = new ArbitraryEvents(3).next(EventType.ARBITRAGE_OPPORTUNITY);
    byte[] first = codec.encode(event);
    codec.encode(new ArbitraryEvents(4).next(EventType.PRICE_UPDATE));

    assertThat(codec.encode(event)).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void writesEveryDecimalAsItsPlainString() throws Exception {
    java.util.Random random = new java.util.Random(11);
    List<java.math.BigDecimal> decimals = new ArrayList<>(List.of(
        new java.math.BigDecimal("0.000"), new java.math.BigDecimal("-0.5"), new java.math.BigDecimal("1E-18"),
        new java.math.BigDecimal("-999999999999999999E-18"), new java.math.BigDecimal("999999999999999999E-1"),
        new java.math.BigDecimal("1E+3"), new java.math.BigDecimal("12345"), new java.math.BigDecimal("1E-19"),
        new java.math.BigDecimal("1234567890123456789.5"), new java.math.BigDecimal("-0.000000000000000001")));
    for (int i = 0; i < 2_000; i++) {
      long unscaled = random.nextLong() / (1L << random.nextInt(63));
      decimals.add(java.math.BigDecimal.valueOf(unscaled, random.nextInt(24) - 3));
    }
    for (java.math.BigDecimal decimal : decimals) {
      DriftEvent event = new DriftEvent(EventIds.newId(), java.time.Instant.EPOCH, "clock", decimal, "ntp",
          java.math.BigDecimal.ONE);
      byte[] json = codec.encode(event);
      assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).as("%s", decimal)
          .contains("\"drift_ms\":" + decimal.toPlainString() + ",");
      assertThat(json).as("%s", decimal).isEqualTo(fresh.writeValueAsBytes(event));
    }
  }

  @Test
  void encodesOnManyThreadsAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> mismatches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        mismatches.add(pool.submit(() -> {
          List<String> wrong = new ArrayList<>();
          for (int seed = 0; seed < 200; seed++) {
            TradingEvent event = new ArbitraryEvents(thread * 1000L + seed).next(EventType.values()[seed % EventType.values().length]);
            if (!java.util.Arrays.equals(codec.encode(event), fresh.writeValueAsBytes(event))) {
              wrong.add(event.eventId());
            }
          }
          return wrong;
        }));
      }
      for (Future<List<String>> result : mismatches) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEmpty();
      }
    } finally {
      pool.shutdown();
    }
  }
}
