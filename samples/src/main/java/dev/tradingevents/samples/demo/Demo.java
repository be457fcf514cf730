package dev.tradingevents.samples.demo;

import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.PublishReceipt;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.publisher.WindowFullPolicy;
import dev.tradingevents.samples.MarketDataSimulator;
import dev.tradingevents.samples.SampleTelemetry;
import dev.tradingevents.samples.SimulationReport;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one-command demo: a JetStream server (a local nats-server on a free port with a temp store, or
 * {@code NATS_URL}), the event-logger service as a child process writing its JSON lines to {@code
 * events.log}, the market-data simulator publishing in this process for a number of seconds, then a clean
 * stop of everything and a summary: events published and logged per type, errors, latency percentiles
 * from the log lines.
 *
 * <p>It succeeds (exit code 0) when every event the stream acknowledged was logged, no publish failed, no
 * message was refused by the logger, and the logger ran until it was stopped.
 */
public final class Demo {
  /** The stream the simulator publishes to and the logger consumes. */
  static final String STREAM = StreamSetup.DEFAULT_STREAM;
  /** The logger's durable consumer on a server of its own; a shared server gets a durable per run. */
  static final String DEFAULT_DURABLE = "event-logger";

  /**
   * What to run.
   *
   * @param seconds how long the simulator publishes
   * @param rate market events per second
   * @param seed the simulator's seed, or null for a random one
   * @param natsUrl a running server to use, or null/blank to start a local nats-server
   * @param outputDir where {@code events.log} and {@code logger.stderr} go (created, files truncated)
   * @param loggerCommand the command that starts the event-logger service
   * @param source the simulator's {@code source_service}
   * @param readinessTimeout how long the logger may take to be ready
   * @param drainTimeout how long the logger may take, after the last publish, to log everything
   */
  public record Options(
      int seconds,
      double rate,
      Long seed,
      String natsUrl,
      Path outputDir,
      List<String> loggerCommand,
      String source,
      Duration readinessTimeout,
      Duration drainTimeout) {

    public Options {
      Objects.requireNonNull(outputDir, "outputDir");
      loggerCommand = List.copyOf(loggerCommand);
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(readinessTimeout, "readinessTimeout");
      Objects.requireNonNull(drainTimeout, "drainTimeout");
    }

    /**
     * {@code <java of this JVM> -Xmx256m -XX:+UseSerialGC -jar <jar>}: the logger's recommended heap (see
     * the README), rather than a quarter of the host's memory.
     */
    public static List<String> javaJar(Path jar) {
      return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
          "-XX:+UseSerialGC", "-jar", jar.toString());
    }

    Path eventsLog() {
      return outputDir.resolve("events.log");
    }

