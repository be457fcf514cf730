package dev.tradingevents.benchmarks;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The figures of one benchmark run: medians per variant, the ratios between them, and every run. */
final class PublishReport {
  private final BenchmarkOptions options;
  private final List<RunResult> runs;
  private final PublishBenchmark.MessageStats stats;
  private final List<PublishBenchmark.HeaderSample> headerSamples;
  private final String serverVersion;
  private final String serverSource;
  private final Map<Variant, Summary> summaries = new EnumMap<>(Variant.class);
  private final Instant finishedAt = Instant.now();

  /** Medians over the measured rounds of one variant. */
  record Summary(double eventsPerSecond, double allocatedBytesPerPublish, double jvmCpuMicrosPerPublish,
      double serverCpuMicrosPerPublish, double[] eventsPerSecondByRound) {}

  PublishReport(BenchmarkOptions options, List<RunResult> runs, PublishBenchmark.MessageStats stats,
      List<PublishBenchmark.HeaderSample> headerSamples, String serverVersion, String serverSource) {
    this.options = options;
    this.runs = List.copyOf(runs);
    this.stats = stats;
    this.headerSamples = List.copyOf(headerSamples);
    this.serverVersion = serverVersion;
    this.serverSource = serverSource;
    for (Variant variant : options.variants()) {
      List<RunResult> measured = runs.stream().filter(r -> !r.warmup() && r.variant() == variant).toList();
      double[] rates = measured.stream().mapToDouble(RunResult::eventsPerSecond).toArray();
      double[] allocs = measured.stream().mapToDouble(RunResult::allocatedBytesPerPublish).toArray();
      double[] jvmCpu = measured.stream().mapToDouble(RunResult::jvmCpuMicrosPerPublish).toArray();
      double[] serverCpu = measured.stream().mapToDouble(RunResult::serverCpuMicrosPerPublish).toArray();
      summaries.put(variant, new Summary(median(rates), median(allocs), median(jvmCpu), median(serverCpu), rates));
    }
  }

  boolean allRunsOk() {
    return runs.stream().allMatch(RunResult::ok);
  }

  /**
   * {@code ours / raw} events/s: the median of the ratios within each round ({@link RoundRatios}), or {@code
   * null} when either variant was not run.
   */
  Double ratio(Variant ours) {
    double[] byRound = ratioByRound(ours);
    return byRound == null ? null : median(byRound);
  }

  /** The median events/s of {@code ours} over raw's, for information; {@code null} when either was not run. */
  Double ratioOfMedians(Variant ours) {
    Summary mine = summaries.get(ours);
    Summary raw = summaries.get(Variant.RAW);
    return mine == null || raw == null ? null : mine.eventsPerSecond() / raw.eventsPerSecond();
  }

  /**
   * {@code ours / raw} events/s within each measured round (paired runs, seconds apart), or {@code null}
   * when either variant was not run.
   */
  double[] ratioByRound(Variant ours) {
    Summary mine = summaries.get(ours);
    Summary raw = summaries.get(Variant.RAW);
    return mine == null || raw == null ? null
        : RoundRatios.byRound(mine.eventsPerSecondByRound(), raw.eventsPerSecondByRound());
  }

  /**
   * raw's JVM CPU per publish over ours (medians): the throughput ratio to expect when the JVM's CPU is the
   * limit, and much steadier than events/s on a shared machine. {@code null} when either was not run.
   */
  Double jvmCpuRatio(Variant ours) {
    Summary mine = summaries.get(ours);
    Summary raw = summaries.get(Variant.RAW);
    return mine == null || raw == null ? null : raw.jvmCpuMicrosPerPublish() / mine.jvmCpuMicrosPerPublish();
  }

  /** Median bytes per publish of {@code ours} minus raw's, or {@code null}. */
  Double allocationAdded(Variant ours) {
    Summary mine = summaries.get(ours);
    Summary raw = summaries.get(Variant.RAW);
    return mine == null || raw == null ? null : mine.allocatedBytesPerPublish() - raw.allocatedBytesPerPublish();
  }

