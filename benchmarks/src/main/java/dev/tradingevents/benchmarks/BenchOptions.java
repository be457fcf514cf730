package dev.tradingevents.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link BenchCommand}: the sizes of its three parts. {@code --quick} changes the
 * defaults only; a size given explicitly wins either way.
 *
 * @param quick whether the quick defaults were used (figures indicative only)
 * @param publishEvents events per variant per round of the publish part
 * @param publishRounds measured rounds of the publish part (one warm-up round comes first)
 * @param publishVariants the publish variants, comma-separated
 * @param loggerEvents events the raw consumer and the logger each read in every round
 * @param loggerRounds rounds of the consume + log part
 * @param rates end-to-end publish rates, comma-separated
 * @param rateSeconds seconds each end-to-end rate publishes
 * @param rateRounds end-to-end phases per rate (the rates in order, then reversed, ...); the quantiles are
 *     medians over a rate's phases
 * @param warmupEvents events every logger (and the raw consumer) reads before it is measured
 * @param replayEvents events stored for the replay part
 * @param replayRounds rounds of the replay part
 * @param loggerJar the event-logger-service shaded jar (the logger child and the replay command)
 * @param loggerJavaOpts JVM options of every logger child
 * @param replayJavaOpts JVM options of the replay child and of the raw readers it is compared with
 * @param publishJavaOpts JVM options of the publish part's JVM (the stand-in for a trading service)
 * @param profileDir when set, every logger child records a JFR profile there
 * @param out results.json (given a directory, results.json in it); the three parts' own reports go next to it
 * @param natsUrl a server to use instead of starting one, or {@code null}
 * @param help whether to print the usage and stop
 */
