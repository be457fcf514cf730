package dev.tradingevents.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used by this JVM (all its threads: publishing, jnats, span export, GC, JIT) and by the
 * nats-server process the benchmark started, if it did. On two shared cores, CPU per publish is the
 * steadier figure: events/s swings with scheduling, the CPU a publish costs much less.
 */
final class CpuMeter {
  private final com.sun.management.OperatingSystemMXBean os;

  CpuMeter() {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean hotspot)) {
      throw new IllegalStateException("this JVM does not report its CPU time (com.sun.management)");
    }
    this.os = hotspot;
  }

  /** CPU nanoseconds of this JVM and of a nats-server child process (-1 when there is none). */
  Snapshot snapshot() {
    return new Snapshot(os.getProcessCpuTime(), serverCpuNanos());
  }

  private static long serverCpuNanos() {
    return ProcessHandle.current().descendants()
        .filter(process -> process.info().command().map(command -> command.endsWith("nats-server")).orElse(false))
        .map(process -> process.info().totalCpuDuration())
        .flatMap(Optional::stream)
        .mapToLong(Duration::toNanos)
        .reduce(Long::sum)
        .orElse(-1L);
  }

  /** CPU nanoseconds at one moment. */
  record Snapshot(long jvmNanos, long serverNanos) {
    /** CPU used from this snapshot to {@code later}; server -1 when unknown. */
    Snapshot until(Snapshot later) {
      long server = serverNanos < 0 || later.serverNanos < 0 ? -1 : later.serverNanos - serverNanos;
      return new Snapshot(later.jvmNanos - jvmNanos, server);
    }
  }
}
