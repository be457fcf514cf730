package dev.tradingevents.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs child processes by turns: one runs for a turn while the others are stopped ({@code SIGSTOP}), then
 * the next ({@code SIGCONT}), round and round, until one is left, which then runs to its end. A child's
 * time is then what it ran: its own window on the wall clock minus the time it was stopped inside it
 * ({@link #stoppedMicros}).
 *
 * <p>Why: this is a shared 2-core VM whose speed swings over seconds to tens of seconds. Measured one after
 * the other, ours and the baseline met different spells of it: in twelve full runs the raw consumer of one
 * round read 45,000 to 88,000 events/s, the logger 31,000 to 80,000, and the two rates of a round were
 * unrelated (correlation 0.09 over 60 rounds), so a round's ratio ranged 0.5 to 1.4. By turns of a second,
 * both meet the same spells, and what is left between them is their own cost.
 *
 * <p>What a turn costs the measurement: a stopped child cannot read, but nats-server may still write to its
 * socket what it had asked for (at most a pull batch), and the child finds it waiting when it resumes; both
 * sides get that, once per turn. The signals go through one {@code sh} whose {@code kill} is built in, so a
 * switch costs no process start.
 *
 * <p>Not thread-safe: one harness thread calls {@link #run}, then reads the figures after {@link #close}
 * (which waits for the switching thread); {@link #close} may be called again.
 */
final class TakingTurns implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(2);

  private final Duration turn;
  private final CpuMeter server;
  private final Process shell;
  private final BufferedWriter commands;
  private final BufferedReader answers;
  /** Per child: its stops, {@code [stopped, resumed)} in µs of the wall clock; an open one has resumed -1. */
  private final Map<Long, List<long[]>> stops = new HashMap<>();
  /** Per child: turns it had and the server's CPU nanoseconds during them. */
  private final Map<Long, long[]> turnsAndServerNanos = new HashMap<>();
  private Thread switcher;
  private volatile boolean finishing;
  private volatile RuntimeException failure;

  private TakingTurns(Duration turn, CpuMeter server) throws IOException {
    this.turn = turn;
    this.server = server;
    this.shell = new ProcessBuilder("sh").redirectErrorStream(true).start();
    this.commands = new BufferedWriter(new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.US_ASCII));
    this.answers = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII));
  }

  /** Turns of {@code turn}; nats-server's CPU in each turn is counted for the child that ran (see {@link CpuMeter}). */
  static TakingTurns of(Duration turn, CpuMeter server) throws IOException {
    if (turn.isZero() || turn.isNegative()) {
      throw new IllegalArgumentException("a turn must be longer than zero, was " + turn);
    }
    return new TakingTurns(turn, server);
  }

  /**
   * Starts switching between {@code children}, which have just been started: all but the first are stopped
   * now, then each runs for a turn in this order. Returns at once; {@link #close} ends the switching and
   * resumes whichever child is still stopped.
   */
  void run(List<ProcessHandle> children) {
    for (ProcessHandle child : children.subList(1, children.size())) {
      stop(child);
    }
    switcher = new Thread(() -> {
      try {
        switchBetween(children);
      } catch (RuntimeException e) {
        failure = e;
      }
    }, "taking-turns");
    switcher.setDaemon(true);
    switcher.start();
  }

  private void switchBetween(List<ProcessHandle> children) {
    for (int next = 0; !finishing; next++) {
      long alive = children.stream().filter(ProcessHandle::isAlive).count();
      if (alive == 0) {
        return;
      }
      ProcessHandle current = children.get(next % children.size());
      if (!current.isAlive()) {
        continue;
      }
      resume(current);
      CpuMeter.Snapshot before = server.snapshot();
      long deadline = alive == 1 ? Long.MAX_VALUE : System.nanoTime() + turn.toNanos();
      while (!finishing && current.isAlive() && System.nanoTime() < deadline) {
        sleep();
      }
      if (!finishing && current.isAlive()) {
        stop(current);
      }
      long serverNanos = before.until(server.snapshot()).serverNanos();
      long[] counts = turnsAndServerNanos.computeIfAbsent(current.pid(), pid -> new long[2]);
      counts[0]++;
      counts[1] = counts[1] < 0 || serverNanos < 0 ? -1 : counts[1] + serverNanos;
    }
  }

  /** Microseconds {@code child} was stopped within {@code [from, to)} of the wall clock ({@link #epochMicros}). */
  long stoppedMicros(ProcessHandle child, long from, long to) {
    long total = 0;
    for (long[] stop : stops.getOrDefault(child.pid(), List.of())) {
      long end = stop[1] < 0 ? to : stop[1];
      total += Math.max(0, Math.min(end, to) - Math.max(stop[0], from));
    }
    return total;
  }

  /** How many turns {@code child} had. */
  long turns(ProcessHandle child) {
    return turnsAndServerNanos.getOrDefault(child.pid(), new long[2])[0];
  }

  /** nats-server's CPU nanoseconds during the turns of {@code child}, -1 when unknown. */
  long serverNanos(ProcessHandle child) {
    long[] counts = turnsAndServerNanos.get(child.pid());
    return counts == null ? -1 : counts[1];
  }

  /** The wall clock in µs: the clock of the stops, and of the children's windows. */
  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private void stop(ProcessHandle child) {
    if (signal("STOP", child)) {
      stops.computeIfAbsent(child.pid(), pid -> new ArrayList<>()).add(new long[] {epochMicros(), -1});
    }
  }

  private void resume(ProcessHandle child) {
    List<long[]> mine = stops.get(child.pid());
    long[] open = mine == null || mine.isEmpty() ? null : mine.get(mine.size() - 1);
    if (open == null || open[1] >= 0) {
      return; // running already
    }
    open[1] = epochMicros(); // counted as stopped until the signal is sent: the child's time is not inflated
    signal("CONT", child);
  }

  /** Sends the signal and waits until the shell has; false when the child had ended meanwhile. */
  private boolean signal(String signal, ProcessHandle child) {
    try {
      commands.write("kill -" + signal + " " + child.pid() + " 2>/dev/null && echo sent || echo gone\n");
      commands.flush();
      String answer = answers.readLine();
      if (answer == null) {
        throw new IllegalStateException("the shell that sends the signals ended");
      }
      return answer.equals("sent");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot signal " + child.pid(), e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while taking turns", e);
    }
  }

  /**
   * Ends the switching and resumes every child that is still stopped, so none is left frozen (a stopped
   * process does not even act on {@code SIGTERM}).
   *
   * @throws IllegalStateException when the switching failed (a signal could not be sent)
   */
  @Override
  public void close() {
    finishing = true;
    try {
      if (switcher != null) {
        switcher.join();
      }
      for (long pid : stops.keySet()) {
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(this::resume);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      shell.destroy();
    }
    if (failure != null) {
      throw new IllegalStateException("taking turns failed: " + failure.getMessage(), failure);
    }
  }
}
