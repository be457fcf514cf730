package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The price spread of a pair between two venues changed.
 *
 * @param tokenPair the pair
 * @param bidDex the venue with the best bid
 * @param askDex the venue with the best ask
 * @param bestBid the best bid, quote per base
 * @param bestAsk the best ask, quote per base
 * @param spreadBps {@code (ask - bid) / mid} in basis points; negative when the venues are crossed
 */
public record SpreadUpdate(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String tokenPair,
    String bidDex,
    String askDex,
    BigDecimal bestBid,
    BigDecimal bestAsk,
    BigDecimal spreadBps)
    implements TradingEvent {
  public SpreadUpdate {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.tokenPair("token_pair", tokenPair);
    Checks.name("bid_dex", bidDex);
    Checks.name("ask_dex", askDex);
    Checks.positive("best_bid", bestBid);
    Checks.positive("best_ask", bestAsk);
    Checks.present("spread_bps", spreadBps);
  }
}
