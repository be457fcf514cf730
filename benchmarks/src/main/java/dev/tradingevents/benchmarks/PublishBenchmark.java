package dev.tradingevents.benchmarks;

import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.publisher.WindowFullPolicy;
import dev.tradingevents.tracing.EventTracing;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * The publish benchmark: {@code EventPublisher} against raw jnats {@code publishAsync} of the same bytes,
 * with the same in-flight window, in one process and one run.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar --events 200000 --rounds 5 --window 10000
 * </pre>
 *
 * <p>Method: one warm-up round (not counted), then {@code rounds} rounds that each run every variant
 * once, in the same order ({@code raw, ours, ours-notrace}). Before every run the stream is emptied (created
 * anew when this benchmark created it, so the server forgets the earlier runs' message ids), the variant
 * gets a fresh connection and the heap is collected; the clock and the allocation counters run only around
 * the publishing. Each variant's events/s is the median over the rounds, and a ratio is the median of the
 * ratios within each round ({@link RoundRatios}). See {@code benchmarks/README.md}.
 */
public final class PublishBenchmark {
  /** The targets: typed and traced publish at 90% of raw jnats or better, at most 2 KB per event. */
  static final double TARGET_RATIO = 0.90;
  static final long TARGET_ALLOC_BYTES = 2048;

  private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(60);

  private final BenchmarkOptions options;
  private final PrintStream out;
  private final EventCodec codec = EventCodec.create();
  private final EventSubjects subjects;
  private final AllocationMeter meter = new AllocationMeter();
  private final CpuMeter cpuMeter = new CpuMeter();
  private StreamSetup streamSetup;
  /** Whether this benchmark created the stream (and so may delete it). */
  private boolean ownStream;
  private String url;
  private JetStreamManagement management;
  private BenchTelemetry telemetry;
  private BenchTelemetry sampledTelemetry;
  private final List<HeaderSample> headerSamples = new ArrayList<>();

  private PublishBenchmark(BenchmarkOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.subjects = EventSubjects.withPrefix(options.subjectPrefix());
  }

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the benchmark with these command-line arguments, {@code NATS_URL} from the environment.
   *
   * @return 0 when every run published and stored every event, 1 when one did not, 2 for bad arguments
   */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    return HarnessStart.run(args, out, err, BenchmarkOptions::parse, BenchmarkOptions.USAGE, BenchmarkOptions::help,
        null, options -> {
      PublishReport report = new PublishBenchmark(options, out).execute();
      report.print(out);
      report.writeJson(options.out());
      out.println("JSON report: " + options.out().toAbsolutePath());
      if (!report.allRunsOk()) {
        err.println("some runs lost or failed events: the figures above are not valid");
        return 1;
      }
      return 0;
    });
  }

  private PublishReport execute() throws Exception {
    BenchServer server = BenchServer.at(options.natsUrl());
    url = server.url();
    String serverSource = server.source();
    try (server;
        Connection admin = connect("publish-bench-admin");
        BenchTelemetry otel = new BenchTelemetry();
        BenchTelemetry sampled = new BenchTelemetry(io.opentelemetry.sdk.trace.samplers.Sampler.traceIdRatioBased(0.01))) {
      this.telemetry = otel;
      this.sampledTelemetry = sampled;
      this.management = admin.jetStreamManagement();
      this.streamSetup = StreamSetup.builder()
          .name(options.stream())
          .subjects(subjects)
          .storage(StorageType.File)
          .build();
      this.ownStream = !streamExists();
      streamSetup.ensure(management);
      MessageStats stats = MessageStats.of(EventMix.events(Math.min(options.events(), 50_000)), codec, subjects,
          options.stream());
      out.printf("publish benchmark: %,d events x %d rounds (+%d warm-up), window %,d, variants %s%n",
          options.events(), options.rounds(), options.warmupRounds(), options.window(),
          options.variants().stream().map(Variant::label).toList());
      out.printf("server: nats-server %s (%s), stream %s (file storage, %s)%n",
          admin.getServerInfo().getVersion(), serverSource, options.stream(), subjects.allEvents());

      List<RunResult> runs = new ArrayList<>();
      int totalRounds = options.warmupRounds() + options.rounds();
      for (int round = 1; round <= totalRounds; round++) {
        boolean warmup = round <= options.warmupRounds();
        for (Variant variant : order(round - options.warmupRounds(), options.variants())) {
          RunResult result = runOnce(variant, round, warmup);
          runs.add(result);
          out.printf("  %-7s %-13s %,10.0f events/s %,9.1f ms %,7.0f B/publish  CPU/publish: JVM %5.1f µs,"
                  + " server %5s µs%s%n",
              warmup ? "warm-up" : "round " + (round - options.warmupRounds()), variant.label(),
              result.eventsPerSecond(), result.elapsedNanos() / 1e6, result.allocatedBytesPerPublish(),
              result.jvmCpuMicrosPerPublish(), PublishReport.micros(result.serverCpuMicrosPerPublish()),
              result.ok() ? "" : "  FAILED: " + result.failures() + " failed, " + result.stored() + " stored");
        }
      }
      if (server.shared() && ownStream) {
        management.deleteStream(options.stream()); // on a server of our own, it goes with the server
      }
      return new PublishReport(options, runs, stats, headerSamples, admin.getServerInfo().getVersion(),
          serverSource);
    }
  }

  /**
   * The variants of a round: in the order given in the warm-up and in odd measured rounds, reversed in even
   * ones, so that every other round runs ours before raw.
   *
   * <p>Why: nats-server gets cheaper per publish over the first rounds of a run (probably because, with
   * {@code GOGC=off}, its heap grows page by page until its first collection, and a page fault costs about
   * 10 µs on this VM). In run DD, raw cost the server 20.3, 23.7, 17.7, 15.2 and 16.4 µs per publish in
   * rounds 1 to 5. With raw always first, ours got the cheaper server in every round: in round 3, where the
   * drop came, ours/raw was 0.99 to 1.15 in the twelve runs CA to DD, over 1 in eleven of them.
   */
  static List<Variant> order(int measuredRound, List<Variant> variants) {
    if (measuredRound < 1 || measuredRound % 2 == 1) {
      return variants;
    }
    List<Variant> reversed = new ArrayList<>(variants);
    Collections.reverse(reversed);
    return reversed;
  }

  private RunResult runOnce(Variant variant, int round, boolean warmup)
      throws IOException, JetStreamApiException, InterruptedException {
    List<TradingEvent> events = EventMix.events(options.events());
    emptyStream();
    try (Connection connection = connect("publish-bench-" + variant.label())) {
      Timed timed;
      long spansBefore = telemetry.flushSpans();
      if (variant == Variant.RAW) {
        // the same first request EventPublisher.Builder#build makes (a stream check): it starts jnats'
        // reply dispatcher outside the timed section, as it is for the publisher
        connection.jetStreamManagement().getStreamInfo(options.stream());
        List<RawMessages.Message> messages = RawMessages.prepare(events, codec, subjects, options.stream(), true,
            round);
        events = null; // only the prepared messages stay reachable during the run
        timed = publishRaw(connection.jetStream(), messages);
      } else {
        try (EventPublisher publisher = publisher(connection, variant)) {
          timed = publishOurs(publisher, events);
        }
      }
      long spansExported = variant == Variant.OURS ? telemetry.flushSpans() - spansBefore : -1;
      long stored = management.getStreamInfo(options.stream()).getStreamState().getMsgCount();
      if (round == 1) {
        headerSamples.add(sampleHeaders(variant));
      }
      return new RunResult(variant, round, warmup, options.events(), timed.nanos, timed.allocation, timed.cpu,
          timed.failures, stored, spansExported);
    }
  }

  /**
   * Empties the stream before a run. A stream this benchmark created is deleted and created anew: a purge
   * keeps the server's map of message ids for the duplicate window (2 minutes), so the ids of every
   * earlier run piled up, and the run that crossed about 1.7 million of them (the map's growth, always the
   * 18th run) cost nats-server 22 to 26 µs per publish instead of 12 to 16. A stream that was there before
   * is only purged: its configuration is not ours to replace.
   */
  private void emptyStream() throws IOException, JetStreamApiException {
    if (ownStream) {
      management.deleteStream(options.stream());
      streamSetup.ensure(management);
    } else {
      management.purgeStream(options.stream());
    }
  }

  private boolean streamExists() throws IOException, JetStreamApiException {
    try {
      management.getStreamInfo(options.stream());
      return true;
    } catch (JetStreamApiException e) {
      if (e.getErrorCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private EventPublisher publisher(Connection connection, Variant variant)
      throws IOException, InterruptedException {
    EventPublisher.Builder builder = EventPublisher.builder(connection)
        .stream(options.stream())
        .subjects(subjects)
        .codec(codec) // the long-lived, warm codec a service would have; also used to prepare the raw bytes
        .maxInFlight(options.window())
        .windowFullPolicy(WindowFullPolicy.BLOCK)
        .blockTimeout(BLOCK_TIMEOUT);
    return switch (variant) {
      case OURS -> builder.openTelemetry(telemetry.openTelemetry()).build();
      case OURS_SAMPLED -> builder.openTelemetry(sampledTelemetry.openTelemetry()).build();
      case OURS_NO_TRACING -> builder.openTelemetry(telemetry.openTelemetry()).tracing(EventTracing.noop()).build();
      case OURS_NO_OTEL -> builder.openTelemetry(OpenTelemetry.noop()).build();
      case RAW -> throw new IllegalArgumentException("raw does not use EventPublisher");
    };
  }

  /** Times {@code publishAsync} of the prepared messages with a semaphore as the in-flight window. */
  private Timed publishRaw(JetStream jetStream, List<RawMessages.Message> messages) throws InterruptedException {
    Semaphore window = new Semaphore(options.window());
    CountDownLatch done = new CountDownLatch(messages.size());
    LongAdder failures = new LongAdder();
    BiConsumer<Object, Throwable> onAck = (ack, error) -> {
      window.release();
      if (error != null) {
        failures.increment();
      }
      done.countDown();
    };
    Settle.beforeRun(out);
    CpuMeter.Snapshot cpuBefore = cpuMeter.snapshot();
    AllocationMeter.Snapshot before = meter.snapshot();
    long start = System.nanoTime();
    for (RawMessages.Message message : messages) {
      window.acquireUninterruptibly();
      try {
        jetStream.publishAsync(message.subject(), message.headers(), message.body()).whenComplete(onAck);
      } catch (RuntimeException e) {
        onAck.accept(null, e);
      }
    }
    await(done, Variant.RAW);
    long nanos = System.nanoTime() - start;
    AllocationMeter.Delta allocation = before.until(meter.snapshot());
    CpuMeter.Snapshot cpu = cpuBefore.until(cpuMeter.snapshot());
    return new Timed(nanos, allocation, cpu, failures.sum());
  }

  /** Times {@code EventPublisher.publish} of the events, from the first call to the last future. */
  private Timed publishOurs(EventPublisher publisher, List<TradingEvent> events) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(events.size());
    LongAdder failures = new LongAdder();
    BiConsumer<Object, Throwable> onReceipt = (receipt, error) -> {
      if (error != null) {
        failures.increment();
      }
      done.countDown();
    };
    Settle.beforeRun(out);
    CpuMeter.Snapshot cpuBefore = cpuMeter.snapshot();
    AllocationMeter.Snapshot before = meter.snapshot();
    long start = System.nanoTime();
    for (TradingEvent event : events) {
      publisher.publish(event).whenComplete(onReceipt);
    }
    await(done, Variant.OURS);
    long nanos = System.nanoTime() - start;
    AllocationMeter.Delta allocation = before.until(meter.snapshot());
    CpuMeter.Snapshot cpu = cpuBefore.until(cpuMeter.snapshot());
    return new Timed(nanos, allocation, cpu, failures.sum());
  }

  private void await(CountDownLatch done, Variant variant) throws InterruptedException {
    long limitSeconds = 60 + options.events() / 1_000;
    if (!done.await(limitSeconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(variant.label() + ": " + done.getCount() + " of " + options.events()
          + " publishes still without ack or failure after " + limitSeconds + " s");
    }
  }

  /** The headers of the first message of the run, as the stream stored them. */
  private HeaderSample sampleHeaders(Variant variant) throws IOException, JetStreamApiException {
    long first = management.getStreamInfo(options.stream()).getStreamState().getFirstSequence();
    MessageInfo message = management.getMessage(options.stream(), first);
    Headers headers = message.getHeaders();
    return new HeaderSample(variant, new TreeSet<>(headers.keySet()), headers.serializedLength(),
        message.getData() == null ? 0 : message.getData().length);
  }

  private Connection connect(String name) throws IOException, InterruptedException {
    Options.Builder connection = Options.builder()
        .server(url)
        .connectionName(name)
        .connectionTimeout(Duration.ofSeconds(5))
        .maxReconnects(-1);
    if (!options.flushOnRequest()) {
      connection.dontForceFlushOnRequest();
    }
    return Nats.connect(connection.build());
  }

  private record Timed(long nanos, AllocationMeter.Delta allocation, CpuMeter.Snapshot cpu, long failures) {}

  /**
   * The header names and sizes of one stored message.
   *
   * @param names header names
   * @param headerBytes the headers as serialized on the wire ({@code NATS/1.0} line included)
   * @param bodyBytes payload bytes
   */
  record HeaderSample(Variant variant, TreeSet<String> names, int headerBytes, int bodyBytes) {}

  /** Sizes of the messages of the mix, as the raw baseline sends them. */
  record MessageStats(double bodyBytesAvg, int bodyBytesMin, int bodyBytesMax, double headerBytesAvg) {
    static MessageStats of(List<TradingEvent> events, EventCodec codec, EventSubjects subjects, String stream) {
      List<RawMessages.Message> messages = RawMessages.prepare(events, codec, subjects, stream, true, 0);
      long body = 0;
      long headers = 0;
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (RawMessages.Message message : messages) {
        body += message.body().length;
        headers += message.headers().serializedLength();
        min = Math.min(min, message.body().length);
        max = Math.max(max, message.body().length);
      }
      return new MessageStats((double) body / messages.size(), min, max, (double) headers / messages.size());
    }
  }
}
