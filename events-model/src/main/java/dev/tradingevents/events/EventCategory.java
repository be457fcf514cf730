package dev.tradingevents.events;

/**
 * The middle token of an event's subject ({@code events.<category>.<EventType>}), so a consumer can take
 * one family of events with a wildcard such as {@code events.market.>}.
 */
public enum EventCategory {
  /** Prices, pools, liquidity, trades, spreads, volume and chain slots. */
  MARKET("market"),
  /** Arbitrage opportunities found by detectors. */
  ARBITRAGE("arbitrage"),
  /** The health of the trading system itself: lifecycle, connections, drift, stalls. */
  SYSTEM("system");

  private final String token;

  EventCategory(String token) {
    this.token = token;
  }

  /** The subject token, lower case. */
  public String token() {
    return token;
  }
}
