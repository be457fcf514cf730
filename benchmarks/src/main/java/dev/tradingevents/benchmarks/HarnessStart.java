package dev.tradingevents.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every harness's {@code run(args, out, err)} does before it measures: parse the arguments ({@code
 * NATS_URL} from the environment), print the usage on a bad one (exit 2) or on {@code --help} (exit 0), and
 * check that the logger jar is there when the harness needs it (exit 2).
 */
final class HarnessStart {
  private HarnessStart() {}

  /** An options parser: the arguments and {@code NATS_URL} (or null); throws IllegalArgumentException. */
  @FunctionalInterface
  interface Parser<O> {
    O parse(String[] args, String natsUrl);
  }

  /** The measuring part of a harness, given its options; returns the exit status. */
  @FunctionalInterface
  interface Body<O> {
    int run(O options) throws Exception;
  }

  /**
   * Parses and checks, then runs {@code body}.
   *
   * @param loggerJar the logger jar the options name, or null for a harness without one
   */
  static <O> int run(String[] args, PrintStream out, PrintStream err, Parser<O> parser, String usage,
      Predicate<O> help, Function<O, Path> loggerJar, Body<O> body) throws Exception {
    O options;
    try {
      options = parser.parse(args, System.getenv("NATS_URL"));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(usage);
      return 2;
    }
    if (help.test(options)) {
      out.println(usage);
      return 0;
    }
    if (loggerJar != null && !Files.isRegularFile(loggerJar.apply(options))) {
      err.println("logger jar not found: " + loggerJar.apply(options).toAbsolutePath() + System.lineSeparator()
          + "build it first (from the repository root): mvn -q -B package -DskipTests -pl event-logger-service -am"
          + System.lineSeparator() + "or point --logger-jar at it");
      return 2;
    }
    return body.run(options);
  }
}
