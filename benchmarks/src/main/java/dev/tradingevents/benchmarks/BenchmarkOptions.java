package dev.tradingevents.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Command-line options of {@link PublishBenchmark}.
 *
 * @param events events published by each variant in each round
 * @param rounds measured rounds; each runs every variant once, in order
 * @param warmupRounds rounds run first and not counted
 * @param window in-flight window (publishes awaiting their ack) of every variant
 * @param slices pieces each variant's events of a round are published in, the variants taking turns
 * @param out where the JSON report goes
 * @param stream the stream name; the n-th variant's stream, {@code <stream>_<n>} (file storage), is emptied
 *     before each round
 * @param subjectPrefix subject prefix; the n-th variant's stream takes {@code <prefix>-<n>.>}
 * @param variants the variants, in the order each round runs them
 * @param natsUrl a server to use instead of starting one, or {@code null}
 * @param flushOnRequest jnats' {@code forceFlushOnRequest} of every connection (its default: true)
 * @param help whether to print the usage and stop
 */
record BenchmarkOptions(
    int events,
    int rounds,
    int warmupRounds,
    int window,
    int slices,
    Path out,
    String stream,
    String subjectPrefix,
    List<Variant> variants,
    String natsUrl,
    boolean flushOnRequest,
    boolean help) {

  static final int DEFAULT_EVENTS = 100_000;
  static final int DEFAULT_ROUNDS = 5;
  static final int DEFAULT_WARMUP_ROUNDS = 1;
  static final int DEFAULT_WINDOW = 10_000;
  static final int DEFAULT_SLICES = 2;
  static final String DEFAULT_OUT = "benchmarks/target/bench/publish.json";
  static final String DEFAULT_STREAM = "PUBLISH_BENCH";
  static final String DEFAULT_PREFIX = "events";

  private static final java.util.Set<String> WITH_VALUE = java.util.Set.of("--events", "--rounds",
      "--warmup-rounds", "--window", "--slices", "--out", "--variants", "--stream", "--prefix", "--nats-url");

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -jar benchmarks/target/benchmarks.jar [options]",
      "",
      "Publishes the same events through raw jnats publishAsync and through EventPublisher, interleaved in",
      "rounds in one process, and reports events/s, their ratio and bytes allocated per publish.",
      "",
      "  --events N         events per variant per round (default " + DEFAULT_EVENTS + ")",
      "  --rounds R         measured rounds (default " + DEFAULT_ROUNDS + ")",
      "  --warmup-rounds W  rounds run first and not counted (default " + DEFAULT_WARMUP_ROUNDS + ")",
      "  --window W         in-flight window of every variant (default " + DEFAULT_WINDOW + ")",
      "  --slices S         each variant publishes a round's events in S pieces, the variants taking turns",
      "                     piece by piece in the order A B C D, D C B A, ... (default " + DEFAULT_SLICES + ";",
      "                     1: each variant's events in one piece, one variant after the other)",
      "  --out PATH         JSON report (default " + DEFAULT_OUT + ")",
      "  --variants LIST    comma-separated, in run order (default " + Variant.DEFAULT + ";",
      "                     also ours-nootel: OpenTelemetry.noop(), no spans and no metrics)",
      "  --stream NAME      stream name: the n-th variant's stream is NAME_n, created and PURGED before each",
      "                     round (default " + DEFAULT_STREAM + ")",
      "  --prefix P         subject prefix: the n-th variant's stream takes P-n.> (default " + DEFAULT_PREFIX + ")",
      "  --nats-url URL     use this server instead of starting nats-server (default: $NATS_URL if set)",
      "  --dont-force-flush connect with jnats' Options.Builder#dontForceFlushOnRequest() (default: jnats'",
      "                     default, a socket flush after every publishAsync), for every variant alike",
      "  --help             print this and exit",
      "",
      "Without a URL it starts nats-server (on the PATH or $NATS_SERVER_PATH) on 127.0.0.1 with a temp store.",
      "Against a shared server pick a --stream and --prefix no other stream uses: the streams are purged.");

  /** Parses {@code args}; {@code env} gives {@code NATS_URL}. */
  static BenchmarkOptions parse(String[] args, String envNatsUrl) {
    int events = DEFAULT_EVENTS;
    int rounds = DEFAULT_ROUNDS;
    int warmupRounds = DEFAULT_WARMUP_ROUNDS;
    int window = DEFAULT_WINDOW;
    int slices = DEFAULT_SLICES;
    Path out = Path.of(DEFAULT_OUT);
    String stream = DEFAULT_STREAM;
    String prefix = DEFAULT_PREFIX;
    List<Variant> variants = variants(Variant.DEFAULT);
    String natsUrl = OptionValues.natsUrl(envNatsUrl);
    boolean flushOnRequest = true;
    boolean help = false;
    for (OptionValues.Option option : OptionValues.split(args, WITH_VALUE)) {
      String name = option.name();
      String value = option.value();
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--dont-force-flush" -> flushOnRequest = false;
        case "--events" -> events = OptionValues.positive(name, value);
        case "--rounds" -> rounds = OptionValues.positive(name, value);
        case "--warmup-rounds" -> warmupRounds = OptionValues.notNegative(name, value);
        case "--window" -> window = OptionValues.positive(name, value);
        case "--slices" -> slices = OptionValues.positive(name, value);
        case "--out" -> out = Path.of(value);
        case "--variants" -> variants = variants(value);
        case "--stream" -> stream = value;
        case "--prefix" -> prefix = value;
        case "--nats-url" -> natsUrl = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (slices > events) {
      throw new IllegalArgumentException("--slices " + slices + " is more than --events " + events);
    }
    return new BenchmarkOptions(events, rounds, warmupRounds, window, slices, out, stream, prefix, variants, natsUrl,
        flushOnRequest, help);
  }

  private static List<Variant> variants(String list) {
    return OptionValues.distinctList("--variants", list, Variant::of);
  }
}
