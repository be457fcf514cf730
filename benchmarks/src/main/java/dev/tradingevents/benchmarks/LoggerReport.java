package dev.tradingevents.benchmarks;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingevents.benchmarks.LoggerBenchmarkOptions.LoggerVariant;
import dev.tradingevents.benchmarks.LoggerProcess.ConsumerDefaults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one logger benchmark run: every run and phase, the medians and the targets. */
final class LoggerReport {

  /** What the run was made with: {@code warmup} events, then {@code events} measured ones. */
  record Setup(LoggerBenchmarkOptions options, int events, int warmup, ConsumerDefaults consumer, String serverVersion,
      String serverSource, PublishBenchmark.MessageStats messages) {}

  /**
   * The raw jnats consumer reading every event once: {@code warmup} events, then {@code events} measured ones.
   *
   * @param elapsedNanos the last warm-up event's ack to the last ack, flushed (by turns: from the harness's
   *     go to the last ack, less the time it was stopped)
   * @param coldNanos first fetch to last ack, flushed (by turns: without its wait for the go)
   * @param cpu its JVM's and the nats-server's CPU over {@code elapsedNanos} (server -1 when not ours; by
   *     turns, the server's CPU during its turns)
   * @param problem null, or why the run does not count
   */
  record RawRun(int round, int events, int warmup, long elapsedNanos, long coldNanos, CpuMeter.Snapshot cpu,
      String problem) {
    double eventsPerSecond() {
      return events / (elapsedNanos / 1e9);
    }

    /** Over every event, warm-up included. */
    double coldEventsPerSecond() {
      return (warmup + events) / (coldNanos / 1e9);
    }

    double jvmCpuMicrosPerEvent() {
      return cpu.jvmNanos() / 1e3 / events;
    }

    double serverCpuMicrosPerEvent() {
      return cpu.serverNanos() < 0 ? -1 : cpu.serverNanos() / 1e3 / events;
    }

    boolean ok() {
      return problem == null;
    }
  }

  /**
   * The logger child reading every event once: the warm-up events, then {@code events} measured ones.
   *
   * @param lines its event lines of the measured events
   * @param coldEventsPerSecond the rate over all its event lines, warm-up included (from a cold JVM)
   * @param startupCpuNanos the child's CPU until its first event line appeared (JVM and Micronaut start-up)
   * @param consumingCpuNanos the child's CPU from when it had acked the warm-up events until every event was
   *     acked
   * @param serverCpuNanos the nats-server's CPU over the same span, -1 when not ours
   * @param rssKb resident set size when every event was acked
   * @param peakRssKb peak resident set size until then
   * @param exitCode the child's exit status after SIGTERM (143: ended by the signal, after its shutdown hooks)
   * @param command how the child was started
   * @param cpuNanosByThread the child's CPU while consuming, by thread group
   * @param stoppedNanos how long it was stopped between its first and last measured line, when it ran by
   *     turns with the raw consumer ({@link TakingTurns})
   */
  record LoggerRun(LoggerVariant variant, int round, int events, EventLogFile.Lines lines,
      double coldEventsPerSecond, long startupCpuNanos,
      long consumingCpuNanos, long serverCpuNanos, long rssKb, long peakRssKb, int exitCode, String problem,
      List<String> command, Map<String, Long> cpuNanosByThread, long stoppedNanos) {
    /** Its measured lines over the time from the first to the last, less the time it was stopped. */
    double eventsPerSecond() {
      long running = lines.spanNanos() - stoppedNanos;
      return running <= 0 ? Double.NaN : lines.eventLines() / (running / 1e9);
    }

    double cpuMicrosPerEvent() {
      return consumingCpuNanos / 1e3 / events;
    }

    /** CPU per event of every thread but the JIT compilers': what a warm logger would use. */
    double cpuMicrosPerEventWithoutCompiler() {
      long compiler = cpuNanosByThread.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
          .mapToLong(Map.Entry::getValue).sum();
      return (consumingCpuNanos - compiler) / 1e3 / events;
    }

    double serverCpuMicrosPerEvent() {
      return serverCpuNanos < 0 ? -1 : serverCpuNanos / 1e3 / events;
    }

    boolean ok() {
      return problem == null;
    }
  }

