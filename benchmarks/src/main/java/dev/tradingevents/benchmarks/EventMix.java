package dev.tradingevents.benchmarks;

import dev.tradingevents.events.ArbitrageOpportunity;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.LargeTrade;
import dev.tradingevents.events.LiquidityUpdate;
import dev.tradingevents.events.PoolStateChange;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.events.SlotUpdate;
import dev.tradingevents.events.SpreadUpdate;
import dev.tradingevents.events.SwapRoute;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.events.VolumeSpike;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The events a trading service publishes, in a fixed, seeded mix: mostly price and slot updates, some
 * spreads, large trades and pool changes, a few arbitrage opportunities (two-leg and triangular).
 *
 * <p>{@link #events(int)} gives the same field values in the same order on every call, so every variant
 * of the benchmark sends the same bytes; only the event ids are new on each call (time-ordered UUIDv7
 * from {@link EventIds}), because JetStream would drop a repeated {@code Nats-Msg-Id} as a duplicate.
 */
final class EventMix {
  /** Percent of each type in the mix, in the order of {@link #next}. */
  static final String DESCRIPTION = "PriceUpdate 55%, SlotUpdate 20%, ArbitrageOpportunity 8% (half triangular),"
      + " SpreadUpdate 5%, LargeTrade 4%, PoolStateChange 3%, SwapRoute 2%, LiquidityUpdate 2%, VolumeSpike 1%";

  private static final long SEED = 20_261_125L;
  private static final Instant START = Instant.parse("2026-11-25T02:24:49.120000000Z");
  private static final String[] PAIRS = {
      "SOL/USDC", "BONK/SOL", "JUP/USDC", "RAY/USDC", "WIF/SOL", "ETH/USDC", "mSOL/SOL", "JTO/USDC"};
  private static final String[] DEXES = {"raydium", "orca", "meteora", "phoenix", "lifinity"};
  private static final String[] PRICE_SOURCES = {"raydium", "orca", "meteora", "phoenix", "pyth"};
  private static final String[] RPCS = {"helius-mainnet", "triton-rpc", "validator-fra-1"};
  private static final String[][] TRIANGLES = {
      {"SOL", "USDC", "BONK"}, {"SOL", "USDC", "JUP"}, {"USDC", "SOL", "WIF"}, {"SOL", "mSOL", "USDC"}};
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private EventMix() {}

  /** {@code count} events of the mix, with new ids and the same values as every other call. */
  static List<TradingEvent> events(int count) {
    Random random = new Random(SEED);
    long slot = 312_456_789L;
    List<TradingEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      // ~2,500 events per slot of 400 ms; nanosecond times with all nine digits in use
      Instant at = START.plusNanos(i * 160_013L);
      if (i % 2_500 == 0) {
        slot++;
      }
      events.add(next(random, EventIds.newId(), at, slot));
    }
    return events;
  }

  private static TradingEvent next(Random random, String id, Instant at, long slot) {
    int pick = random.nextInt(100);
    if (pick < 55) {
      return new PriceUpdate(id, at, "market-data-simulator", pick(random, PAIRS), decimal(random, 1, 250, 9),
          pick(random, PRICE_SOURCES), slot);
    }
    if (pick < 75) {
      return new SlotUpdate(id, at, "slot-watcher", slot, slot - 1,
          SlotUpdate.Commitment.values()[random.nextInt(3)], pick(random, RPCS));
    }
    if (pick < 83) {
      return arbitrage(random, id, at, slot);
    }
    if (pick < 88) {
      BigDecimal bid = decimal(random, 1, 250, 6);
      BigDecimal ask = bid.add(decimal(random, 0, 1, 6)).add(new BigDecimal("0.000001"));
      return new SpreadUpdate(id, at, "market-data-simulator", pick(random, PAIRS), pick(random, DEXES),
          pick(random, DEXES), bid, ask, decimal(random, 0, 80, 2));
    }
    if (pick < 92) {
      BigDecimal size = decimal(random, 5_000, 250_000, 6);
      BigDecimal price = decimal(random, 1, 250, 9);
      return new LargeTrade(id, at, "whale-watcher", pick(random, DEXES), pick(random, PAIRS),
          random.nextBoolean() ? LargeTrade.Side.BUY : LargeTrade.Side.SELL, size, price,
          size.multiply(price).setScale(2, java.math.RoundingMode.HALF_EVEN), base58(random, 88));
    }
    if (pick < 95) {
      return new PoolStateChange(id, at, "pool-indexer", base58(random, 44), pick(random, DEXES),
          pick(random, PAIRS), decimal(random, 10_000, 9_000_000, 9), decimal(random, 10_000, 9_000_000, 6), slot);
    }
    if (pick < 97) {
      String pair = pick(random, PAIRS);
      return new SwapRoute(id, at, "router", pair, decimal(random, 1, 5_000, 9), decimal(random, 1, 5_000, 6),
          List.of(pick(random, DEXES), pick(random, DEXES)), decimal(random, 0, 40, 2), "jupiter");
    }
    if (pick < 99) {
      return new LiquidityUpdate(id, at, "pool-indexer", pick(random, DEXES), base58(random, 44),
          pick(random, PAIRS), decimal(random, 50_000, 90_000_000, 2), decimal(random, 50_000, 90_000_000, 2));
    }
    return new VolumeSpike(id, at, "market-data-simulator", pick(random, PAIRS), pick(random, DEXES), 60,
        decimal(random, 500_000, 9_000_000, 2), decimal(random, 50_000, 400_000, 2), decimal(random, 2, 30, 4));
  }

  private static ArbitrageOpportunity arbitrage(Random random, String id, Instant at, long slot) {
    List<ArbitrageOpportunity.Leg> legs = new ArrayList<>(3);
    ArbitrageOpportunity.Kind kind;
    if (random.nextBoolean()) {
      kind = ArbitrageOpportunity.Kind.TWO_LEG;
      String[] pair = pick(random, PAIRS).split("/");
      legs.add(new ArbitrageOpportunity.Leg(pick(random, DEXES), pair[1], pair[0], decimal(random, 0, 2, 12)
          .add(BigDecimal.ONE)));
      legs.add(new ArbitrageOpportunity.Leg(pick(random, DEXES), pair[0], pair[1], decimal(random, 1, 250, 9)));
    } else {
      kind = ArbitrageOpportunity.Kind.TRIANGULAR;
      String[] tokens = TRIANGLES[random.nextInt(TRIANGLES.length)];
      for (int leg = 0; leg < 3; leg++) {
        legs.add(new ArbitrageOpportunity.Leg(pick(random, DEXES), tokens[leg], tokens[(leg + 1) % 3],
            decimal(random, 1, 250, 9)));
      }
    }
    return new ArbitrageOpportunity(id, at, "arb-scanner", kind, legs, decimal(random, 10, 5_000, 6),
        decimal(random, 0, 90, 4), decimal(random, 0, 60, 2), slot);
  }

  /** A decimal in [{@code from}, {@code to}) with {@code scale} digits after the point, all of them used. */
  private static BigDecimal decimal(Random random, long from, long to, int scale) {
    long unit = 1;
    for (int i = 0; i < scale; i++) {
      unit *= 10;
    }
    long whole = from + (long) (random.nextDouble() * (to - from));
    long fraction = 1 + (long) (random.nextDouble() * (unit - 1));
    return BigDecimal.valueOf(whole).add(BigDecimal.valueOf(fraction, scale));
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String base58(Random random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = BASE58.charAt(random.nextInt(BASE58.length()));
    }
    return new String(chars);
  }
}
