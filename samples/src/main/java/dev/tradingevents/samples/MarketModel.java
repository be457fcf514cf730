package dev.tradingevents.samples;

import dev.tradingevents.events.ArbitrageOpportunity;
import dev.tradingevents.events.ConnectionEvent;
import dev.tradingevents.events.DriftEvent;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.LargeTrade;
import dev.tradingevents.events.LiquidityUpdate;
import dev.tradingevents.events.PoolStateChange;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.events.SlotUpdate;
import dev.tradingevents.events.SpreadUpdate;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.events.SwapRoute;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.events.VolumeSpike;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small Solana market: tokens whose USD prices are random walks, pairs quoted on four DEXes with a
 * mean-reverting basis each, AMM pools with reserves and liquidity, and the events a market-data scanner
 * would publish about it. Not thread-safe: one generator thread owns it.
 *
 * <p>Everything random comes from the seeded {@link Random}s, so a seed gives the same sequence of event
 * types and values (ids and timestamps aside).
 */
final class MarketModel {
  /** Prices keep 10 significant digits: enough for BONK in SOL (0.0000001308...) and SOL in USDC. */
  private static final MathContext PRICE = new MathContext(10, RoundingMode.HALF_EVEN);
  private static final MathContext WORK = new MathContext(20, RoundingMode.HALF_EVEN);
  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  /** The DEXes; phoenix is an order book, the others run AMM pools. */
  static final List<String> DEXES = List.of("raydium", "orca", "meteora", "phoenix");
  static final List<String> AMMS = List.of("raydium", "orca", "meteora");

  /** Weights of the market mix, per 1000 events. SlotUpdate and lifecycle events run on their own clocks. */
  enum Kind {
    PRICE(400),
    POOL(230),
    SPREAD(90),
    SWAP_ROUTE(80),
    LIQUIDITY(70),
    ARBITRAGE(45),
    LARGE_TRADE(40),
    VOLUME_SPIKE(30),
    STALL(6),
    DRIFT(6),
    RECONNECT(3);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  private static final int TOTAL_WEIGHT = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

  private record Token(String symbol, int decimals, double volatilityBps) {}

  private record Pair(Token base, Token quote, int weight) {
    String name() {
      return base.symbol + "/" + quote.symbol;
    }
  }

  /** An AMM pool of one pair on one DEX. */
  private static final class Pool {
    final String address;
    final String dex;
    final Pair pair;
    BigDecimal depthUsd;
    BigDecimal lastLiquidityUsd;

    Pool(String address, String dex, Pair pair, BigDecimal depthUsd) {
      this.address = address;
      this.dex = dex;
      this.pair = pair;
      this.depthUsd = depthUsd;
    }
  }

  private final Random random;
  private final Random slotRandom;
  private final String source;
  private final Map<String, Token> tokens = new LinkedHashMap<>();
  /** USD price of each token, a geometric random walk; stablecoins hold their peg within a few bps. */
  private final Map<String, BigDecimal> usd = new HashMap<>();
  private final List<Pair> pairs = new ArrayList<>();
  private final int pairWeight;
  /** Per pair and DEX, the DEX's price offset from the fair price, in bps; mean-reverting. */
  private final Map<String, Double> basisBps = new HashMap<>();
  private final List<Pool> pools = new ArrayList<>();
  private long slot;
  private long slotsEmitted;