  /**
   * One end-to-end phase: {@code measured} events at {@code rate}, stamped at publish time, then a few
   * more (cool-down) at the same rate; {@code published} counts both.
   *
   * @param round which round of the rates this phase ran in (1, 2, ...)
   * @param publishNanos how long publishing the measured events took (≈ measured / rate when the publisher
   *     kept its pace)
   * @param lines the event lines of the measured events
   * @param maxBehindNanos how late the publisher was, at most, against its schedule
   * @param backlogAtEnd measured events not yet logged (no line with an earlier {@code timestamp}) at the
   *     moment the last measured one was published
   * @param keptUpLimit the largest {@code backlogAtEnd} of a logger that keeps up: two pull batches (one in
   *     hand, one arriving)
   * @param caughtUpNanos from the last measured publish to the last measured line ({@code occurred_at} and
   *     line {@code timestamp}): how far behind the logger was when the measured traffic ended
   * @param loggerCpuNanos the child's CPU over the phase
   * @param cpu this JVM (the publisher) and the nats-server over the phase
   * @param rssKb the child's resident set size at the end of the phase
   * @param peakRssKb the child's peak resident set size until then
   * @param cpuNanosByThread the child's CPU over the phase, by thread group
   */
  record RatePhase(int round, int rate, int measured, int published, long publishNanos, long maxBehindNanos,
      EventLogFile.Lines lines, long backlogAtEnd, long keptUpLimit, long caughtUpNanos, long loggerCpuNanos,
      CpuMeter.Snapshot cpu, long rssKb, long peakRssKb, String problem, Map<String, Long> cpuNanosByThread) {
    double loggerCpuMicrosPerEvent() {
      return loggerCpuNanos / 1e3 / published;
    }

    double publisherCpuMicrosPerEvent() {
      return cpu.jvmNanos() / 1e3 / published;
    }

    double serverCpuMicrosPerEvent() {
      return cpu.serverNanos() < 0 ? -1 : cpu.serverNanos() / 1e3 / published;
    }

    double publishedPerSecond() {
      return measured / (publishNanos / 1e9);
    }

    /**
     * Every event logged once, and when publishing stopped no more was waiting than the logger holds by
     * design (a backlog that grew over the phase means it logged slower than the rate).
     */
    boolean keptUp() {
      return problem == null && backlogAtEnd <= keptUpLimit;
    }

    String label() {
      return LoggerBenchmarkOptions.rateLabel(rate);
    }
  }

  /**
   * One rate's phases, in run order. Its quantiles are the medians of its phases' own, as each ratio is the
   * median of its rounds': a slow spell of this shared machine that takes one 10-second phase does not move
   * them. The quantiles over every measured line of the rate (pooled) are reported beside them.
   */
  record RateSummary(int rate, List<RatePhase> phases) {
    /** The median over the phases of each phase's {@code q} quantile. */
    double quantile(double q) {
      return PublishReport.median(byPhase(q));
    }

    /** Each phase's {@code q} quantile, in run order. */
    double[] byPhase(double q) {
      return phases.stream().mapToDouble(phase -> phase.lines().latencyQuantile(q)).toArray();
    }

    /** The {@code q} quantile of the latencies of every phase together. */
    double pooledQuantile(double q) {
      return EventLogFile.quantile(
          phases.stream().flatMapToDouble(phase -> Arrays.stream(phase.lines().latenciesMillis())).toArray(), q);
    }

    /** Every phase kept up. */
    boolean keptUp() {
      return phases.stream().allMatch(RatePhase::keptUp);
    }

    long backlogAtEnd() {
      return phases.stream().mapToLong(RatePhase::backlogAtEnd).max().orElse(0);
    }

    /** The first phase's problem, or null when every phase logged its events. */
    String problem() {
      return phases.stream().map(RatePhase::problem).filter(p -> p != null).findFirst().orElse(null);
    }

    double loggerCpuMicrosPerEvent() {
      return PublishReport.median(phases.stream().mapToDouble(RatePhase::loggerCpuMicrosPerEvent).toArray());
    }

    double publisherCpuMicrosPerEvent() {
      return PublishReport.median(phases.stream().mapToDouble(RatePhase::publisherCpuMicrosPerEvent).toArray());
    }

