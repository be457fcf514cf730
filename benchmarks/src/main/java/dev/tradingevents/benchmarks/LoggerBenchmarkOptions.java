package dev.tradingevents.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Command-line options of {@link LoggerBenchmark}.
 *
 * @param events measured events: preloaded into the stream after the warm-up ones; the raw consumer and
 *     the logger each read all of them in every round
 * @param rounds measured rounds; each runs the raw consumer, then every logger variant, on fresh durables
 * @param turnMillis the raw consumer and the first logger variant run by turns of this many ms ({@link
 *     TakingTurns}), each in a JVM of its own with {@code loggerJavaOpts}; 0 runs them one after the other, the
 *     raw consumer in the benchmark's JVM
 * @param rates end-to-end phases: events/s published, in this order (empty: no end-to-end phase)
 * @param rateSeconds how long each end-to-end phase publishes
 * @param rateRounds how many phases each rate gets: the rates run in order, then reversed, and so on, and a
 *     rate's quantiles are the medians over its phases ({@link LoggerReport.RateSummary})
 * @param warmupEvents events every consumer reads before its measured ones: preloaded first for the rounds,
 *     published before the first end-to-end phase
 * @param out where the JSON report goes
 * @param loggerJar the event-logger-service shaded jar, run as a child process
 * @param loggerVariants the logger variants each round runs, in order; the first one gives the ratio
 *     and runs the end-to-end phases
 * @param loggerJavaOpts JVM options of every logger child (e.g. {@code -Xmx256m})
 * @param profileDir when set, every logger child records a JFR profile into this directory
 * @param profileSettings the JFR settings of those recordings: {@code profile}, {@code default} or a .jfc file
 * @param keepLogs keep the children's log files (else each is deleted once read)
 * @param stream the stream to create (file storage) and purge
 * @param subjectPrefix subject prefix; the stream takes {@code <prefix>.>}
 * @param natsUrl a server to use instead of starting one, or {@code null}
 * @param help whether to print the usage and stop
 */
