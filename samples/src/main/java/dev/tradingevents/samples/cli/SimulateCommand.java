package dev.tradingevents.samples.cli;

import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.NatsConnectionSettings;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.publisher.WindowFullPolicy;
import dev.tradingevents.samples.MarketDataSimulator;
import dev.tradingevents.samples.SampleTelemetry;
import dev.tradingevents.samples.SimulationReport;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trading-events simulate}: the market-data simulator against a running NATS server. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.class,
    sortOptions = false,
    usageHelpWidth = 100,
    header = "Publishes simulated Solana market data, every event type, to a running NATS server.",
    description = {
        "%nPublishes simulated market data to a running NATS JetStream server: prices as random",
        "walks per pair and DEX, pool states, spreads, swap routes, large trades, volume spikes,",
        "arbitrage opportunities (two-leg and triangular), a SlotUpdate every 400 ms, the odd",
        "stall, drift or reconnect, and lifecycle/connection events at start and stop. It creates",
        "or updates the stream first, and prints published and failed events per type at the end",
        "(Ctrl-C ends a run early and still prints them).",
        "NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS or NATS_NKEY (a seed file) authenticate;",
        "NATS_TLS_CA, NATS_TLS_CERT, NATS_TLS_KEY (PEM files) turn on TLS.",
        "OTEL_* variables configure tracing (e.g. OTEL_EXPORTER_OTLP_ENDPOINT=http://tempo:4318);",
        "by default spans are made and carried in the headers but exported nowhere.",
        "Exit code: 0 when every event was acknowledged, 1 otherwise, 2 for invalid options.%n"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  bin/trading-events simulate                  # nats://127.0.0.1:4222 until Ctrl-C",
        "  bin/trading-events simulate --nats-url nats://nats:4222 --rate 1000 --seconds 60",
        "  NATS_URL=nats://127.0.0.1:4222 bin/trading-events simulate -s 10 --seed 7 --source arb-scanner"})
final class SimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--nats-url", defaultValue = "${env:NATS_URL:-nats://127.0.0.1:4222}", paramLabel = "URL",
      description = "The NATS server (default: $NATS_URL, else nats://127.0.0.1:4222).")
  String natsUrl;

  @Option(names = {"-r", "--rate"}, defaultValue = "200", paramLabel = "R",
      description = "Market events per second; SlotUpdates (every 400 ms) and lifecycle events come on top"
          + " (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = {"-s", "--seconds"}, defaultValue = "0", paramLabel = "N",
      description = "How long to publish, in seconds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the simulated market (default: random).")
  Long seed;

  @Option(names = "--source", defaultValue = MarketDataSimulator.DEFAULT_SOURCE, paramLabel = "NAME",
      description = "The events' source_service (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--stream", defaultValue = StreamSetup.DEFAULT_STREAM, paramLabel = "NAME",
      description = "The stream to create or update and publish into (default: ${DEFAULT-VALUE}).")
  String stream;

  @Option(names = "--progress-every", defaultValue = "5", paramLabel = "SECONDS",
      description = "Print a progress line on stderr this often; 0 for none (default: ${DEFAULT-VALUE}).")
  int progressEvery;

  @Override
  public Integer call() throws Exception {
    if (!(rate > 0) || rate > 1_000_000) {
      throw new ParameterException(spec.commandLine(), "--rate must be above 0 and at most 1000000, was " + rate);
    }
    if (seconds < 0) {
      throw new ParameterException(spec.commandLine(), "--seconds must be 0 (until Ctrl-C) or more, was " + seconds);
    }
    if (progressEvery < 0) {
      throw new ParameterException(spec.commandLine(), "--progress-every must be 0 or more");
    }
    if (source == null || source.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--source must not be blank");
    }
    StreamSetup setup;
    try {
      setup = StreamSetup.builder().name(stream).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--stream: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    NatsConnectionSettings settings;
    try {
      // credentials and TLS from NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS, NATS_NKEY, NATS_TLS_*
      settings = NatsConnectionSettings.fromEnvironment()
          .withServers(java.util.Arrays.stream(natsUrl.split(",")).map(String::trim).toList())
          .withConnectionName(source);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Connection connection;
    try {
      connection = settings.connect();
    } catch (IOException e) {
      err.println("error: " + e.getMessage()
          + " (start one, e.g. `nats-server -js`, or set --nats-url / NATS_URL and the NATS_* credentials)");
      return 1;
    }
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "simulate-progress");
      thread.setDaemon(true);
      return thread;
    });
    CountDownLatch done = new CountDownLatch(1);
    try (connection; OpenTelemetrySdk telemetry = SampleTelemetry.create(source)) {
      try {
        setup.ensure(connection);
      } catch (JetStreamApiException e) {
        err.println("error: cannot create or update the stream " + stream + ": " + e.getMessage());
        return 1;
      }
      try (EventPublisher publisher = EventPublisher.builder(connection).stream(stream).openTelemetry(telemetry)
          .windowFullPolicy(WindowFullPolicy.BLOCK).blockTimeout(Duration.ofSeconds(5)).build()) {
        MarketDataSimulator.Builder builder = MarketDataSimulator.builder(publisher).rate(rate)
            .duration(Duration.ofSeconds(seconds)).sourceService(source)
            .natsTarget(redact(connection.getConnectedUrl() == null ? natsUrl : connection.getConnectedUrl()));
        if (seed != null) {
          builder.seed(seed);
        }
        MarketDataSimulator simulator = builder.build();
        Thread stopOnCtrlC = new Thread(() -> {
          simulator.stop();
          try {
            done.await(30, TimeUnit.SECONDS); // let the run publish its stop events and print the table
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "simulate-stop");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        err.printf(Locale.ROOT, "publishing to %s (stream %s) at %s events/s %s(seed %d)%n", redact(natsUrl), stream,
            rate, seconds == 0 ? "until Ctrl-C " : "for " + seconds + " s ", simulator.seed());
        err.flush();
        if (progressEvery > 0) {
          progress.scheduleAtFixedRate(() -> {
            MarketDataSimulator.Progress now = simulator.progress();
            double elapsed = now.elapsed().toNanos() / 1e9;
            err.printf(Locale.ROOT, "[%4.0f s] published %d (%.0f/s), failed %d%n", elapsed, now.published(),
                elapsed > 0 ? now.published() / elapsed : 0, now.failed());
            err.flush();
          }, progressEvery, progressEvery, TimeUnit.SECONDS);
        }
        SimulationReport report = simulator.run();
        progress.shutdownNow();
        out.print(report.table());
        out.println(report.summaryLine());
        if (!report.failureSamples().isEmpty()) {
          out.println("first failures: " + report.failureSamples());
        }
        out.flush();
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is waiting for us
        }
        return report.ok() ? 0 : 1;
      }
    } finally {
      progress.shutdownNow();
      done.countDown();
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?<=://)[^@/]*@", "");
  }
}
