package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TakingTurnsTest {
  private final CpuMeter server = new CpuMeter();

  @Test
  void runsOneChildAtATimeAndCountsTheTimeEachWasStopped() throws Exception {
    long before = TakingTurns.epochMicros();
    Process first = busyFor(Duration.ofMillis(900));
    Process second = busyFor(Duration.ofMillis(900));
    try (TakingTurns turns = TakingTurns.of(Duration.ofMillis(100), server)) {
      turns.run(List.of(first.toHandle(), second.toHandle()));
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long after = TakingTurns.epochMicros();

      assertThat(turns.turns(first.toHandle())).as("turns of 100 ms over about 0.9 s of work").isGreaterThanOrEqualTo(3);
      assertThat(turns.turns(second.toHandle())).isGreaterThanOrEqualTo(3);
      long firstStopped = turns.stoppedMicros(first.toHandle(), before, after);
      long secondStopped = turns.stoppedMicros(second.toHandle(), before, after);
      // each waited while the other worked: about the other's 0.9 s, and never the whole time
      assertThat(firstStopped).isBetween(300_000L, after - before);
      assertThat(secondStopped).isBetween(300_000L, after - before);
      assertThat(turns.stoppedMicros(first.toHandle(), before, before + 1)).as("a window before the stops").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void resumesAStoppedChildOnClose() throws Exception {
    Process running = busyFor(Duration.ofSeconds(30));
    Process waiting = busyFor(Duration.ofSeconds(30));
    try {
      try (TakingTurns turns = TakingTurns.of(Duration.ofSeconds(60), server)) {
        turns.run(List.of(running.toHandle(), waiting.toHandle()));
        Thread.sleep(200);
        assertThat(state(waiting)).as("stopped while the first has its turn").isEqualTo('T');
      }
      assertThat(state(waiting)).as("resumed on close").isNotEqualTo('T');
    } finally {
      running.destroyForcibly();
      waiting.destroyForcibly();
    }
  }

  @Test
  void refusesAnEmptyTurn() {
    assertThatThrownBy(() -> TakingTurns.of(Duration.ZERO, server)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than zero");
  }

  /** A shell counting for about {@code work} of CPU time (dash counts about 600,000 a second here). */
  private static Process busyFor(Duration work) throws Exception {
    long count = work.toMillis() * 600;
    return new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt " + count + " ]; do i=$((i+1)); done")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The process state letter of {@code /proc/<pid>/stat}: {@code T} when stopped. */
  private static char state(Process process) throws Exception {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }
}
