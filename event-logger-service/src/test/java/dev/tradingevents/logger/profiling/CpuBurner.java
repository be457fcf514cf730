package dev.tradingevents.logger.profiling;

/** Keeps one thread busy so a CPU/itimer profiler has samples to take. */
final class CpuBurner implements AutoCloseable {
  private final Thread thread;
  private volatile boolean stopped;
  private volatile double sink;

  CpuBurner() {
    thread = new Thread(this::burn, "cpu-burner");
    thread.setDaemon(true);
    thread.start();
  }

  private void burn() {
    double x = 0;
    while (!stopped) {
      for (int i = 1; i < 100_000; i++) {
        x += Math.sqrt(i) * Math.sin(i);
      }
      sink = x;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(5_000);
  }
}