    /** The logger's RSS after this rate's last phase. */
    double rssMb() {
      return phases.get(phases.size() - 1).rssKb() / 1024.0;
    }

    String label() {
      return LoggerBenchmarkOptions.rateLabel(rate);
    }
  }

  /** Medians over the rounds of one consumer. */
  record Summary(double eventsPerSecond, double coldEventsPerSecond, double cpuMicrosPerEvent,
      double cpuMicrosPerEventWithoutCompiler, double serverCpuMicrosPerEvent, double startupCpuMillis, double rssMb,
      double peakRssMb, double[] eventsPerSecondByRound) {}

  private final Setup setup;
  private final List<RawRun> raws = new ArrayList<>();
  private final List<LoggerRun> loggers = new ArrayList<>();
  private final List<RatePhase> phases = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private long preloadNanos;
  private long warmupCaughtUpNanos = -1;
  private long heapAfterGcKb = -1;
  private List<String> endToEndCommand = List.of();

  LoggerReport(Setup setup) {
    this.setup = setup;
  }

  void preloaded(long nanos) {
    preloadNanos = nanos;
  }

  void add(RawRun run) {
    raws.add(run);
    if (!run.ok()) {
      problems.add("round " + run.round() + " raw: " + run.problem());
    }
  }

  void add(LoggerRun run) {
    loggers.add(run);
    if (!run.ok()) {
      problems.add("round " + run.round() + " " + run.variant().label() + ": " + run.problem());
    }
  }

  void add(RatePhase phase) {
    phases.add(phase);
    if (phase.problem() != null) {
      problems.add("end-to-end at " + phase.rate() + "/s: " + phase.problem());
    }
  }

  /** How long after the end of the warm-up burst its last events were logged. */
  void warmedUp(long caughtUpNanos) {
    warmupCaughtUpNanos = caughtUpNanos;
  }

  /** The end-to-end logger's used heap after a full collection at the end, in kB (-1: not measured). */
  void heapAfterGc(long kb) {
    heapAfterGcKb = kb;
  }

  void endToEndFailed(String problem) {
    problems.add("end-to-end: " + problem);
  }

  void endToEndCommand(List<String> command) {
    endToEndCommand = List.copyOf(command);
  }

  boolean allRunsOk() {
    return problems.isEmpty();
  }

  Summary raw() {
    double[] rates = raws.stream().mapToDouble(RawRun::eventsPerSecond).toArray();
    return new Summary(PublishReport.median(rates),
        PublishReport.median(raws.stream().mapToDouble(RawRun::coldEventsPerSecond).toArray()),
        PublishReport.median(raws.stream().mapToDouble(RawRun::jvmCpuMicrosPerEvent).toArray()), Double.NaN,
        PublishReport.median(raws.stream().mapToDouble(RawRun::serverCpuMicrosPerEvent).toArray()),
        Double.NaN, Double.NaN, Double.NaN, rates);
  }

  Summary logger(LoggerVariant variant) {
    List<LoggerRun> runs = loggers.stream().filter(r -> r.variant() == variant).toList();
    double[] rates = runs.stream().mapToDouble(LoggerRun::eventsPerSecond).toArray();
    return new Summary(PublishReport.median(rates),
        PublishReport.median(runs.stream().mapToDouble(LoggerRun::coldEventsPerSecond).toArray()),
        PublishReport.median(runs.stream().mapToDouble(LoggerRun::cpuMicrosPerEvent).toArray()),
        PublishReport.median(runs.stream().mapToDouble(LoggerRun::cpuMicrosPerEventWithoutCompiler).toArray()),
        PublishReport.median(runs.stream().mapToDouble(LoggerRun::serverCpuMicrosPerEvent).toArray()),
        PublishReport.median(runs.stream().mapToDouble(r -> r.startupCpuNanos() / 1e6).toArray()),
        PublishReport.median(runs.stream().mapToDouble(r -> r.rssKb() / 1024.0).toArray()),
        PublishReport.median(runs.stream().mapToDouble(r -> r.peakRssKb() / 1024.0).toArray()),
        rates);
  }

  /** logger ÷ raw events/s: the median of the ratios within each round ({@link RoundRatios}). */
  double ratio(LoggerVariant variant) {
    return RoundRatios.median(logger(variant).eventsPerSecondByRound(), raw().eventsPerSecondByRound());
  }

