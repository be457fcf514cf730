package dev.tradingevents.benchmarks;

import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.WindowFullPolicy;
import dev.tradingevents.tracing.EventTracing;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * <p>Method: one warm-up round (not counted), then {@code rounds} rounds. In a round each variant publishes
 * its events in {@code slices} slices (default 2), the variants taking turns slice by slice, there and back:
 * {@code raw, ours, ours-sampled, ours-notrace}, then the reverse ({@link #order(int, int, List)}). Each
 * variant publishes to a stream of its own ({@link VariantStream}), emptied before the round; before the
 * round each variant also gets a fresh connection and its input, and the heap is collected. The clock and
 * the allocation and CPU counters run only around each slice, from its first publish to its last ack. Each
 * variant's events/s is the median over the rounds, and a ratio is the median of the ratios within each
 * round ({@link RoundRatios}). See {@code benchmarks/README.md}.
 */
public final class PublishBenchmark {
  /** The targets: typed and traced publish at 90% of raw jnats or better, at most 2 KB per event. */
  static final double TARGET_RATIO = 0.90;
  static final long TARGET_ALLOC_BYTES = 2048;

  private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(60);

  private final BenchmarkOptions options;
  private final PrintStream out;
  private final EventCodec codec = EventCodec.create();
  private final AllocationMeter meter = new AllocationMeter();
  private final CpuMeter cpuMeter = new CpuMeter();
  /** Each variant's stream: a round interleaves the variants' slices, so none may empty another's stream. */
  private final Map<Variant, VariantStream> streams = new EnumMap<>(Variant.class);
  private String url;
  private JetStreamManagement management;
  private BenchTelemetry telemetry;
  private BenchTelemetry sampledTelemetry;
  private final List<HeaderSample> headerSamples = new ArrayList<>();

  private PublishBenchmark(BenchmarkOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
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
      List<Variant> variants = options.variants();
      for (int i = 0; i < variants.size(); i++) {
        streams.put(variants.get(i), VariantStream.ensure(management, options, i + 1));
      }
      VariantStream first = streams.get(variants.get(0));
      MessageStats stats = MessageStats.of(EventMix.events(Math.min(options.events(), 50_000)), codec,
          first.subjects(), first.name());
      out.printf("publish benchmark: %,d events x %d rounds (+%d warm-up), window %,d, variants %s,"
              + " each round in %d slices%n",
          options.events(), options.rounds(), options.warmupRounds(), options.window(),
          variants.stream().map(Variant::label).toList(), options.slices());
      out.printf("server: nats-server %s (%s), a stream per variant: %s_1.. (file storage, %s-1.> ..)%n",
          admin.getServerInfo().getVersion(), serverSource, options.stream(), options.subjectPrefix());

      List<RunResult> runs = new ArrayList<>();
      int totalRounds = options.warmupRounds() + options.rounds();
      for (int round = 1; round <= totalRounds; round++) {
        boolean warmup = round <= options.warmupRounds();
        for (RunResult result : runRound(round, warmup)) {
          runs.add(result);
          out.printf("  %-7s %-13s %,10.0f events/s %,9.1f ms %,7.0f B/publish  CPU/publish: JVM %5.1f µs,"
                  + " server %5s µs%s%n",
              warmup ? "warm-up" : "round " + (round - options.warmupRounds()), result.variant().label(),
              result.eventsPerSecond(), result.elapsedNanos() / 1e6, result.allocatedBytesPerPublish(),
              result.jvmCpuMicrosPerPublish(), PublishReport.micros(result.serverCpuMicrosPerPublish()),
              result.ok() ? "" : "  FAILED: " + result.failures() + " failed, " + result.stored() + " stored");
        }
      }
      for (VariantStream stream : streams.values()) {
        stream.dropIfOurs(management, server.shared()); // on a server of our own, they go with the server
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
    return Alternating.order(measuredRound, variants);
  }

  /**
   * The variants of one slice of a round: the round's order ({@link #order(int, List)}) in its first slice,
   * reversed in the next, and so on: A B C D, D C B A. So within a round every variant runs as long before
   * the round's middle as after it, and a machine that slows down or speeds up steadily over the round
   * weighs on all of them alike.
   *
   * <p>Why: the machine's speed drifts over seconds. With each variant's events in one piece, one after the
   * other, a drift within a round went to whichever variant ran later: in run HK's round 2, raw ran last and
   * the server used 33.1 µs per publish for it, 16.9 for {@code ours-notrace}, which ran first.
   */
  static List<Variant> order(int measuredRound, int slice, List<Variant> variants) {
    return Alternating.order(slice + 1, order(measuredRound, variants));
  }

  /**
   * One round: every variant publishes its events in {@code slices} slices, the variants taking turns slice
   * by slice ({@link #order(int, int, List)}). A variant's time, allocation and CPU are the sums over its
   * slices, each timed from its first publish to its last ack. Before the round each stream is emptied,
   * every variant gets a fresh connection and its input, and the heap is collected once.
   */
  private List<RunResult> runRound(int round, boolean warmup)
      throws IOException, JetStreamApiException, InterruptedException {
    List<Variant> variants = options.variants();
    Map<Variant, Contestant> contestants = new EnumMap<>(Variant.class);
    try {
      for (Variant variant : variants) {
        VariantStream stream = streams.get(variant);
        stream.empty(management);
        Connection connection = connect("publish-bench-" + variant.label());
        try {
          contestants.put(variant, new Contestant(variant, stream, connection, round));
        } catch (IOException | JetStreamApiException | InterruptedException | RuntimeException e) {
          connection.close(); // the Contestant that would have closed it was never made
          throw e;
        }
      }
      Settle.beforeRun(out);
      int measuredRound = round - options.warmupRounds();
      for (int slice = 0; slice < options.slices(); slice++) {
        for (Variant variant : order(measuredRound, slice, variants)) {
          contestants.get(variant).publishSlice(slice);
        }
      }
      List<RunResult> results = new ArrayList<>();
      for (Variant variant : variants) {
        Contestant contestant = contestants.get(variant);
        long stored = management.getStreamInfo(contestant.stream.name()).getStreamState().getMsgCount();
        if (round == 1) {
          headerSamples.add(sampleHeaders(variant, contestant.stream.name()));
        }
        results.add(contestant.result(round, warmup, stored));
      }
      return results;
    } finally {
      for (Contestant contestant : contestants.values()) {
        contestant.close();
      }
    }
  }

  /** One variant in one round: its connection, its input, and what its slices used so far. */
  private final class Contestant implements AutoCloseable {
    private final Variant variant;
    private final VariantStream stream;
    private final Connection connection;
    private final JetStream jetStream;
    private final EventPublisher publisher;
    private final List<TradingEvent> events;
    private final List<RawMessages.Message> messages;
    private long nanos;
    private AllocationMeter.Delta allocation = AllocationMeter.Delta.NONE;
    private CpuMeter.Snapshot cpu = CpuMeter.Snapshot.NONE;
    private long failures;
    private long spans;

    Contestant(Variant variant, VariantStream stream, Connection connection, int round)
        throws IOException, JetStreamApiException, InterruptedException {
      this.variant = variant;
      this.stream = stream;
      this.connection = connection;
      this.jetStream = connection.jetStream();
      List<TradingEvent> input = EventMix.events(options.events());
      if (variant == Variant.RAW) {
        // the same first request EventPublisher.Builder#build makes (a stream check): it starts jnats'
        // reply dispatcher outside the timed section, as it is for the publisher
        connection.jetStreamManagement().getStreamInfo(stream.name());
        this.messages = RawMessages.prepare(input, codec, stream.subjects(), stream.name(), true, round);
        this.events = null; // only the prepared messages stay reachable during the run
        this.publisher = null;
      } else {
        this.messages = null;
        this.events = input;
        this.publisher = publisher(connection, variant, stream);
      }
    }

    void publishSlice(int slice) throws InterruptedException {
      int size = variant == Variant.RAW ? messages.size() : events.size();
      int from = (int) ((long) size * slice / options.slices());
      int to = (int) ((long) size * (slice + 1) / options.slices());
      long spansBefore = variant == Variant.OURS ? telemetry.flushSpans() : 0;
      Timed timed = variant == Variant.RAW
          ? publishRaw(jetStream, messages.subList(from, to))
          : publishOurs(publisher, events.subList(from, to));
      if (variant == Variant.OURS) {
        spans += telemetry.flushSpans() - spansBefore; // outside the clock, and before the next variant runs
      } else if (variant == Variant.OURS_SAMPLED) {
        sampledTelemetry.flushSpans();
      }
      nanos += timed.nanos;
      allocation = allocation.plus(timed.allocation);
      cpu = cpu.plus(timed.cpu);
      failures += timed.failures;
    }

    RunResult result(int round, boolean warmup, long stored) {
      return new RunResult(variant, round, warmup, options.events(), nanos, allocation, cpu, failures, stored,
          variant == Variant.OURS ? spans : -1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
      try (connection) {
        if (publisher != null) {
          publisher.close();
        }
      }
    }
  }

  private EventPublisher publisher(Connection connection, Variant variant, VariantStream stream)
      throws IOException, InterruptedException {
    EventPublisher.Builder builder = EventPublisher.builder(connection)
        .stream(stream.name())
        .subjects(stream.subjects())
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
  private HeaderSample sampleHeaders(Variant variant, String stream) throws IOException, JetStreamApiException {
    long first = management.getStreamInfo(stream).getStreamState().getFirstSequence();
    MessageInfo message = management.getMessage(stream, first);
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
