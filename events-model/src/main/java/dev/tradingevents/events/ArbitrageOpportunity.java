package dev.tradingevents.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A detector found a cycle of swaps that should end with more of the input token than it started with.
 *
 * <p>A {@link Kind#TWO_LEG} opportunity buys on one DEX and sells on another; a {@link Kind#TRIANGULAR}
 * one goes through three tokens. The legs must form a closed cycle: each leg's {@code token_out} is the
 * next leg's {@code token_in}, and the last leg ends in the first leg's input token.
 *
 * <p>On the wire the event also carries two derived, flat fields that the Events Dashboard groups by:
 * {@code dex_pair} (the DEXes in order, e.g. {@code raydium->orca}) and {@code token_path} (e.g. {@code
 * SOL->USDC->SOL}). They are ignored when decoding: the legs are the truth.
 *
 * @param kind two-leg or triangular
 * @param legs the swaps in order: 2 for two-leg, 3 for triangular
 * @param inputAmount how much of the first leg's input token goes in, exact, greater than 0
 * @param profitUsd the estimated profit in USD after fees; may be negative for a detector that also
 *     reports near misses
 * @param profitBps the estimated profit relative to the input, in basis points
 * @param slot the slot the opportunity was computed for
 */
public record ArbitrageOpportunity(
    String eventId,
    Instant occurredAt,
    String sourceService,
    Kind kind,
    List<Leg> legs,
    BigDecimal inputAmount,
    BigDecimal profitUsd,
    BigDecimal profitBps,
    long slot)
    implements TradingEvent {

  /** The shape of the cycle. */
  public enum Kind {
    TWO_LEG(2),
    TRIANGULAR(3);

    private final int legCount;

    Kind(int legCount) {
      this.legCount = legCount;
    }

    /** How many legs a cycle of this kind has. */
    public int legCount() {
      return legCount;
    }
  }

  /**
   * One swap of the cycle.
   *
   * @param dex where the swap happens
   * @param tokenIn the token given
   * @param tokenOut the token received
   * @param price expected units of {@code token_out} per unit of {@code token_in}
   */
  public record Leg(String dex, String tokenIn, String tokenOut, BigDecimal price) {
    public Leg {
      Checks.name("dex", dex);
      Checks.name("token_in", tokenIn);
      Checks.name("token_out", tokenOut);
      Checks.positive("price", price);
    }
  }

  public ArbitrageOpportunity {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.present("kind", kind);
    legs = Checks.list("legs", legs, kind.legCount(), kind.legCount());
    for (int i = 0; i < legs.size(); i++) {
      Leg next = legs.get((i + 1) % legs.size());
      if (!legs.get(i).tokenOut().equals(next.tokenIn())) {
        throw new EventValidationException(
            "legs",
            "must form a closed cycle, but leg "
                + i
                + " ends in "
                + legs.get(i).tokenOut()
                + " and leg "
                + ((i + 1) % legs.size())
                + " starts with "
                + next.tokenIn());
      }
    }
    Checks.positive("input_amount", inputAmount);
    Checks.present("profit_usd", profitUsd);
    Checks.present("profit_bps", profitBps);
    Checks.notNegative("slot", slot);
  }

  /** The DEXes of the cycle in order, joined by {@code ->}, e.g. {@code raydium->orca}. */
  @JsonProperty(value = "dex_pair", access = JsonProperty.Access.READ_ONLY)
  public String dexPair() {
    // a loop, not a stream: encoding an opportunity on a publisher's hot path calls this for every event
    StringBuilder pair = new StringBuilder(16 * legs.size());
    for (int i = 0; i < legs.size(); i++) {
      if (i > 0) {
        pair.append("->");
      }
      pair.append(legs.get(i).dex());
    }
    return pair.toString();
  }

  /** The tokens of the cycle in order, e.g. {@code SOL->USDC->BONK->SOL}. */
  @JsonProperty(value = "token_path", access = JsonProperty.Access.READ_ONLY)
  public String tokenPath() {
    StringBuilder path = new StringBuilder(12 * (legs.size() + 1)).append(legs.get(0).tokenIn());
    for (Leg leg : legs) {
      path.append("->").append(leg.tokenOut());
    }
    return path.toString();
  }

  /** The token the cycle starts and ends with. */
  public String inputToken() {
    return legs.get(0).tokenIn();
  }
}