  MarketModel(long seed, String source) {
    this.random = new Random(seed);
    this.slotRandom = new Random(seed ^ 0x5DEECE66DL);
    this.source = source;
    token("SOL", 9, 187.42, 4);
    token("USDC", 6, 1.0, 0.2);
    token("USDT", 6, 0.9998, 0.3);
    token("JUP", 6, 0.8473, 7);
    token("BONK", 5, 0.00002451, 12);
    token("WIF", 6, 2.138, 11);
    token("RAY", 6, 3.412, 8);
    token("JTO", 9, 2.951, 8);
    token("PYTH", 6, 0.3617, 9);
    token("mSOL", 9, 228.77, 4);
    token("jitoSOL", 9, 225.31, 4);
    pair("SOL", "USDC", 30);
    pair("SOL", "USDT", 8);
    pair("JUP", "USDC", 10);
    pair("BONK", "SOL", 9);
    pair("WIF", "USDC", 9);
    pair("RAY", "USDC", 6);
    pair("JTO", "USDC", 5);
    pair("PYTH", "USDC", 4);
    pair("mSOL", "SOL", 4);
    pair("jitoSOL", "SOL", 5);
    pairWeight = pairs.stream().mapToInt(Pair::weight).sum();
    for (Pair pair : pairs) {
      for (String dex : DEXES) {
        basisBps.put(key(pair, dex), random.nextGaussian() * 2);
      }
      for (String dex : AMMS) {
        // SOL/USDC pools hold tens of millions, the long tail a few hundred thousand
        double depth = pair.weight * 600_000.0 * Math.exp(random.nextGaussian() * 0.6);
        pools.add(new Pool(base58(44), dex, pair, usd2(depth)));
      }
    }
    slot = 310_000_000L + (long) (random.nextDouble() * 20_000_000);
  }

  private void token(String symbol, int decimals, double usdPrice, double volatilityBps) {
    Token token = new Token(symbol, decimals, volatilityBps);
    tokens.put(symbol, token);
    usd.put(symbol, new BigDecimal(Double.toString(usdPrice)));
  }

  private void pair(String base, String quote, int weight) {
    pairs.add(new Pair(tokens.get(base), tokens.get(quote), weight));
  }

  long slot() {
    return slot;
  }

  /** The next event(s) of the market mix: usually one, two for a reconnect (RECONNECTING, RECONNECTED). */
  List<TradingEvent> next(Instant now) {
    return switch (pickKind()) {
      case PRICE -> List.of(priceUpdate(now));
      case POOL -> List.of(poolStateChange(now));
      case SPREAD -> List.of(spreadUpdate(now));
      case SWAP_ROUTE -> List.of(swapRoute(now));
      case LIQUIDITY -> List.of(liquidityUpdate(now));
      case ARBITRAGE -> List.of(random.nextDouble() < 0.7 ? twoLegArbitrage(now) : triangularArbitrage(now));
      case LARGE_TRADE -> List.of(largeTrade(now));
      case VOLUME_SPIKE -> List.of(volumeSpike(now));
      case STALL -> List.of(stall(now));
      case DRIFT -> List.of(drift(now));
      case RECONNECT -> reconnect(now);
    };
  }

  /**
   * The chain moved to a new slot (every 400 ms): its SlotUpdate as processed, and every eighth slot the
   * finalized one 32 slots back. About one slot in thirty is skipped by its leader.
   */
  List<TradingEvent> nextSlot(Instant now) {
    long parent = slot;
    slot += slotRandom.nextDouble() < 0.03 ? 2 : 1;
    slotsEmitted++;
    String rpc = slotRandom.nextDouble() < 0.8 ? "rpc-1" : "rpc-2";
    List<TradingEvent> events = new ArrayList<>(2);
    events.add(new SlotUpdate(EventIds.newId(), now, source, slot, parent, SlotUpdate.Commitment.PROCESSED, rpc));
    if (slotsEmitted % 8 == 0) {
      events.add(new SlotUpdate(EventIds.newId(), now, source, slot - 32, slot - 33,
          SlotUpdate.Commitment.FINALIZED, rpc));
    }
    return events;
  }

  private Kind pickKind() {
    int roll = random.nextInt(TOTAL_WEIGHT);
    for (Kind kind : Kind.values()) {
      roll -= kind.weight;
      if (roll < 0) {
        return kind;
      }
    }
    throw new AssertionError("weights");
  }

  private Pair pickPair() {
    int roll = random.nextInt(pairWeight);
    for (Pair pair : pairs) {
      roll -= pair.weight;
      if (roll < 0) {
        return pair;
      }
    }
    throw new AssertionError("pair weights");
  }

  private String pickDex() {
    return DEXES.get(random.nextInt(DEXES.size()));
  }

