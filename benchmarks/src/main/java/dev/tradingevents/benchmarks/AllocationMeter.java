package dev.tradingevents.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Bytes allocated on the heap by every live Java thread of this JVM, from HotSpot's per-thread
 * counters ({@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])}).
 *
 * <p>A publish allocates on more than the calling thread: jnats parses the ack on its reader thread and
 * completes the futures there, the span processor exports on its own thread. So a {@link Snapshot} holds
 * the counter of every live thread, and {@link Snapshot#until} sums the growth over all of them. A thread
 * that started in between counts from zero; a thread that ended in between takes its allocation with it
 * (the JVM forgets its counter), so {@link Delta#threadsEnded} says how many were lost that way.
 */
final class AllocationMeter {
  private final com.sun.management.ThreadMXBean threads;

  AllocationMeter() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot)
        || !hotspot.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM does not count allocated bytes per thread"
          + " (com.sun.management.ThreadMXBean); run the benchmark on HotSpot / OpenJDK");
    }
    hotspot.setThreadAllocatedMemoryEnabled(true);
    this.threads = hotspot;
  }

  /** The allocation counters of all live threads now. */
  Snapshot snapshot() {
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (bytes[i] >= 0) { // -1: the thread ended between the two calls
        byThread.put(ids[i], bytes[i]);
      }
    }
    return new Snapshot(byThread);
  }

  /** Counters of the threads alive at one moment. */
  static final class Snapshot {
    private final Map<Long, Long> byThread;

    private Snapshot(Map<Long, Long> byThread) {
      this.byThread = byThread;
    }

    /** What all threads allocated from this snapshot to {@code later}. */
    Delta until(Snapshot later) {
      long bytes = 0;
      int started = 0;
      for (Map.Entry<Long, Long> entry : later.byThread.entrySet()) {
        Long before = byThread.get(entry.getKey());
        if (before == null) {
          started++;
          bytes += entry.getValue();
        } else {
          bytes += entry.getValue() - before;
        }
      }
      int ended = 0;
      for (Long id : byThread.keySet()) {
        if (!later.byThread.containsKey(id)) {
          ended++;
        }
      }
      return new Delta(bytes, started, ended);
    }
  }

  /**
   * @param bytes bytes allocated by the threads alive at the end (from their start if they started in
   *     between)
   * @param threadsStarted threads that started in between (counted)
   * @param threadsEnded threads that ended in between (their allocation is not counted)
   */
  record Delta(long bytes, int threadsStarted, int threadsEnded) {
    static final Delta NONE = new Delta(0, 0, 0);

    /** This and {@code other} together, e.g. the slices of one run. */
    Delta plus(Delta other) {
      return new Delta(bytes + other.bytes, threadsStarted + other.threadsStarted, threadsEnded + other.threadsEnded);
    }
  }
}
