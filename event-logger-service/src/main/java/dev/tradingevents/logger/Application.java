package dev.tradingevents.logger;

import io.micronaut.runtime.Micronaut;

/** Starts the event-logger service. Configuration: {@code application.yml}, overridable by environment. */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
