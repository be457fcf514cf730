package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A new price of a token pair on one venue.
 *
 * @param tokenPair {@code BASE/QUOTE}, e.g. {@code SOL/USDC}
 * @param price units of quote per unit of base, exact
 * @param source the DEX or feed the price came from ({@code raydium}, {@code orca}, {@code pyth}); the
 *     dashboard's "Price Updates by Source" groups by it
 * @param slot the chain slot the price was observed at
 */
public record PriceUpdate(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String tokenPair,
    BigDecimal price,
    String source,
    long slot)
    implements TradingEvent {
  public PriceUpdate {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.tokenPair("token_pair", tokenPair);
    Checks.positive("price", price);
    Checks.name("source", source);
    Checks.notNegative("slot", slot);
  }
}
