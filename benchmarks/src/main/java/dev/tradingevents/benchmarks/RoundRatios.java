package dev.tradingevents.benchmarks;

/**
 * How ours compares with its baseline over interleaved rounds: the median of the ratios within each round.
 *
 * <p>Every round runs both, seconds apart, so a ratio within a round compares them on the same state of the
 * machine. That state drifts over a run (publish run BE: raw 55,029 events/s in round 1, 82,296 in round 5),
 * and one round can meet a slow spell; the ratio of the two medians then divides ours from one round by
 * the baseline from another. Over runs BA to BE the median of the round ratios spread 0.93 to 1.02 for
 * publish where the ratio of the medians spread 0.895 to 1.12, lower in three runs of five: steadier, not
 * kinder. The ratio of the medians stays in the reports as {@code *_ratio_of_medians}.
 */
final class RoundRatios {
  private RoundRatios() {}

  /** {@code ours[i] / baseline[i]} for every round both have. */
  static double[] byRound(double[] ours, double[] baseline) {
    double[] ratios = new double[Math.min(ours.length, baseline.length)];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = ours[i] / baseline[i];
    }
    return ratios;
  }

  /** The median of {@link #byRound}: the ratio a report gives and a target is checked against. */
  static double median(double[] ours, double[] baseline) {
    return PublishReport.median(byRound(ours, baseline));
  }

  /** The median of ours over the median of the baseline, for information. */
  static double ofMedians(double[] ours, double[] baseline) {
    return PublishReport.median(ours) / PublishReport.median(baseline);
  }
}
