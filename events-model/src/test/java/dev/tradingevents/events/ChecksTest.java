package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChecksTest {
  /** The rule as a regex: the reference the hand-written check must agree with. */
  private static final Pattern TOKEN_PAIR = Pattern.compile("[^/\\s]{1,64}/[^/\\s]{1,64}");

  @Test
  void theIdCheckAgreesWithItsRegex() {
    Pattern id = Pattern.compile("[!-~]{1,128}");
    for (String sample : List.of("019b0c5e-7a31-7c3f", "a", "", "has space", "tab\t", "x".repeat(128), "x".repeat(129),
        "ünïcode", "~!@#$%^&*()", "line\n")) {
      assertThat(Checks.isId(sample)).as("'%s'", sample).isEqualTo(id.matcher(sample).matches());
    }
  }

  @Test
  void theTokenPairCheckAgreesWithItsRegex() {
    List<String> samples = List.of("SOL/USDC", "a/b", "/USDC", "SOL/", "SOL//USDC", "SOL/US/DC", "SOL USDC/X",
        "SOL/US DC", "SOL\t/USDC", "x".repeat(64) + "/y", "x".repeat(65) + "/y", "y/" + "x".repeat(64),
        "y/" + "x".repeat(65), "ÉTOILE/SOL", "SOL/USDC\n", "", "/", "SOLUSDC");
    for (String sample : samples) {
      assertThat(Checks.isTokenPair(sample)).as("'%s'", sample).isEqualTo(TOKEN_PAIR.matcher(sample).matches());
    }
  }
}
