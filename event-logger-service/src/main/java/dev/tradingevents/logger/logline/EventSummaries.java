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
    if (event instanceof PriceUpdate e) {
      return "PriceUpdate " + e.tokenPair() + " " + e.price().toPlainString() + " on " + e.source();
    }
    if (event instanceof ArbitrageOpportunity e) {
      return "ArbitrageOpportunity " + e.dexPair() + " " + e.tokenPath() + " profit "
          + e.profitUsd().toPlainString() + " USD (" + e.profitBps().toPlainString() + " bps)";
    }
    if (event instanceof SlotUpdate e) {
      return "SlotUpdate slot " + e.slot() + " (" + e.commitment().name().toLowerCase() + ") from " + e.source();
    }
    if (event instanceof SwapRoute e) {
      return "SwapRoute " + e.tokenPair() + " " + e.inputAmount().toPlainString() + " -> "
          + e.outputAmount().toPlainString() + " via " + String.join(",", e.hops());
    }
    if (event instanceof PoolStateChange e) {
      return "PoolStateChange " + e.tokenPair() + " on " + e.dex() + ": reserves " + e.baseReserve().toPlainString()
          + " / " + e.quoteReserve().toPlainString();
    }
    if (event instanceof LiquidityUpdate e) {
      return "LiquidityUpdate " + e.tokenPair() + " on " + e.dex() + ": " + e.liquidityUsd().toPlainString() + " USD";
    }
    if (event instanceof LargeTrade e) {
      return "LargeTrade " + e.side() + " " + e.size().toPlainString() + " " + e.tokenPair() + " on " + e.dex()
          + " (" + e.notionalUsd().toPlainString() + " USD)";
    }
    if (event instanceof SpreadUpdate e) {
      return "SpreadUpdate " + e.tokenPair() + " " + e.spreadBps().toPlainString() + " bps (bid " + e.bidDex()
          + ", ask " + e.askDex() + ")";
    }
    if (event instanceof VolumeSpike e) {
      return "VolumeSpike " + e.tokenPair() + " on " + e.dex() + ": " + e.spikeRatio().toPlainString()
          + "x baseline over " + e.windowSeconds() + "s";
    }
    if (event instanceof SystemLifecycle e) {
      return "SystemLifecycle " + e.service() + " " + e.phase() + (e.reason() == null ? "" : ": " + e.reason());
    }
    if (event instanceof ConnectionEvent e) {
      return "ConnectionEvent " + e.targetKind() + " " + e.target() + " " + e.state()
          + (e.reason() == null ? "" : ": " + e.reason());
    }
    if (event instanceof DriftEvent e) {
      return "DriftEvent " + e.driftMs().toPlainString() + " ms against " + e.reference() + " (threshold "
          + e.thresholdMs().toPlainString() + " ms)";
    }
    if (event instanceof StallEvent e) {
      return "StallEvent " + e.stage() + " stalled " + e.stalledMs() + " ms (threshold " + e.thresholdMs() + " ms)";
    }
    return event.eventType().wireName();
  }
}
