package dev.tradingevents.logger.logline;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * The text of a line's {@code latency_ms}: milliseconds rounded to the microsecond, as a plain decimal
 * with at least one fraction digit and no trailing zeros ({@code 1.832}, {@code 12.5}, {@code 3.0},
 * {@code -2.25}).
 *
 * <p>Why not {@link Double#toString}: on Java 17 it cost about a twentieth of the event logger's
 * consumer thread, more than the rest of the line's context. For latencies from 0.001 ms to 2.8 hours
 * the text is the same; beyond, it stays plain ({@code 12345678.0}, not {@code 1.2345678E7}), and a
 * rounded zero is {@code 0.0}, never {@code -0.0}. Loki's {@code unwrap} reads either. A value that is
 * not finite, or of 10<sup>12</sup> ms or more, is left to the JSON generator.
 */
final class LatencyText {
  /** The longest text: a sign, 12 integer digits, the point and 3 fraction digits. */
  static final int MAX_LENGTH = 17;
  private static final double PLAIN_LIMIT = 1e12;

  private LatencyText() {}

  /** The value the line writes when {@link #write} does not: rounded to the microsecond. */
  static double rounded(double millis) {
    return Math.round(millis * 1000.0) / 1000.0;
  }

  /**
   * Writes the text of {@code millis} into {@code text} (at least {@link #MAX_LENGTH} long).
   *
   * @return its length, or -1 when the value is not plain (see the class comment) and nothing was written
   */
  static int write(double millis, char[] text) {
    if (!(Math.abs(millis) < PLAIN_LIMIT)) { // also NaN
      return -1;
    }
    long micros = Math.round(millis * 1000.0);
    int at = 0;
    if (micros < 0) {
      text[at++] = '-';
      micros = -micros;
    }
    at = NumberOutput.outputLong(micros / 1000, text, at);
    text[at++] = '.';
    int fraction = (int) (micros % 1000);
    if (fraction == 0) {
      text[at++] = '0';
      return at;
    }
    text[at++] = (char) ('0' + fraction / 100);
    if (fraction % 100 != 0) {
      text[at++] = (char) ('0' + fraction / 10 % 10);
      if (fraction % 10 != 0) {
        text[at++] = (char) ('0' + fraction % 10);
      }
    }
    return at;
  }
}
