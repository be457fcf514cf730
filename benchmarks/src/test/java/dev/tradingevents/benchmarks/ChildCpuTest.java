package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CPU a child JVM used is read off this JVM's counters once the child has ended. */
class ChildCpuTest {
  @Test
  void countsAtLeastTheCpuThatAnEndedChildReportsForItself() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
    ChildCpu.Meter meter = ChildCpu.start();

    Process child = new ProcessBuilder(ChildJava.command(List.of("-Xmx64m"), System.getProperty("java.class.path"),
        Spinner.class.getName(), List.of("300"))).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    ChildCpu cpu = meter.stop();
    double reported = Long.parseLong(output) / 1e9;

    assertThat(reported).isGreaterThanOrEqualTo(0.3);
    // the child reads its figure before its JVM shuts down; /proc counts in 10 ms ticks
    assertThat(cpu.jvmSeconds()).isGreaterThanOrEqualTo(reported - 0.02).isLessThan(reported + 5);
  }

  @Test
  void perEventFiguresAreMediansOverTheRunsAndUnknownIfAnyRunIs() {
    List<ChildCpu> runs = List.of(new ChildCpu(12.0, 4.0), new ChildCpu(10.0, 5.0), new ChildCpu(11.0, 4.5));
    assertThat(ChildCpu.jvmMicrosPerEvent(runs, 1_000_000)).isCloseTo(11.0, within(1e-9));
    assertThat(ChildCpu.serverMicrosPerEvent(runs, 1_000_000)).isCloseTo(4.5, within(1e-9));

    List<ChildCpu> external = List.of(new ChildCpu(12.0, -1), new ChildCpu(10.0, -1));
    assertThat(ChildCpu.serverMicrosPerEvent(external, 1_000_000)).isEqualTo(-1);
    assertThat(ChildCpu.jvmMicrosPerEvent(List.of(), 1_000_000)).isEqualTo(-1);
  }

  @Test
  void printsSecondsAndNamesWhatIsUnknown() {
    assertThat(new ChildCpu(12.34, 4.0)).hasToString("JVM 12.3 s, nats-server 4.0 s");
    assertThat(new ChildCpu(6.5, -1)).hasToString("JVM 6.5 s, nats-server n/a");
  }

  /** Spins for the given milliseconds of CPU, then prints the CPU nanoseconds its JVM has used. */
  static final class Spinner {
    public static void main(String[] args) {
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long until = Long.parseLong(args[0]) * 1_000_000L;
      while (os.getProcessCpuTime() < until) {
        Thread.onSpinWait();
      }
      System.out.println(os.getProcessCpuTime());
    }
  }
}
