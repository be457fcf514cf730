package dev.tradingevents.benchmarks;

import dev.tradingevents.events.ArbitrageOpportunity;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventDecodingException;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.events.TradingEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of two events with {@link EventCodec}: the JSON part of a publish and of a log line.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main CodecBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private final EventCodec codec = EventCodec.create();
  private PriceUpdate price;
  private ArbitrageOpportunity arbitrage;
  private byte[] priceJson;
  private byte[] arbitrageJson;

  @Setup
  public void setUp() {
    Instant at = Instant.parse("2026-11-25T02:24:49.120345678Z");
    price = new PriceUpdate("019b0c5e-7a31-7c3f-9a52-3f0e4b1c2d3e", at, "market-data-simulator", "SOL/USDC",
        new BigDecimal("187.234567891"), "raydium", 312_456_789L);
    arbitrage = new ArbitrageOpportunity("019b0c5e-7a31-7c3f-9a52-3f0e4b1c2d3f", at, "arb-scanner",
        ArbitrageOpportunity.Kind.TRIANGULAR,
        List.of(new ArbitrageOpportunity.Leg("raydium", "SOL", "USDC", new BigDecimal("187.234567891")),
            new ArbitrageOpportunity.Leg("orca", "USDC", "BONK", new BigDecimal("41234.567812345")),
            new ArbitrageOpportunity.Leg("meteora", "BONK", "SOL", new BigDecimal("0.000000129612"))),
        new BigDecimal("1500.000000"), new BigDecimal("12.3456"), new BigDecimal("8.23"), 312_456_789L);
    priceJson = codec.encode(price);
    arbitrageJson = codec.encode(arbitrage);
  }

  @Benchmark
  public byte[] encodePriceUpdate() {
    return codec.encode(price);
  }

  @Benchmark
  public byte[] encodeArbitrageOpportunity() {
    return codec.encode(arbitrage);
  }

  @Benchmark
  public TradingEvent decodePriceUpdate() throws EventDecodingException {
    return codec.decode(priceJson);
  }

  @Benchmark
  public TradingEvent decodeArbitrageOpportunity() throws EventDecodingException {
    return codec.decode(arbitrageJson);
  }
}
