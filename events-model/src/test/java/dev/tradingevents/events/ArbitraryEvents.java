package dev.tradingevents.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Valid events of every type with values drawn from a seeded {@link Random}: the same seed gives the same
 * events, so a failing property names the seed that reproduces it. Values reach the edges the codec must
 * keep: 18-decimal amounts, huge and tiny decimals, nanosecond instants, unicode and JSON-hostile text in
 * free-text fields. Shared with other modules' tests through this module's test-jar.
 */
public final class ArbitraryEvents {
  private static final String[] DEXES = {"raydium", "orca", "meteora", "phoenix", "lifinity", "openbook"};
  private static final String[] TOKENS = {"SOL", "USDC", "USDT", "BONK", "JUP", "mSOL", "WIF", "ÉTOILE"};
  private static final String[] SERVICES = {"arb-scanner", "quote-service", "executor", "market-data"};
  private static final String[] HOSTILE_TEXT = {
    "plain reason", "line one\nline two", "quote \" and backslash \\", "tab\tand\u0001control", "emoji 🚀 ünïcödé",
    "} {\"injected\":true}"
  };

  private final Random random;

  public ArbitraryEvents(long seed) {
    this.random = new Random(seed);
  }

  /** One valid event of the given type. */
  public TradingEvent next(EventType type) {
    return switch (type) {
      case PRICE_UPDATE -> new PriceUpdate(id(), time(), service(), pair(), positive(), dex(), slot());
      case SWAP_ROUTE -> new SwapRoute(
          id(), time(), service(), pair(), positive(), amount(), hops(), amount(), "jupiter");
      case SLOT_UPDATE -> {
        long slot = 1 + slot();
        yield new SlotUpdate(
            id(), time(), service(), slot, slot - 1 - random.nextInt((int) Math.min(slot, 4)),
            pick(SlotUpdate.Commitment.values()), "rpc-" + random.nextInt(5));
      }
      case POOL_STATE_CHANGE -> new PoolStateChange(
          id(), time(), service(), address(), dex(), pair(), amount(), amount(), slot());
      case LIQUIDITY_UPDATE -> new LiquidityUpdate(
          id(), time(), service(), dex(), address(), pair(), amount(), random.nextBoolean() ? amount() : null);
      case LARGE_TRADE -> new LargeTrade(
          id(), time(), service(), dex(), pair(), pick(LargeTrade.Side.values()), positive(), positive(),
          amount(), address());
      case SPREAD_UPDATE -> new SpreadUpdate(
          id(), time(), service(), pair(), dex(), dex(), positive(), positive(), signed());
      case VOLUME_SPIKE -> new VolumeSpike(
          id(), time(), service(), pair(), dex(), 1 + random.nextInt(3600), amount(), amount(), amount());
      case ARBITRAGE_OPPORTUNITY -> arbitrage();
      case SYSTEM_LIFECYCLE -> new SystemLifecycle(
          id(), time(), service(), service(), pick(SystemLifecycle.Phase.values()),
          random.nextBoolean() ? "1." + random.nextInt(20) + ".0" : null, maybeText());
      case CONNECTION_EVENT -> new ConnectionEvent(
          id(), time(), service(), pick(ConnectionEvent.TargetKind.values()), "endpoint-" + random.nextInt(9),
          pick(ConnectionEvent.State.values()), random.nextInt(100), maybeText());
      case DRIFT_EVENT -> new DriftEvent(id(), time(), service(), signed(), "ntp", amount());
      case STALL_EVENT -> new StallEvent(
          id(), time(), service(), pick(new String[] {"tx-submit", "quote", "simulate"}),
          random.nextInt(600_000), random.nextInt(10_000), slot());
    };
  }

  /** One event of each type, in {@link EventType} order. */
  public List<TradingEvent> oneOfEach() {
    List<TradingEvent> events = new ArrayList<>();
    for (EventType type : EventType.values()) {
      events.add(next(type));
    }
    return events;
  }

  private ArbitrageOpportunity arbitrage() {
    ArbitrageOpportunity.Kind kind = pick(ArbitrageOpportunity.Kind.values());
    List<String> tokens = new ArrayList<>(List.of(TOKENS));
    java.util.Collections.shuffle(tokens, random);
    List<ArbitrageOpportunity.Leg> legs = new ArrayList<>();
    for (int i = 0; i < kind.legCount(); i++) {
      legs.add(
          new ArbitrageOpportunity.Leg(
              dex(), tokens.get(i), tokens.get((i + 1) % kind.legCount()), positive()));
    }
    return new ArbitrageOpportunity(
        id(), time(), service(), kind, legs, positive(), signed(), signed(), slot());
  }

  private String id() {
    return random.nextInt(10) == 0
        ? "custom-" + Long.toHexString(random.nextLong())
        : EventIds.newUuid(1_600_000_000_000L + (random.nextLong() & 0xFFFF_FFFFFL)).toString();
  }

  private Instant time() {
    return Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000), random.nextInt(1_000_000_000));
  }

  private String service() {
    return pick(SERVICES);
  }

  private String dex() {
    return pick(DEXES);
  }

  private String pair() {
    String base = pick(TOKENS);
    String quote = pick(TOKENS);
    return base + "/" + quote;
  }

  private String address() {
    return Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
  }

  private List<String> hops() {
    List<String> hops = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      hops.add(dex());
    }
    return hops;
  }

  private long slot() {
    return random.nextInt(10) == 0 ? random.nextLong() & Long.MAX_VALUE : 250_000_000L + random.nextInt(50_000_000);
  }

  private String maybeText() {
    return random.nextBoolean() ? null : pick(HOSTILE_TEXT);
  }

  /** Greater than zero, from 1e-18 up to 1e18, with up to 18 decimals. */
  private BigDecimal positive() {
    BigDecimal value;
    do {
      value = amount();
    } while (value.signum() == 0);
    return value;
  }

  /** Zero or more, up to 36 significant digits, scale 0 to 18. */
  private BigDecimal amount() {
    return switch (random.nextInt(6)) {
      case 0 -> BigDecimal.ZERO;
      case 1 -> new BigDecimal("0.1");
      case 2 -> new BigDecimal(new BigInteger(120, random), 18); // an 18-decimal token amount
      default -> new BigDecimal(BigInteger.valueOf(random.nextLong() & 0xFFFF_FFFFFFL), random.nextInt(19));
    };
  }

  private BigDecimal signed() {
    BigDecimal value = amount();
    return random.nextBoolean() ? value.negate() : value;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
