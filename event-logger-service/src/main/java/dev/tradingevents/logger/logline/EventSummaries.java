package dev.tradingevents.logger.logline;

import dev.tradingevents.events.ArbitrageOpportunity;
import dev.tradingevents.events.ConnectionEvent;
import dev.tradingevents.events.DriftEvent;
import dev.tradingevents.events.LargeTrade;
import dev.tradingevents.events.LiquidityUpdate;
import dev.tradingevents.events.PoolStateChange;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.events.SlotUpdate;
import dev.tradingevents.events.SpreadUpdate;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.events.SwapRoute;
import dev.tradingevents.events.SystemLifecycle;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.events.VolumeSpike;
import java.util.Locale;

/** The {@code msg} of an event's line: one sentence a person reads in the live stream panel. */
final class EventSummaries {
  private EventSummaries() {}

  static String of(TradingEvent event) {
    return append(new StringBuilder(96), event).toString();
  }

  /**
   * Appends the sentence to {@code out}. Appends rather than {@code +}: each {@code +} of a sentence is an
   * invokedynamic call site whose first call builds method handles (and spins classes) at run time, which
   * a cold replay paid for on its busiest thread; and replay appends into a builder it reuses.
   */
  static StringBuilder append(StringBuilder out, TradingEvent event) {
    // one small method per type, not one method with every sentence: C2 spent about a second compiling
    // the single method while the logger was consuming; now only the types that are hot get compiled,
    // each on its own
    return switch (event.eventType()) {
      case PRICE_UPDATE -> priceUpdate(out, (PriceUpdate) event);
      case ARBITRAGE_OPPORTUNITY -> arbitrageOpportunity(out, (ArbitrageOpportunity) event);
      case SLOT_UPDATE -> slotUpdate(out, (SlotUpdate) event);
      case SWAP_ROUTE -> swapRoute(out, (SwapRoute) event);
      case POOL_STATE_CHANGE -> poolStateChange(out, (PoolStateChange) event);
      case LIQUIDITY_UPDATE -> liquidityUpdate(out, (LiquidityUpdate) event);
      case LARGE_TRADE -> largeTrade(out, (LargeTrade) event);
      case SPREAD_UPDATE -> spreadUpdate(out, (SpreadUpdate) event);
      case VOLUME_SPIKE -> volumeSpike(out, (VolumeSpike) event);
      case SYSTEM_LIFECYCLE -> systemLifecycle(out, (SystemLifecycle) event);
      case CONNECTION_EVENT -> connectionEvent(out, (ConnectionEvent) event);
      case DRIFT_EVENT -> driftEvent(out, (DriftEvent) event);
      case STALL_EVENT -> stallEvent(out, (StallEvent) event);
    };
  }

  private static StringBuilder priceUpdate(StringBuilder out, PriceUpdate e) {
    return out.append("PriceUpdate ").append(e.tokenPair()).append(' ').append(e.price().toPlainString())
        .append(" on ").append(e.source());
  }

  private static StringBuilder arbitrageOpportunity(StringBuilder out, ArbitrageOpportunity e) {
    return out.append("ArbitrageOpportunity ").append(e.dexPair()).append(' ').append(e.tokenPath())
        .append(" profit ").append(e.profitUsd().toPlainString()).append(" USD (")
        .append(e.profitBps().toPlainString()).append(" bps)");
  }

  private static StringBuilder slotUpdate(StringBuilder out, SlotUpdate e) {
    return out.append("SlotUpdate slot ").append(e.slot()).append(" (")
        .append(e.commitment().name().toLowerCase(Locale.ROOT)).append(") from ").append(e.source());
  }

  private static StringBuilder swapRoute(StringBuilder out, SwapRoute e) {
    return out.append("SwapRoute ").append(e.tokenPair()).append(' ').append(e.inputAmount().toPlainString())
        .append(" -> ").append(e.outputAmount().toPlainString()).append(" via ").append(String.join(",", e.hops()));
  }

  private static StringBuilder poolStateChange(StringBuilder out, PoolStateChange e) {
    return out.append("PoolStateChange ").append(e.tokenPair()).append(" on ").append(e.dex()).append(": reserves ")
        .append(e.baseReserve().toPlainString()).append(" / ").append(e.quoteReserve().toPlainString());
  }

  private static StringBuilder liquidityUpdate(StringBuilder out, LiquidityUpdate e) {
    return out.append("LiquidityUpdate ").append(e.tokenPair()).append(" on ").append(e.dex()).append(": ")
        .append(e.liquidityUsd().toPlainString()).append(" USD");
  }

  private static StringBuilder largeTrade(StringBuilder out, LargeTrade e) {
    return out.append("LargeTrade ").append(e.side()).append(' ').append(e.size().toPlainString()).append(' ')
        .append(e.tokenPair()).append(" on ").append(e.dex()).append(" (").append(e.notionalUsd().toPlainString())
        .append(" USD)");
  }

  private static StringBuilder spreadUpdate(StringBuilder out, SpreadUpdate e) {
    return out.append("SpreadUpdate ").append(e.tokenPair()).append(' ').append(e.spreadBps().toPlainString())
        .append(" bps (bid ").append(e.bidDex()).append(", ask ").append(e.askDex()).append(')');
  }

  private static StringBuilder volumeSpike(StringBuilder out, VolumeSpike e) {
    return out.append("VolumeSpike ").append(e.tokenPair()).append(" on ").append(e.dex()).append(": ")
        .append(e.spikeRatio().toPlainString()).append("x baseline over ").append(e.windowSeconds()).append('s');
  }

  private static StringBuilder systemLifecycle(StringBuilder out, SystemLifecycle e) {
    out.append("SystemLifecycle ").append(e.service()).append(' ').append(e.phase());
    return e.reason() == null ? out : out.append(": ").append(e.reason());
  }

  private static StringBuilder connectionEvent(StringBuilder out, ConnectionEvent e) {
    out.append("ConnectionEvent ").append(e.targetKind()).append(' ').append(e.target()).append(' ')
        .append(e.state());
    return e.reason() == null ? out : out.append(": ").append(e.reason());
  }

  private static StringBuilder driftEvent(StringBuilder out, DriftEvent e) {
    return out.append("DriftEvent ").append(e.driftMs().toPlainString()).append(" ms against ").append(e.reference())
        .append(" (threshold ").append(e.thresholdMs().toPlainString()).append(" ms)");
  }

  private static StringBuilder stallEvent(StringBuilder out, StallEvent e) {
    return out.append("StallEvent ").append(e.stage()).append(" stalled ").append(e.stalledMs())
        .append(" ms (threshold ").append(e.thresholdMs()).append(" ms)");
  }
}
