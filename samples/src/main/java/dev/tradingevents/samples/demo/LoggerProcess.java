package dev.tradingevents.samples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The event-logger service as a child process: its stdout (the JSON lines) goes to a file, truncated at
 * start, and its stderr to another. Stopped with SIGTERM, the way an orchestrator stops it, so it
 * finishes and acks what it holds.
 */
final class LoggerProcess {
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);

  private final Process process;
  private final int port;
  private final Path stdout;
  private final Path stderr;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private volatile boolean stopRequested;

  private LoggerProcess(Process process, int port, Path stdout, Path stderr) {
    this.process = process;
    this.port = port;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code command} with the environment of this process plus {@code environment}.
   *
   * @param port the management port given to it (MICRONAUT_SERVER_PORT), for the readiness probe
   */
  static LoggerProcess start(List<String> command, Map<String, String> environment, int port, Path stdout,
      Path stderr) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.to(stdout.toFile()))
        .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return new LoggerProcess(process, port, stdout, stderr);
    } catch (IOException e) {
      throw new DemoException("cannot start the event logger (" + String.join(" ", command) + "): " + e.getMessage());
    }
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

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Whether the process ended without being asked to. */
  boolean exitedOnItsOwn() {
    return !process.isAlive() && !stopRequested;
  }

  /**
   * Waits until {@code /health/readiness} answers UP.
   *
   * @throws DemoException when the process exits first or the time runs out, with the end of its output
   */
  void awaitReady(Duration timeout) throws InterruptedException {
    URI readiness = URI.create("http://127.0.0.1:" + port + "/health/readiness");
    HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (true) {
      if (!process.isAlive()) {
        throw new DemoException("the event logger exited with code " + process.exitValue()
            + " before it was ready" + tails());
      }
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return;
        }
        last = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
      } catch (ConnectException e) {
        last = "not listening yet";
      } catch (IOException e) {
        last = e.toString();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new DemoException("the event logger was not ready within " + timeout.toSeconds() + " s ("
            + readiness + ": " + last + ")" + tails());
      }
      Thread.sleep(PROBE_INTERVAL.toMillis());
    }
  }

  /** Sends SIGTERM and waits for the exit; kills it if it takes longer. Returns the exit code. */
  int stop(Duration timeout) throws InterruptedException {
    stopRequested = true;
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
      throw new DemoException("the event logger did not stop within " + timeout.toSeconds()
          + " s of SIGTERM and was killed" + tails());
    }
    return process.exitValue();
  }

  /** Kills it without waiting (on the way out after a failure or Ctrl-C). */
  void kill() {
    stopRequested = true;
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of its stderr and stdout, for a failure message. */
  String tails() {
    return System.lineSeparator() + "--- last lines of " + stderr + ":" + System.lineSeparator() + tail(stderr, 15)
        + "--- last lines of " + stdout + ":" + System.lineSeparator() + tail(stdout, 10);
  }

  private static String tail(Path file, int count) {
    try {
      List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
      List<String> last = new ArrayList<>(lines.subList(Math.max(0, lines.size() - count), lines.size()));
      StringBuilder text = new StringBuilder();
      for (String line : last) {
        text.append("  ").append(abbreviate(line)).append(System.lineSeparator());
      }
      return text.length() == 0 ? "  (empty)" + System.lineSeparator() : text.toString();
    } catch (IOException | UncheckedIOException e) {
      return "  (cannot read: " + e.getMessage() + ")" + System.lineSeparator();
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }
}
