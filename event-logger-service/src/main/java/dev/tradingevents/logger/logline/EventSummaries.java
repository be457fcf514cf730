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

/** The {@code msg} of an event's line: one sentence a person reads in the live stream panel. */
final class EventSummaries {
  private EventSummaries() {}

  static String of(TradingEvent event) {
    // one small method per type, not one method with every sentence: C2 spent about a second compiling
    // the single method (13 string concatenations inlined) while the logger was consuming; now only the
    // types that are hot get compiled, each on its own
    return switch (event.eventType()) {
      case PRICE_UPDATE -> priceUpdate((PriceUpdate) event);
      case ARBITRAGE_OPPORTUNITY -> arbitrageOpportunity((ArbitrageOpportunity) event);
      case SLOT_UPDATE -> slotUpdate((SlotUpdate) event);
      case SWAP_ROUTE -> swapRoute((SwapRoute) event);
      case POOL_STATE_CHANGE -> poolStateChange((PoolStateChange) event);
      case LIQUIDITY_UPDATE -> liquidityUpdate((LiquidityUpdate) event);
      case LARGE_TRADE -> largeTrade((LargeTrade) event);
      case SPREAD_UPDATE -> spreadUpdate((SpreadUpdate) event);
      case VOLUME_SPIKE -> volumeSpike((VolumeSpike) event);
      case SYSTEM_LIFECYCLE -> systemLifecycle((SystemLifecycle) event);
      case CONNECTION_EVENT -> connectionEvent((ConnectionEvent) event);
      case DRIFT_EVENT -> driftEvent((DriftEvent) event);
      case STALL_EVENT -> stallEvent((StallEvent) event);
    };
  }

  private static String priceUpdate(PriceUpdate e) {
    return "PriceUpdate " + e.tokenPair() + " " + e.price().toPlainString() + " on " + e.source();
  }

  private static String arbitrageOpportunity(ArbitrageOpportunity e) {
    return "ArbitrageOpportunity " + e.dexPair() + " " + e.tokenPath() + " profit "
          + e.profitUsd().toPlainString() + " USD (" + e.profitBps().toPlainString() + " bps)";
  }

  private static String slotUpdate(SlotUpdate e) {
    return "SlotUpdate slot " + e.slot() + " (" + e.commitment().name().toLowerCase() + ") from " + e.source();
  }

  private static String swapRoute(SwapRoute e) {
    return "SwapRoute " + e.tokenPair() + " " + e.inputAmount().toPlainString() + " -> "
          + e.outputAmount().toPlainString() + " via " + String.join(",", e.hops());
  }

  private static String poolStateChange(PoolStateChange e) {
    return "PoolStateChange " + e.tokenPair() + " on " + e.dex() + ": reserves " + e.baseReserve().toPlainString()
          + " / " + e.quoteReserve().toPlainString();
  }

  private static String liquidityUpdate(LiquidityUpdate e) {
    return "LiquidityUpdate " + e.tokenPair() + " on " + e.dex() + ": " + e.liquidityUsd().toPlainString() + " USD";
  }

  private static String largeTrade(LargeTrade e) {
    return "LargeTrade " + e.side() + " " + e.size().toPlainString() + " " + e.tokenPair() + " on " + e.dex()
          + " (" + e.notionalUsd().toPlainString() + " USD)";
  }

  private static String spreadUpdate(SpreadUpdate e) {
    return "SpreadUpdate " + e.tokenPair() + " " + e.spreadBps().toPlainString() + " bps (bid " + e.bidDex()
          + ", ask " + e.askDex() + ")";
  }

  private static String volumeSpike(VolumeSpike e) {
    return "VolumeSpike " + e.tokenPair() + " on " + e.dex() + ": " + e.spikeRatio().toPlainString()
          + "x baseline over " + e.windowSeconds() + "s";
  }

  private static String systemLifecycle(SystemLifecycle e) {
    return "SystemLifecycle " + e.service() + " " + e.phase() + (e.reason() == null ? "" : ": " + e.reason());
  }

  private static String connectionEvent(ConnectionEvent e) {
    return "ConnectionEvent " + e.targetKind() + " " + e.target() + " " + e.state()
          + (e.reason() == null ? "" : ": " + e.reason());
  }

  private static String driftEvent(DriftEvent e) {
    return "DriftEvent " + e.driftMs().toPlainString() + " ms against " + e.reference() + " (threshold "
          + e.thresholdMs().toPlainString() + " ms)";
  }

  private static String stallEvent(StallEvent e) {
    return "StallEvent " + e.stage() + " stalled " + e.stalledMs() + " ms (threshold " + e.thresholdMs() + " ms)";
  }
}