record BenchOptions(
    boolean quick,
    int publishEvents,
    int publishRounds,
    String publishVariants,
    int loggerEvents,
    int loggerRounds,
    String rates,
    int rateSeconds,
    int rateRounds,
    int warmupEvents,
    int replayEvents,
    int replayRounds,
    Path loggerJar,
    String loggerJavaOpts,
    String replayJavaOpts,
    String publishJavaOpts,
    Path profileDir,
    Path out,
    String natsUrl,
    boolean help) {

  static final String DEFAULT_LOGGER_JAVA_OPTS = OptionValues.SERVICE_JAVA_OPTS;
  static final String DEFAULT_REPLAY_JAVA_OPTS = OptionValues.REPLAY_JAVA_OPTS;

  /**
   * The publish part's JVM: a fixed heap, as a latency-sensitive service sets it. With the JVM's default
   * ergonomics (initial heap 1/64 of the host's memory), each round's {@code System.gc()} shrank the heap
   * to about 136 MB; G1 then ran 114 pauses, 9.5 s of a 42 s run, copying the in-flight window again and
   * again, and the JVM spent medians of 21 to 29 µs of CPU per publish, against 10 to 16 with a fixed
   * heap (docs/benchmarks.md, "Method"). An allocation the service's heap would absorb was charged to
   * the variant that allocates more.
   */
  static final String DEFAULT_PUBLISH_JAVA_OPTS = "-Xms2g -Xmx2g -XX:+AlwaysPreTouch";
  static final String DEFAULT_OUT = "target/bench/results.json";

  /**
   * Full run: about 12 minutes on two cores. Five rounds of the logger ratio: on this shared 2-core VM a
   * round's ratio swung by ±0.2 (logger rounds 0.64, 0.83, 0.63 in one run), and the median of five moves
   * less with one stray round than the median of three. (Since the logger and the replay run by turns
   * beside their baselines, their rounds swing far less: docs/benchmarks.md, "Taking turns".)
   *
   * <p>Nine publish and nine replay rounds: their rounds still swing (standard deviations about 0.1 and
   * 0.04, around medians of 0.98 and 0.64), nearly independently of each other, and the replay's target
   * is near its median. Drawn from the rounds of runs IA to JE, the median of five fell under the target in
   * 8% (publish) and 6% (replay) of the draws, the median of nine in 3% and 2%. Three rounds of each
   * end-to-end rate: one 10-second phase in a slow spell of the machine missed the p99 target at 5,000/s
   * in three of seventeen runs, and the median of three phases is not moved by one ({@code
   * LoggerBenchmark#rateOrder}).
   */
  private static final Sizes FULL = new Sizes(100_000, 9, Variant.DEFAULT, 300_000, 5, "1000,5000,20000", 10, 3,
      300_000, 1_000_000, 9);
  /** Quick run: under a minute on two cores; one round of each, one second per rate. */
  private static final Sizes QUICK = new Sizes(10_000, 1, "raw,ours", 10_000, 1, "1000,5000,20000", 1, 1, 1_000,
      10_000, 1);

  private record Sizes(int publishEvents, int publishRounds, String publishVariants, int loggerEvents,
      int loggerRounds, String rates, int rateSeconds, int rateRounds, int warmupEvents, int replayEvents,
      int replayRounds) {}

  private static final Set<String> WITH_VALUE = Set.of("--publish-events", "--publish-rounds", "--publish-variants",
      "--logger-events", "--logger-rounds", "--rates", "--rate-seconds", "--rate-rounds",
      "--warmup-events", "--replay-events",
      "--replay-rounds", "--logger-jar", "--logger-java-opts", "--replay-java-opts", "--publish-java-opts", "--profile",
      "--out", "--nats-url");

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: bin/trading-events bench [--quick] [options]",
      "       (java -cp benchmarks/target/benchmarks.jar dev.tradingevents.benchmarks.BenchCommand, from the repo root)",
      "",
      "Measures, in one run against one nats-server, each part of the pipeline beside its raw jnats baseline:",
      "publish (EventPublisher vs publishAsync, in a JVM of their own), consume + log (the logger jar vs a pull consumer",
      "that only acks), end-to-end latency publish -> log line at fixed rates, memory (allocation per publish,",
      "logger RSS and heap after GC), and replay (to a file vs a raw ordered consumer). Prints one table and",
      "writes results.json, with publish.json, logger.json and replay.json (every run) next to it.",
      "",
      "  --quick                 small sizes, one round each, 1 s per rate: < 60 s on 2 cores; figures are",
      "                          indicative only (too short a warm-up for a new logger JVM's JIT)",
      "  --publish-events N      events per publish variant per round (default " + FULL.publishEvents + ", quick "
          + QUICK.publishEvents + ")",
      "  --publish-rounds R      measured publish rounds, after one warm-up round (default " + FULL.publishRounds
          + ", quick " + QUICK.publishRounds + ")",
      "  --publish-variants L    (default " + FULL.publishVariants + ", quick " + QUICK.publishVariants + ")",
      "  --logger-events N       measured events the raw consumer and the logger each read per round (default "
          + FULL.loggerEvents + ", quick " + QUICK.loggerEvents + ")",
      "  --logger-rounds R       consume + log rounds (default " + FULL.loggerRounds + ", quick " + QUICK.loggerRounds
          + ")",
      "  --rates LIST            end-to-end rates, events/s (default " + FULL.rates + ")",
      "  --rate-seconds S        seconds per rate (default " + FULL.rateSeconds + ", quick " + QUICK.rateSeconds + ")",
      "  --rate-rounds N         phases per rate, the rates there and back; quantiles are medians over them",
      "                          (default " + FULL.rateRounds + ", quick " + QUICK.rateRounds + ")",
      "  --warmup-events N       events every logger reads before it is measured, in each consume + log round",
      "                          (the raw consumer too) and before the first end-to-end rate (default "
          + FULL.warmupEvents + ", quick " + QUICK.warmupEvents + ")",
      "  --replay-events N       events stored for replay (default " + FULL.replayEvents + ", quick "
          + QUICK.replayEvents + ")",
      "  --replay-rounds R       replay rounds (default " + FULL.replayRounds + ", quick " + QUICK.replayRounds + ")",
      "  --logger-java-opts S    JVM options of the logger children (default \"" + DEFAULT_LOGGER_JAVA_OPTS + "\",",
      "                          the service's intended settings; \"\" for the JVM's default ergonomics)",
      "  --replay-java-opts S    JVM options of the replay children and of the raw readers beside them",
      "                          (default: the launcher's REPLAY_JAVA_OPTS, \"" + DEFAULT_REPLAY_JAVA_OPTS + "\")",
      "  --publish-java-opts S   JVM options of the publish part, which runs in a JVM of its own (default",
      "                          \"" + DEFAULT_PUBLISH_JAVA_OPTS + "\", a fixed heap as a trading service sets it)",
      "  --logger-jar PATH       event-logger-service shaded jar (default " + OptionValues.DEFAULT_LOGGER_JAR + ")",
      "  --profile DIR           every logger child records a JFR profile into DIR",
      "  --out PATH              results file when PATH ends in .json, else a directory (made when missing)",
      "                          to write results.json in (default " + DEFAULT_OUT + "); each part's own",
      "                          report goes next to it",
      "  --nats-url URL          use this server instead of starting nats-server (default: $NATS_URL if set);",
      "                          the streams PUBLISH_BENCH, LOGGER_BENCH, REPLAY_BENCH are created and purged;",
      "                          a server it starts inherits GOGC and GOMEMLIMIT (bin/trading-events sets the",
      "                          deployment's GOGC=off GOMEMLIMIT=2GiB unless either is set)",
      "  --help                  print this and exit",
      "",
      "Exit status: 0 every part ran and accounted for every event; 1 a part failed or lost events (the",
      "results say which); 2 bad options or a missing jar.");

  static BenchOptions parse(String[] args, String envNatsUrl) {
    List<OptionValues.Option> options = OptionValues.split(args, WITH_VALUE);
    boolean quick = options.stream().anyMatch(o -> o.name().equals("--quick"));
    Sizes sizes = quick ? QUICK : FULL;
    int publishEvents = sizes.publishEvents;
    int publishRounds = sizes.publishRounds;
    String publishVariants = sizes.publishVariants;
    int loggerEvents = sizes.loggerEvents;
    int loggerRounds = sizes.loggerRounds;
    String rates = sizes.rates;
    int rateSeconds = sizes.rateSeconds;
    int rateRounds = sizes.rateRounds;
    int warmupEvents = sizes.warmupEvents;
    int replayEvents = sizes.replayEvents;
    int replayRounds = sizes.replayRounds;
    Path loggerJar = Path.of(OptionValues.DEFAULT_LOGGER_JAR);
    String loggerJavaOpts = DEFAULT_LOGGER_JAVA_OPTS;
    String replayJavaOpts = DEFAULT_REPLAY_JAVA_OPTS;
    String publishJavaOpts = DEFAULT_PUBLISH_JAVA_OPTS;
    Path profileDir = null;
    Path out = Path.of(DEFAULT_OUT);
    String natsUrl = OptionValues.natsUrl(envNatsUrl);
    boolean help = false;
    for (OptionValues.Option option : options) {
      String name = option.name();
      String value = option.value();
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--quick" -> { } // read above: it sets the defaults
        case "--publish-events" -> publishEvents = OptionValues.positive(name, value);
        case "--publish-rounds" -> publishRounds = OptionValues.positive(name, value);
        case "--publish-variants" -> publishVariants = checkedVariants(value);
        case "--logger-events" -> loggerEvents = OptionValues.positive(name, value);
        case "--logger-rounds" -> loggerRounds = OptionValues.positive(name, value);
        case "--rates" -> rates = value;
        case "--rate-seconds" -> rateSeconds = OptionValues.positive(name, value);
        case "--rate-rounds" -> rateRounds = OptionValues.positive(name, value);
        case "--warmup-events" -> warmupEvents = OptionValues.notNegative(name, value);
        case "--replay-events" -> replayEvents = OptionValues.positive(name, value);
        case "--replay-rounds" -> replayRounds = OptionValues.positive(name, value);
        case "--logger-jar" -> loggerJar = Path.of(value);
        case "--logger-java-opts" -> loggerJavaOpts = value.trim();
        case "--replay-java-opts" -> replayJavaOpts = value.trim();
        case "--publish-java-opts" -> publishJavaOpts = value.trim();
        case "--profile" -> profileDir = Path.of(value);
        case "--out" -> out = results(value);
        case "--nats-url" -> natsUrl = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    return new BenchOptions(quick, publishEvents, publishRounds, publishVariants, loggerEvents, loggerRounds, rates,
        rateSeconds, rateRounds, warmupEvents, replayEvents, replayRounds, loggerJar, loggerJavaOpts, replayJavaOpts,
        publishJavaOpts, profileDir, out, natsUrl, help);
  }

  /** The publish variants must include raw and ours: the ratio is between them. */
  private static String checkedVariants(String list) {
    List<Variant> variants = OptionValues.distinctList("--publish-variants", list, Variant::of);
    if (!variants.contains(Variant.RAW) || !variants.contains(Variant.OURS)) {
      throw new IllegalArgumentException("--publish-variants must include raw and ours, was " + list);
    }
    return list;
  }

  /**
   * The results file {@code --out} names: {@code value} itself when it ends in {@code .json}, else
   * results.json in the directory {@code value}. Why: a run once lost its results after 7.5 minutes, given
   * an existing directory; and a new name without {@code .json} became a file named like a directory, with
   * the parts' reports next to it, where the next run's overwrote them.
   */
  private static Path results(String value) {
    Path path = Path.of(value);
    return value.endsWith(".json") && !Files.isDirectory(path) ? path : path.resolve("results.json");
  }
}
