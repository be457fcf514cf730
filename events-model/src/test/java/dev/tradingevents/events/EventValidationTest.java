package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventValidationTest {
  private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

  @Test
  void aLargeTradeCannotHaveANegativeSize() {
    assertInvalid("size", "must be greater than 0, was -5",
        () -> new LargeTrade("id", NOW, "svc", "orca", "SOL/USDC", LargeTrade.Side.BUY,
            new BigDecimal("-5"), BigDecimal.ONE, BigDecimal.TEN, "sig"));
  }

  @Test
  void aTokenPairCannotBeBlankOrLackTheSlash() {
    assertInvalid("token_pair", "must not be blank", () -> price(" ", "1"));
    assertInvalid("token_pair", "must look like BASE/QUOTE (e.g. SOL/USDC), was 'SOLUSDC'", () -> price("SOLUSDC", "1"));
    assertInvalid("token_pair", "must look like BASE/QUOTE", () -> price("SOL/USDC/BONK", "1"));
  }

  @Test
  void aPriceMustBePositive() {
    assertInvalid("price", "must be greater than 0, was 0", () -> price("SOL/USDC", "0"));
  }

  @Test
  void requiredFieldsCannotBeNull() {
    assertInvalid("occurred_at", "is required",
        () -> new PriceUpdate("id", null, "svc", "SOL/USDC", BigDecimal.ONE, "orca", 1));
    assertInvalid("phase", "is required",
        () -> new SystemLifecycle("id", NOW, "svc", "executor", null, null, null));
  }

  @Test
  void occurredAtMustBeWritableAsRfc3339() {
    assertInvalid("occurred_at", "must be within the years 0000 to 9999",
        () -> new PriceUpdate("id", Instant.parse("+12026-01-01T00:00:00Z"), "svc", "SOL/USDC", BigDecimal.ONE, "orca", 1));
  }

  @Test
  void optionalFieldsMayBeNull() {
    assertThat(new SystemLifecycle("id", NOW, "svc", "executor", SystemLifecycle.Phase.STARTED, null, null).reason())
        .isNull();
    assertThat(new LiquidityUpdate("id", NOW, "svc", "orca", "pool1", "SOL/USDC", BigDecimal.ONE, null)
        .previousLiquidityUsd()).isNull();
  }

  @Test
  void anEventIdMustBeUsableAsANatsMessageId() {
    assertInvalid("event_id", "must be 1 to 128 printable ASCII characters without spaces",
        () -> new StallEvent("has space", NOW, "svc", "stage", 1, 1, 1));
    assertInvalid("event_id", "must be 1 to 128 printable ASCII characters without spaces",
        () -> new StallEvent("x".repeat(129), NOW, "svc", "stage", 1, 1, 1));
  }

  @Test
  void namesCannotCarryLineBreaks() {
    assertInvalid("source_service", "must not contain control characters",
        () -> new StallEvent("id", NOW, "svc\nfake line", "stage", 1, 1, 1));
  }

  @Test
  void aListEntryThatFailsIsNamedByItsIndex() {
    assertInvalid("hops[1]", "must not be blank", () -> route(Arrays.asList("orca", " ")));
    assertInvalid("hops[0]", "must not contain control characters", () -> route(List.of("orca\nfake", "raydium")));
    assertInvalid("hops[1]", "is required", () -> route(Arrays.asList("orca", null)));
    assertInvalid("legs[0]", "is required",
        () -> arbitrage(ArbitrageOpportunity.Kind.TWO_LEG, null, leg("USDC", "SOL")));
  }

  @Test
  void aSlotsParentMustComeBeforeIt() {
    assertInvalid("parent_slot", "must be lower than slot 10, was 10",
        () -> new SlotUpdate("id", NOW, "svc", 10, 10, SlotUpdate.Commitment.CONFIRMED, "rpc"));
  }

  @Test
  void aStallCannotLastANegativeTime() {
    assertInvalid("stalled_ms", "must not be negative, was -1", () -> new StallEvent("id", NOW, "svc", "stage", -1, 1, 1));
  }

  @Test
  void aTwoLegArbitrageHasExactlyTwoLegs() {
    assertInvalid("legs", "must hold 2 to 2 entries, held 3",
        () -> arbitrage(ArbitrageOpportunity.Kind.TWO_LEG, leg("SOL", "USDC"), leg("USDC", "BONK"), leg("BONK", "SOL")));
  }

  @Test
  void arbitrageLegsMustCloseTheCycle() {
    assertInvalid("legs", "must form a closed cycle, but leg 1 ends in BONK and leg 0 starts with SOL",
        () -> arbitrage(ArbitrageOpportunity.Kind.TWO_LEG, leg("SOL", "USDC"), leg("USDC", "BONK")));
  }

  @Test
  void aTriangularArbitrageNamesItsDexPathAndTokenPath() {
    ArbitrageOpportunity opportunity = arbitrage(ArbitrageOpportunity.Kind.TRIANGULAR,
        new ArbitrageOpportunity.Leg("raydium", "SOL", "USDC", BigDecimal.TEN),
        new ArbitrageOpportunity.Leg("orca", "USDC", "BONK", BigDecimal.TEN),
        new ArbitrageOpportunity.Leg("meteora", "BONK", "SOL", BigDecimal.TEN));

    assertThat(opportunity.dexPair()).isEqualTo("raydium->orca->meteora");
    assertThat(opportunity.tokenPath()).isEqualTo("SOL->USDC->BONK->SOL");
    assertThat(opportunity.inputToken()).isEqualTo("SOL");
  }

  @Test
  void eventsAreImmutableEvenWhenBuiltFromAMutableList() {
    List<ArbitrageOpportunity.Leg> legs = new ArrayList<>(List.of(leg("SOL", "USDC"), leg("USDC", "SOL")));
    ArbitrageOpportunity opportunity = arbitrage(ArbitrageOpportunity.Kind.TWO_LEG, legs.toArray(ArbitrageOpportunity.Leg[]::new));
    legs.clear();

    assertThat(opportunity.legs()).hasSize(2);
    assertThatThrownBy(() -> opportunity.legs().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aDriftBeyondItsThresholdInEitherDirectionExceedsIt() {
    assertThat(new DriftEvent("id", NOW, "svc", new BigDecimal("-51"), "ntp", new BigDecimal("50")).exceedsThreshold()).isTrue();
    assertThat(new DriftEvent("id", NOW, "svc", new BigDecimal("50"), "ntp", new BigDecimal("50")).exceedsThreshold()).isFalse();
  }

  private static PriceUpdate price(String pair, String price) {
    return new PriceUpdate("id", NOW, "svc", pair, new BigDecimal(price), "raydium", 1);
  }

  private static SwapRoute route(List<String> hops) {
    return new SwapRoute("id", NOW, "svc", "SOL/USDC", BigDecimal.ONE, BigDecimal.ONE, hops, BigDecimal.ZERO, "jupiter");
  }

  private static ArbitrageOpportunity.Leg leg(String in, String out) {
    return new ArbitrageOpportunity.Leg("orca", in, out, BigDecimal.ONE);
  }

  private static ArbitrageOpportunity arbitrage(ArbitrageOpportunity.Kind kind, ArbitrageOpportunity.Leg... legs) {
    return new ArbitrageOpportunity("id", NOW, "svc", kind, Arrays.asList(legs), BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1);
  }

  private static void assertInvalid(String field, String reason, Runnable construction) {
    assertThatThrownBy(construction::run)
        .isInstanceOfSatisfying(EventValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith(field + ": " + reason);
  }
}