  void print(PrintStream out) {
    out.println();
    out.printf("messages: body %.0f B avg (%d..%d), headers %.0f B avg (raw, with traceparent); mix: %s%n",
        stats.bodyBytesAvg(), stats.bodyBytesMin(), stats.bodyBytesMax(), stats.headerBytesAvg(),
        EventMix.DESCRIPTION);
    for (PublishBenchmark.HeaderSample sample : headerSamples) {
      out.printf("stored %-13s headers %3d B, body %3d B: %s%n", sample.variant().label(), sample.headerBytes(),
          sample.bodyBytes(), sample.names());
    }
    headerMismatch().ifPresent(problem -> out.println("WARNING: " + problem));
    out.println();
    out.printf("%-13s %12s %8s %16s %13s %14s %14s   %s%n", "variant", "events/s", "vs raw", "alloc B/publish",
        "added vs raw", "JVM CPU µs/pub", "server µs/pub", "events/s by round");
    for (Variant variant : options.variants()) {
      Summary summary = summaries.get(variant);
      Double ratio = ratio(variant);
      Double added = allocationAdded(variant);
      out.printf("%-13s %,12.0f %8s %,16.0f %13s %14.1f %14s   %s%n", variant.label(), summary.eventsPerSecond(),
          variant == Variant.RAW || ratio == null ? "" : String.format("%.3f", ratio),
          summary.allocatedBytesPerPublish(),
          variant == Variant.RAW || added == null ? "" : String.format("%+,.0f", added),
          summary.jvmCpuMicrosPerPublish(), micros(summary.serverCpuMicrosPerPublish()),
          Arrays.stream(summary.eventsPerSecondByRound()).mapToObj(r -> String.format("%,.0f", r)).toList());
    }
    out.println();
    Double ratio = ratio(Variant.OURS);
    Summary ours = summaries.get(Variant.OURS);
    if (ratio != null) {
      out.printf("target: ours/raw >= %.2f: %.3f %s  (median of the ratios within each round: %s; ratio of the"
              + " medians %.3f; JVM CPU raw/ours: %.3f)%n",
          PublishBenchmark.TARGET_RATIO, ratio, ratio >= PublishBenchmark.TARGET_RATIO ? "MET" : "NOT MET",
          Arrays.stream(ratioByRound(Variant.OURS)).mapToObj(r -> String.format("%.2f", r)).toList(),
          ratioOfMedians(Variant.OURS), jvmCpuRatio(Variant.OURS));
    }
    Double added = allocationAdded(Variant.OURS);
    if (ours != null) {
      long target = PublishBenchmark.TARGET_ALLOC_BYTES;
      out.printf("target: alloc <= %d B/publish: ours %,.0f B in all threads %s", target,
          ours.allocatedBytesPerPublish(), ours.allocatedBytesPerPublish() <= target ? "MET" : "NOT MET");
      if (added != null) {
        out.printf(" (raw jnats alone: %,.0f); added by us %,.0f B %s", summaries.get(Variant.RAW)
            .allocatedBytesPerPublish(), added, added <= target ? "MET" : "NOT MET");
      }
      out.println();
    }
    spans().ifPresent(spans -> out.printf("spans: %,d started, %,d exported, %,d dropped by the batch processor%n",
        spans[0], spans[1], spans[0] - spans[1]));
    out.printf("medians of %d rounds; %s, %d cores, nats-server %s%n", options.rounds(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), serverVersion);
  }

