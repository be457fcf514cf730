package dev.tradingevents.logger.profiling;

import io.micronaut.context.ApplicationContext;

/**
 * Run in a child JVM by {@link ProfilingEnvironmentVariablesTest}: starts the context from nothing but
 * the process environment, prints the bound configuration and keeps a CPU busy until killed.
 */
public final class ProfilingEnvProbe {
  private ProfilingEnvProbe() {}

  public static void main(String[] args) throws Exception {
    try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).start();
        CpuBurner burner = new CpuBurner()) {
      System.out.println("bound: " + context.getBean(ProfilingConfiguration.class));
      System.out.println("running: " + context.getBean(ProfilingStarter.class).isRunning());
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
