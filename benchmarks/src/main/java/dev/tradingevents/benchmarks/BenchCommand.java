package dev.tradingevents.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/trading-events bench}: every end-to-end benchmark in one command and one run, against one
 * nats-server, then one table and {@code target/bench/results.json}.
 *
 * <p>It runs the existing harnesses one after the other, each with its raw jnats baseline in the same run
 * ({@link PublishBenchmark}, {@link LoggerBenchmark} with its end-to-end rates and memory figures, {@link
 * ReplayBenchmark}), and merges their JSON reports: it measures nothing itself. The publish part runs first,
 * in a JVM of its own: that JVM stands for a trading service, with the fixed heap such a service runs with
 * ({@link BenchOptions#DEFAULT_PUBLISH_JAVA_OPTS}), and no other part's garbage disturbs its allocation
 * counts.
 */
public final class BenchCommand {
  /** The target for the logger's resident memory at full rate. */
  static final double TARGET_LOGGER_RSS_MB = 300;

  /** The keys results.json always has (null when the part that measures it failed). */
  static final List<String> KEYS = List.of("publish_ratio", "logger_ratio", "replay_ratio", "publish_events_per_s",
      "logger_events_per_s", "replay_events_per_s", "raw_publish_events_per_s", "raw_consume_events_per_s",
      "raw_replay_events_per_s", "e2e_p50_ms_at_1k", "e2e_p99_ms_at_1k", "e2e_p999_ms_at_1k", "e2e_p50_ms_at_5k",
      "e2e_p99_ms_at_5k", "e2e_p999_ms_at_5k", "e2e_p50_ms_at_20k", "e2e_p99_ms_at_20k", "e2e_p999_ms_at_20k",
      "alloc_bytes_per_publish", "alloc_bytes_per_publish_raw", "alloc_bytes_added_per_publish", "logger_rss_mb",
      "logger_heap_after_gc_mb");

  private final BenchOptions options;
  private final PrintStream out;
  private final PrintStream err;
  private final JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private BenchCommand(BenchOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs every part with these command-line arguments, {@code NATS_URL} from the environment.
   *
   * @return 0 when every part ran and accounted for every event, 1 when one did not, 2 for bad arguments or
   *     a missing logger jar
   */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    return HarnessStart.run(args, out, err, BenchOptions::parse, BenchOptions.USAGE, BenchOptions::help,
        BenchOptions::loggerJar, options -> new BenchCommand(options, out, err).execute(args));
  }

  /** One part: its harness's exit status and report, or why it has none. */
  private record Part(String name, int status, JsonNode report, String problem, double seconds) {
    boolean ok() {
      return status == 0 && problem == null && report != null && report.path("all_runs_ok").asBoolean(false);
    }
  }

  /** A harness's {@code run(args, out, err)}. */
  @FunctionalInterface
  private interface Harness {
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
  }

  private int execute(String[] args) throws Exception {
    Path dir = options.out().toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String load = loadAverage();
    Instant started = Instant.now();
    long start = System.nanoTime();
    BenchServer server = BenchServer.at(options.natsUrl());
    String url = server.url();
    String serverSource = server.source();
    String serverGoGc = server.goGc();
    String serverHugePages = server.hugePages();
    Map<String, List<String>> commands = new LinkedHashMap<>();
    List<Part> parts = new ArrayList<>();
    try (server) {
      out.printf("bench%s: publish, consume + log (with end-to-end latency and memory), replay; one run against %s%n",
          options.quick() ? " --quick" : "", serverSource);
      if (options.quick()) {
        out.println("QUICK: small sizes and one round each; the figures are indicative only");
      }
      // distinct subject prefixes: the three streams never overlap, also on a shared server
      List<String> publish = List.of("--events", Integer.toString(options.publishEvents()), "--rounds",
          Integer.toString(options.publishRounds()), "--warmup-rounds", "1", "--variants", options.publishVariants(),
          "--prefix", "bench-publish", "--nats-url", url, "--out", dir.resolve("publish.json").toString());
      List<String> logger = new ArrayList<>(List.of("--events", Integer.toString(options.loggerEvents()), "--rounds",
          Integer.toString(options.loggerRounds()), "--rates", options.rates(), "--rate-seconds",
          Integer.toString(options.rateSeconds()), "--rate-rounds", Integer.toString(options.rateRounds()),
          "--warmup-events", Integer.toString(options.warmupEvents()),
          "--logger-jar", options.loggerJar().toString(), "--logger-java-opts", options.loggerJavaOpts(),
          "--prefix", "bench-logger", "--nats-url", url, "--out", dir.resolve("logger.json").toString()));
      if (options.profileDir() != null) {
        logger.addAll(List.of("--profile", options.profileDir().toString()));
      }
      List<String> replay = List.of("--events", Integer.toString(options.replayEvents()), "--rounds",
          Integer.toString(options.replayRounds()), "--logger-jar", options.loggerJar().toString(), "--java-opts",
          options.replayJavaOpts(), "--nats-url", url, "--out", dir.resolve("replay.json").toString());
      commands.put("publish", publish);
      commands.put("logger", logger);
      commands.put("replay", replay);
      parts.add(runPart("publish", "1/3 publish: EventPublisher vs raw publishAsync",
          inOwnJvm(PublishBenchmark.class, OptionValues.words(options.publishJavaOpts())), publish,
          dir.resolve("publish.json")));
      parts.add(runPart("logger", "2/3 consume + log, end to end, memory: the logger jar vs a raw pull consumer",
          LoggerBenchmark::run, logger, dir.resolve("logger.json")));
      parts.add(runPart("replay", "3/3 replay: to a file vs a raw ordered consumer", ReplayBenchmark::run, replay,
          dir.resolve("replay.json")));
    }
    ObjectNode results = results(parts, commands, args, started, (System.nanoTime() - start) / 1e9, load,
        serverSource, serverGoGc, serverHugePages);
    mapper.writeValue(options.out().toFile(), results);
    printTable(results, parts);
    out.println("results: " + options.out().toAbsolutePath() + " (every run in publish.json, logger.json, replay.json"
        + " next to it)");
    if (!parts.stream().allMatch(Part::ok)) {
      err.println("some parts failed or did not account for every event: see `problems` in the results");
      return 1;
    }
    return 0;
  }

  private Part runPart(String name, String title, Harness harness, List<String> args, Path report) {
    out.println();
    out.println("== " + title + " ==");
    long start = System.nanoTime();
    int status;
    String problem = null;
    try {
      Files.deleteIfExists(report); // never merge a report of an earlier run
      status = harness.run(args.toArray(String[]::new), out, err);
    } catch (Exception e) {
      status = 1;
      problem = e.toString();
      err.println(name + " failed: " + e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode json = null;
    try {
      if (Files.isRegularFile(report)) {
        json = mapper.readTree(report.toFile());
      } else if (problem == null) {
        problem = "wrote no report (exit status " + status + ")";
      }
    } catch (IOException e) {
      problem = "unreadable report " + report + ": " + e;
    }
    if (problem == null && status != 0) {
      problem = "exit status " + status;
    }
    out.printf("(%s: %.0f s)%n", name, seconds);
    return new Part(name, status, json, problem, seconds);
  }

  /**
   * A harness's {@code main} in a new JVM with these options and this JVM's class path; its output is copied
   * line by line to the part's streams, and its exit status is the part's.
   */
  private static Harness inOwnJvm(Class<?> mainClass, List<String> javaOpts) {
    return (args, out, err) -> {
      List<String> options = new ArrayList<>(javaOpts);
      // the server this command started is not the child's own: name it, so the child can report its CPU
      CpuMeter.startedServers().findFirst()
          .ifPresent(server -> options.add("-D" + CpuMeter.SERVER_PID_PROPERTY + "=" + server.pid()));
      List<String> command = ChildJava.command(options, System.getProperty("java.class.path"), mainClass.getName(),
          List.of(args));
      Process process = new ProcessBuilder(command).start();
      try {
        Thread errors = new Thread(() -> copyLines(process.getErrorStream(), err), mainClass.getSimpleName() + "-stderr");
        errors.start();
        copyLines(process.getInputStream(), out);
        int status = process.waitFor();
        errors.join();
        return status;
      } finally {
        process.destroy(); // when this thread was interrupted: no benchmark left running on its own
      }
    };
  }

  private static void copyLines(InputStream from, PrintStream to) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
      lines.lines().forEach(to::println);
    } catch (IOException | UncheckedIOException e) {
      to.println("(output lost: " + e + ")");
    }
  }

  private ObjectNode results(List<Part> parts, Map<String, List<String>> commands, String[] args, Instant started,
      double seconds, String loadBefore, String serverSource, String serverGoGc,
      String serverHugePages) {
    JsonNode publish = report(parts, "publish");
    JsonNode logger = report(parts, "logger");
    JsonNode replay = report(parts, "replay");
    ObjectNode root = mapper.createObjectNode();
    copy(root, "publish_ratio", publish, "publish_ratio");
    copy(root, "logger_ratio", logger, "logger_ratio");
    copy(root, "replay_ratio", replay, "replay_ratio");
    copy(root, "publish_ratio_of_medians", publish, "publish_ratio_of_medians");
    copy(root, "logger_ratio_of_medians", logger, "logger_ratio_of_medians");
    copy(root, "replay_ratio_of_medians", replay, "replay_ratio_of_medians");
    copy(root, "publish_events_per_s", publish, "publish_events_per_s");
    copy(root, "logger_events_per_s", logger, "logger_events_per_s");
    copy(root, "replay_events_per_s", replay, "replay_events_per_s");
    copy(root, "raw_publish_events_per_s", publish, "raw_publish_events_per_s");
    copy(root, "raw_consume_events_per_s", logger, "raw_consumer_events_per_s");
    copy(root, "raw_replay_events_per_s", replay, "raw_replay_events_per_s");
    copy(root, "raw_replay_push_events_per_s", replay, "raw_replay_push_events_per_s");
    copy(root, "replay_ratio_vs_push", replay, "replay_ratio_vs_push");
    for (String rate : List.of("1k", "5k", "20k")) {
      for (String quantile : List.of("p50", "p99", "p999")) {
        copy(root, "e2e_" + quantile + "_ms_at_" + rate, logger, "e2e_" + quantile + "_ms_at_" + rate);
      }
      copy(root, "e2e_p99_ms_at_" + rate + "_pooled", logger, "e2e_p99_ms_at_" + rate + "_pooled");
      JsonNode byRound = logger == null ? null : logger.get("e2e_p99_ms_at_" + rate + "_by_round");
      if (byRound != null && byRound.isArray()) {
        root.set("e2e_p99_ms_at_" + rate + "_by_round", byRound);
      }
      copy(root, "e2e_kept_up_at_" + rate, logger, "e2e_kept_up_at_" + rate);
    }
    copy(root, "alloc_bytes_per_publish", publish, "alloc_bytes_per_publish");
    copy(root, "alloc_bytes_per_publish_raw", publish, "raw_alloc_bytes_per_publish");
    copy(root, "alloc_bytes_added_per_publish", publish, "alloc_bytes_added_per_publish");
    copy(root, "logger_rss_mb", logger, "logger_rss_mb");
    copy(root, "logger_peak_rss_mb", logger, "logger_peak_rss_mb");
    copy(root, "logger_heap_after_gc_mb", logger, "logger_heap_after_gc_mb");
    copy(root, "logger_cold_ratio", logger, "logger_cold_ratio");
    copy(root, "logger_cpu_us_per_event", logger, "logger_cpu_us_per_event");
    copy(root, "logger_cpu_us_per_event_without_jit", logger, "logger_cpu_us_per_event_without_jit");
    copy(root, "raw_consume_cpu_us_per_event", logger, "raw_consumer_jvm_cpu_us_per_event");
    copy(root, "jvm_cpu_us_per_publish", publish, "jvm_cpu_us_per_publish");
    copy(root, "raw_jvm_cpu_us_per_publish", publish, "raw_jvm_cpu_us_per_publish");
    copy(root, "replay_jvm_cpu_us_per_event", replay, "replay_jvm_cpu_us_per_event");
    copy(root, "raw_replay_jvm_cpu_us_per_event", replay, "raw_replay_jvm_cpu_us_per_event");

    ObjectNode targets = root.putObject("targets");
    targets.put("publish_ratio", ">= " + PublishBenchmark.TARGET_RATIO);
    targets.put("logger_ratio", ">= " + LoggerBenchmark.TARGET_RATIO);
    targets.put("replay_ratio", ">= " + ReplayBenchmark.TARGET_RATIO);
    targets.put("e2e_p99_ms_at_5k", "<= " + LoggerBenchmark.TARGET_E2E_P99_MS);
    targets.put("alloc_bytes_per_publish", "<= " + PublishBenchmark.TARGET_ALLOC_BYTES);
    targets.put("alloc_bytes_added_per_publish", "<= " + PublishBenchmark.TARGET_ALLOC_BYTES
        + " (the same limit read as what EventPublisher adds to raw jnats)");
    targets.put("logger_rss_mb", "<= " + TARGET_LOGGER_RSS_MB);
    ObjectNode met = root.putObject("targets_met");
    atLeast(met, root, "publish_ratio", PublishBenchmark.TARGET_RATIO);
    atLeast(met, root, "logger_ratio", LoggerBenchmark.TARGET_RATIO);
    atLeast(met, root, "replay_ratio", ReplayBenchmark.TARGET_RATIO);
    atMost(met, root, "e2e_p99_ms_at_5k", LoggerBenchmark.TARGET_E2E_P99_MS);
    atMost(met, root, "alloc_bytes_per_publish", PublishBenchmark.TARGET_ALLOC_BYTES);
    atMost(met, root, "alloc_bytes_added_per_publish", PublishBenchmark.TARGET_ALLOC_BYTES);
    atMost(met, root, "logger_rss_mb", TARGET_LOGGER_RSS_MB);

    root.put("quick", options.quick());
    root.put("all_runs_ok", parts.stream().allMatch(Part::ok));
    var problems = root.putArray("problems");
    for (Part part : parts) {
      if (!part.ok()) {
        problems.add(part.name() + ": " + (part.problem() != null ? part.problem() : "runs not ok"));
      }
      if (part.report() != null) {
        part.report().path("problems").forEach(p -> problems.add(part.name() + ": " + p.asText()));
      }
    }
    ObjectNode machine = root.putObject("machine");
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("java_version", System.getProperty("java.version"));
    machine.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    machine.put("memory_total_mb", memTotalMb());
    String serverVersion = publish != null ? publish.path("nats_server_version").asText(null)
        : logger != null ? logger.path("nats_server_version").asText(null) : null;
    machine.put("nats_server_version", serverVersion);
    machine.put("nats_server", serverSource);
    machine.put("nats_server_go_gc", serverGoGc);
    machine.put("nats_server_huge_pages", serverHugePages);
    machine.put("load_average_before", loadBefore);
    machine.put("load_average_after", loadAverage());
    root.put("command_line", commandLine(args));
    ObjectNode partCommands = root.putObject("part_commands");
    commands.forEach((name, partArgs) -> partCommands.put(name, String.join(" ", quoted(partArgs))));
    root.put("logger_java_opts", options.loggerJavaOpts());
    root.put("replay_java_opts", options.replayJavaOpts());
    root.put("publish_java_opts", options.publishJavaOpts());
    root.put("started_at", started.toString());
    root.put("seconds", seconds);
    ObjectNode sizes = root.putObject("sizes");
    sizes.put("publish_events", options.publishEvents());
    sizes.put("publish_rounds", options.publishRounds());
    sizes.put("publish_variants", options.publishVariants());
    sizes.put("logger_events", logger != null ? logger.path("events").asInt() : options.loggerEvents());
    sizes.put("logger_rounds", options.loggerRounds());
    sizes.put("rates", options.rates());
    sizes.put("rate_seconds", options.rateSeconds());
    sizes.put("rate_rounds", options.rateRounds());
    sizes.put("warmup_events", options.warmupEvents());
    sizes.put("replay_events", options.replayEvents());
    sizes.put("replay_rounds", options.replayRounds());
    ObjectNode partNodes = root.putObject("parts");
    for (Part part : parts) {
      ObjectNode node = partNodes.putObject(part.name());
      node.put("exit_status", part.status());
      node.put("ok", part.ok());
      node.put("seconds", part.seconds());
      node.put("problem", part.problem());
      node.set("report", part.report());
    }
    return root;
  }

  private void printTable(ObjectNode results, List<Part> parts) {
    int rounds = results.path("sizes").path("rate_rounds").asInt(1);
    out.println();
    out.printf("== summary%s ==%n", options.quick() ? " (QUICK: indicative figures only)" : "");
    out.printf("%-36s %14s %14s %8s %16s %8s%n", "measure", "ours", "raw jnats", "ratio", "target", "met");
    row(results, "publish events/s", "publish_events_per_s", "raw_publish_events_per_s", "publish_ratio");
    row(results, "  JVM CPU µs/event (information)", "jvm_cpu_us_per_publish", "raw_jvm_cpu_us_per_publish", null);
    row(results, "consume + log events/s", "logger_events_per_s", "raw_consume_events_per_s", "logger_ratio");
    row(results, "  JVM CPU µs/event (information)", "logger_cpu_us_per_event", "raw_consume_cpu_us_per_event", null);
    row(results, "replay events/s", "replay_events_per_s", "raw_replay_events_per_s", "replay_ratio");
    row(results, "  raw push consumer (information)", "replay_events_per_s", "raw_replay_push_events_per_s",
        "replay_ratio_vs_push");
    row(results, "  JVM CPU µs/event (information)", "replay_jvm_cpu_us_per_event", "raw_replay_jvm_cpu_us_per_event",
        null);
    row(results, "allocated bytes/publish", "alloc_bytes_per_publish", "alloc_bytes_per_publish_raw", null);
    row(results, "  added by EventPublisher", "alloc_bytes_added_per_publish", null, null);
    for (String rate : List.of("1k", "5k", "20k")) {
      JsonNode keptUp = results.path("e2e_kept_up_at_" + rate);
      String key = "e2e_p99_ms_at_" + rate;
      out.printf("%-36s %38s %16s %8s%n", "e2e ms at " + rate + "/s: p50 / p99 / p99.9" + (rounds > 1 ? "*" : ""),
          number(results, "e2e_p50_ms_at_" + rate) + " / " + number(results, key) + " / "
              + number(results, "e2e_p999_ms_at_" + rate),
          target(results, key), met(results, key) + (keptUp.isBoolean() && !keptUp.asBoolean() ? " (fell behind)" : ""));
    }
    if (rounds > 1) {
      out.printf("  * medians over %d rounds of each rate; p99 at 5k/s by round %s, over all its lines %s%n", rounds,
          results.path("e2e_p99_ms_at_5k_by_round"), number(results, "e2e_p99_ms_at_5k_pooled"));
    }
    row(results, "logger RSS MB (after the last rate)", "logger_rss_mb", null, null);
    row(results, "logger heap after full GC MB", "logger_heap_after_gc_mb", null, null);
    JsonNode machine = results.path("machine");
    out.printf("%d cores, Java %s, nats-server %s, load average %s before, %s after%n",
        machine.path("cores").asInt(), machine.path("java_version").asText(), machine.path("nats_server_version")
            .asText(), machine.path("load_average_before").asText(), machine.path("load_average_after").asText());
    out.println("ratio: the median of ours ÷ raw within each round (the ratio of the medians: *_ratio_of_medians)");
    out.printf("JVM options: publish %s; logger %s; replay %s%n", orDefaults(options.publishJavaOpts()),
        orDefaults(options.loggerJavaOpts()), orDefaults(options.replayJavaOpts()));
    for (Part part : parts) {
      out.printf("%s: %s, %.0f s%n", part.name(), part.ok() ? "ok" : "FAILED: " + part.problem(), part.seconds());
    }
    results.path("problems").forEach(p -> out.println("PROBLEM: " + p.asText()));
  }

  /** {@code label: ours raw ratio target met}; the target and its verdict come from the ratio or ours' key. */
  private void row(ObjectNode results, String label, String ours, String raw, String ratio) {
    String targetKey = ratio != null ? ratio : ours;
    out.printf("%-36s %14s %14s %8s %16s %8s%n", label, number(results, ours), raw == null ? "" : number(results, raw),
        ratio == null ? "" : number(results, ratio), target(results, targetKey), met(results, targetKey));
  }

  private static String orDefaults(String javaOpts) {
    return javaOpts.isEmpty() ? "JVM defaults" : javaOpts;
  }

  private static String number(ObjectNode results, String key) {
    JsonNode value = results.path(key);
    if (!value.isNumber()) {
      return "n/a";
    }
    double v = value.asDouble();
    return Math.abs(v) >= 100 ? String.format("%,.0f", v) : Math.abs(v) >= 10 ? String.format("%.1f", v)
        : String.format("%.2f", v);
  }

  private static String target(ObjectNode results, String key) {
    JsonNode target = results.path("targets").path(key);
    if (target.isMissingNode()) {
      return "";
    }
    String text = target.asText();
    int note = text.indexOf(" (");
    return note < 0 ? text : text.substring(0, note);
  }

  private static String met(ObjectNode results, String key) {
    JsonNode met = results.path("targets_met").path(key);
    return met.isMissingNode() ? "" : met.isNull() ? "n/a" : met.asBoolean() ? "yes" : "NO";
  }

  private static JsonNode report(List<Part> parts, String name) {
    return parts.stream().filter(p -> p.name().equals(name)).map(Part::report).filter(r -> r != null).findFirst()
        .orElse(null);
  }

  /** {@code root[to] = report[from]} when it is a number or boolean, else null. */
  private static void copy(ObjectNode root, String to, JsonNode report, String from) {
    JsonNode value = report == null ? null : report.get(from);
    if (value != null && (value.isNumber() || value.isBoolean())) {
      root.set(to, value);
    } else {
      root.putNull(to);
    }
  }

  private static void atLeast(ObjectNode met, ObjectNode root, String key, double target) {
    JsonNode value = root.path(key);
    if (value.isNumber()) {
      met.put(key, value.asDouble() >= target);
    } else {
      met.putNull(key);
    }
  }

  private static void atMost(ObjectNode met, ObjectNode root, String key, double target) {
    JsonNode value = root.path(key);
    if (value.isNumber()) {
      met.put(key, value.asDouble() <= target);
    } else {
      met.putNull(key);
    }
  }

  /**
   * How this run was started: the launcher names itself in {@code TRADING_EVENTS_BENCH_LAUNCHER}, else the
   * plain java command.
   */
  private static String commandLine(String[] args) {
    String launcher = System.getenv("TRADING_EVENTS_BENCH_LAUNCHER");
    String prefix = launcher != null && !launcher.isBlank() ? launcher
        : "java -cp benchmarks/target/benchmarks.jar " + BenchCommand.class.getName();
    List<String> all = new ArrayList<>(List.of(prefix));
    all.addAll(quoted(List.of(args)));
    return String.join(" ", all);
  }

  private static List<String> quoted(List<String> args) {
    return args.stream().map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a).toList();
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  private static long memTotalMb() {
    long kb = ProcFiles.kb(Path.of("/proc/meminfo"), "MemTotal");
    return kb < 0 ? -1 : kb / 1024;
  }
}
