package dev.tradingevents.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The event-logger service as the real thing: {@code java -jar event-logger-service.jar} in its own
 * process, configured by environment variables the way a deployment configures it. Its JSON lines go to
 * {@code EVENT_LOG_FILE}; stdout and stderr go to files next to it.
 */
final class LoggerApp implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path stderr;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private LoggerApp(Process process, int port, Path stderr) {
    this.process = process;
    this.port = port;
    this.stderr = stderr;
  }

  /**
   * Starts the logger.
   *
   * @param logFile its EVENT_LOG_FILE (a file, or a FIFO the test reads)
   * @param environment more variables, e.g. TRADING_EVENTS_NATS_SERVERS
   * @param jvmOptions e.g. -Xmx128m
   */
  static LoggerApp start(Path logFile, Map<String, String> environment, String... jvmOptions) {
    int port = Faults.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("-jar");
    command.add(Faults.loggerJar().toString());
    Path stdout = logFile.resolveSibling(logFile.getFileName() + ".stdout");
    Path stderr = logFile.resolveSibling(logFile.getFileName() + ".stderr");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    Map<String, String> env = new HashMap<>();
    env.put("EVENT_LOG_FILE", logFile.toString());
    env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    env.put("OTEL_TRACES_EXPORTER", "none");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.putAll(environment);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return new LoggerApp(process, port, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** The environment that points a logger at a server, a stream and a durable. */
  static Map<String, String> consuming(String servers, String stream, String subjects, String durable) {
    Map<String, String> env = new HashMap<>();
    env.put("TRADING_EVENTS_NATS_SERVERS", servers);
    env.put("TRADING_EVENTS_CONSUMER_STREAM", stream);
    env.put("TRADING_EVENTS_CONSUMER_STREAM_SUBJECTS", subjects);
    env.put("TRADING_EVENTS_CONSUMER_FILTER_SUBJECTS", subjects);
    env.put("TRADING_EVENTS_CONSUMER_DURABLE", durable);
    env.put("TRADING_EVENTS_CONSUMER_DEAD_LETTER_STREAM", stream + "_DLQ");
    env.put("TRADING_EVENTS_CONSUMER_DEAD_LETTER_SUBJECT_PREFIX", "dlq" + stream.toLowerCase());
    env.put("TRADING_EVENTS_CONSUMER_PULL_EXPIRES", "1s");
    env.put("TRADING_EVENTS_CONSUMER_LAG_POLL_INTERVAL", "500ms");
    return env;
  }

  long pid() {
    return process.pid();
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code /health/readiness} answers UP; fails with its stderr if it exits first. */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the logger exited with " + process.exitValue() + " before it was ready:\n" + stderr());
      }
      try {
        HttpResponse<String> response = get("/health/readiness");
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (ConnectException e) {
        last = "not listening";
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the logger was not ready within " + timeout + " (" + last + "):\n" + stderr());
  }

  /** GET on its management port. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** SIGKILL: no shutdown hook, no last ack, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits for the process to exit by itself and returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the logger did not exit within " + timeout + ":\n" + stderr());
    }
    return process.exitValue();
  }

  /** What it wrote on stderr so far. */
  String stderr() {
    try {
      return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + stderr + ": " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL if it does not stop within 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