  private Pool pickPool() {
    Pair pair = pickPair();
    String dex = AMMS.get(random.nextInt(AMMS.size()));
    return pools.stream().filter(p -> p.pair == pair && p.dex.equals(dex)).findFirst().orElseThrow();
  }

  /** One step of the token's USD random walk (stablecoins are pulled back to their peg). */
  private void walk(Token token) {
    BigDecimal price = usd.get(token.symbol);
    double step = random.nextGaussian() * token.volatilityBps / 10_000;
    if (token.symbol.startsWith("USD")) {
      step -= (price.doubleValue() - 1.0) * 0.2; // peg
    }
    // a fat tail now and then: a news candle
    if (random.nextDouble() < 0.002) {
      step += random.nextGaussian() * token.volatilityBps * 10 / 10_000;
    }
    usd.put(token.symbol, price.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(step)), WORK).round(WORK));
  }

  /** The pair's fair price, quote per base. */
  private BigDecimal fair(Pair pair) {
    return usd.get(pair.base.symbol).divide(usd.get(pair.quote.symbol), WORK);
  }

  /** The DEX's price of the pair, quote per base: fair price with the DEX's basis, whose walk steps too. */
  private BigDecimal dexPrice(Pair pair, String dex) {
    String key = key(pair, dex);
    double basis = basisBps.get(key) * 0.9 + random.nextGaussian();
    basisBps.put(key, basis);
    return fair(pair).multiply(BigDecimal.ONE.add(bps(basis)), WORK);
  }

  private PriceUpdate priceUpdate(Instant now) {
    Pair pair = pickPair();
    walk(pair.base);
    walk(pair.quote);
    // one update in ten comes from the Pyth oracle rather than a DEX
    boolean oracle = random.nextDouble() < 0.1;
    BigDecimal price = oracle ? fair(pair) : dexPrice(pair, pickDex());
    String from = oracle ? "pyth" : DEXES.get(random.nextInt(DEXES.size()));
    return new PriceUpdate(EventIds.newId(), now, source, pair.name(), price.round(PRICE), from, slot);
  }

  private PoolStateChange poolStateChange(Instant now) {
    Pool pool = pickPool();
    walk(pool.pair.base);
    pool.depthUsd = usd2(pool.depthUsd.doubleValue() * (1 + random.nextGaussian() * 0.002));
    BigDecimal price = dexPrice(pool.pair, pool.dex);
    BigDecimal half = pool.depthUsd.divide(BigDecimal.valueOf(2), WORK);
    BigDecimal base = half.divide(usd.get(pool.pair.base.symbol), WORK);
    BigDecimal quote = base.multiply(price, WORK);
    return new PoolStateChange(EventIds.newId(), now, source, pool.address, pool.dex, pool.pair.name(),
        amount(base, pool.pair.base), amount(quote, pool.pair.quote), slot);
  }

  private LiquidityUpdate liquidityUpdate(Instant now) {
    Pool pool = pickPool();
    // liquidity providers add or pull a chunk now and then; otherwise it drifts with fees and prices
    double change = random.nextDouble() < 0.08 ? random.nextGaussian() * 0.12 : random.nextGaussian() * 0.004;
    pool.depthUsd = usd2(Math.max(10_000, pool.depthUsd.doubleValue() * (1 + change)));
    BigDecimal previous = pool.lastLiquidityUsd;
    pool.lastLiquidityUsd = pool.depthUsd;
    return new LiquidityUpdate(EventIds.newId(), now, source, pool.dex, pool.address, pool.pair.name(),
        pool.depthUsd, previous);
  }

  private SpreadUpdate spreadUpdate(Instant now) {
    Pair pair = pickPair();
    walk(pair.base);
    BigDecimal bestBid = null;
    BigDecimal bestAsk = null;
    String bidDex = null;
    String askDex = null;
    for (String dex : DEXES) {
      BigDecimal mid = dexPrice(pair, dex);
      double half = dex.equals("phoenix") ? 1 + random.nextDouble() : 3 + random.nextDouble() * 3;
      BigDecimal bid = mid.multiply(BigDecimal.ONE.subtract(bps(half)), WORK);
      BigDecimal ask = mid.multiply(BigDecimal.ONE.add(bps(half)), WORK);
      if (bestBid == null || bid.compareTo(bestBid) > 0) {
        bestBid = bid;
        bidDex = dex;
      }
      if (bestAsk == null || ask.compareTo(bestAsk) < 0) {
        bestAsk = ask;
        askDex = dex;
      }
    }
    bestBid = bestBid.round(PRICE);
    bestAsk = bestAsk.round(PRICE);
    BigDecimal mid = bestBid.add(bestAsk).divide(BigDecimal.valueOf(2), WORK);
    BigDecimal spreadBps = bestAsk.subtract(bestBid).multiply(TEN_THOUSAND).divide(mid, WORK)
        .setScale(2, RoundingMode.HALF_EVEN);
    return new SpreadUpdate(EventIds.newId(), now, source, pair.name(), bidDex, askDex, bestBid, bestAsk, spreadBps);
  }

  private SwapRoute swapRoute(Instant now) {
    Pair pair = pickPair();
    boolean sellBase = random.nextBoolean();
    Token in = sellBase ? pair.base : pair.quote;
    Token out = sellBase ? pair.quote : pair.base;
    double notional = logUniform(50, 250_000);
    BigDecimal input = amount(BigDecimal.valueOf(notional).divide(usd.get(in.symbol), WORK), in);
    if (input.signum() == 0) {
      input = BigDecimal.ONE;
    }
    int hopCount = 1 + random.nextInt(3);
    List<String> hops = new ArrayList<>(DEXES);
    java.util.Collections.shuffle(hops, random);
    hops = hops.subList(0, hopCount);
    double depth = pools.stream().filter(p -> p.pair == pair).mapToDouble(p -> p.depthUsd.doubleValue()).sum();
    double impactBps = Math.min(500, notional / depth * 10_000 * 0.6 + random.nextDouble() * 0.5);
    double feeBps = 25.0 * hopCount;
    BigDecimal price = fair(pair);
    BigDecimal rate = sellBase ? price : BigDecimal.ONE.divide(price, WORK);
    BigDecimal output = input.multiply(rate, WORK).multiply(BigDecimal.ONE.subtract(bps(impactBps + feeBps)), WORK);
    return new SwapRoute(EventIds.newId(), now, source, in.symbol + "/" + out.symbol, input, amount(output, out),
        List.copyOf(hops), BigDecimal.valueOf(impactBps).setScale(2, RoundingMode.HALF_EVEN),
        random.nextDouble() < 0.75 ? "jupiter" : "internal-router");
  }

  private LargeTrade largeTrade(Instant now) {
    Pair pair = pickPair();
    String dex = pickDex();
    LargeTrade.Side side = random.nextBoolean() ? LargeTrade.Side.BUY : LargeTrade.Side.SELL;
    double notional = logUniform(100_000, 3_000_000);
    BigDecimal price = dexPrice(pair, dex).round(PRICE);
    BigDecimal size = amount(BigDecimal.valueOf(notional).divide(usd.get(pair.base.symbol), WORK), pair.base);
    BigDecimal notionalUsd = size.multiply(usd.get(pair.base.symbol), WORK).setScale(2, RoundingMode.HALF_EVEN);
    // the trade moves its venue: a buy lifts the price there, a sell presses it, arbitrage follows
    String key = key(pair, dex);
    double push = Math.min(15, notional / 100_000);
    basisBps.put(key, basisBps.get(key) + (side == LargeTrade.Side.BUY ? push : -push));
    return new LargeTrade(EventIds.newId(), now, source, dex, pair.name(), side, size, price, notionalUsd, base58(88));
  }

  private VolumeSpike volumeSpike(Instant now) {
    Pool pool = pickPool();
    long window = random.nextDouble() < 0.7 ? 60 : 300;
    double baseline = pool.depthUsd.doubleValue() * 0.0015 * window / 60.0 * Math.exp(random.nextGaussian() * 0.3);
    double ratio = logUniform(3, 25);
    BigDecimal ratioValue = BigDecimal.valueOf(ratio).setScale(2, RoundingMode.HALF_EVEN);
    BigDecimal baselineUsd = usd2(baseline);
    return new VolumeSpike(EventIds.newId(), now, source, pool.pair.name(), pool.dex, window,
        baselineUsd.multiply(ratioValue).setScale(2, RoundingMode.HALF_EVEN), baselineUsd, ratioValue);
  }

  /**
   * Buy on one DEX, sell on another. The detector found an edge: the two legs' prices multiply to more
   * than 1 by a few to tens of bps; one in ten is a near miss whose fees eat the edge (negative profit).
   */
  private ArbitrageOpportunity twoLegArbitrage(Instant now) {
    Pair pair = pickPair();
    List<String> dexes = new ArrayList<>(DEXES);
    java.util.Collections.shuffle(dexes, random);
    String buyOn = dexes.get(0);
    String sellOn = dexes.get(1);
    boolean startWithQuote = random.nextBoolean();
    Token start = startWithQuote ? pair.quote : pair.base;
    Token middle = startWithQuote ? pair.base : pair.quote;
    BigDecimal price = dexPrice(pair, buyOn);
    BigDecimal first = (startWithQuote ? BigDecimal.ONE.divide(price, WORK) : price).round(PRICE);
    BigDecimal second = closingPrice(List.of(first), edgeBps());
    List<ArbitrageOpportunity.Leg> legs = List.of(
        new ArbitrageOpportunity.Leg(buyOn, start.symbol, middle.symbol, first),
        new ArbitrageOpportunity.Leg(sellOn, middle.symbol, start.symbol, second));
    return opportunity(now, ArbitrageOpportunity.Kind.TWO_LEG, start, legs);
  }

  /** Around a triangle of tokens, e.g. SOL -> USDC -> JUP -> SOL, each leg on its own DEX. */
  private ArbitrageOpportunity triangularArbitrage(Instant now) {
    String[][] cycles = {
        {"SOL", "USDC", "JUP"}, {"USDC", "SOL", "BONK"}, {"SOL", "USDC", "WIF"}, {"SOL", "mSOL", "USDC"},
        {"USDC", "SOL", "jitoSOL"}, {"SOL", "USDT", "USDC"}, {"USDC", "RAY", "SOL"}};
    String[] cycle = cycles[random.nextInt(cycles.length)];
    List<BigDecimal> prices = new ArrayList<>();
    List<String> legDexes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String dex = pickDex();
      legDexes.add(dex);
      BigDecimal cross = usd.get(cycle[i]).divide(usd.get(cycle[i + 1]), WORK);
      prices.add(cross.multiply(BigDecimal.ONE.add(bps(random.nextGaussian() * 3)), WORK).round(PRICE));
    }
    String lastDex = pickDex();
    if (lastDex.equals(legDexes.get(0)) && lastDex.equals(legDexes.get(1))) {
      lastDex = DEXES.get((DEXES.indexOf(lastDex) + 1) % DEXES.size());
    }
    legDexes.add(lastDex);
    prices.add(closingPrice(prices, edgeBps()));
    List<ArbitrageOpportunity.Leg> legs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      legs.add(new ArbitrageOpportunity.Leg(legDexes.get(i), cycle[i], cycle[(i + 1) % 3], prices.get(i)));
    }
    return opportunity(now, ArbitrageOpportunity.Kind.TRIANGULAR, tokens.get(cycle[0]), legs);
  }

  /** Gross edge of an opportunity in bps: mostly 2 to 50, one in ten a near miss of -6 to +1. */
  private double edgeBps() {
    return random.nextDouble() < 0.1 ? -6 + random.nextDouble() * 7 : logUniform(2, 50);
  }

  /** The last leg's price that closes the cycle with the given gross edge. */
  private static BigDecimal closingPrice(List<BigDecimal> earlierLegs, double edgeBps) {
    BigDecimal product = BigDecimal.ONE;
    for (BigDecimal price : earlierLegs) {
      product = product.multiply(price, WORK);
    }
    return BigDecimal.ONE.add(bps(edgeBps)).divide(product, WORK).round(PRICE);
  }

  private ArbitrageOpportunity opportunity(Instant now, ArbitrageOpportunity.Kind kind, Token start,
      List<ArbitrageOpportunity.Leg> legs) {
    double notional = logUniform(200, 20_000);
    BigDecimal tokenUsd = usd.get(start.symbol);
    BigDecimal input = amount(BigDecimal.valueOf(notional).divide(tokenUsd, WORK), start);
    if (input.signum() == 0) {
      input = BigDecimal.ONE;
    }
    BigDecimal product = BigDecimal.ONE;
    for (ArbitrageOpportunity.Leg leg : legs) {
      product = product.multiply(leg.price(), WORK);
    }
    BigDecimal inputUsd = input.multiply(tokenUsd, WORK);
    // network fee, priority fee and a Jito tip: a few cents to half a dollar
    BigDecimal costs = BigDecimal.valueOf(logUniform(0.02, 0.5));
    BigDecimal profitUsd = inputUsd.multiply(product.subtract(BigDecimal.ONE), WORK).subtract(costs)
        .setScale(4, RoundingMode.HALF_EVEN);
    BigDecimal profitBps = profitUsd.multiply(TEN_THOUSAND).divide(inputUsd, WORK).setScale(2, RoundingMode.HALF_EVEN);
    return new ArbitrageOpportunity(EventIds.newId(), now, source, kind, legs, input, profitUsd, profitBps, slot);
  }

  /** A stage made no progress; one stall in seven is severe (five times its threshold: an error line). */
  private StallEvent stall(Instant now) {
    String[] stages = {"tx-submission", "quote-fetch", "geyser-stream", "bundle-landing"};
    long[] thresholds = {2000, 500, 1000, 1500};
    int i = random.nextInt(stages.length);
    double factor = random.nextDouble() < 1.0 / 7 ? 5 + random.nextDouble() * 3 : 1.05 + random.nextDouble() * 2;
    return new StallEvent(EventIds.newId(), now, source, stages[i], Math.round(thresholds[i] * factor),
        thresholds[i], slot);
  }

  /** A drift measurement against NTP or the validators' slot times; about one in ten beyond threshold. */
  private DriftEvent drift(Instant now) {
    boolean ntp = random.nextBoolean();
    double threshold = ntp ? 50 : 400;
    double drift = random.nextGaussian() * threshold * 0.6;
    return new DriftEvent(EventIds.newId(), now, source,
        BigDecimal.valueOf(drift).setScale(3, RoundingMode.HALF_EVEN), ntp ? "ntp" : "validator-slot-time",
        BigDecimal.valueOf(threshold).setScale(0, RoundingMode.UNNECESSARY));
  }

  /** The WebSocket feed dropped and came back: RECONNECTING, then RECONNECTED. */
  private List<TradingEvent> reconnect(Instant now) {
    String reason = random.nextBoolean() ? "ping timeout after 10 s" : "connection reset by peer";
    long attempts = 1 + random.nextInt(3);
    return List.of(
        new ConnectionEvent(EventIds.newId(), now, source, ConnectionEvent.TargetKind.WEBSOCKET, "geyser-1",
            ConnectionEvent.State.RECONNECTING, attempts, reason),
        new ConnectionEvent(EventIds.newId(), now, source, ConnectionEvent.TargetKind.WEBSOCKET, "geyser-1",
            ConnectionEvent.State.RECONNECTED, attempts, null));
  }

  private double logUniform(double low, double high) {
    return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
  }

  /** An amount of the token, exact to its decimals (9 for SOL, 6 for USDC, 5 for BONK). */
  private static BigDecimal amount(BigDecimal value, Token token) {
    return value.setScale(token.decimals, RoundingMode.DOWN).stripTrailingZeros();
  }

  private static BigDecimal usd2(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal bps(double bps) {
    return BigDecimal.valueOf(bps).divide(TEN_THOUSAND, WORK);
  }

  private static String key(Pair pair, String dex) {
    return pair.name() + "@" + dex;
  }

  private String base58(int length) {
    char[] text = new char[length];
    for (int i = 0; i < length; i++) {
      text[i] = BASE58.charAt(random.nextInt(BASE58.length()));
    }
    return new String(text);
  }
}
