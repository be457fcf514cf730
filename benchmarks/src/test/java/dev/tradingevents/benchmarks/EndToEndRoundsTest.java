package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end rates run in rounds, there and back, and a rate's quantiles are the medians over its
 * rounds: one slow spell of the machine in one phase does not decide the figure, and every phase stays in
 * the report.
 */
class EndToEndRoundsTest {

  @Test
  void ratesRunThereAndBackRoundByRound() {
    List<Integer> rates = List.of(1_000, 5_000, 20_000);

    assertThat(LoggerBenchmark.rateOrder(1, rates)).containsExactly(1_000, 5_000, 20_000);
    assertThat(LoggerBenchmark.rateOrder(2, rates)).containsExactly(20_000, 5_000, 1_000);
    assertThat(LoggerBenchmark.rateOrder(3, rates)).containsExactly(1_000, 5_000, 20_000);
  }

  @Test
  void aRatesQuantilesAreTheMediansOverItsRoundsAndOneSlowSpellDoesNotMoveThem() {
    // 1,000 lines each: two steady phases (p99 4 and 5 ms) and one in a slow spell (p99 60 ms)
    LoggerReport.RateSummary rate = new LoggerReport.RateSummary(5_000, List.of(
        phase(1, latencies(1_000, 1.0, 4.0, 20)),
        phase(2, latencies(1_000, 1.0, 60.0, 40)),
        phase(3, latencies(1_000, 1.0, 5.0, 20))));

    assertThat(rate.byPhase(0.99)).containsExactly(4.0, 60.0, 5.0);
    assertThat(rate.quantile(0.99)).isEqualTo(5.0);
    assertThat(rate.quantile(0.5)).isEqualTo(1.0);
    assertThat(rate.pooledQuantile(0.99)).as("the spell's 40 slow lines are more than 1% of all 3,000")
        .isEqualTo(60.0);
    assertThat(rate.pooledQuantile(1.0)).as("the slowest line of any round").isEqualTo(60.0);
    assertThat(rate.keptUp()).isTrue();
    assertThat(rate.problem()).isNull();
  }

  @Test
  void aRoundThatLostLinesIsTheRatesProblemEvenWhenTheMedianLooksFine() {
    LoggerReport.RateSummary rate = new LoggerReport.RateSummary(5_000, List.of(
        phase(1, latencies(1_000, 1.0, 4.0, 20)),
        phase(2, latencies(1_000, 1.0, 4.0, 20), "2 of 1,000 measured events never logged"),
        phase(3, latencies(1_000, 1.0, 4.0, 20))));

    assertThat(rate.quantile(0.99)).isEqualTo(4.0);
    assertThat(rate.problem()).isEqualTo("2 of 1,000 measured events never logged");
    assertThat(rate.keptUp()).isFalse();
  }

  /** {@code count} latencies of {@code fast} ms, the last {@code slowCount} of them {@code slow} ms. */
  private static double[] latencies(int count, double fast, double slow, int slowCount) {
    double[] values = new double[count];
    Arrays.fill(values, fast);
    Arrays.fill(values, count - slowCount, count, slow);
    return values;
  }

  private static LoggerReport.RatePhase phase(int round, double[] latencies) {
    return phase(round, latencies, null);
  }

  private static LoggerReport.RatePhase phase(int round, double[] latencies, String problem) {
    int n = latencies.length;
    EventLogFile.Lines lines = new EventLogFile.Lines(n, 0, 0, n, 0, new long[n], latencies,
        IntStream.range(0, n).asLongStream().toArray(), new String[n], new long[n]);
    return new LoggerReport.RatePhase(round, 5_000, n, n, 1_000_000_000L, 0, lines, 0, 100, 0, 0,
        new CpuMeter.Snapshot(0, 0), 200_000, 200_000, problem, Map.of());
  }
}
