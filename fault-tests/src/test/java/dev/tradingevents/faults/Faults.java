package dev.tradingevents.faults;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** What every fault test needs: the jars it runs, free ports, and where the figures of a run go. */
final class Faults {
  private Faults() {}

  /** The logger's runnable jar, packaged earlier in the reactor. */
  static Path loggerJar() {
    return jar("trading-events.logger-jar", "../event-logger-service/target/event-logger-service.jar",
        "event-logger-service");
  }

  /** The simulator's runnable jar ({@code trading-events simulate}). */
  static Path samplesJar() {
    return jar("trading-events.samples-jar", "../samples/target/trading-events-samples.jar", "samples");
  }

  private static Path jar(String property, String fallback, String module) {
    Path jar = Path.of(System.getProperty(property, fallback)).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      fail(jar + " does not exist. Build it first: `mvn -B package -DskipTests -pl " + module + " -am` (or run"
          + " `mvn verify` from the root, which packages it before running the fault tests).");
    }
    return jar;
  }

  /** A TCP port on 127.0.0.1 that nothing listens on now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  /**
   * Prints one line of figures and appends it to {@code target/fault-figures.txt}, which
   * docs/reliability.md quotes: what a run sent, lost and duplicated.
   */
  static void report(String test, String figures) {
    String line = Instant.now() + " " + test + ": " + figures;
    System.out.println("FAULT-FIGURES " + line);
    String file = System.getProperty("trading-events.fault-report");
    if (file == null) {
      return;
    }
    try {
      Files.writeString(Path.of(file), line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
