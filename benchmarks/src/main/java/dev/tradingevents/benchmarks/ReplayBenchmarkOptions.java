package dev.tradingevents.benchmarks;

import dev.tradingevents.logger.replay.ReplayCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link ReplayBenchmark}.
 *
 * @param events events stored in the stream once; every round reads all of them, raw and replayed
 * @param rounds measured rounds, each: the raw ordered consumers, then the replay command
 * @param turnMillis the replay and the raw pull reader run by turns of this many ms ({@link TakingTurns});
 *     0 runs them one after the other
 * @param batch messages per pull, of the replay ({@code --batch}) and of the raw pull consumer alike
 * @param loggerJar the event-logger-service shaded jar, whose replay command runs as a child process
 * @param javaOpts JVM options of the replay child and of the raw reader child
 * @param workDir where the replay writes its lines (deleted after each round)
 * @param stream the stream to create (file storage) and purge
 * @param natsUrl a server to use instead of starting one, or {@code null}
 * @param out where the JSON report goes
 * @param help whether to print the usage and stop
 */
record ReplayBenchmarkOptions(
    int events,
    int rounds,
    int turnMillis,
    int batch,
    Path loggerJar,
    List<String> javaOpts,
    Path workDir,
    String stream,
    String natsUrl,
    Path out,
    boolean help) {

  static final int DEFAULT_EVENTS = 1_000_000;
  static final int DEFAULT_ROUNDS = 3;
  static final int DEFAULT_TURN_MILLIS = 1_000;
  /** The replay command's own default. */
  static final int DEFAULT_BATCH = ReplayCommand.DEFAULT_BATCH;
  static final String DEFAULT_STREAM = "REPLAY_BENCH";
  static final String DEFAULT_WORK_DIR = "/tmp";
  static final String DEFAULT_OUT = "benchmarks/target/bench/replay.json";

  private static final Set<String> WITH_VALUE = Set.of("--events", "--rounds", "--turn-ms", "--batch", "--logger-jar", "--java-opts",
      "--work-dir", "--stream", "--nats-url", "--out");

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: java -cp benchmarks/target/benchmarks.jar dev.tradingevents.benchmarks.ReplayBenchmark [options]",
      "",
      "Stores N events once, then runs rounds of raw jnats ordered consumers reading the whole stream",
      "(counting messages) and the replay command (the service jar, a child JVM) writing it to a file. The",
      "baseline is the replay's own consumer kind, a pull ordered consumer with the same batch, in a child JVM;",
      "it and the replay run by turns (one stopped while the other runs) so that both meet the same spells of",
      "a shared machine. A push ordered consumer (a child JVM, and one in this JVM) is measured for information.",
      "",
      "  --events N        events stored (default " + DEFAULT_EVENTS + ")",
      "  --rounds R        rounds, each: raw push readers, then the raw pull reader and the replay (default "
          + DEFAULT_ROUNDS + ")",
      "  --turn-ms MS      the raw pull reader and the replay run by turns of MS ms (SIGSTOP/SIGCONT);",
      "                    0 runs them one after the other (default " + DEFAULT_TURN_MILLIS + ")",
      "  --batch N         messages per pull, of the replay and the raw pull consumer (default " + DEFAULT_BATCH + ")",
      "  --logger-jar PATH event-logger-service shaded jar (default " + OptionValues.DEFAULT_LOGGER_JAR + ")",
      "  --java-opts S     JVM options of the replay child and the raw reader child, space-separated",
      "                    (default \"" + OptionValues.REPLAY_JAVA_OPTS + "\", the launcher's; \"\" for JVM defaults)",
      "  --work-dir DIR    where the replayed lines go, deleted after each round (default " + DEFAULT_WORK_DIR + ")",
      "  --stream NAME     stream to create and PURGE, subjects <NAME lower case>.> (default " + DEFAULT_STREAM + ")",
      "  --nats-url URL    use this server instead of starting nats-server (default: $NATS_URL if set)",
      "  --out PATH        JSON report (default " + DEFAULT_OUT + ")",
      "  --help            print this and exit");

  static ReplayBenchmarkOptions parse(String[] args, String envNatsUrl) {
    int events = DEFAULT_EVENTS;
    int rounds = DEFAULT_ROUNDS;
    int turnMillis = DEFAULT_TURN_MILLIS;
    int batch = DEFAULT_BATCH;
    Path loggerJar = Path.of(OptionValues.DEFAULT_LOGGER_JAR);
    List<String> javaOpts = OptionValues.words(OptionValues.REPLAY_JAVA_OPTS);
    Path workDir = Path.of(DEFAULT_WORK_DIR);
    String stream = DEFAULT_STREAM;
    String natsUrl = OptionValues.natsUrl(envNatsUrl);
    Path out = Path.of(DEFAULT_OUT);
    boolean help = false;
    for (OptionValues.Option option : OptionValues.split(args, WITH_VALUE)) {
      String name = option.name();
      String value = option.value();
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--events" -> events = OptionValues.positive(name, value);
        case "--rounds" -> rounds = OptionValues.positive(name, value);
        case "--turn-ms" -> turnMillis = OptionValues.notNegative(name, value);
        case "--batch" -> batch = OptionValues.positive(name, value);
        case "--logger-jar" -> loggerJar = Path.of(value);
        case "--java-opts" -> javaOpts = OptionValues.words(value);
        case "--work-dir" -> workDir = Path.of(value);
        case "--stream" -> stream = value;
        case "--nats-url" -> natsUrl = value;
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    return new ReplayBenchmarkOptions(events, rounds, turnMillis, batch, loggerJar, javaOpts, workDir, stream, natsUrl, out, help);
  }
}