  /** Median logger events/s ÷ median raw events/s, for information. */
  double ratioOfMedians(LoggerVariant variant) {
    return logger(variant).eventsPerSecond() / raw().eventsPerSecond();
  }

  /** The same over every event, warm-up included: each consumer from a cold start (the logger in a new JVM). */
  double coldRatio(LoggerVariant variant) {
    return logger(variant).coldEventsPerSecond() / raw().coldEventsPerSecond();
  }

  /** logger ÷ raw within each round (runs a few seconds apart). */
  double[] ratioByRound(LoggerVariant variant) {
    return RoundRatios.byRound(logger(variant).eventsPerSecondByRound(), raw().eventsPerSecondByRound());
  }

  /** Raw CPU per event ÷ the logger's: the throughput ratio to expect when CPU is the limit. */
  double cpuRatio(LoggerVariant variant) {
    return raw().cpuMicrosPerEvent() / logger(variant).cpuMicrosPerEvent();
  }

  /** The phases at {@code rate}, or null when none ran. */
  RateSummary rate(int rate) {
    List<RatePhase> atRate = phases.stream().filter(p -> p.rate() == rate).toList();
    return atRate.isEmpty() ? null : new RateSummary(rate, atRate);
  }

  /** Every rate that ran, in the order of the first round. */
  List<RateSummary> rates() {
    return phases.stream().map(RatePhase::rate).distinct().map(this::rate).toList();
  }

  /**
   * The logger's RSS in steady state: at the end of the last end-to-end phase (the child has then run for
   * the warm-up and every phase), else the median after the backlog runs.
   */
  double rssMb() {
    if (!phases.isEmpty()) {
      return phases.get(phases.size() - 1).rssKb() / 1024.0;
    }
    return logger(setup.options().primaryVariant()).rssMb();
  }

  /** Every phase at the target rate logged all its events, and the median of their p99s is within the target. */
  private static boolean p99TargetMet(RateSummary target) {
    return target.problem() == null && target.quantile(0.99) <= LoggerBenchmark.TARGET_E2E_P99_MS;
  }

