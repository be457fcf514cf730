package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A quoted route for swapping one token into another, possibly over several DEXes.
 *
 * @param tokenPair input and output token, {@code IN/OUT}
 * @param inputAmount amount of the input token, exact, in whole tokens (not base units)
 * @param outputAmount quoted amount of the output token
 * @param hops the DEXes the route passes through, in order (1 to 8)
 * @param priceImpactBps price impact of the swap in basis points
 * @param source who quoted the route ({@code jupiter}, {@code internal-router})
 */
public record SwapRoute(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String tokenPair,
    BigDecimal inputAmount,
    BigDecimal outputAmount,
    List<String> hops,
    BigDecimal priceImpactBps,
    String source)
    implements TradingEvent {
  public SwapRoute {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.tokenPair("token_pair", tokenPair);
    Checks.positive("input_amount", inputAmount);
    Checks.notNegative("output_amount", outputAmount);
    hops = Checks.list("hops", hops, 1, 8);
    Checks.names("hops", hops);
    Checks.notNegative("price_impact_bps", priceImpactBps);
    Checks.name("source", source);
  }
}
