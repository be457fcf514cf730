package dev.tradingevents.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The same starting point for every measured run, ours and the baseline alike: the previous run's garbage
 * collected, the page cache's dirty pages written out, the machine idle a moment.
 *
 * <p>Why the dirty pages: Linux writes a file's pages out about 30 s after they were written
 * ({@code vm.dirty_expire_centisecs}), so what one run stored (a stream filled for the rounds, a logger's
 * lines) was written out during a later run, whichever it was. That costs the run it lands on: a replay
 * read 92,678 and 96,432 events/s while 700 MB were written out, against 102,354 and 111,857 without (two
 * pairs, the same stream). In the replay benchmark the filled stream (709 MB) was written out during round
 * 1 (from {@code /proc/vmstat} every 0.5 s: 33 to 55 s after the fill began, over the raw reader and the
 * first seconds of the replay), and round 1's replay ratio averaged 0.583 over 20 full runs, the other
 * rounds' 0.633.
 */
final class Settle {
  private static final Path MEMINFO = Path.of("/proc/meminfo");
  private static final long WRITE_OUT_TIMEOUT_SECONDS = 120;

  private Settle() {}

  /**
   * What {@link #writeOut} found and took.
   *
   * @param dirtyMb dirty and under-writeback pages before, in MB; -1 where {@code /proc/meminfo} is missing
   * @param seconds how long writing them out took
   * @param problem why they were not written out, or null
   */
  record WriteOut(long dirtyMb, double seconds, String problem) {
    /** A line for the run's output when the write-out was worth mentioning, else null. */
    String describe() {
      if (problem != null) {
        return "dirty pages not written out before the run: " + problem;
      }
      if (dirtyMb < 64) {
        return null;
      }
      return String.format(Locale.ROOT, "wrote out %,d MB of dirty pages before the run (%.1f s)", dirtyMb,
          seconds);
    }
  }

  /**
   * Collects garbage, writes out dirty pages, waits 200 ms. Says so on {@code out} when the write-out was
   * large or failed, so that a run's output shows what it waited for.
   */
  static WriteOut beforeRun(PrintStream out) throws InterruptedException {
    System.gc();
    WriteOut writeOut = writeOut();
    String line = writeOut.describe();
    if (line != null) {
      out.println("  (" + line + ")");
    }
    Thread.sleep(200);
    return writeOut;
  }

  /**
   * Writes every dirty page of the page cache out and waits until it is done ({@code sync}(1), which every
   * Linux and macOS has). Java has no call for it: {@code FileChannel.force} covers one file of ours, and the
   * pages to write out are mostly nats-server's store.
   */
  static WriteOut writeOut() throws InterruptedException {
    long dirtyMb = dirtyMb();
    long start = System.nanoTime();
    String problem = null;
    try {
      Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
      sync.getOutputStream().close();
      if (!sync.waitFor(WRITE_OUT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        sync.destroy();
        problem = "sync did not finish within " + WRITE_OUT_TIMEOUT_SECONDS + " s";
      } else if (sync.exitValue() != 0) {
        problem = "sync exited with " + sync.exitValue() + ": "
            + new String(sync.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      }
    } catch (IOException e) {
      problem = "cannot run sync: " + e.getMessage();
    }
    return new WriteOut(dirtyMb, (System.nanoTime() - start) / 1e9, problem);
  }

  /** {@code Dirty + Writeback} of {@code /proc/meminfo} in MB, or -1 where it cannot be read. */
  static long dirtyMb() {
    long kb = ProcFiles.kb(MEMINFO, "Dirty", "Writeback");
    return kb < 0 ? -1 : kb / 1024;
  }
}