  void print(PrintStream out) {
    LoggerBenchmarkOptions options = setup.options();
    out.println();
    out.printf("messages: body %.0f B avg (%d..%d), headers %.0f B avg (with traceparent); mix: %s%n",
        setup.messages().bodyBytesAvg(), setup.messages().bodyBytesMin(), setup.messages().bodyBytesMax(),
        setup.messages().headerBytesAvg(), EventMix.DESCRIPTION);
    out.println();
    out.printf("%-14s %10s %7s %13s %7s %12s %13s %14s %13s %8s   %s%n", "consumer", "events/s", "vs raw",
        "cold ev/s", "vs raw", "CPU µs/event", "without JIT", "server µs/ev", "start-up CPU", "RSS MB",
        "events/s by round");
    Summary raw = raw();
    out.printf("%-14s %,10.0f %7s %,13.0f %7s %12.1f %13s %14s %13s %8s   %s%n", "raw jnats",
        raw.eventsPerSecond(), "", raw.coldEventsPerSecond(), "", raw.cpuMicrosPerEvent(), "", PublishReport.micros(raw.serverCpuMicrosPerEvent()), "", "",
        rounds(raw.eventsPerSecondByRound()));
    for (LoggerVariant variant : options.loggerVariants()) {
      Summary logger = logger(variant);
      out.printf("%-14s %,10.0f %7.3f %,13.0f %7.3f %12.1f %13.1f %14s %,10.0f ms %,8.0f   %s%n", variant.label(),
          logger.eventsPerSecond(), ratio(variant), logger.coldEventsPerSecond(), coldRatio(variant),
          logger.cpuMicrosPerEvent(), logger.cpuMicrosPerEventWithoutCompiler(),
          PublishReport.micros(logger.serverCpuMicrosPerEvent()), logger.startupCpuMillis(), logger.rssMb(),
          rounds(logger.eventsPerSecondByRound()));
    }
    out.println();
    LoggerVariant primary = options.primaryVariant();
    double ratio = ratio(primary);
    out.printf("measured: %,d events after %,d warm-up events; cold: all %,d events, from each consumer's start%n",
        setup.events(), setup.warmup(), setup.events() + setup.warmup());
    out.printf("target: %s/raw >= %.2f: %.3f %s  (median of the ratios within each round: %s; ratio of the medians"
            + " %.3f; CPU per event raw/%s: %.3f)%n",
        primary.label(), LoggerBenchmark.TARGET_RATIO, ratio, ratio >= LoggerBenchmark.TARGET_RATIO ? "MET" : "NOT MET",
        Arrays.stream(ratioByRound(primary)).mapToObj(r -> String.format("%.2f", r)).toList(),
        ratioOfMedians(primary), primary.label(), cpuRatio(primary));
    if (!phases.isEmpty()) {
      out.println();
      out.printf("end to end (%s, publish -> line written, latency_ms of the lines):%n", primary.label());
      out.printf("%10s %6s %10s %10s %8s %8s %8s %8s %8s %9s %10s %8s %14s %12s %8s%n", "rate/s", "round",
          "published", "logged", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "mean ms", "backlog", "caught up",
          "kept up", "logger µs/ev", "pub. µs/ev", "RSS MB");
      for (RatePhase phase : phases) {
        EventLogFile.Lines lines = phase.lines();
        out.printf("%,10d %6d %,10d %,10d %8.2f %8.2f %8.2f %8.2f %8.2f %,9d %,10.0f %8s %14.1f %12.1f %,8.0f%n",
            phase.rate(), phase.round(), phase.measured(), lines.eventLines(), lines.latencyQuantile(0.5),
            lines.latencyQuantile(0.99), lines.latencyQuantile(0.999), lines.latencyQuantile(1.0), lines.latencyMean(),
            phase.backlogAtEnd(), phase.caughtUpNanos() / 1e6, phase.keptUp() ? "yes" : "NO",
            phase.loggerCpuMicrosPerEvent(),
            phase.publisherCpuMicrosPerEvent(), phase.rssKb() / 1024.0);
      }
      if (options.rateRounds() > 1) {
        out.printf("by rate, the median over its %d rounds (pooled: over every measured line of the rate):%n",
            options.rateRounds());
        out.printf("%10s %8s %8s %8s %13s %8s %8s%n", "rate/s", "p50 ms", "p99 ms", "p99.9 ms", "pooled p99 ms",
            "max ms", "kept up");
        for (RateSummary rate : rates()) {
          out.printf("%,10d %8.2f %8.2f %8.2f %13.2f %8.2f %8s%n", rate.rate(), rate.quantile(0.5),
              rate.quantile(0.99), rate.quantile(0.999), rate.pooledQuantile(0.99), rate.pooledQuantile(1.0),
              rate.keptUp() ? "yes" : "NO");
        }
      }
      RateSummary target = rate(LoggerBenchmark.TARGET_E2E_RATE);
      if (target != null) {
        double p99 = target.quantile(0.99);
        out.printf("target: p99 <= %.0f ms at %,d events/s: %.2f ms %s%s%n", LoggerBenchmark.TARGET_E2E_P99_MS,
            LoggerBenchmark.TARGET_E2E_RATE, p99, p99TargetMet(target) ? "MET" : "NOT MET",
            target.phases().size() < 2 ? "" : String.format("  (median of the rounds' p99: %s; pooled %.2f ms)",
                Arrays.stream(target.byPhase(0.99)).mapToObj(v -> String.format("%.2f", v)).toList(),
                target.pooledQuantile(0.99)));
      }
    }
    out.printf("logger RSS (steady state): %.0f MB%s%n", rssMb(), heapAfterGcKb < 0 ? ""
        : String.format(", heap after a full GC %.1f MB", heapAfterGcKb / 1024.0));
    for (String problem : problems) {
      out.println("PROBLEM: " + problem);
    }
    out.printf("medians of %d rounds; %s, %d cores, nats-server %s%n", options.rounds(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), setup.serverVersion());
  }