record LoggerBenchmarkOptions(
    int events,
    int rounds,
    int turnMillis,
    List<Integer> rates,
    int rateSeconds,
    int rateRounds,
    int warmupEvents,
    Path out,
    Path loggerJar,
    List<LoggerVariant> loggerVariants,
    List<String> loggerJavaOpts,
    Path profileDir,
    String profileSettings,
    boolean keepLogs,
    String stream,
    String subjectPrefix,
    String natsUrl,
    boolean help) {

  static final int DEFAULT_EVENTS = 100_000;
  static final int DEFAULT_ROUNDS = 3;
  static final int DEFAULT_TURN_MILLIS = 1_000;
  static final String DEFAULT_RATES = "1000,5000,20000";
  static final int DEFAULT_RATE_SECONDS = 4;
  static final int DEFAULT_RATE_ROUNDS = 1;
  static final int DEFAULT_WARMUP_EVENTS = 10_000;
  static final String DEFAULT_OUT = "benchmarks/target/bench/logger.json";
  static final String DEFAULT_STREAM = "LOGGER_BENCH";
  static final String DEFAULT_PREFIX = "events";

  private static final Set<String> WITH_VALUE = Set.of("--events", "--rounds", "--turn-ms", "--rates", "--rate-seconds",
      "--rate-rounds", "--warmup-events", "--out", "--logger-jar", "--logger-variants", "--logger-java-opts", "--profile",
      "--profile-settings",
      "--stream", "--prefix", "--nats-url");

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -cp benchmarks/target/benchmarks.jar dev.tradingevents.benchmarks.LoggerBenchmark [options]",
      "",
      "Runs the real event-logger-service (its shaded jar, as a child process, writing its JSON lines to a file)",
      "against a raw jnats pull consumer that only acks, on the same stream content in one run, and then",
      "measures publish -> log line latency at fixed publish rates.",
      "",
      "  --events N            measured events, preloaded after the warm-up ones; every consumer reads all of",
      "                        them (default " + DEFAULT_EVENTS + ")",
      "  --rounds R            rounds, each: raw consumer, then each logger variant (default " + DEFAULT_ROUNDS + ")",
      "  --turn-ms MS          the raw consumer and the first variant, each a new JVM with --logger-java-opts, run",
      "                        by turns of MS ms once both are warm (SIGSTOP/SIGCONT), so that both meet the same",
      "                        spells of a shared machine; 0: one after the other, the raw consumer in this JVM",
      "                        (default " + DEFAULT_TURN_MILLIS + ")",
      "  --rates LIST          end-to-end publish rates, events/s, comma-separated (default " + DEFAULT_RATES + ";",
      "                        'none' skips the end-to-end phases)",
      "  --rate-seconds S      seconds each rate publishes (default " + DEFAULT_RATE_SECONDS + ")",
      "  --rate-rounds N       phases per rate: the rates in order, then reversed, and so on; each quantile",
      "                        is the median over a rate's phases (default " + DEFAULT_RATE_ROUNDS + ")",
      "  --warmup-events N     events every consumer reads before it is measured, so both are compared in",
      "                        steady state: preloaded before the measured ones in each round, published",
      "                        before the first end-to-end rate (default " + DEFAULT_WARMUP_EVENTS + ")",
      "  --out PATH            JSON report (default " + DEFAULT_OUT + ")",
      "  --logger-jar PATH     event-logger-service shaded jar (default " + OptionValues.DEFAULT_LOGGER_JAR + ")",
      "  --logger-variants L   comma-separated, in run order (default " + LoggerVariant.DEFAULT + "):",
      LoggerVariant.help("                          "),
      "  --logger-java-opts S  JVM options of every logger child, space-separated (default: none)",
      "  --profile DIR         each logger child records a JFR profile into DIR/<round or e2e>-<variant>.jfr",
      "  --profile-settings S  JFR settings: profile (default), default, or a .jfc file (e.g. with 1 ms sampling)",
      "  --keep-logs           keep the children's log files (default: each is deleted once read)",
      "  --stream NAME         stream to create and PURGE (default " + DEFAULT_STREAM + ")",
      "  --prefix P            subject prefix, the stream takes P.> (default " + DEFAULT_PREFIX + ")",
      "  --nats-url URL        use this server instead of starting nats-server (default: $NATS_URL if set)",
      "  --help                print this and exit",
      "",
      "Without a URL it starts nats-server (on the PATH or $NATS_SERVER_PATH) on 127.0.0.1 with a temp store.",
      "Against a shared server pick a --stream and --prefix no other stream uses: the stream is purged.");

  /** Parses {@code args}; {@code envNatsUrl} is {@code $NATS_URL}. */
  static LoggerBenchmarkOptions parse(String[] args, String envNatsUrl) {
    int events = DEFAULT_EVENTS;
    int rounds = DEFAULT_ROUNDS;
    int turnMillis = DEFAULT_TURN_MILLIS;
    List<Integer> rates = rates(DEFAULT_RATES);
    int rateSeconds = DEFAULT_RATE_SECONDS;
    int rateRounds = DEFAULT_RATE_ROUNDS;
    int warmupEvents = DEFAULT_WARMUP_EVENTS;
    Path out = Path.of(DEFAULT_OUT);
    Path loggerJar = Path.of(OptionValues.DEFAULT_LOGGER_JAR);
    List<LoggerVariant> variants = variants(LoggerVariant.DEFAULT);
    List<String> javaOpts = List.of();
    Path profileDir = null;
    String profileSettings = "profile";
    boolean keepLogs = false;
    String stream = DEFAULT_STREAM;
    String prefix = DEFAULT_PREFIX;
    String natsUrl = OptionValues.natsUrl(envNatsUrl);
    boolean help = false;
    for (OptionValues.Option option : OptionValues.split(args, WITH_VALUE)) {
      String name = option.name();
      String value = option.value();
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--keep-logs" -> keepLogs = true;
        case "--events" -> events = OptionValues.positive(name, value);
        case "--rounds" -> rounds = OptionValues.positive(name, value);
        case "--turn-ms" -> turnMillis = OptionValues.notNegative(name, value);
        case "--rates" -> rates = rates(value);
        case "--rate-seconds" -> rateSeconds = OptionValues.positive(name, value);
        case "--rate-rounds" -> rateRounds = OptionValues.positive(name, value);
        case "--warmup-events" -> warmupEvents = OptionValues.notNegative(name, value);
        case "--out" -> out = Path.of(value);
        case "--logger-jar" -> loggerJar = Path.of(value);
        case "--logger-variants" -> variants = variants(value);
        case "--logger-java-opts" -> javaOpts = OptionValues.words(value);
        case "--profile" -> profileDir = Path.of(value);
        case "--profile-settings" -> profileSettings = value;
        case "--stream" -> stream = value;
        case "--prefix" -> prefix = value;
        case "--nats-url" -> natsUrl = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    return new LoggerBenchmarkOptions(events, rounds, turnMillis, rates, rateSeconds, rateRounds, warmupEvents, out,
        loggerJar, variants,
        javaOpts, profileDir, profileSettings, keepLogs, stream, prefix, natsUrl, help);
  }

  /** The variant that gives {@code logger_ratio} and runs the end-to-end phases. */
  LoggerVariant primaryVariant() {
    return loggerVariants.get(0);
  }

  /** {@code 1k} for 1000, {@code 20k} for 20000, {@code 500} for 500: the suffix of the per-rate JSON keys. */
  static String rateLabel(int rate) {
    return rate % 1000 == 0 ? rate / 1000 + "k" : Integer.toString(rate);
  }

  private static List<Integer> rates(String list) {
    if (list.trim().equalsIgnoreCase("none")) {
      return List.of();
    }
    LinkedHashSet<Integer> rates = new LinkedHashSet<>();
    for (String rate : list.split(",")) {
      if (!rate.isBlank()) {
        rates.add(OptionValues.positive("--rates", rate.trim()));
      }
    }
    return List.copyOf(rates);
  }

  private static List<LoggerVariant> variants(String list) {
    return OptionValues.distinctList("--logger-variants", list, LoggerVariant::of);
  }

  /** How a logger child is configured beyond the common settings. */
  enum LoggerVariant {
    /**
     * The service as deployed, minus the network: the OpenTelemetry SDK is on and makes a CONSUMER span
     * per event (the preloaded messages carry a sampled {@code traceparent}), but exports nowhere.
     */
    TRACED("logger", "OTEL_TRACES_EXPORTER=none: spans made (sampled parent), not exported",
        List.of("OTEL_TRACES_EXPORTER=none")),
    /** The SDK disabled: no spans are recorded; trace ids still come from the incoming headers. */
    NO_OTEL("logger-nootel", "OTEL_SDK_DISABLED=true: no spans recorded", List.of("OTEL_SDK_DISABLED=true"));

    static final String DEFAULT = "logger";

    private final String label;
    private final String description;
    private final List<String> environment;

    LoggerVariant(String label, String description, List<String> environment) {
      this.label = label;
      this.description = description;
      this.environment = environment;
    }

    String label() {
      return label;
    }

    String description() {
      return description;
    }

    /** {@code NAME=value} pairs this variant adds to the child's environment. */
    List<String> environment() {
      return environment;
    }

    static LoggerVariant of(String label) {
      String wanted = label.trim().toLowerCase(Locale.ROOT);
      return Arrays.stream(values()).filter(v -> v.label.equals(wanted)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown logger variant '" + label + "', expected one of "
              + Arrays.stream(values()).map(LoggerVariant::label).collect(Collectors.joining(", "))));
    }

    static String help(String indent) {
      return Arrays.stream(values()).map(v -> indent + String.format("%-14s %s", v.label, v.description))
          .collect(Collectors.joining(System.lineSeparator()));
    }
  }
}
