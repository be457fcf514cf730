package dev.tradingevents.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Run orders that go there and back: A B C, C B A, A B C. The harnesses use it wherever the same things
 * run again and again, so that none of them always comes first or last while the machine drifts.
 */
final class Alternating {
  private Alternating() {}

  /** {@code items} as given for an odd {@code turn} (and for a turn below 1), reversed for an even one. */
  static <T> List<T> order(int turn, List<T> items) {
    if (turn < 1 || turn % 2 == 1) {
      return items;
    }
    List<T> reversed = new ArrayList<>(items);
    Collections.reverse(reversed);
    return reversed;
  }
}
