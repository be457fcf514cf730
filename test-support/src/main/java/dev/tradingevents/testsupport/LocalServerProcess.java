package dev.tradingevents.testsupport;

import io.nats.NatsServerRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A nats-server process started with jnats-server-runner, bound to the loopback interface, with its
 * own JetStream store directory. The runner's defaults are wrong for tests: it binds 0.0.0.0 and lets
 * JetStream store in the shared /tmp/nats, so {@code -a 127.0.0.1} and {@code -sd} are always passed.
 *
 * <p>The first start takes the configured port (or a free one, picked by the runner); every later
 * start reuses it and the same store directory, so file-storage streams survive a restart. With a
 * config file, the runner copies it to a temp file and rewrites its {@code port: N} line to that
 * port (or appends one), so a port in the config is not honoured: use {@code port(int)}.
 */
final class LocalServerProcess implements ServerBackend {

  static final String LOOPBACK = "127.0.0.1";

  private static final long STOP_TIMEOUT_SECONDS = 10;

  /** Whether this platform shows a child's arguments; if not, liveness is only known roughly. */
  private static final boolean PROCESS_ARGUMENTS_VISIBLE =
      ProcessHandle.current().info().arguments().isPresent()
          || ProcessHandle.current().info().commandLine().isPresent();

  private final Path executable;
  private final ServerSettings settings;
  private final ServerOutput output;
  private final Path storeDir;
  private int port;
  private NatsServerRunner runner;
  private ProcessHandle process;

  LocalServerProcess(Path executable, ServerSettings settings) {
    this.executable = executable;
    this.settings = settings;
    this.output = new ServerOutput(settings.debug());
    this.port = settings.port();
    try {
      this.storeDir = Files.createTempDirectory("nats-test-store-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a JetStream store directory", e);
    }
  }

  @Override
  public void start() {
    if (runner != null) {
      return;
    }
    NatsServerRunner.Builder builder = NatsServerRunner.builder()
        .executablePath(executable)
        .jetstream(settings.jetStream())
        .customArgs(List.of("-a", LOOPBACK, "-sd", storeDir.toString()))
        .output(output)
        .debug(settings.debug())
        // the runner's own check gives up after 3 tries and then leaves the process running;
        // NatsTestServer checks readiness itself and can stop what it started
        .skipConnectValidate()
        .processCheckWait(20L)
        .processCheckTries(5);
    if (port > 0) {
      builder.port(port);
    }
    if (settings.configFile() != null) {
      builder.configFilePath(settings.configFile());
    }
    try {
      runner = builder.build();
    } catch (IOException | RuntimeException e) {
      children().forEach(ProcessHandle::destroyForcibly);
      throw new IllegalStateException("Could not start " + executable + ": " + e.getMessage()
          + System.lineSeparator() + output.recentLines(), e);
    }
    port = runner.getNatsPort();
    process = children().findFirst().orElse(null);
    if (process == null && PROCESS_ARGUMENTS_VISIBLE) {
      stop();
      throw new IllegalStateException("nats-server (" + this + ") exited right after it was started:"
          + System.lineSeparator() + outputAfterExit());
    }
  }

  /** The server's last words are read by another thread: give it a moment to catch them. */
  private String outputAfterExit() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return output.recentLines();
  }

  /** Our nats-server is the child process whose arguments name our (unique) store directory. */
  private Stream<ProcessHandle> children() {
    String dir = storeDir.toString();
    return ProcessHandle.current().children().filter(child -> {
      ProcessHandle.Info info = child.info();
      Optional<String[]> arguments = info.arguments();
      if (arguments.isPresent()) {
        return List.of(arguments.get()).contains(dir);
      }
      return info.commandLine().map(line -> line.contains(dir)).orElse(false);
    });
  }

  @Override
  public void stop() {
    if (runner == null) {
      return;
    }
    try {
      if (process != null) {
        runner.shutdown(false); // SIGTERM: nats-server shuts down cleanly and flushes its store
        awaitExit(process);
      } else {
        runner.shutdown(true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (process != null) {
        process.destroyForcibly();
      }
      throw new IllegalStateException("Interrupted while stopping " + this, e);
    } finally {
      deleteRunnerConfigFile();
      runner = null;
      process = null;
    }
  }

  @Override
  public void kill() {
    if (runner == null) {
      return;
    }
    try {
      if (process != null) {
        process.destroyForcibly(); // SIGKILL: what the store has not written yet is gone
        awaitExit(process);
      } else {
        runner.shutdown(true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while killing " + this, e);
    } finally {
      deleteRunnerConfigFile();
      runner = null;
      process = null;
    }
  }

  private static void awaitExit(ProcessHandle process) throws InterruptedException {
    try {
      process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      try {
        process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e2) {
        throw new IllegalStateException("nats-server (pid " + process.pid() + ") did not exit", e2);
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("Waiting for nats-server (pid " + process.pid() + ") failed", e);
    }
  }

  /** The runner writes the config it starts with to a temp file and never deletes it. */
  private void deleteRunnerConfigFile() {
    String configFile = runner.getConfigFile();
    if (configFile != null) {
      try {
        Files.deleteIfExists(Path.of(configFile));
      } catch (IOException ignored) {
        // a leftover temp file is not worth failing a test for
      }
    }
  }

  @Override
  public boolean isAlive() {
    if (runner == null) {
      return false;
    }
    return process == null || process.isAlive();
  }

  @Override
  public String host() {
    return LOOPBACK;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public Path storeDir() {
    return storeDir;
  }

  @Override
  public String recentOutput() {
    return isAlive() ? output.recentLines() : outputAfterExit();
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      deleteRecursively(storeDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the JetStream store directory " + dir, e);
    }
  }

  @Override
  public String toString() {
    return executable + " on " + LOOPBACK + ":" + port
        + (settings.configFile() != null ? ", config " + settings.configFile() : "")
        + ", store " + storeDir
        + (process != null ? ", pid " + process.pid() : "");
  }
}
