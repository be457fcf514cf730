package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each variant runs before and after the raw one equally often, so a server that drifts favours none. */
class PublishBenchmarkOrderTest {
  private static final List<Variant> GIVEN =
      List.of(Variant.RAW, Variant.OURS, Variant.OURS_SAMPLED, Variant.OURS_NO_TRACING);

  @Test
  void warmUpAndOddRoundsRunTheVariantsInTheGivenOrder() {
    assertThat(PublishBenchmark.order(0, GIVEN)).isEqualTo(GIVEN); // the warm-up round(s)
    assertThat(PublishBenchmark.order(1, GIVEN)).isEqualTo(GIVEN);
    assertThat(PublishBenchmark.order(3, GIVEN)).isEqualTo(GIVEN);
  }

  @Test
  void evenRoundsRunThemInReverse() {
    List<Variant> reversed = List.of(Variant.OURS_NO_TRACING, Variant.OURS_SAMPLED, Variant.OURS, Variant.RAW);
    assertThat(PublishBenchmark.order(2, GIVEN)).isEqualTo(reversed);
    assertThat(PublishBenchmark.order(4, GIVEN)).isEqualTo(reversed);
    assertThat(GIVEN).as("the given list is left as it is").startsWith(Variant.RAW);
  }

  @Test
  void withinARoundTheSlicesGoThereAndBackSoEveryVariantSitsAsEarlyAsLate() {
    List<Variant> reversed = List.of(Variant.OURS_NO_TRACING, Variant.OURS_SAMPLED, Variant.OURS, Variant.RAW);

    assertThat(PublishBenchmark.order(1, 0, GIVEN)).isEqualTo(GIVEN);
    assertThat(PublishBenchmark.order(1, 1, GIVEN)).isEqualTo(reversed);
    assertThat(PublishBenchmark.order(1, 2, GIVEN)).isEqualTo(GIVEN);
    assertThat(PublishBenchmark.order(2, 0, GIVEN)).as("an even round starts reversed").isEqualTo(reversed);
    assertThat(PublishBenchmark.order(2, 1, GIVEN)).isEqualTo(GIVEN);
  }
}
