package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A trade above the size threshold of whoever reports it.
 *
 * @param dex the DEX the trade happened on; "Large Trades by DEX" groups by it
 * @param tokenPair the traded pair
 * @param side whether the trader bought or sold the base token
 * @param size amount of base token traded, exact, greater than 0
 * @param price the execution price, quote per base
 * @param notionalUsd the trade's value in USD
 * @param signature the transaction signature
 */
public record LargeTrade(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String dex,
    String tokenPair,
    Side side,
    BigDecimal size,
    BigDecimal price,
    BigDecimal notionalUsd,
    String signature)
    implements TradingEvent {

  /** The taker's side. */
  public enum Side {
    BUY,
    SELL
  }

  public LargeTrade {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.name("dex", dex);
    Checks.tokenPair("token_pair", tokenPair);
    Checks.present("side", side);
    Checks.positive("size", size);
    Checks.positive("price", price);
    Checks.notNegative("notional_usd", notionalUsd);
    Checks.id("signature", signature);
  }
}
