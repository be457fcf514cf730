package dev.tradingevents.benchmarks;

/**
 * One timed run: one variant publishing {@code events} events, from the first publish to the last ack.
 *
 * @param variant what published
 * @param round 1-based; warm-up rounds are numbered before the measured ones and flagged
 * @param warmup whether the run is a warm-up (not counted)
 * @param events events published
 * @param elapsedNanos from the first publish call to the last future completing
 * @param allocation bytes allocated by all threads meanwhile
 * @param cpu CPU used meanwhile by this JVM and by the nats-server it started (-1 if unknown)
 * @param failures publishes whose future failed (must be 0)
 * @param stored messages in the stream after the run (must equal {@code events})
 * @param spansExported spans that reached the exporter, for traced variants; -1 otherwise
 */
record RunResult(
    Variant variant,
    int round,
    boolean warmup,
    int events,
    long elapsedNanos,
    AllocationMeter.Delta allocation,
    CpuMeter.Snapshot cpu,
    long failures,
    long stored,
    long spansExported) {

  double eventsPerSecond() {
    return events / (elapsedNanos / 1e9);
  }

  double allocatedBytesPerPublish() {
    return (double) allocation.bytes() / events;
  }

  /** JVM CPU microseconds per publish. */
  double jvmCpuMicrosPerPublish() {
    return cpu.jvmNanos() / 1e3 / events;
  }

  /** nats-server CPU microseconds per publish, or -1 when the server is not ours to measure. */
  double serverCpuMicrosPerPublish() {
    return cpu.serverNanos() < 0 ? -1 : cpu.serverNanos() / 1e3 / events;
  }

  boolean ok() {
    return failures == 0 && stored == events;
  }
}
