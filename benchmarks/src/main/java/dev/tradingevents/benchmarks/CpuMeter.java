package dev.tradingevents.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

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

  /** CPU nanoseconds of this JVM and of the nats-server it started (-1 when there is none). */
  Snapshot snapshot() {
    return new Snapshot(os.getProcessCpuTime(), serverCpuNanos());
  }

  /**
   * The pid of the nats-server to measure, for a harness that {@link BenchCommand} runs in a JVM of its own:
   * the server is then the command's child, not this JVM's.
   */
  static final String SERVER_PID_PROPERTY = "trading-events.bench.nats-server-pid";

  private static long serverCpuNanos() {
    String pid = System.getProperty(SERVER_PID_PROPERTY);
    Stream<ProcessHandle> servers = pid != null ? ProcessHandle.of(Long.parseLong(pid)).stream() : startedServers();
    return servers
        .map(process -> process.info().totalCpuDuration())
        .flatMap(Optional::stream)
        .mapToLong(Duration::toNanos)
        .reduce(Long::sum)
        .orElse(-1L);
  }

  /** The nats-server processes this JVM started (directly or not). */
  static Stream<ProcessHandle> startedServers() {
    return ProcessHandle.current().descendants()
        .filter(process -> process.info().command().map(command -> command.endsWith("nats-server")).orElse(false));
  }

  /** CPU nanoseconds at one moment. */
  record Snapshot(long jvmNanos, long serverNanos) {
    /** No CPU at all: the start of a sum of {@link #plus} spans. */
    static final Snapshot NONE = new Snapshot(0, 0);

    /** Two spans of CPU use together, e.g. the slices of one run; server -1 when either is unknown. */
    Snapshot plus(Snapshot other) {
      long server = serverNanos < 0 || other.serverNanos < 0 ? -1 : serverNanos + other.serverNanos;
      return new Snapshot(jvmNanos + other.jvmNanos, server);
    }

    /** CPU used from this snapshot to {@code later}; server -1 when unknown. */
    Snapshot until(Snapshot later) {
      long server = serverNanos < 0 || later.serverNanos < 0 ? -1 : later.serverNanos - serverNanos;
      return new Snapshot(later.jvmNanos - jvmNanos, server);
    }
  }
}
