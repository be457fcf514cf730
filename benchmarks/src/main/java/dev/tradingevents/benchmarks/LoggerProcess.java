package dev.tradingevents.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real event-logger-service, run from its shaded jar as a child process ({@code java -jar}), with its
 * event lines going to a file through its own Logback configuration ({@code -DEVENT_LOG_FILE}).
 *
 * <p>Its CPU time and resident memory are read from the operating system ({@link ProcessHandle} reads
 * {@code /proc/<pid>/stat}, the memory comes from {@code /proc/<pid>/status}), so nothing in the service
 * has to cooperate. {@link #close} stops it as an orchestrator would: SIGTERM, then a wait.
 */
final class LoggerProcess implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);
  /** Settings a child takes only from the benchmark, never from the benchmark's own environment. */
  private static final List<String> OWN_PREFIXES = List.of("TRADING_EVENTS_", "MICRONAUT_", "OTEL_", "PYROSCOPE_");
  /** A top-level heap line: one leading space, a name, {@code total NK, used NK}. */
  private static final Pattern HEAP_LINE = Pattern.compile("^ \\S.*\\btotal \\d+K, used (\\d+)K");

  private final Process process;
  private final String name;
  private final int port;
  private final Path output;
  private final List<String> command;
  private Integer exitCode;

  private LoggerProcess(Process process, String name, int port, Path output, List<String> command) {
    this.process = process;
    this.name = name;
    this.port = port;
    this.output = output;
    this.command = command;
  }

  /**
   * Starts {@code java [javaOpts] -DEVENT_LOG_FILE=<logFile> -jar <jar>} with {@code environment} added to
   * a copy of this process's environment from which every {@code TRADING_EVENTS_*}, {@code MICRONAUT_*},
   * {@code OTEL_*} and {@code PYROSCOPE_*} variable was removed. Its stdout and stderr go to {@code output}.
   */
  static LoggerProcess start(String name, Path jar, List<String> javaOpts, Map<String, String> environment,
      Path logFile, Path output) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(ChildJava.executable());
    command.addAll(javaOpts);
    command.add("-DEVENT_LOG_FILE=" + logFile.toAbsolutePath());
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> OWN_PREFIXES.stream().anyMatch(key::startsWith));
    env.putAll(environment);
    env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    env.put("HOSTNAME", name); // the lines' `instance`
    return new LoggerProcess(builder.start(), name, port, output, List.copyOf(command));
  }

  /** The child, to stop and resume ({@link TakingTurns}). */
  ProcessHandle handle() {
    return process.toHandle();
  }

  long pid() {
    return process.pid();
  }

  String name() {
    return name;
  }

  List<String> command() {
    return command;
  }

  /** CPU time (user + system, all threads) used so far, 10 ms granularity. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("the OS does not report the CPU time of " + name));
  }

  /**
   * CPU time by thread group so far, from {@code /proc/<pid>/task/<tid>/stat}: threads are grouped by their
   * name with digits replaced by {@code N} ({@code C2 CompilerThreN}, {@code GC Thread#N}, {@code
   * event-consumer}, ...; Linux keeps 15 characters of a name). Threads that have ended are not counted.
   * Clock ticks are taken as 10 ms (USER_HZ 100). Empty when {@code /proc} cannot be read.
   */
  Map<String, Long> cpuNanosByThread() {
    Map<String, Long> byGroup = new java.util.TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    try (var threads = Files.list(tasks)) {
      for (Path task : threads.toList()) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException ended) {
          continue;
        }
        String group;
        String[] fields;
        try {
          group = ProcFiles.statName(stat).replaceAll("\\d+", "N");
          fields = ProcFiles.statFieldsAfterName(stat);
        } catch (IllegalArgumentException notAStatLine) {
          continue;
        }
        // utime and stime, fields 14 and 15
        long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        byGroup.merge(group, ticks * ProcFiles.NANOS_PER_TICK, Long::sum);
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return byGroup;
  }

  /** Resident set size now, in kB ({@code VmRSS}), or -1 if it cannot be read. */
  long rssKb() {
    return status("VmRSS");
  }

  /** Peak resident set size, in kB ({@code VmHWM}), or -1 if it cannot be read. */
  long peakRssKb() {
    return status("VmHWM");
  }

  /**
   * The child's used heap right after a full collection, in kB: {@code jcmd <pid> GC.run}, then the
   * {@code used} of the heap's top-level spaces in {@code jcmd <pid> GC.heap_info} (Serial: the young and the
   * tenured generation; G1: the one garbage-first heap), Metaspace not included. -1 when jcmd (the JDK's
   * {@code bin/jcmd}, else the one on the PATH) cannot attach or prints nothing we can read.
   */
  long heapAfterGcKb() {
    if (jcmd("GC.run") == null) {
      return -1;
    }
    String info = jcmd("GC.heap_info");
    return info == null ? -1 : heapUsedKb(info);
  }

  /** The sum of {@code used NK} over the heap lines of {@code GC.heap_info}; -1 if there is none. */
  static long heapUsedKb(String heapInfo) {
    long used = 0;
    boolean found = false;
    for (String line : heapInfo.split("\\R")) {
      Matcher matcher = HEAP_LINE.matcher(line);
      if (matcher.find()) {
        used += Long.parseLong(matcher.group(1));
        found = true;
      }
    }
    return found ? used : -1;
  }

  /** jcmd's output, or null when it failed. */
  private String jcmd(String command) {
    Path jdkJcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    String executable = Files.isExecutable(jdkJcmd) ? jdkJcmd.toString() : "jcmd";
    try {
      Process jcmd = new ProcessBuilder(executable, Long.toString(process.pid()), command).redirectErrorStream(true)
          .start();
      String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
        return null;
      }
      return text;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private long status(String field) {
    return ProcFiles.kb(Path.of("/proc", Long.toString(process.pid()), "status"), field);
  }

  /** Throws, with the end of the child's output, when it has exited. */
  void checkAlive() {
    if (!process.isAlive()) {
      exitCode = process.exitValue();
      throw new IllegalStateException("logger " + name + " exited with status " + exitCode + "; its output ("
          + output + ") ends with:" + System.lineSeparator() + outputTail(40));
    }
  }

  /** Waits until {@code /health/readiness} says UP (connected and consuming). */
  void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      checkAlive();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("logger " + name + " not ready after " + timeout + "; last readiness answer: "
        + last + System.lineSeparator() + outputTail(40));
  }

  /** Sends SIGTERM ({@link Process#destroy}) and returns at once; {@link #stop} waits. */
  void signalStop() {
    if (process.isAlive()) {
      process.destroy();
    }
  }

  /** Sends SIGTERM ({@link Process#destroy}) and waits for the exit; SIGKILL after 40 s. */
  int stop() throws InterruptedException {
    if (exitCode != null) {
      return exitCode;
    }
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      exitCode = -9;
      return exitCode;
    }
    exitCode = process.exitValue();
    return exitCode;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  /** The last {@code lines} lines the child printed (Logback's status, a stack trace on failure). */
  String outputTail(int lines) {
    try {
      List<String> all = Files.readAllLines(output, StandardCharsets.UTF_8);
      return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + output + ": " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /**
   * The consumer settings the service runs with by default, read from the {@code application.yml} inside
   * its jar, so the raw consumer is configured like the logger's even when those defaults change.
   *
   * @param batchSize messages per fetch ({@code batch-size})
   * @param pullExpires how long a fetch waits ({@code pull-expires})
   * @param ackWait {@code ack-wait}
   * @param maxDeliver {@code max-deliver}
   * @param maxAckPending {@code max-ack-pending}
   * @param source where they were read from
   */
  record ConsumerDefaults(int batchSize, Duration pullExpires, Duration ackWait, int maxDeliver, int maxAckPending,
      String source) {

    private static final Pattern SETTING = Pattern.compile("^(\\s+)([a-z-]+):\\s*([^#\\s]+)");

    static ConsumerDefaults read(Path jar) throws IOException {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        ZipEntry entry = zip.getEntry("application.yml");
        if (entry == null) {
          throw new IllegalStateException(jar + " has no application.yml: is it the event-logger-service jar?");
        }
        try (InputStream in = zip.getInputStream(entry)) {
          return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), jar + "!/application.yml");
        }
      }
    }

    /** The keys under {@code trading-events: consumer:}; a missing one is an error. */
    static ConsumerDefaults parse(String yaml, String source) {
      Map<String, String> values = new java.util.HashMap<>();
      boolean inTradingEvents = false;
      int consumerIndent = -1;
      for (String line : yaml.split("\\R")) {
        if (line.isBlank() || line.trim().startsWith("#")) {
          continue;
        }
        int indent = line.length() - line.stripLeading().length();
        if (indent == 0) {
          inTradingEvents = line.startsWith("trading-events:");
          consumerIndent = -1;
          continue;
        }
        if (!inTradingEvents) {
          continue;
        }
        if (consumerIndent >= 0 && indent <= consumerIndent) {
          consumerIndent = -1;
        }
        if (consumerIndent < 0) {
          if (line.trim().equals("consumer:")) {
            consumerIndent = indent;
          }
          continue;
        }
        Matcher setting = SETTING.matcher(line);
        if (setting.find()) {
          values.putIfAbsent(setting.group(2), setting.group(3));
        }
      }
      return new ConsumerDefaults(
          Integer.parseInt(required(values, "batch-size", source)),
          duration(required(values, "pull-expires", source)),
          duration(required(values, "ack-wait", source)),
          Integer.parseInt(required(values, "max-deliver", source)),
          Integer.parseInt(required(values, "max-ack-pending", source)),
          source);
    }

    private static String required(Map<String, String> values, String key, String source) {
      return Optional.ofNullable(values.get(key)).orElseThrow(() -> new IllegalStateException(
          "trading-events.consumer." + key + " not found in " + source));
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601. */
    static Duration duration(String text) {
      Matcher simple = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
      if (!simple.matches()) {
        return Duration.parse(text.trim());
      }
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
  }

  /** Deletes a file the benchmark wrote, if it is there. */
  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