    Path loggerStderr() {
      return outputDir.resolve("logger.stderr");
    }
  }

  private final Options options;
  private final PrintWriter out;
  private final PrintWriter err;

  private NatsTestServer localServer;
  private LoggerProcess logger;
  private MarketDataSimulator simulator;
  private volatile boolean finished;

  public Demo(Options options, PrintWriter out, PrintWriter err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the demo and prints the summary.
   *
   * @return 0 when every published event was logged and nothing failed, else 1
   * @throws DemoException when something needed cannot be had (nats-server, the logger jar, readiness)
   */
  public int run() throws InterruptedException {
    Thread cleanupOnExit = new Thread(this::cleanUp, "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    try {
      return runDemo();
    } finally {
      finished = true;
      cleanUp();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  private int runDemo() throws InterruptedException {
    prepareOutput();
    boolean shared = options.natsUrl() != null && !options.natsUrl().isBlank();
    String natsUrl;
    if (shared) {
      natsUrl = options.natsUrl().trim();
      status("using NATS at %s (NATS_URL)", redact(natsUrl));
    } else {
      requireLocalNatsServer();
      status("starting nats-server (127.0.0.1, free port, temp store)...");
      localServer = NatsTestServer.builder().start();
      natsUrl = localServer.url();
      status("nats-server listening on %s", natsUrl);
    }
    String durable = shared ? "trading-events-demo-" + UUID.randomUUID().toString().substring(0, 8) : DEFAULT_DURABLE;

    EventLog log = new EventLog(options.eventsLog());
    Map<String, EventType> publishedIds = new ConcurrentHashMap<>();
    SimulationReport report;
    String serverVersion;
    Connection connection;
    try {
      connection = connect(natsUrl);
    } catch (IOException e) {
      throw new DemoException("cannot connect to NATS at " + redact(natsUrl) + ": " + e.getMessage());
    }
    try (connection; OpenTelemetrySdk telemetry = SampleTelemetry.create(options.source())) {
      serverVersion = connection.getServerInfo().getVersion();
      boolean streamExisted = ensureStream(connection, shared);

      int port = LoggerProcess.freePort();
      Map<String, String> environment = loggerEnvironment(natsUrl, port, durable, !streamExisted);
      status("starting the event logger: %s (management port %d, lines to %s)",
          String.join(" ", options.loggerCommand()), port, display(options.eventsLog()));
      logger = LoggerProcess.start(options.loggerCommand(), environment, port, options.eventsLog(),
          options.loggerStderr());
      long started = System.nanoTime();
      logger.awaitReady(options.readinessTimeout());
      status("event logger ready in %.1f s (pid %d)", (System.nanoTime() - started) / 1e9, logger.pid());

      report = simulate(connection, telemetry, publishedIds, log);
      drain(log, publishedIds.keySet());
      stopLogger(log);
      if (shared) {
        deleteDurable(connection, durable);
      }
    } catch (IOException e) {
      throw new DemoException("NATS at " + redact(natsUrl) + " failed: " + e.getMessage());
    }
    if (localServer != null) {
      localServer.close();
      status("nats-server stopped");
    }
    log.poll();
    LogSummary summary = log.summarize(publishedIds);
    boolean ok = printSummary(report, summary, natsUrl, serverVersion, shared);
    return ok ? 0 : 1;
  }

  private void prepareOutput() {
    try {
      Files.createDirectories(options.outputDir());
      Files.write(options.eventsLog(), new byte[0]);
      Files.write(options.loggerStderr(), new byte[0]);
    } catch (IOException e) {
      throw new DemoException("cannot write to " + options.outputDir() + ": " + e.getMessage());
    }
    for (String part : options.loggerCommand()) {
      if (part.endsWith(".jar") && !Files.isRegularFile(Path.of(part))) {
        throw new DemoException("the event logger's jar " + part + " does not exist: build it with"
            + " `mvn -q -B package -DskipTests` at the repository root (bin/trading-events does that itself)");
      }
    }
  }

  /** The same search as test-support's: $NATS_SERVER_PATH, else nats-server on the PATH. */
  private static void requireLocalNatsServer() {
    String explicit = System.getenv("NATS_SERVER_PATH");
    if (explicit != null && !explicit.isBlank()) {
      return; // NatsTestServer checks it and says what is wrong
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "nats-server"))) {
        return;
      }
    }
    throw new DemoException(String.join(System.lineSeparator(),
        "nats-server is not on the PATH, and NATS_URL is not set.",
        "Install nats-server (JetStream is included), then run again:",
        "  Debian/Ubuntu: sudo apt-get install -y nats-server   (bin/ensure-nats-server does this)",
        "  macOS:         brew install nats-server",
        "  elsewhere:     https://github.com/nats-io/nats-server/releases (put nats-server on the PATH)",
        "or point the demo at a running server: NATS_URL=nats://host:4222 bin/trading-events demo"));
  }

  private Map<String, String> loggerEnvironment(String natsUrl, int port, String durable, boolean manageStream) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("TRADING_EVENTS_NATS_SERVERS", natsUrl);
    environment.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
    environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    environment.put("TRADING_EVENTS_CONSUMER_STREAM", STREAM);
    environment.put("TRADING_EVENTS_CONSUMER_DURABLE", durable);
    // a shared server's existing stream keeps its owner's settings
    environment.put("TRADING_EVENTS_CONSUMER_CREATE_STREAM", Boolean.toString(manageStream));
    environment.put("TRADING_EVENTS_INSTANCE_ID", "demo-logger");
    // a stop waits for the pull in flight: keep pulls short so SIGTERM ends the service quickly
    environment.put("TRADING_EVENTS_CONSUMER_PULL_EXPIRES", "1s");
    // spans are made (the lines get trace_id) and exported nowhere, unless the user says otherwise
    for (String signal : List.of("TRACES", "METRICS", "LOGS")) {
      String name = "OTEL_" + signal + "_EXPORTER";
      if (System.getenv(name) == null) {
        environment.put(name, "none");
      }
    }
    return environment;
  }

  private static Connection connect(String natsUrl) throws IOException, InterruptedException {
    return Nats.connect(new io.nats.client.Options.Builder()
        .server(natsUrl)
        .connectionName(MarketDataSimulator.DEFAULT_SOURCE)
        .connectionTimeout(Duration.ofSeconds(5))
        .maxReconnects(-1)
        .reconnectWait(Duration.ofMillis(500))
        .build());
  }

  /**
   * Creates the stream when it is missing. A stream a shared server already has is left as it is (its
   * owner chose its limits); one of our own server is brought to the defaults. Returns whether it existed.
   */
  private boolean ensureStream(Connection connection, boolean shared) throws IOException {
    try {
      if (shared) {
        try {
          connection.jetStreamManagement().getStreamInfo(STREAM);
          status("stream %s exists on the shared server: left as it is", STREAM);
          return true;
        } catch (JetStreamApiException e) {
          if (e.getErrorCode() != 404) {
            throw e;
          }
        }
      }
      StreamSetup.builder().name(STREAM).build().ensure(connection);
      return false;
    } catch (JetStreamApiException e) {
      throw new DemoException("cannot create the stream " + STREAM + ": " + e.getMessage());
    }
  }

  private SimulationReport simulate(Connection connection, OpenTelemetrySdk telemetry,
      Map<String, EventType> publishedIds, EventLog log) throws IOException, InterruptedException {
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "demo-progress");
      thread.setDaemon(true);
      return thread;
    });
    try (EventPublisher publisher = EventPublisher.builder(connection)
        .stream(STREAM)
        .openTelemetry(telemetry)
        .windowFullPolicy(WindowFullPolicy.BLOCK)
        .blockTimeout(Duration.ofSeconds(5))
        .build()) {
      MarketDataSimulator.Builder builder = MarketDataSimulator.builder(publisher)
          .rate(options.rate())
          .duration(Duration.ofSeconds(options.seconds()))
          .sourceService(options.source())
          .natsTarget(redact(connection.getConnectedUrl() == null ? "nats" : connection.getConnectedUrl()))
          .listener(new MarketDataSimulator.Listener() {
            @Override
            public void published(TradingEvent event, PublishReceipt receipt) {
              publishedIds.put(event.eventId(), event.eventType());
            }
          });
      if (options.seed() != null) {
        builder.seed(options.seed());
      }
      simulator = builder.build();
      status("simulating for %d s at %s events/s (seed %d)", options.seconds(), number(options.rate()), simulator.seed());
      progress.scheduleAtFixedRate(() -> printProgress(publishedIds, log), 1, 1, TimeUnit.SECONDS);
      SimulationReport report = simulator.run();
      progress.shutdownNow();
      status("simulator done: %s", report.summaryLine());
      return report;
    } finally {
      progress.shutdownNow();
    }
  }

  private void printProgress(Map<String, EventType> publishedIds, EventLog log) {
    try {
      log.poll();
      MarketDataSimulator.Progress now = simulator.progress();
      double seconds = now.elapsed().toNanos() / 1e9;
      status("[%3.0f s] published %d (%.0f/s), failed %d, logged %d", seconds, now.published(),
          seconds > 0 ? now.published() / seconds : 0, now.failed(), log.countLogged(publishedIds.keySet()));
    } catch (RuntimeException e) {
      status("progress: %s", e.getMessage());
    }
  }

  /** Waits until every published event has its line, the drain timeout runs out, or the logger died. */
  private void drain(EventLog log, Iterable<String> publishedIds) throws InterruptedException {
    long expected = publishedIds instanceof java.util.Collection<?> c ? c.size() : -1;
    long deadline = System.nanoTime() + options.drainTimeout().toNanos();
    while (true) {
      log.poll();
      long logged = log.countLogged(publishedIds);
      if (logged >= expected) {
        status("the logger has logged all %d events", logged);
        return;
      }
      if (!logger.isAlive()) {
        status("the event logger exited early (see %s)", display(options.loggerStderr()));
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        status("gave up waiting after %d s: %d of %d events logged", options.drainTimeout().toSeconds(), logged, expected);
        return;
      }
      Thread.sleep(200);
    }
  }

  private boolean loggerFailed;
  private Integer loggerExitCode;

  private void stopLogger(EventLog log) throws InterruptedException {
    if (logger.exitedOnItsOwn()) {
      loggerFailed = true;
      status("the event logger had exited by itself");
      return;
    }
    long start = System.nanoTime();
    try {
      loggerExitCode = logger.stop(Duration.ofSeconds(20));
      status("event logger stopped (SIGTERM) in %.1f s, exit code %d", (System.nanoTime() - start) / 1e9, loggerExitCode);
    } catch (DemoException e) {
      loggerFailed = true;
      status("%s", e.getMessage());
    }
    log.poll();
  }

  private void deleteDurable(Connection connection, String durable) {
    try {
      connection.jetStreamManagement().deleteConsumer(STREAM, durable);
      status("deleted this run's durable consumer %s", durable);
    } catch (IOException | JetStreamApiException e) {
      status("could not delete this run's durable consumer %s: %s", durable, e.getMessage());
    }
  }

  /** Prints the table and the findings; true when the run is a success. */
  private boolean printSummary(SimulationReport report, LogSummary log, String natsUrl, String serverVersion,
      boolean shared) {
    List<String> problems = new ArrayList<>();
    out.println();
    out.printf(Locale.ROOT, "trading-events demo: %d s at %s events/s, nats-server %s at %s%s%n", options.seconds(),
        number(options.rate()), serverVersion, redact(natsUrl), shared ? " (NATS_URL)" : " (local, temp store)");
    out.println();
    out.printf(Locale.ROOT, "%-22s %10s %10s %8s%n", "event type", "published", "logged", "failed");
    for (EventType type : EventType.values()) {
      out.printf(Locale.ROOT, "%-22s %10d %10d %8d%n", type.wireName(), report.published(type), log.logged(type),
          report.failed(type));
    }
    out.printf(Locale.ROOT, "%-22s %10d %10d %8d%n", "total", report.totalPublished(), log.totalLogged(),
        report.totalFailed());
    out.println();
    Percentiles latency = log.latency();
    out.printf(Locale.ROOT, "latency_ms (occurred_at -> line written, %d lines): p50 %s  p99 %s  max %s%n",
        latency.count(), Percentiles.format(latency.p50()), Percentiles.format(latency.p99()),
        Percentiles.format(latency.max()));
    out.printf(Locale.ROOT, "errors: %d refused messages (error_reason), %d logger errors, %d failed publishes%n",
        log.refused(), log.serviceErrors(), report.totalFailed());
    out.printf(Locale.ROOT, "simulated incidents: %d error lines (severe stalls), %d warn lines (stalls, drift,"
        + " disconnects)%n", log.errorLines(), log.warnLines());
    out.printf(Locale.ROOT, "trace context: %d of %d lines carry the publisher's trace_id%s%n", log.tracedLines(),
        log.totalLogged(), log.traceErrors() > 0 ? " (" + log.traceErrors() + " with trace_error)" : "");
    if (log.otherEvents() > 0 || log.redeliveries() > 0) {
      out.printf(Locale.ROOT, "also in the log: %d events published before this run, %d redeliveries%n",
          log.otherEvents(), log.redeliveries());
    }
    if (log.notJson() > 0) {
      // the log-line contract says one JSON object per line; reported, but the events themselves got through
      out.printf(Locale.ROOT, "WARNING: %d lines on the logger's stdout are not JSON (Loki would get them as is),"
          + " e.g.%n", log.notJson());
      log.notJsonSamples().forEach(line -> out.println("  " + line));
    }
    out.printf(Locale.ROOT, "log: %s (%d lines), logger stderr: %s%n", display(options.eventsLog()), log.lines(),
        display(options.loggerStderr()));
    if (log.notJson() == 0) {
      out.printf(Locale.ROOT, "  jq 'select(.event_type==\"ArbitrageOpportunity\") | .profit_usd' %s%n",
          display(options.eventsLog()));
    } else {
      // plain jq stops at the first line that is not JSON
      out.printf(Locale.ROOT, "  jq -R 'fromjson? | select(.event_type==\"ArbitrageOpportunity\") | .profit_usd' %s%n",
          display(options.eventsLog()));
    }

    if (log.totalLogged() < report.totalPublished()) {
      problems.add((report.totalPublished() - log.totalLogged()) + " published events were not logged");
    }
    if (report.totalFailed() > 0 || report.unfinished() > 0) {
      problems.add(report.summaryLine() + (report.failureSamples().isEmpty() ? "" : "; first: " + report.failureSamples()));
    }
    if (log.refused() > 0) {
      problems.add(log.refused() + " messages refused by the logger, e.g. " + log.refusedSamples());
    }
    if (log.typeMismatches() > 0) {
      problems.add(log.typeMismatches() + " lines with another event_type than published");
    }
    if (loggerFailed) {
      problems.add("the event logger failed (see " + display(options.loggerStderr()) + ")");
    }
    if (log.serviceErrors() > 0) {
      out.printf(Locale.ROOT, "logger errors: %s%n", log.serviceErrorSamples());
    }
    out.println();
    if (problems.isEmpty()) {
      out.printf(Locale.ROOT, "OK: all %d published events were logged%n", report.totalPublished());
    } else {
      for (String problem : problems) {
        out.println("FAILED: " + problem);
      }
    }
    out.flush();
    return problems.isEmpty();
  }

  /** Stops whatever still runs; safe to call twice and from the shutdown hook (Ctrl-C). */
  private synchronized void cleanUp() {
    if (!finished && simulator != null) {
      simulator.stop();
    }
    if (logger != null && logger.isAlive()) {
      logger.kill();
    }
    if (localServer != null) {
      localServer.close();
    }
  }

  private void status(String format, Object... args) {
    err.println(String.format(Locale.ROOT, format, args));
    err.flush();
  }

  /** The path relative to the working directory when it is below it, as the user would type it. */
  static String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }

  /** A NATS URL without its user info (credentials). */
  static String redact(String url) {
    return url.replaceAll("(?<=://)[^@/]*@", "");
  }

  private static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
