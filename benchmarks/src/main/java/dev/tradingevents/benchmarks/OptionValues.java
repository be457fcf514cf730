package dev.tradingevents.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/** Parsing of the benchmarks' flag values, with errors that name the flag. */
final class OptionValues {
  private OptionValues() {}

  /** One command-line option: a switch has no value. */
  record Option(String name, String value) {}

  /**
   * Splits {@code --name=value}, {@code --name value} and switches ({@code --help}): an option named in
   * {@code withValue} must have a value, any other name comes back without one (the caller's {@code
   * switch} takes its switches and refuses the rest as unknown).
   */
  static List<Option> split(String[] args, java.util.Set<String> withValue) {
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value = null;
      int equals = name.indexOf('=');
      if (name.startsWith("--") && equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (withValue.contains(name) && value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      options.add(new Option(name, value));
    }
    return options;
  }

  /** The distinct items of a comma-separated list, in order; at least one. */
  static <T> List<T> distinctList(String flag, String list, Function<String, T> parse) {
    LinkedHashSet<T> items = new LinkedHashSet<>();
    for (String label : list.split(",")) {
      if (!label.isBlank()) {
        items.add(parse.apply(label));
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException(flag + " must name at least one variant");
    }
    return new ArrayList<>(items);
  }

  static int positive(String name, String value) {
    int parsed = integer(name, value);
    if (parsed < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
    return parsed;
  }

  static int notNegative(String name, String value) {
    int parsed = integer(name, value);
    if (parsed < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return parsed;
  }

  static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
    }
  }

  /**
   * The service's JVM settings, as the launcher and the image use them for the logger and the replay: a
   * bounded heap and the serial collector keep the logger's RSS near 250 MB, where default ergonomics on a
   * large host let it grow past 500, and a replay with G1's growing heap spent a third of its time in the
   * kernel (page faults) and ran 30% slower.
   */
  static final String SERVICE_JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC";

  /**
   * The replay's JVM settings, as the launcher gives them ({@code REPLAY_JAVA_OPTS}): the service's serial
   * collector, with a 512 MB heap of which 400 MB are the young generation, compile thresholds three times
   * the JVM's, and two of the line's methods compiled on their own.
   *
   * <p>Why the young generation: a replay is slower than the server, so about a pull's worth of messages
   * (1,000, each with its parsed headers) always waits in jnats, and more in the hand-off to the writing
   * thread: every young collection finds 5 to 22 MB of them alive and copies them. With the service's
   * 256 MB heap, the default young generation's survivor spaces (8.5 MB) overflowed into the old
   * generation; 160 MB (until run FC) held them, in 72 collections per 1M events. 400 MB (an eden of
   * 320 MB against 128) makes 2.5 times fewer, each copying the same few MB: 6 of 6 interleaved pairs
   * faster (105,200 against 92,200 events/s on average; docs/benchmarks.md). The cost is memory: 451 MB
   * peak RSS against 334, for a batch job an operator starts, and {@code REPLAY_JAVA_OPTS} replaces it.
   *
   * <p>Why the compile thresholds: a replay is a cold JVM that runs for seconds, and C2's thread took 3.0 to
   * 4.0 s of CPU per 1M events while the replay waited for the CPU. Three times the thresholds leave the
   * code that runs only some thousand times to C1: 353 C2 compilations instead of 504 (JFR {@code
   * jdk.Compilation}, one replay each), C2's thread 2.3 to 3.2 s, and 9 interleaved pairs were faster in 7
   * (93,994 against 88,907 events/s on average).
   *
   * <p>Why {@code dontinline}: C2 compiled the line's tree of code four times, once inlined into each
   * caller ({@code Replayer.emit} 456 ms, {@code LineOutput.write} 494, {@code EventLineEncoder.write} 380,
   * {@code EventSummaries.append} 284; JFR {@code jdk.Compilation}), while the replay waited for the CPU.
   * A call per event costs nanoseconds. {@code quiet} keeps the JVM from printing the commands on stdout,
   * where a replay may write its lines. {@code ReplayJavaOptsTest} checks the named methods exist.
   *
   * <p>The raw reader the benchmark compares the replay with gets the same options, and read within its
   * noise with and without each of them.
   */
  static final String REPLAY_JAVA_OPTS = "-Xmx512m -Xmn400m -XX:+UseSerialGC -XX:CompileThresholdScaling=3"
      + " -XX:CompileCommand=quiet"
      + " -XX:CompileCommand=dontinline,dev.tradingevents.logger.logline.EventLineEncoder::write"
      + " -XX:CompileCommand=dontinline,dev.tradingevents.logger.logline.EventSummaries::append";

  /** The service's shaded jar as the reactor builds it, relative to the repository root. */
  static final String DEFAULT_LOGGER_JAR = "event-logger-service/target/event-logger-service.jar";

  /** {@code $NATS_URL} as a server URL: null when unset or blank. */
  static String natsUrl(String envNatsUrl) {
    return envNatsUrl == null || envNatsUrl.isBlank() ? null : envNatsUrl.trim();
  }

  /** JVM options given as one space-separated value; none when blank. */
  static List<String> words(String value) {
    return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }
}
