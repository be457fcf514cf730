package dev.tradingevents.logger.logline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyTextTest {

  private static String text(double millis) {
    char[] text = new char[LatencyText.MAX_LENGTH];
    int length = LatencyText.write(millis, text);
    return length < 0 ? null : new String(text, 0, length);
  }

  @Test
  void writesMillisecondsRoundedToTheMicrosecondAsAPlainDecimal() {
    assertThat(text(1.832)).isEqualTo("1.832");
    assertThat(text(12.5)).isEqualTo("12.5");
    assertThat(text(3)).isEqualTo("3.0");
    assertThat(text(0.0104)).isEqualTo("0.01");
    assertThat(text(0.0015)).isEqualTo("0.002");
    assertThat(text(0.005)).isEqualTo("0.005");
    assertThat(text(-2.25)).isEqualTo("-2.25");
    assertThat(text(0.0004)).isEqualTo("0.0");
    assertThat(text(-0.0)).isEqualTo("0.0");
    assertThat(text(-0.0004)).isEqualTo("0.0");
  }

  @Test
  void isWhatDoubleToStringWritesForLatenciesUpToHours() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      // log-uniform from 1 microsecond to 2.7 hours, either sign
      double millis = Math.pow(10, -3 + random.nextDouble() * 10) * (random.nextBoolean() ? 1 : -1);
      if (Math.abs(LatencyText.rounded(millis)) < 1e7) {
        assertThat(text(millis)).as("%s", millis).isEqualTo(Double.toString(LatencyText.rounded(millis)));
      }
    }
  }

  @Test
  void staysPlainForDaysAndLeavesWhatItCannotWriteToTheGenerator() {
    assertThat(text(86_400_000.5)).isEqualTo("86400000.5"); // Double.toString: 8.64000005E7
    assertThat(text(999_999_999_999.999)).isEqualTo("999999999999.999");
    assertThat(text(1e12)).isNull();
    assertThat(text(-1e300)).isNull();
    assertThat(text(Double.NaN)).isNull();
    assertThat(text(Double.POSITIVE_INFINITY)).isNull();
  }
}