  void writeJson(Path file) throws IOException {
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    ObjectNode root = mapper.createObjectNode();
    Summary raw = summaries.get(Variant.RAW);
    Summary ours = summaries.get(Variant.OURS);
    Summary noTracing = summaries.get(Variant.OURS_NO_TRACING);
    root.put("publish_ratio", ratio(Variant.OURS));
    root.put("publish_ratio_no_tracing", ratio(Variant.OURS_NO_TRACING));
    root.put("publish_ratio_of_medians", ratioOfMedians(Variant.OURS));
    putArray(root, "publish_ratio_by_round", ratioByRound(Variant.OURS));
    putArray(root, "publish_ratio_no_tracing_by_round", ratioByRound(Variant.OURS_NO_TRACING));
    root.put("jvm_cpu_ratio", jvmCpuRatio(Variant.OURS));
    root.put("jvm_cpu_ratio_no_tracing", jvmCpuRatio(Variant.OURS_NO_TRACING));
    root.put("publish_events_per_s", ours == null ? null : ours.eventsPerSecond());
    root.put("publish_no_tracing_events_per_s", noTracing == null ? null : noTracing.eventsPerSecond());
    root.put("raw_publish_events_per_s", raw == null ? null : raw.eventsPerSecond());
    root.put("alloc_bytes_per_publish", ours == null ? null : ours.allocatedBytesPerPublish());
    root.put("alloc_bytes_per_publish_no_tracing", noTracing == null ? null : noTracing.allocatedBytesPerPublish());
    root.put("raw_alloc_bytes_per_publish", raw == null ? null : raw.allocatedBytesPerPublish());
    root.put("alloc_bytes_added_per_publish", allocationAdded(Variant.OURS));
    root.put("alloc_bytes_added_per_publish_no_tracing", allocationAdded(Variant.OURS_NO_TRACING));
    root.put("jvm_cpu_us_per_publish", ours == null ? null : ours.jvmCpuMicrosPerPublish());
    root.put("jvm_cpu_us_per_publish_no_tracing", noTracing == null ? null : noTracing.jvmCpuMicrosPerPublish());
    root.put("raw_jvm_cpu_us_per_publish", raw == null ? null : raw.jvmCpuMicrosPerPublish());
    root.put("target_publish_ratio", PublishBenchmark.TARGET_RATIO);
    root.put("target_alloc_bytes_per_publish", PublishBenchmark.TARGET_ALLOC_BYTES);
    Double ratio = ratio(Variant.OURS);
    Double added = allocationAdded(Variant.OURS);
    root.put("publish_ratio_target_met", ratio == null ? null : ratio >= PublishBenchmark.TARGET_RATIO);
    root.put("alloc_target_met", ours == null ? null
        : ours.allocatedBytesPerPublish() <= PublishBenchmark.TARGET_ALLOC_BYTES);
    root.put("alloc_added_target_met", added == null ? null : added <= PublishBenchmark.TARGET_ALLOC_BYTES);
    root.put("events", options.events());
    root.put("rounds", options.rounds());
    root.put("warmup_rounds", options.warmupRounds());
    root.put("window", options.window());
    root.put("slices", options.slices());
    root.put("jnats_force_flush_on_request", options.flushOnRequest());
    root.put("message_body_bytes_avg", stats.bodyBytesAvg());
    root.put("message_header_bytes_avg", stats.headerBytesAvg());
    root.put("message_bytes_avg", stats.bodyBytesAvg() + stats.headerBytesAvg());
    root.put("event_mix", EventMix.DESCRIPTION);
    root.put("java_version", System.getProperty("java.version"));
    root.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    root.put("jvm_args", String.join(" ",
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    root.put("nats_server_version", serverVersion);
    root.put("nats_server", serverSource);
    root.put("stream", options.stream());
    root.put("stream_storage", "file");
    root.put("finished_at", finishedAt.toString());
    root.put("all_runs_ok", allRunsOk());
    spans().ifPresent(spans -> {
      root.put("spans_started", spans[0]);
      root.put("spans_exported", spans[1]);
      root.put("spans_dropped", spans[0] - spans[1]);
    });

    ObjectNode variants = root.putObject("variants");
    for (Variant variant : options.variants()) {
      Summary summary = summaries.get(variant);
      ObjectNode node = variants.putObject(variant.label());
      node.put("description", variant.description());
      node.put("events_per_s_median", summary.eventsPerSecond());
      node.put("alloc_bytes_per_publish_median", summary.allocatedBytesPerPublish());
      node.put("jvm_cpu_us_per_publish_median", summary.jvmCpuMicrosPerPublish());
      node.put("server_cpu_us_per_publish_median", summary.serverCpuMicrosPerPublish());
      ArrayNode byRound = node.putArray("events_per_s_by_round");
      Arrays.stream(summary.eventsPerSecondByRound()).forEach(byRound::add);
    }
    ArrayNode samples = root.putArray("stored_message_samples");
    for (PublishBenchmark.HeaderSample sample : headerSamples) {
      ObjectNode node = samples.addObject();
      node.put("variant", sample.variant().label());
      node.put("header_bytes", sample.headerBytes());
      node.put("body_bytes", sample.bodyBytes());
      ArrayNode names = node.putArray("header_names");
      sample.names().forEach(names::add);
    }
    headerMismatch().ifPresent(problem -> root.put("header_mismatch", problem));
    ArrayNode runNodes = root.putArray("runs");
    for (RunResult run : runs) {
      ObjectNode node = runNodes.addObject();
      node.put("round", run.round());
      node.put("warmup", run.warmup());
      node.put("variant", run.variant().label());
      node.put("events", run.events());
      node.put("elapsed_ms", run.elapsedNanos() / 1e6);
      node.put("events_per_s", run.eventsPerSecond());
      node.put("alloc_bytes", run.allocation().bytes());
      node.put("alloc_bytes_per_publish", run.allocatedBytesPerPublish());
      node.put("jvm_cpu_us_per_publish", run.jvmCpuMicrosPerPublish());
      node.put("server_cpu_us_per_publish", run.serverCpuMicrosPerPublish());
      node.put("threads_started", run.allocation().threadsStarted());
      node.put("threads_ended", run.allocation().threadsEnded());
      node.put("failures", run.failures());
      node.put("stored", run.stored());
      if (run.spansExported() >= 0) {
        node.put("spans_exported", run.spansExported());
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    mapper.writeValue(file.toFile(), root);
  }

  private static void putArray(ObjectNode node, String name, double[] values) {
    if (values == null) {
      node.putNull(name);
    } else {
      ArrayNode array = node.putArray(name);
      Arrays.stream(values).forEach(array::add);
    }
  }

  /** Spans started and exported over all measured and warm-up runs of {@code ours}. */
  private Optional<long[]> spans() {
    List<RunResult> traced = runs.stream().filter(r -> r.spansExported() >= 0).toList();
    if (traced.isEmpty()) {
      return Optional.empty();
    }
    long started = traced.stream().mapToLong(RunResult::events).sum();
    long exported = traced.stream().mapToLong(RunResult::spansExported).sum();
    return Optional.of(new long[] {started, exported});
  }

  /** Says so when raw's stored headers differ from ours' (names or size): then the bytes were not the same. */
  private Optional<String> headerMismatch() {
    PublishBenchmark.HeaderSample raw = sample(Variant.RAW);
    PublishBenchmark.HeaderSample ours = sample(Variant.OURS);
    if (raw == null || ours == null) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    if (!raw.names().equals(ours.names())) {
      problems.add("header names differ: raw " + raw.names() + ", ours " + ours.names());
    }
    if (raw.headerBytes() != ours.headerBytes()) {
      problems.add("header bytes differ: raw " + raw.headerBytes() + ", ours " + ours.headerBytes());
    }
    if (raw.bodyBytes() != ours.bodyBytes()) {
      problems.add("body bytes differ: raw " + raw.bodyBytes() + ", ours " + ours.bodyBytes());
    }
    return problems.isEmpty() ? Optional.empty()
        : Optional.of("the raw baseline does not send what EventPublisher sends: "
            + String.join("; ", problems));
  }

  private PublishBenchmark.HeaderSample sample(Variant variant) {
    return headerSamples.stream().filter(s -> s.variant() == variant).findFirst().orElse(null);
  }

  /** Microseconds with one decimal, or {@code n/a} for the -1 of an unknown figure. */
  static String micros(double value) {
    return value < 0 ? "n/a" : String.format("%.1f", value);
  }

  static double median(double[] values) {
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
