package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The liquidity of a pool, valued in USD, changed.
 *
 * @param dex the DEX; "Liquidity Updates by DEX" groups by it
 * @param poolAddress the pool's account address
 * @param tokenPair the pool's tokens
 * @param liquidityUsd the pool's liquidity now
 * @param previousLiquidityUsd the pool's liquidity before, when known (may be null)
 */
public record LiquidityUpdate(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String dex,
    String poolAddress,
    String tokenPair,
    BigDecimal liquidityUsd,
    @OptionalField BigDecimal previousLiquidityUsd)
    implements TradingEvent {
  public LiquidityUpdate {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.name("dex", dex);
    Checks.id("pool_address", poolAddress);
    Checks.tokenPair("token_pair", tokenPair);
    Checks.notNegative("liquidity_usd", liquidityUsd);
    Checks.optionalNotNegative("previous_liquidity_usd", previousLiquidityUsd);
  }
}