  void writeJson(Path file) throws IOException {
    LoggerBenchmarkOptions options = setup.options();
    LoggerVariant primary = options.primaryVariant();
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    ObjectNode root = mapper.createObjectNode();
    Summary raw = raw();
    Summary logger = logger(primary);
    number(root, "logger_ratio", ratio(primary));
    array(root, "logger_ratio_by_round", ratioByRound(primary));
    number(root, "logger_ratio_of_medians", ratioOfMedians(primary));
    number(root, "logger_events_per_s", logger.eventsPerSecond());
    number(root, "logger_cold_events_per_s", logger.coldEventsPerSecond());
    number(root, "logger_cold_ratio", coldRatio(primary));
    number(root, "raw_consumer_events_per_s", raw.eventsPerSecond());
    number(root, "raw_consumer_cold_events_per_s", raw.coldEventsPerSecond());
    array(root, "logger_events_per_s_by_round", logger.eventsPerSecondByRound());
    array(root, "raw_consumer_events_per_s_by_round", raw.eventsPerSecondByRound());
    number(root, "logger_cpu_us_per_event", logger.cpuMicrosPerEvent());
    number(root, "logger_cpu_us_per_event_without_jit", logger.cpuMicrosPerEventWithoutCompiler());
    number(root, "raw_consumer_jvm_cpu_us_per_event", raw.cpuMicrosPerEvent());
    number(root, "logger_cpu_ratio", cpuRatio(primary));
    number(root, "logger_server_cpu_us_per_event", logger.serverCpuMicrosPerEvent());
    number(root, "raw_consumer_server_cpu_us_per_event", raw.serverCpuMicrosPerEvent());
    number(root, "logger_startup_cpu_ms", logger.startupCpuMillis());
    number(root, "logger_rss_mb", rssMb());
    number(root, "logger_peak_rss_mb", phases.isEmpty() ? logger.peakRssMb()
        : phases.get(phases.size() - 1).peakRssKb() / 1024.0);
    number(root, "logger_heap_after_gc_mb", heapAfterGcKb < 0 ? Double.NaN : heapAfterGcKb / 1024.0);
    number(root, "logger_rss_mb_after_backlog", logger.rssMb());
    number(root, "logger_peak_rss_mb_after_backlog", logger.peakRssMb());
    for (RateSummary rate : rates()) {
      String at = "_at_" + rate.label();
      number(root, "e2e_p50_ms" + at, rate.quantile(0.50));
      number(root, "e2e_p99_ms" + at, rate.quantile(0.99));
      number(root, "e2e_p999_ms" + at, rate.quantile(0.999));
      number(root, "e2e_max_ms" + at, rate.pooledQuantile(1.0));
      array(root, "e2e_p99_ms" + at + "_by_round", rate.byPhase(0.99));
      number(root, "e2e_p99_ms" + at + "_pooled", rate.pooledQuantile(0.99));
      number(root, "e2e_p999_ms" + at + "_pooled", rate.pooledQuantile(0.999));
      root.put("e2e_kept_up" + at, rate.keptUp());
      root.put("e2e_backlog_at_end" + at, rate.backlogAtEnd());
      number(root, "e2e_logger_cpu_us_per_event" + at, rate.loggerCpuMicrosPerEvent());
      number(root, "e2e_publisher_cpu_us_per_event" + at, rate.publisherCpuMicrosPerEvent());
      number(root, "logger_rss_mb" + at, rate.rssMb());
    }
    root.put("target_logger_ratio", LoggerBenchmark.TARGET_RATIO);
    root.put("logger_ratio_target_met", ratio(primary) >= LoggerBenchmark.TARGET_RATIO);
    root.put("target_e2e_p99_ms", LoggerBenchmark.TARGET_E2E_P99_MS);
    root.put("target_e2e_rate", LoggerBenchmark.TARGET_E2E_RATE);
    RateSummary target = rate(LoggerBenchmark.TARGET_E2E_RATE);
    if (target == null) {
      root.putNull("e2e_p99_target_met");
    } else {
      root.put("e2e_p99_target_met", p99TargetMet(target));
    }

    root.put("events", setup.events());
    root.put("events_requested", options.events());
    root.put("warmup_events", setup.warmup());
    root.put("rounds", options.rounds());
    root.put("turn_ms", options.turnMillis());
    root.put("raw_consumer", options.turnMillis() > 0
        ? "a new JVM with the logger's options (RawPullConsumer), by turns with " + options.primaryVariant().label()
        : "in the benchmark's JVM, before each logger");
    ArrayNode rates = root.putArray("rates");
    options.rates().forEach(rates::add);
    root.put("rate_seconds", options.rateSeconds());
    root.put("rate_rounds", options.rateRounds());
    root.put("logger_variant", primary.label());
    root.put("logger_jar", options.loggerJar().toAbsolutePath().toString());
    root.put("logger_jar_sha256", sha256(options.loggerJar()));
    root.put("logger_jar_modified", Files.getLastModifiedTime(options.loggerJar()).toString());
    root.put("logger_java_opts", String.join(" ", options.loggerJavaOpts()));
    ObjectNode consumer = root.putObject("consumer_settings");
    consumer.put("batch_size", setup.consumer().batchSize());
    consumer.put("pull_expires", setup.consumer().pullExpires().toString());
    consumer.put("ack_wait", setup.consumer().ackWait().toString());
    consumer.put("max_deliver", setup.consumer().maxDeliver());
    consumer.put("max_ack_pending", setup.consumer().maxAckPending());
    consumer.put("source", setup.consumer().source());
    root.put("message_body_bytes_avg", setup.messages().bodyBytesAvg());
    root.put("message_header_bytes_avg", setup.messages().headerBytesAvg());
    root.put("event_mix", EventMix.DESCRIPTION);
    root.put("preload_ms", preloadNanos / 1e6);
    root.put("java_version", System.getProperty("java.version"));
    root.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    root.put("jvm_args", String.join(" ",
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("nats_server_version", setup.serverVersion());
    root.put("nats_server", setup.serverSource());
    root.put("stream", options.stream());
    root.put("stream_storage", "file");
    root.put("finished_at", Instant.now().toString());
    root.put("all_runs_ok", allRunsOk());
    ArrayNode problemNodes = root.putArray("problems");
    problems.forEach(problemNodes::add);

    ObjectNode variants = root.putObject("variants");
    for (LoggerVariant variant : options.loggerVariants()) {
      Summary summary = logger(variant);
      ObjectNode node = variants.putObject(variant.label());
      node.put("description", variant.description());
      number(node, "ratio", ratio(variant));
      number(node, "events_per_s_median", summary.eventsPerSecond());
      number(node, "cold_events_per_s_median", summary.coldEventsPerSecond());
      number(node, "cold_ratio", coldRatio(variant));
      number(node, "cpu_us_per_event_median", summary.cpuMicrosPerEvent());
      number(node, "cpu_us_per_event_without_jit_median", summary.cpuMicrosPerEventWithoutCompiler());
      number(node, "server_cpu_us_per_event_median", summary.serverCpuMicrosPerEvent());
      number(node, "startup_cpu_ms_median", summary.startupCpuMillis());
      number(node, "rss_mb_median", summary.rssMb());
      array(node, "events_per_s_by_round", summary.eventsPerSecondByRound());
    }
    ArrayNode runs = root.putArray("runs");
    for (RawRun run : raws) {
      ObjectNode node = runs.addObject();
      node.put("round", run.round());
      node.put("consumer", "raw");
      node.put("events", run.events());
      number(node, "elapsed_ms", run.elapsedNanos() / 1e6);
      number(node, "events_per_s", run.eventsPerSecond());
      number(node, "cold_events_per_s", run.coldEventsPerSecond());
      number(node, "jvm_cpu_us_per_event", run.jvmCpuMicrosPerEvent());
      number(node, "server_cpu_us_per_event", run.serverCpuMicrosPerEvent());
      node.put("problem", run.problem());
    }
    for (LoggerRun run : loggers) {
      ObjectNode node = runs.addObject();
      node.put("round", run.round());
      node.put("consumer", run.variant().label());
      node.put("events", run.events());
      node.put("event_lines", run.lines().eventLines());
      node.put("other_lines", run.lines().otherLines());
      number(node, "lines_span_ms", run.lines().spanNanos() / 1e6);
      number(node, "stopped_ms", run.stoppedNanos() / 1e6);
      number(node, "events_per_s", run.eventsPerSecond());
      number(node, "cold_events_per_s", run.coldEventsPerSecond());
      number(node, "cpu_us_per_event", run.cpuMicrosPerEvent());
      number(node, "cpu_us_per_event_without_jit", run.cpuMicrosPerEventWithoutCompiler());
      number(node, "server_cpu_us_per_event", run.serverCpuMicrosPerEvent());
      number(node, "startup_cpu_ms", run.startupCpuNanos() / 1e6);
      number(node, "rss_mb", run.rssKb() / 1024.0);
      number(node, "peak_rss_mb", run.peakRssKb() / 1024.0);
      node.put("exit_code", run.exitCode());
      node.put("problem", run.problem());
      node.put("command", String.join(" ", run.command()));
      threads(node, run.cpuNanosByThread(), run.events());
    }
    ArrayNode e2e = root.putArray("e2e");
    for (RatePhase phase : phases) {
      EventLogFile.Lines lines = phase.lines();
      ObjectNode node = e2e.addObject();
      node.put("round", phase.round());
      node.put("rate", phase.rate());
      node.put("measured", phase.measured());
      node.put("published", phase.published());
      node.put("event_lines", lines.eventLines());
      number(node, "published_per_s", phase.publishedPerSecond());
      number(node, "max_behind_schedule_ms", phase.maxBehindNanos() / 1e6);
      number(node, "p50_ms", lines.latencyQuantile(0.50));
      number(node, "p90_ms", lines.latencyQuantile(0.90));
      number(node, "p99_ms", lines.latencyQuantile(0.99));
      number(node, "p999_ms", lines.latencyQuantile(0.999));
      number(node, "max_ms", lines.latencyQuantile(1.0));
      number(node, "mean_ms", lines.latencyMean());
      node.put("backlog_at_end", phase.backlogAtEnd());
      number(node, "caught_up_ms", phase.caughtUpNanos() / 1e6);
      node.put("kept_up", phase.keptUp());
      number(node, "logger_cpu_us_per_event", phase.loggerCpuMicrosPerEvent());
      number(node, "publisher_jvm_cpu_us_per_event", phase.publisherCpuMicrosPerEvent());
      number(node, "server_cpu_us_per_event", phase.serverCpuMicrosPerEvent());
      number(node, "logger_rss_mb", phase.rssKb() / 1024.0);
      number(node, "logger_peak_rss_mb", phase.peakRssKb() / 1024.0);
      node.put("problem", phase.problem());
      threads(node, phase.cpuNanosByThread(), phase.published());
    }
    root.put("e2e_command", String.join(" ", endToEndCommand));
    number(root, "e2e_warmup_caught_up_ms", warmupCaughtUpNanos < 0 ? Double.NaN : warmupCaughtUpNanos / 1e6);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    mapper.writeValue(file.toFile(), root);
  }

  /** {@code later - earlier} per thread group, largest first, groups that used no CPU left out. */
  static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
    Map<String, Long> delta = new LinkedHashMap<>();
    later.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> delta.put(e.getKey(), e.getValue()));
    return delta;
  }

