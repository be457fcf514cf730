package dev.tradingevents.samples.demo;

import java.util.Collection;
import java.util.Locale;

/**
 * Latency percentiles by nearest rank.
 *
 * @param count how many values
 * @param p50 the median
 * @param p99 the 99th percentile
 * @param max the largest value
 */
record Percentiles(long count, double p50, double p99, double max) {
  static Percentiles of(Collection<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  static String format(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
  }
}
