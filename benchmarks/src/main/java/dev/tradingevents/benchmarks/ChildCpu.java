package dev.tradingevents.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The CPU one child JVM used from its start to its end, and what nats-server used meanwhile, in seconds; -1
 * for what this machine cannot measure. Replay's parts report it next to their events/s: on two shared
 * cores the replay is as fast as the CPU its JVM needs, and the figure says so in every run.
 *
 * @param jvmSeconds the child's CPU from its start to its end: start-up, JIT compilers and collector included
 * @param serverSeconds the nats-server this benchmark started, over the same time (-1 for one given by URL)
 */
record ChildCpu(double jvmSeconds, double serverSeconds) {
  private static final Path STAT = Path.of("/proc/self/stat");

  /** Starts measuring; call {@link Meter#stop()} after the child's {@link Process#waitFor()}. */
  static Meter start() {
    CpuMeter server = new CpuMeter();
    return new Meter(server, endedChildrenNanos(), server.snapshot());
  }

  /**
   * CPU nanoseconds of this JVM's child processes that have ended and been waited for: {@code cutime +
   * cstime} of {@code /proc/self/stat} (Linux), or -1 where it cannot be read. The difference over one
   * child's run is that child's CPU, as long as no other child ended in between. Why not {@link
   * ProcessHandle.Info#totalCpuDuration()}: it has nothing to say once the child has ended, and a read just
   * before its end misses its last moments.
   */
  static long endedChildrenNanos() {
    try {
      String[] fields = ProcFiles.statFieldsAfterName(Files.readString(STAT));
      return (Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3])) * ProcFiles.NANOS_PER_TICK;
    } catch (IOException | RuntimeException unreadable) {
      return -1;
    }
  }

  /** The median over the runs of the child JVM's CPU per event, in µs; -1 when any run's is unknown. */
  static double jvmMicrosPerEvent(List<ChildCpu> runs, long events) {
    return medianMicrosPerEvent(runs.stream().mapToDouble(ChildCpu::jvmSeconds).toArray(), events);
  }

  /** The median over the runs of nats-server's CPU per event, in µs; -1 when any run's is unknown. */
  static double serverMicrosPerEvent(List<ChildCpu> runs, long events) {
    return medianMicrosPerEvent(runs.stream().mapToDouble(ChildCpu::serverSeconds).toArray(), events);
  }

  private static double medianMicrosPerEvent(double[] seconds, long events) {
    if (seconds.length == 0 || events <= 0 || Arrays.stream(seconds).anyMatch(s -> s < 0)) {
      return -1;
    }
    return PublishReport.median(seconds) * 1e6 / events;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "JVM %s, nats-server %s", seconds(jvmSeconds), seconds(serverSeconds));
  }

  private static String seconds(double seconds) {
    return seconds < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f s", seconds);
  }

  /** A measurement started before a child: {@link #stop()} after it has ended. */
  static final class Meter {
    private final CpuMeter server;
    private final long childrenBefore;
    private final CpuMeter.Snapshot serverBefore;

    private Meter(CpuMeter server, long childrenBefore, CpuMeter.Snapshot serverBefore) {
      this.server = server;
      this.childrenBefore = childrenBefore;
      this.serverBefore = serverBefore;
    }

    /** The child's CPU and the server's since {@link ChildCpu#start()}. */
    ChildCpu stop() {
      long children = endedChildrenNanos();
      long serverNanos = serverBefore.until(server.snapshot()).serverNanos();
      return new ChildCpu(childrenBefore < 0 || children < 0 ? -1 : (children - childrenBefore) / 1e9,
          serverNanos < 0 ? -1 : serverNanos / 1e9);
    }
  }
}
