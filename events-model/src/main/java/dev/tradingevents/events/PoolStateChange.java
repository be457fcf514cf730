package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The reserves of an AMM pool changed.
 *
 * @param poolAddress the pool's account address
 * @param dex the DEX the pool belongs to
 * @param tokenPair the pool's tokens, {@code BASE/QUOTE}
 * @param baseReserve reserve of the base token, exact, whole tokens
 * @param quoteReserve reserve of the quote token
 * @param slot the slot the change was observed at
 */
public record PoolStateChange(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String poolAddress,
    String dex,
    String tokenPair,
    BigDecimal baseReserve,
    BigDecimal quoteReserve,
    long slot)
    implements TradingEvent {
  public PoolStateChange {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.id("pool_address", poolAddress);
    Checks.name("dex", dex);
    Checks.tokenPair("token_pair", tokenPair);
    Checks.notNegative("base_reserve", baseReserve);
    Checks.notNegative("quote_reserve", quoteReserve);
    Checks.notNegative("slot", slot);
  }
}