  /** The largest thread groups as {@code name 12.3 µs/event (45%)}. */
  static String threadShares(Map<String, Long> cpuNanosByThread, int events, int top) {
    long total = cpuNanosByThread.values().stream().mapToLong(Long::longValue).sum();
    return cpuNanosByThread.entrySet().stream().limit(top)
        .map(e -> String.format("%s %.1f µs/event (%.0f%%)", e.getKey(), e.getValue() / 1e3 / events,
            100.0 * e.getValue() / Math.max(total, 1)))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static void threads(ObjectNode node, Map<String, Long> cpuNanosByThread, int events) {
    ObjectNode threads = node.putObject("cpu_us_per_event_by_thread");
    cpuNanosByThread.forEach((name, nanos) -> threads.put(name, Math.round(nanos / 1e3 / events * 10) / 10.0));
  }

  /** Which build of the service was measured. */
  private static String sha256(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rounds(double[] rates) {
    return Arrays.stream(rates).mapToObj(r -> String.format("%,.0f", r)).toList().toString();
  }

  /** A number, or null for NaN, infinity and the -1 of an unknown figure. */
  private static void number(ObjectNode node, String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value == -1) {
      node.putNull(name);
    } else {
      node.put(name, value);
    }
  }

  private static void array(ObjectNode node, String name, double[] values) {
    ArrayNode array = node.putArray(name);
    for (double value : values) {
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        array.addNull();
      } else {
        array.add(value);
      }
    }
  }
}
