package dev.tradingevents.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Decides where a test server comes from, in this order:
 * <ol>
 *   <li>the executable set with {@link NatsTestServer.Builder#executable(Path)};</li>
 *   <li>the file named by the environment variable {@value #NATS_SERVER_PATH_ENV};</li>
 *   <li>{@code nats-server} on the {@code PATH};</li>
 *   <li>a Docker container, if a Docker engine answers;</li>
 *   <li>otherwise a failure that says how to install nats-server.</li>
 * </ol>
 * An executable named explicitly (1 or 2) that does not exist fails at once: falling back to Docker
 * would hide a wrong path.
 */
final class ServerLocator {

  static final String NATS_SERVER_PATH_ENV = "NATS_SERVER_PATH";
  static final String EXECUTABLE_NAME = "nats-server";

  static final String INSTALL_HELP = String.join(System.lineSeparator(),
      "Install nats-server, then run the tests again:",
      "  Debian/Ubuntu: sudo apt-get install -y nats-server",
      "  macOS:         brew install nats-server",
      "  other:         https://docs.nats.io/running-a-nats-service/introduction/installation",
      "or set " + NATS_SERVER_PATH_ENV + " to a nats-server binary,",
      "or run a Docker engine (the tests then start " + DockerServer.IMAGE + " with Testcontainers).");

  /** Where the server comes from: a local executable, or Docker when {@code executable} is empty. */
  record Choice(Optional<Path> executable) {

    static Choice docker() {
      return new Choice(Optional.empty());
    }

    static Choice local(Path executable) {
      return new Choice(Optional.of(executable));
    }
  }

  private ServerLocator() {
  }

  static Choice locate(ServerSettings settings) {
    return locate(settings, System::getenv, DockerServer::isDockerAvailable);
  }

  /**
   * @param env reads an environment variable ({@code PATH}, {@value #NATS_SERVER_PATH_ENV})
   * @param dockerAvailable asked only when no executable was found
   */
  static Choice locate(ServerSettings settings, UnaryOperator<String> env, BooleanSupplier dockerAvailable) {
    if (settings.executable() != null) {
      return Choice.local(requireExecutable(settings.executable(), "set with executable(...)"));
    }
    String fromEnv = env.apply(NATS_SERVER_PATH_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Choice.local(requireExecutable(toPath(fromEnv.trim()), "from $" + NATS_SERVER_PATH_ENV));
    }
    String path = env.apply("PATH");
    Optional<Path> onPath = findOnPath(path);
    if (onPath.isPresent()) {
      return Choice.local(onPath.get());
    }
    if (settings.port() > 0) {
      throw new IllegalStateException("No " + EXECUTABLE_NAME + " found on the PATH (" + path + ") and"
          + " a fixed port(" + settings.port() + ") cannot be honoured in Docker."
          + System.lineSeparator() + INSTALL_HELP);
    }
    if (dockerAvailable.getAsBoolean()) {
      return Choice.docker();
    }
    throw new IllegalStateException("No NATS server for the tests: " + EXECUTABLE_NAME
        + " is not on the PATH (" + path + "), $" + NATS_SERVER_PATH_ENV + " is not set,"
        + " and no Docker engine is reachable." + System.lineSeparator() + INSTALL_HELP);
  }

  private static Path requireExecutable(Path executable, String origin) {
    if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
      throw new IllegalStateException("The " + EXECUTABLE_NAME + " executable " + executable + " (" + origin
          + ") does not exist or is not executable." + System.lineSeparator() + INSTALL_HELP);
    }
    return executable;
  }

  private static Optional<Path> findOnPath(String path) {
    if (path == null || path.isBlank()) {
      return Optional.empty();
    }
    boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    String name = windows ? EXECUTABLE_NAME + ".exe" : EXECUTABLE_NAME;
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      try {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      } catch (InvalidPathException ignored) {
        // a PATH entry that is not a path cannot hold nats-server
      }
    }
    return Optional.empty();
  }

  private static Path toPath(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new IllegalStateException("$" + NATS_SERVER_PATH_ENV + " is not a path: " + value
          + System.lineSeparator() + INSTALL_HELP, e);
    }
  }
}
