package dev.tradingevents.benchmarks;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.publisher.StreamSetup;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay benchmark: the replay command (the service's shaded jar, a child JVM, writing the logger's
 * lines to a file) against a raw jnats ordered consumer of the same kind that only counts ({@link
 * RawOrderedReader}, a child JVM with the same options), on the same stream, in one run, rounds interleaved.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tradingevents.benchmarks.ReplayBenchmark --events 1000000
 * </pre>
 *
 * <p>The replay's rate is taken from its own summary (events ÷ the time from connecting to the last line
 * flushed), so the child JVM's start-up is not counted; the wall time of the child is printed too. The
 * raw readers time themselves the same way. The raw pull reader and the replay are started together and
 * run by turns of {@code --turn-ms} ({@link TakingTurns}): each one's time is then its own less the time
 * it was stopped within it, and both meet the same spells of this shared machine. The target: the replay at 0.60 of the raw rate or better
 * (the median of the ratios within each round, {@link RoundRatios}).
 *
 * <p>Why the baseline pulls: the replay reads with jnats' ordered consumer ({@code createOrderedConsumer},
 * pull-based, {@code --batch} messages per pull) so that at most a batch waits in its memory, and the
 * baseline reads the same way with the same batch, as the publish and logger baselines use the same
 * window and batch as ours. What the consumer kind itself costs is measured beside it: a push ordered
 * consumer, which nats-server serves with less work but which lets about 30 MB pile up in a slow client
 * ({@code raw_replay_push_events_per_s}, {@code replay_ratio_vs_push}).
 *
 * <p>Why the baselines are new JVMs too: a replay is a command run once, so it always runs cold, and so
 * does a raw jnats tool an operator would write instead. A raw consumer inside this (long-lived) JVM gets
 * faster every round as its JIT warms (65,000 to 173,000 events/s over three rounds of one run), which
 * measures the benchmark's own history, not the replay's cost. That in-process figure is still measured
 * and reported beside the ratio ({@code raw_replay_in_process_events_per_s}).
 */
public final class ReplayBenchmark {
  static final double TARGET_RATIO = 0.60;
  private static final int PRELOAD_WINDOW = 10_000;
  private static final int PRELOAD_CHUNK = 50_000;
  private static final Pattern RAW_READ = Pattern.compile("read (\\d+) events in ([\\d.]+) s, started at (\\d+) us");
  private static final Pattern REPLAYED_AT = Pattern.compile("\"replayed_at\":\"([^\"]+)\"");
  private static final Pattern SUMMARY = Pattern.compile("replayed ([\\d,]+) events .* in ([\\d.]+) s");

  private final ReplayBenchmarkOptions options;
  private final PrintStream out;
  private final EventCodec codec = EventCodec.create();
  private final CpuMeter cpuMeter = new CpuMeter();
  private final EventSubjects subjects;
  private String url;

