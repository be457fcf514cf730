package dev.tradingevents.samples.cli;

import dev.tradingevents.samples.MarketDataSimulator;
import dev.tradingevents.samples.demo.Demo;
import dev.tradingevents.samples.demo.DemoException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code trading-events demo}: NATS, the logger and the simulator in one command, then a summary. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.class,
    sortOptions = false,
    usageHelpWidth = 100,
    header = "Runs NATS, the event logger and the simulator for N seconds, then prints a summary.",
    description = {
        "%nRuns the whole pipeline for a few seconds and prints what happened:",
        "  1. a JetStream server: NATS_URL when set, else a local nats-server (from the PATH)",
        "     on a free port of 127.0.0.1 with a temp store;",
        "  2. the event-logger service (its jar) as a child process; its JSON lines are kept",
        "     in <output-dir>/events.log for jq;",
        "  3. the market-data simulator publishing every event type for --seconds at --rate;",
        "  4. a clean stop (SIGTERM to the logger once it has logged everything) and a summary:",
        "     published and logged per event type, errors, latency_ms p50/p99/max from the lines.",
        "Exit code: 0 when every published event was logged and nothing failed, 1 otherwise,",
        "2 for invalid options.%n"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  bin/trading-events demo",
        "  bin/trading-events demo --seconds 5 --rate 500 --seed 42",
        "  NATS_URL=nats://127.0.0.1:4222 bin/trading-events demo   # a running server, own durable",
        "  jq 'select(.event_type==\"ArbitrageOpportunity\") | .profit_usd' target/demo/events.log",
        "  jq -r 'select(.level==\"warn\" or .level==\"error\") | .msg' target/demo/events.log"})
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-s", "--seconds"}, defaultValue = "20", paramLabel = "N",
      description = "How long the simulator publishes, in seconds (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = {"-r", "--rate"}, defaultValue = "200", paramLabel = "R",
      description = "Market events per second; SlotUpdates (every 400 ms) and lifecycle events come on top"
          + " (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the simulated market (default: random).")
  Long seed;

  @Option(names = "--nats-url", defaultValue = "${env:NATS_URL}", paramLabel = "URL",
      description = "A running NATS server with JetStream to use instead of a local nats-server"
          + " (default: $NATS_URL; empty starts a local one).")
  String natsUrl;

  @Option(names = "--repo-root", defaultValue = "${env:TRADING_EVENTS_REPO_ROOT:-.}", paramLabel = "DIR",
      description = "The repository root; the other paths default below it (default: $TRADING_EVENTS_REPO_ROOT,"
          + " else the current directory).")
  Path repoRoot;

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Where events.log and logger.stderr go (default: <repo-root>/target/demo).")
  Path outputDir;

  @Option(names = "--logger-jar", paramLabel = "JAR",
      description = "The event-logger service's runnable jar"
          + " (default: <repo-root>/event-logger-service/target/event-logger-service.jar).")
  Path loggerJar;

  @Option(names = "--source", defaultValue = MarketDataSimulator.DEFAULT_SOURCE, paramLabel = "NAME",
      description = "The simulator's source_service (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--readiness-timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "How long the logger may take to report ready (default: ${DEFAULT-VALUE}).")
  int readinessTimeout;

  @Option(names = "--drain-timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "How long the logger may take, after the last publish, to log everything"
          + " (default: ${DEFAULT-VALUE}).")
  int drainTimeout;

  @Override
  public Integer call() throws InterruptedException {
    if (seconds < 1) {
      throw new ParameterException(spec.commandLine(), "--seconds must be at least 1, was " + seconds);
    }
    if (!(rate > 0) || rate > 1_000_000) {
      throw new ParameterException(spec.commandLine(), "--rate must be above 0 and at most 1000000, was " + rate);
    }
    if (readinessTimeout < 1 || drainTimeout < 1) {
      throw new ParameterException(spec.commandLine(), "--readiness-timeout and --drain-timeout must be at least 1");
    }
    if (source == null || source.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--source must not be blank");
    }
    Path root = repoRoot.toAbsolutePath().normalize();
    Path output = outputDir != null ? outputDir : root.resolve("target").resolve("demo");
    Path jar = loggerJar != null ? loggerJar : root.resolve("event-logger-service/target/event-logger-service.jar");
    Demo.Options options = new Demo.Options(seconds, rate, seed, natsUrl, output,
        Demo.Options.javaJar(jar.toAbsolutePath()), source, Duration.ofSeconds(readinessTimeout),
        Duration.ofSeconds(drainTimeout));
    try {
      return new Demo(options, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    } catch (DemoException e) {
      spec.commandLine().getErr().println("demo failed: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}
