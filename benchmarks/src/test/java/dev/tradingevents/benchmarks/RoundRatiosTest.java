package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A ratio over interleaved rounds compares ours with the baseline of the same round. */
class RoundRatiosTest {
  // publish run BE, events/s by round: the machine sped up from round to round, and ours met a slow spell in
  // round 4
  private static final double[] OURS = {57_807, 59_354, 73_468, 51_617, 80_677};
  private static final double[] RAW = {55_029, 59_872, 70_418, 66_295, 82_296};

  @Test
  void dividesEachRoundByTheBaselineOfTheSameRound() {
    assertThat(RoundRatios.byRound(OURS, RAW))
        .containsExactly(new double[] {1.0505, 0.9913, 1.0433, 0.7786, 0.9803}, within(0.0001));
  }

  @Test
  void theRatioIsTheMedianOfTheRoundRatiosSoOneSlowRoundDoesNotPairUnequalRounds() {
    assertThat(RoundRatios.median(OURS, RAW)).isCloseTo(0.9913, within(0.0001));
    // the medians come from different rounds (ours: round 2, raw: round 4)
    assertThat(RoundRatios.ofMedians(OURS, RAW)).isCloseTo(59_354.0 / 66_295, within(1e-9));
  }

  @Test
  void usesTheRoundsBothHave() {
    assertThat(RoundRatios.byRound(new double[] {2, 4, 6}, new double[] {1, 2})).containsExactly(2, 2);
    assertThat(RoundRatios.median(new double[] {3, 1}, new double[] {1, 1})).isEqualTo(2);
  }
}