  private ReplayBenchmark(ReplayBenchmarkOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.subjects = EventSubjects.withPrefix(options.stream().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** @return 0 when every round read every event, 1 when one did not, 2 for bad arguments */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    return HarnessStart.run(args, out, err, ReplayBenchmarkOptions::parse, ReplayBenchmarkOptions.USAGE, ReplayBenchmarkOptions::help,
        ReplayBenchmarkOptions::loggerJar, options -> {
      boolean ok = new ReplayBenchmark(options, out).execute();
      out.println("JSON report: " + options.out().toAbsolutePath());
      return ok ? 0 : 1;
    });
  }

  private boolean execute() throws Exception {
    BenchServer server = BenchServer.at(options.natsUrl());
    url = server.url();
    try (server; Connection admin = connect("replay-bench-admin")) {
      JetStreamManagement management = admin.jetStreamManagement();
      StreamSetup.builder().name(options.stream()).subjects(subjects).storage(StorageType.File).build()
          .ensure(management);
      management.purgeStream(options.stream());
      out.printf("replay benchmark: %,d events x %d rounds, pulls of %,d, nats-server %s, stream %s (file storage)%n",
          options.events(), options.rounds(), options.batch(), admin.getServerInfo().getVersion(), options.stream());
      long start = System.nanoTime();
      preload();
      out.printf("stored %,d events in %.1f s%n", options.events(), (System.nanoTime() - start) / 1e9);
      List<Double> raw = new ArrayList<>();
      List<Double> rawPush = new ArrayList<>();
      List<Double> rawInProcess = new ArrayList<>();
      List<Double> replay = new ArrayList<>();
      List<ReplayRun> runs = new ArrayList<>();
      List<ChildCpu> rawCpu = new ArrayList<>();
      List<ChildCpu> replayCpu = new ArrayList<>();
      boolean ok = true;
      for (int round = 1; round <= options.rounds(); round++) {
        // before every read, so that none is measured while the kernel writes out what an earlier one left
        // (the filled stream, 709 MB, was written out during round 1 before: see Settle)
        Settle.beforeRun(out);
        double inProcess = runRawInProcess();
        rawInProcess.add(inProcess);
        out.printf(Locale.ROOT, "  round %d raw (in this JVM, informational) %,10.0f events/s%n", round, inProcess);
        Settle.beforeRun(out);
        double pushRate = runRawChild("push");
        rawPush.add(pushRate);
        out.printf(Locale.ROOT, "  round %d raw push (a new JVM, informational) %,10.0f events/s%n", round, pushRate);
        Round pair = options.turnMillis() > 0 ? runByTurns(round) : runOneAfterTheOther(round);
        double rawRate = pair.rawRate();
        ReplayRun run = pair.replay();
        raw.add(rawRate);
        rawCpu.add(pair.rawCpu());
        out.printf(Locale.ROOT, "  round %d raw     %,10.0f events/s (a new JVM pulling like the replay; CPU %s)%n", round,
            rawRate, pair.rawCpu());
        ok &= rawRate > 0 && pushRate > 0;
        ok &= run.events() == options.events() && run.lines() == options.events() && run.exitCode() == 0;
        replay.add(run.eventsPerSecond());
        runs.add(run);
        replayCpu.add(pair.replayCpu());
        out.printf(Locale.ROOT, "  round %d replay  %,10.0f events/s (%,d events in %.2f s by its summary%s; child"
                + " JVM %.2f s wall; %,d lines; exit %d; CPU %s)%n", round, run.eventsPerSecond(), run.events(),
            run.seconds(), run.stoppedSeconds() > 0 ? String.format(Locale.ROOT, " less %.2f s stopped", run.stoppedSeconds())
                : "", run.wallSeconds(), run.lines(), run.exitCode(), pair.replayCpu());
        if (pair.turns() != null) {
          out.println("          " + pair.turns());
        }
      }
      double rawMedian = median(raw);
      double replayMedian = median(replay);
      double ratio = ratio(replay, raw);
      out.printf(Locale.ROOT, "medians: raw %,.0f events/s, replay %,.0f events/s; ratio %.2f, the median of the ratios"
              + " within each round %s (target %.2f: %s; ratio of the medians %.2f)%n",
          rawMedian, replayMedian, ratio, roundRatios(replay, raw), TARGET_RATIO,
          ratio >= TARGET_RATIO ? "met" : "NOT met", RoundRatios.ofMedians(array(replay), array(raw)));
      out.printf(Locale.ROOT, "  (against a raw push ordered consumer, a new JVM: %,.0f events/s, ratio %.2f; inside this"
          + " JVM, warm from earlier rounds: %,.0f events/s, ratio %.2f)%n", median(rawPush), ratio(replay, rawPush),
          median(rawInProcess), ratio(replay, rawInProcess));
      CpuPerEvent cpu = CpuPerEvent.of(replayCpu, rawCpu, options.events());
      out.printf(Locale.ROOT, "  (CPU µs per event, medians, each child JVM from its start to its end: the replay's %s,"
              + " the raw reader's %s; nats-server meanwhile %s and %s)%n", PublishReport.micros(cpu.replayJvm()),
          PublishReport.micros(cpu.rawJvm()), PublishReport.micros(cpu.replayServer()),
          PublishReport.micros(cpu.rawServer()));
      writeJson(raw, rawPush, rawInProcess, replay, runs, rawCpu, replayCpu, cpu, admin.getServerInfo().getVersion(),
          ok);
      if (server.shared()) {
        management.deleteStream(options.stream());
      }
      return ok;
    }
  }

  private void preload() throws Exception {
    try (Connection connection = connect("replay-bench-preload")) {
      JetStream jetStream = connection.jetStream();
      Semaphore window = new Semaphore(PRELOAD_WINDOW);
      LongAdder failures = new LongAdder();
      CountDownLatch done = new CountDownLatch(options.events());
      for (int stored = 0; stored < options.events(); stored += PRELOAD_CHUNK) {
        int chunk = Math.min(PRELOAD_CHUNK, options.events() - stored);
        for (RawMessages.Message message : RawMessages.prepare(EventMix.events(chunk), codec, subjects, null, true,
            stored)) {
          window.acquireUninterruptibly();
          jetStream.publishAsync(message.subject(), message.headers(), message.body()).whenComplete((ack, error) -> {
            window.release();
            if (error != null) {
              failures.increment();
            }
            done.countDown();
          });
        }
      }
      if (!done.await(120 + options.events() / 1_000, TimeUnit.SECONDS) || failures.sum() > 0) {
        throw new IllegalStateException("storing failed: " + done.getCount() + " without ack, " + failures.sum()
            + " failed");
      }
    }
  }

  /** {@link RawOrderedReader} in a new JVM with the replay child's options; its rate by its own clock. */
  private double runRawChild(String... kind) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(rawCommand(kind)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    RawRead read = RawRead.of(output, exit);
    if (read == null) {
      out.println("  the raw reader failed (exit " + exit + "):\n" + output);
      return 0;
    }
    return read.events() / read.seconds();
  }

  private List<String> rawCommand(String... kind) {
    List<String> arguments = new ArrayList<>(List.of(url, options.stream(), Integer.toString(options.events())));
    arguments.addAll(List.of(kind));
    return childJava(System.getProperty("java.class.path"), RawOrderedReader.class.getName(),
        arguments.toArray(String[]::new));
  }

  /** What {@link RawOrderedReader} printed: events, seconds by its clock, and its start on the wall clock (µs). */
  record RawRead(long events, double seconds, long startMicros) {
    long endMicros() {
      return startMicros + (long) (seconds * 1e6);
    }

    static RawRead of(String output, int exit) {
      Matcher read = RAW_READ.matcher(output);
      return exit != 0 || !read.find() ? null
          : new RawRead(Long.parseLong(read.group(1)), Double.parseDouble(read.group(2)), Long.parseLong(read.group(3)));
    }
  }

  /** One round's raw pull reader and replay: rates, CPU, and how they took turns (null one after the other). */
  record Round(double rawRate, ChildCpu rawCpu, ReplayRun replay, ChildCpu replayCpu, String turns) {}

  /** The raw pull reader, then the replay, each with the machine to itself (before runs HA). */
  private Round runOneAfterTheOther(int round) throws Exception {
    Settle.beforeRun(out);
    ChildCpu.Meter rawMeter = ChildCpu.start();
    double rawRate = runRawChild("pull", Integer.toString(options.batch()));
    ChildCpu rawChildCpu = rawMeter.stop();
    Settle.beforeRun(out);
    ChildCpu.Meter replayMeter = ChildCpu.start();
    ReplayRun run = runReplay(round);
    return new Round(rawRate, rawChildCpu, run, replayMeter.stop(), null);
  }

  /**
   * The raw pull reader and the replay started together and run by turns ({@link TakingTurns}): each one's
   * time is its own (from connecting to its last message) less the time it was stopped within it.
   */
  private Round runByTurns(int round) throws Exception {
    Files.createDirectories(options.workDir());
    String tag = ProcessHandle.current().pid() + "-" + round;
    Path lines = options.workDir().resolve("replay-bench-" + tag + ".jsonl");
    Path replayErr = options.workDir().resolve("replay-bench-" + tag + ".err");
    Path rawOut = options.workDir().resolve("replay-bench-raw-" + tag + ".out");
    long timeoutSeconds = 120 + options.events() / 2_000;
    Settle.beforeRun(out);
    long start = System.nanoTime();
    long childrenBefore = ChildCpu.endedChildrenNanos();
    long rawJvmNanos;
    long replayJvmNanos;
    Process raw;
    Process replay;
    long rawTurns;
    long replayTurns;
    long rawServerNanos;
    long replayServerNanos;
    double replayWall;
    RawRead rawRead;
    ReplayRun run;
    try (TakingTurns turns = TakingTurns.of(Duration.ofMillis(options.turnMillis()), cpuMeter)) {
      raw = new ProcessBuilder(rawCommand("pull", Integer.toString(options.batch()))).redirectErrorStream(true)
          .redirectOutput(rawOut.toFile()).start();
      replay = new ProcessBuilder(replayCommand(lines)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(replayErr.toFile()).start();
      // the replay has the first turn in odd rounds, the raw reader in even ones
      ProcessHandle rawChild = raw.toHandle();
      ProcessHandle replayChild = replay.toHandle();
      turns.run(Alternating.order(round, List.of(replayChild, rawChild)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (raw.isAlive() && replay.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Process first = raw.isAlive() ? replay : raw;
      Process second = first == raw ? replay : raw;
      boolean firstEnded = first.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      long childrenAtFirst = ChildCpu.endedChildrenNanos();
      boolean secondEnded = firstEnded && second.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      long childrenAtEnd = ChildCpu.endedChildrenNanos();
      if (!secondEnded) {
        raw.destroyForcibly();
        replay.destroyForcibly();
        out.printf("  round %d: the raw reader and the replay did not both end within %d s%n", round, timeoutSeconds);
      }
      turns.close(); // its switching thread has ended: the stops and turns read below are final
      long firstNanos = childrenBefore < 0 || childrenAtFirst < 0 || !firstEnded ? -1 : childrenAtFirst - childrenBefore;
      long secondNanos = childrenAtFirst < 0 || childrenAtEnd < 0 || !secondEnded ? -1 : childrenAtEnd - childrenAtFirst;
      rawJvmNanos = first == raw ? firstNanos : secondNanos;
      replayJvmNanos = first == raw ? secondNanos : firstNanos;
      replayWall = (System.nanoTime() - start) / 1e9;
      String rawOutput = Files.readString(rawOut);
      rawRead = RawRead.of(rawOutput, secondEnded ? raw.exitValue() : -1);
      if (rawRead == null) {
        out.println("  the raw reader failed:\n" + rawOutput);
      }
      run = replayRun(lines, Files.readString(replayErr), replayWall, secondEnded ? replay.exitValue() : -1);
      if (run.events() > 0) {
        long from = firstLineReplayedAt(lines);
        long to = from + (long) (run.seconds() * 1e6);
        double stopped = from < 0 ? 0 : turns.stoppedMicros(replayChild, from, to) / 1e6;
        run = new ReplayRun(run.events(), run.seconds(), stopped, run.wallSeconds(), run.lines(), run.exitCode());
      }
      rawTurns = turns.turns(rawChild);
      replayTurns = turns.turns(replayChild);
      rawServerNanos = turns.serverNanos(rawChild);
      replayServerNanos = turns.serverNanos(replayChild);
      double rawStopped = rawRead == null ? 0
          : turns.stoppedMicros(rawChild, rawRead.startMicros(), rawRead.endMicros()) / 1e6;
      double rawRate = rawRead == null ? 0 : rawRead.events() / (rawRead.seconds() - rawStopped);
      String note = String.format(Locale.ROOT, "by turns of %d ms: raw %d turns, %.2f s stopped within its %.2f s;"
              + " replay %d turns, %.2f s stopped within its %.2f s", options.turnMillis(), rawTurns, rawStopped,
          rawRead == null ? 0 : rawRead.seconds(), replayTurns, run.stoppedSeconds(), run.seconds());
      return new Round(rawRate, new ChildCpu(seconds(rawJvmNanos), seconds(rawServerNanos)), run,
          new ChildCpu(seconds(replayJvmNanos), seconds(replayServerNanos)), note);
    } finally {
      Files.deleteIfExists(lines);
      Files.deleteIfExists(replayErr);
      Files.deleteIfExists(rawOut);
    }
  }

  private static double seconds(long nanos) {
    return nanos < 0 ? -1 : nanos / 1e9;
  }

  /** The {@code replayed_at} of the first line: the replay's start on the wall clock, in µs; -1 without one. */
  private static long firstLineReplayedAt(Path lines) throws IOException {
    try (var reader = Files.newBufferedReader(lines, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      Matcher at = first == null ? null : REPLAYED_AT.matcher(first);
      if (at == null || !at.find()) {
        return -1;
      }
      Instant instant = Instant.parse(at.group(1));
      return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
  }

  /** jnats only, in this JVM: the raw reader's push ordered consumer over the whole stream. */
  private double runRawInProcess() throws Exception {
    try (Connection connection = connect("replay-bench-raw")) {
      long start = System.nanoTime();
      RawOrderedReader.Read read = RawOrderedReader.push(connection, options.stream(), options.events());
      if (read.received() < options.events()) {
        throw new IllegalStateException("raw consumer: " + read.stalled());
      }
      return read.received() / ((read.end() - start) / 1e9);
    }
  }

  /**
   * A replay's run: {@code seconds} by its summary (from connecting to its last line), of which it was
   * stopped {@code stoppedSeconds} when it ran by turns.
   */
  record ReplayRun(long events, double seconds, double stoppedSeconds, double wallSeconds, long lines, int exitCode) {
    double eventsPerSecond() {
      return seconds - stoppedSeconds > 0 ? events / (seconds - stoppedSeconds) : 0;
    }
  }

  private ReplayRun runReplay(int round) throws Exception {
    Files.createDirectories(options.workDir());
    Path lines = options.workDir().resolve("replay-bench-" + ProcessHandle.current().pid() + "-" + round + ".jsonl");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(replayCommand(lines)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    try {
      return replayRun(lines, stderr, wall, exit);
    } finally {
      Files.deleteIfExists(lines);
    }
  }

  private List<String> replayCommand(Path lines) {
    return childJava(options.loggerJar().toString(), "dev.tradingevents.logger.replay.ReplayCommand",
        "--nats-url", url, "--stream", options.stream(), "--out", lines.toString(), "--batch",
        Integer.toString(options.batch()), "--no-progress");
  }

  /** The replay's run from its summary on stderr and the lines it wrote. */
  private ReplayRun replayRun(Path lines, String stderr, double wall, int exit) {
    long lineCount;
    try (var stream = Files.lines(lines)) {
      lineCount = stream.count();
    } catch (IOException | java.io.UncheckedIOException e) {
      lineCount = -1;
    }
    Matcher summary = SUMMARY.matcher(stderr);
    if (!summary.find()) {
      out.println("  replay printed no summary:\n" + stderr);
      return new ReplayRun(0, 0, 0, wall, lineCount, exit);
    }
    return new ReplayRun(Long.parseLong(summary.group(1).replace(",", "")), Double.parseDouble(summary.group(2)), 0,
        wall, lineCount, exit);
  }

  /** {@code java <--java-opts> -cp <classPath> <mainClass> <args>}: both children start the same way. */
  private List<String> childJava(String classPath, String mainClass, String... args) {
    return ChildJava.command(options.javaOpts(), classPath, mainClass, List.of(args));
  }

  /** The medians, the ratio and the target, every round, and the setup. */
  private void writeJson(List<Double> raw, List<Double> rawPush, List<Double> rawInProcess, List<Double> replay,
      List<ReplayRun> runs, List<ChildCpu> rawCpu, List<ChildCpu> replayCpu, CpuPerEvent cpu, String serverVersion,
      boolean ok) throws IOException {
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    ObjectNode root = mapper.createObjectNode();
    double ratio = ratio(replay, raw);
    root.put("replay_ratio", ratio);
    root.put("replay_ratio_of_medians", RoundRatios.ofMedians(array(replay), array(raw)));
    root.put("replay_events_per_s", median(replay));
    root.put("raw_replay_events_per_s", median(raw));
    replay.forEach(root.putArray("replay_events_per_s_by_round")::add);
    raw.forEach(root.putArray("raw_replay_events_per_s_by_round")::add);
    root.put("raw_replay_push_events_per_s", median(rawPush));
    rawPush.forEach(root.putArray("raw_replay_push_events_per_s_by_round")::add);
    root.put("replay_ratio_vs_push", ratio(replay, rawPush));
    root.put("raw_replay_in_process_events_per_s", median(rawInProcess));
    rawInProcess.forEach(root.putArray("raw_replay_in_process_events_per_s_by_round")::add);
    root.put("replay_ratio_vs_in_process", ratio(replay, rawInProcess));
    putKnown(root, "replay_jvm_cpu_us_per_event", cpu.replayJvm());
    putKnown(root, "raw_replay_jvm_cpu_us_per_event", cpu.rawJvm());
    putKnown(root, "replay_server_cpu_us_per_event", cpu.replayServer());
    putKnown(root, "raw_replay_server_cpu_us_per_event", cpu.rawServer());
    root.put("target_replay_ratio", TARGET_RATIO);
    root.put("replay_ratio_target_met", ratio >= TARGET_RATIO);
    root.put("events", options.events());
    root.put("rounds", options.rounds());
    root.put("turn_ms", options.turnMillis());
    root.put("batch", options.batch());
    root.put("raw_replay_consumer", "jnats ordered consumer (pull), batch " + options.batch() + ", a new JVM");
    root.put("replay_java_opts", String.join(" ", options.javaOpts()));
    root.put("nats_server_version", serverVersion);
    root.put("all_runs_ok", ok);
    ArrayNode runNodes = root.putArray("runs");
    for (int i = 0; i < runs.size(); i++) {
      ReplayRun run = runs.get(i);
      ObjectNode node = runNodes.addObject();
      node.put("round", i + 1);
      node.put("raw_events_per_s", raw.get(i));
      node.put("raw_push_events_per_s", rawPush.get(i));
      node.put("raw_in_process_events_per_s", rawInProcess.get(i));
      node.put("replay_events", run.events());
      node.put("replay_lines", run.lines());
      node.put("replay_seconds", run.seconds());
      node.put("replay_stopped_seconds", run.stoppedSeconds());
      node.put("replay_wall_seconds", run.wallSeconds());
      node.put("replay_events_per_s", run.eventsPerSecond());
      node.put("exit_code", run.exitCode());
      putKnown(node, "raw_jvm_cpu_s", rawCpu.get(i).jvmSeconds());
      putKnown(node, "raw_server_cpu_s", rawCpu.get(i).serverSeconds());
      putKnown(node, "replay_jvm_cpu_s", replayCpu.get(i).jvmSeconds());
      putKnown(node, "replay_server_cpu_s", replayCpu.get(i).serverSeconds());
    }
    Path parent = options.out().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    mapper.writeValue(options.out().toFile(), root);
  }

  /** The medians over the rounds of CPU µs per event, of each child JVM and of nats-server meanwhile; -1 unknown. */
  record CpuPerEvent(double replayJvm, double rawJvm, double replayServer, double rawServer) {
    static CpuPerEvent of(List<ChildCpu> replay, List<ChildCpu> raw, long events) {
      return new CpuPerEvent(ChildCpu.jvmMicrosPerEvent(replay, events), ChildCpu.jvmMicrosPerEvent(raw, events),
          ChildCpu.serverMicrosPerEvent(replay, events), ChildCpu.serverMicrosPerEvent(raw, events));
    }
  }

  /** {@code key: value}, or {@code key: null} for a figure this machine cannot measure (negative). */
  private static void putKnown(ObjectNode node, String key, double value) {
    if (value < 0) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }

  /** Replay ÷ a baseline: the median of the ratios within each round ({@link RoundRatios}). */
  private static double ratio(List<Double> replay, List<Double> baseline) {
    return RoundRatios.median(array(replay), array(baseline));
  }

  private static List<String> roundRatios(List<Double> replay, List<Double> baseline) {
    return Arrays.stream(RoundRatios.byRound(array(replay), array(baseline)))
        .mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).toList();
  }

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double median(List<Double> values) {
    return PublishReport.median(array(values));
  }

  private Connection connect(String name) throws IOException, InterruptedException {
    return Nats.connect(Options.builder().server(url).connectionName(name).connectionTimeout(Duration.ofSeconds(5))
        .maxReconnects(-1).errorListener(new ErrorListener() {}).build()); // the default logs every flow control
  }
}
