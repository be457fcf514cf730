package dev.tradingevents.logger.replay;

import dev.tradingevents.logger.logline.TraceParent;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.EventType;
import dev.tradingevents.publisher.NatsConnectionSettings;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trading-events replay}: JetStream history again, as the logger's JSON lines or as copies on
 * another subject. A plain picocli program (no Micronaut context), shipped in the service's jar:
 * {@code java -cp event-logger-service.jar dev.tradingevents.logger.replay.ReplayCommand --help}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = ReplayCommand.Version.class,
    sortOptions = false,
    usageHelpWidth = 100,
    header = "Replays the events stored in JetStream: as the logger's JSON lines, or republished.",
    description = {
        "%nReads a range of the stream with an ephemeral ordered consumer (nothing durable is created,",
        "nothing is acknowledged on the logger's consumer) up to the stream's last message as of the",
        "start, and writes each event as the JSON line the event logger writes (same encoder: the same",
        "jq and LogQL filters work), to stdout or --out, or publishes a copy to --republish.",
        "",
        "On a replayed line: timestamp = when the original was stored in the stream; latency_ms = from",
        "occurred_at to that time; delivery_count = 1 (replay's own delivery); instance = replay-<run id>;",
        "replayed_at = when the run started (only replayed lines have it).",
        "Republished copies keep the original headers and payload, get te-replay-original-stream,",
        "te-replay-original-seq and te-replayed-at, and Nats-Msg-Id replay:<run id>:<event id>.",
        "",
        "Filters of different kinds must all match; repeated values of one kind are alternatives.",
        "Messages that are not valid events are skipped and counted. Progress (runs over a second) and a",
        "summary go to stderr. NATS credentials come from NATS_USER and NATS_PASSWORD, NATS_TOKEN,",
        "NATS_CREDS (a .creds file) or NATS_NKEY (a seed file); TLS from NATS_TLS_CA, NATS_TLS_CERT and",
        "NATS_TLS_KEY (PEM files); they are never printed.",
        "",
        "Exit codes: 0 events replayed; 1 nothing to replay (unknown stream, empty range, no event matched)",
        "or a failure (server, output, unacknowledged republish); 2 invalid options.%n"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  bin/trading-events replay --since 1h --type ArbitrageOpportunity > arbs.jsonl",
        "  bin/trading-events replay --trace-id 4bf92f3577b34da6a3ce929d0e0e4736",
        "  bin/trading-events replay --from 2025-01-31T14:00:00Z --to 2025-01-31T14:10:00Z \\",
        "      --subject 'events.market.>' --out stall.jsonl",
        "  bin/trading-events replay --last 100 --source arb-scanner | jq -r .msg",
        "  bin/trading-events replay --start-seq 5000 --end-seq 6000 --republish 'test.>' --speed 2.0",
        "  jq 'select(.event_type==\"ArbitrageOpportunity\") | .profit_usd' arbs.jsonl"})
public final class ReplayCommand implements Callable<Integer> {
  /** The replay command's own diagnostics go to stderr; see {@code logback-replay.xml}. */
  static final String LOGBACK_CONFIGURATION = "logback-replay.xml";
  static final long PROGRESS_EVERY_MILLIS = 1_000;
  /** Messages per pull unless {@code --batch} says otherwise; the replay benchmark measures with it. */
  public static final int DEFAULT_BATCH = 1_000;
  /** A pull's messages wait in the client: 100,000 events of about 1 KB would take 100 MB of the heap. */
  static final int MAX_BATCH = 100_000;

  @Spec
  CommandSpec spec;

  @Option(names = "--nats-url", defaultValue = "${env:NATS_URL:-nats://127.0.0.1:4222}", paramLabel = "URL",
      description = "The NATS server (default: $NATS_URL, else nats://127.0.0.1:4222).")
  String natsUrl;

  @Option(names = "--stream", defaultValue = "TRADING_EVENTS", paramLabel = "NAME",
      description = "The stream to read (default: ${DEFAULT-VALUE}).")
  String stream;

  @Option(names = "--since", paramLabel = "DURATION",
      description = "Start this long ago: 90s, 15m, 1h30m, 2d, PT15M.")
  String since;

  @Option(names = "--from", paramLabel = "TIME", description = "Start at this RFC 3339 time (stored time).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Stop after this RFC 3339 time (stored time).")
  String to;

  @Option(names = "--start-seq", paramLabel = "SEQ", description = "Start at this stream sequence.")
  Long startSeq;

  @Option(names = "--end-seq", paramLabel = "SEQ", description = "Stop after this stream sequence.")
  Long endSeq;

  @Option(names = "--last", paramLabel = "N", description = "Only the last N matching events.")
  Long last;

  @Option(names = "--type", paramLabel = "TYPE", split = ",",
      description = "Event type, e.g. ArbitrageOpportunity (repeatable or comma-separated).")
  List<String> types = new ArrayList<>();

  @Option(names = "--subject", paramLabel = "FILTER",
      description = "Subject filter with wildcards, e.g. 'events.market.>' (repeatable).")
  List<String> subjects = new ArrayList<>();

  @Option(names = "--trace-id", paramLabel = "ID", description = "Trace id, 32 hex digits (repeatable).")
  List<String> traceIds = new ArrayList<>();

  @Option(names = "--source", paramLabel = "SERVICE", description = "source_service of the event (repeatable).")
  List<String> sources = new ArrayList<>();

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Write the lines to FILE (created or truncated) instead of stdout.")
  Path out;

  @Option(names = "--republish", paramLabel = "SUBJECT",
      description = "Publish copies to SUBJECT instead of writing lines; 'prefix.>' keeps each original subject"
          + " under prefix (test.> sends events.market.PriceUpdate to test.events.market.PriceUpdate).")
  String republish;

  @Option(names = "--speed", paramLabel = "FACTOR",
      description = "Keep the original timing, FACTOR times faster (1.0 = real time; default: as fast as possible).")
  Double speed;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "" + DEFAULT_BATCH,
      description = "Messages asked for per pull (default: ${DEFAULT-VALUE}). More reads faster from a distant"
          + " server and holds more in memory; the next pull goes out when a quarter are left.")
  int batch;

  @Option(names = "--no-progress", negatable = false, description = "No rate line on stderr (the summary stays).")
  boolean noProgress;

  private final Map<String, String> environment;

  ReplayCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    ReplayRequest request = request(Instant.now());
    PrintWriter err = spec.commandLine().getErr();
    Connection connection;
    try {
      connection = Nats.connect(connectOptions());
    } catch (IOException e) {
      err.println("error: cannot connect to NATS at " + redact(natsUrl) + ": " + e.getMessage()
          + " (set --nats-url or NATS_URL)");
      err.flush();
      return 1;
    }
    Instant started = Instant.now();
    String runId = UUID.randomUUID().toString().substring(0, 8);
    String replayedAt = EventTimes.format(started);
    Replayer replayer = new Replayer(request, connection, err);
    CountDownLatch finished = new CountDownLatch(1);
    // Ctrl-C: stop reading, flush what was written, print the summary, then let the JVM go
    Thread onInterrupt = new Thread(() -> {
      replayer.requestStop();
      try {
        finished.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "replay-stop");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "replay-progress");
      thread.setDaemon(true);
      return thread;
    });
    long start = System.nanoTime();
    try (connection) {
      ReplayOutput output = request.republish() != null
          ? new RepublishOutput(connection, request.republish(), request.stream(), runId, replayedAt)
          : LineOutput.open(request.out(), "replay-" + runId, replayedAt);
      if (request.progress()) {
        progress.scheduleAtFixedRate(() -> printProgress(err, replayer, start), PROGRESS_EVERY_MILLIS,
            PROGRESS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
      }
      try {
        replayer.run(output);
      } finally {
        progress.shutdownNow();
        output.close();
      }
      ReplaySummary summary = replayer.summary();
      summary.print(err, request.stream(), request.destination(), System.nanoTime() - start, output.failures(),
          output.failureSamples());
      if (output.failures() > 0) {
        return 1;
      }
      if (summary.written() == 0) {
        err.println("error: nothing to replay: no event in the range matched the filters");
        err.flush();
        return 1;
      }
      return 0;
    } catch (ReplayException | java.io.UncheckedIOException e) {
      // UncheckedIOException: the line output failed (a full disk, a closed pipe); the replay stops there
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    } finally {
      progress.shutdownNow();
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is waiting for us
      }
    }
  }

  private static void printProgress(PrintWriter err, Replayer replayer, long start) {
    ReplaySummary summary = replayer.summary();
    long[] position = replayer.position();
    double seconds = (System.nanoTime() - start) / 1e9;
    long span = Math.max(1, position[2] - position[1] + 1);
    double done = position[0] == 0 ? 0 : Math.min(1.0, (position[0] - position[1] + 1) / (double) span);
    int width = 20;
    int filled = (int) Math.round(done * width);
    // read from another thread without locks: the counters are a moment old at worst
    err.printf(Locale.ROOT, "[%s%s] %3.0f%% seq %d of %d, %,d events in %.0f s (%,.0f events/s)%n",
        "#".repeat(filled), ".".repeat(width - filled), done * 100, position[0], position[2], summary.written(),
        seconds, seconds > 0 ? summary.written() / seconds : 0.0);
    err.flush();
  }

  /** The options checked and resolved ({@code --since} against {@code now}); usage errors exit 2. */
  ReplayRequest request(Instant now) {
    CommandLine commandLine = spec.commandLine();
    List<String> starts = new ArrayList<>();
    if (since != null) {
      starts.add("--since");
    }
    if (from != null) {
      starts.add("--from");
    }
    if (startSeq != null) {
      starts.add("--start-seq");
    }
    if (last != null) {
      starts.add("--last");
    }
    if (starts.size() > 1) {
      throw new ParameterException(commandLine, "choose one start: " + String.join(" and ", starts) + " conflict");
    }
    Instant fromTime = null;
    try {
      if (since != null) {
        fromTime = now.minus(TimeArguments.duration(since));
      }
      if (from != null) {
        fromTime = TimeArguments.instant(from);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, (since != null ? "--since: " : "--from: ") + e.getMessage());
    }
    Instant toTime = null;
    if (to != null) {
      try {
        toTime = TimeArguments.instant(to);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(commandLine, "--to: " + e.getMessage());
      }
      if (fromTime != null && fromTime.isAfter(toTime)) {
        throw new ParameterException(commandLine, (since != null ? "--since " + since + " starts at " : "--from ")
            + EventTimes.format(fromTime) + ", after --to " + EventTimes.format(toTime));
      }
    }
    if (startSeq != null && startSeq < 1) {
      throw new ParameterException(commandLine, "--start-seq must be 1 or more, was " + startSeq);
    }
    if (endSeq != null && endSeq < 1) {
      throw new ParameterException(commandLine, "--end-seq must be 1 or more, was " + endSeq);
    }
    if (startSeq != null && endSeq != null && startSeq > endSeq) {
      throw new ParameterException(commandLine, "--start-seq " + startSeq + " is after --end-seq " + endSeq);
    }
    if (last != null && last < 1) {
      throw new ParameterException(commandLine, "--last must be 1 or more, was " + last);
    }
    if (speed != null && !(speed > 0 && speed <= 1_000_000)) {
      throw new ParameterException(commandLine, "--speed must be above 0 (1.0 = original timing), was " + speed);
    }
    if (batch < 1 || batch > MAX_BATCH) {
      throw new ParameterException(commandLine, "--batch must be 1 to " + MAX_BATCH + ", was " + batch);
    }
    if (out != null && republish != null) {
      throw new ParameterException(commandLine, "--out and --republish conflict: lines or copies, not both");
    }
    if (republish != null && !(EventFilter.validSubjectFilter(republish)
        && !republish.contains("*") && (!republish.contains(">") || republish.endsWith(".>")))) {
      throw new ParameterException(commandLine, "--republish must be a subject (test.events.replayed) or a prefix"
          + " ending in .> (test.>), was '" + republish + "'");
    }
    if (stream == null || stream.isBlank() || stream.chars().anyMatch(c -> c <= ' ' || c == '.' || c == '*' || c == '>')) {
      throw new ParameterException(commandLine, "--stream must be a stream name (no spaces, '.', '*' or '>')");
    }
    return new ReplayRequest(natsUrl, stream, fromTime, startSeq, last, toTime, endSeq, filter(commandLine), out,
        republish, speed, !noProgress, batch);
  }

  private EventFilter filter(CommandLine commandLine) {
    Set<EventType> eventTypes = EnumSet.noneOf(EventType.class);
    for (String type : types) {
      eventTypes.add(EventType.fromWireName(type.trim()).orElseThrow(() -> new ParameterException(commandLine,
          "--type: unknown event type '" + type + "'; known: " + Arrays.stream(EventType.values())
              .map(EventType::wireName).collect(Collectors.joining(", ")))));
    }
    for (String subject : subjects) {
      if (!EventFilter.validSubjectFilter(subject)) {
        throw new ParameterException(commandLine, "--subject: '" + subject + "' is not a subject filter"
            + " (tokens separated by '.', '*' for one token, '>' last for the rest)");
      }
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String id : traceIds) {
      String normalised = id.trim().toLowerCase(Locale.ROOT);
      if (!TraceParent.validTraceId(normalised)) {
        throw new ParameterException(commandLine, "--trace-id: '" + id + "' is not a trace id (32 hex digits, not all zero)");
      }
      ids.add(normalised);
    }
    for (String source : sources) {
      if (source.isBlank()) {
        throw new ParameterException(commandLine, "--source must not be blank");
      }
    }
    return new EventFilter(new ArrayList<>(new LinkedHashSet<>(subjects)), eventTypes, ids, new LinkedHashSet<>(sources));
  }

  /**
   * The connection of the library's {@link NatsConnectionSettings}: {@code --nats-url}, and the credential
   * and TLS files from the same {@code NATS_*} variables as the publisher's (user/password, token, creds,
   * NKey seed, TLS CA/cert/key). A replay gives up after a minute of reconnecting instead of never.
   */
  private Options connectOptions() throws IOException {
    Map<String, String> settings = new HashMap<>(environment);
    settings.put("NATS_URL", natsUrl);
    try {
      return NatsConnectionSettings.fromEnvironment(settings).toOptionsBuilder()
          .connectionName("trading-events-replay")
          .maxReconnects(60)
          .errorListener(new QuietErrorListener())
          .build();
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  static String redact(String url) {
    return url.replaceAll("(?<=://)[^@/]*@", "");
  }

  /** The command line with the CLI's error handling: messages, not stack traces; exit 0, 1 or 2. */
  public static CommandLine commandLine(Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new ReplayCommand(environment));
    commandLine.setParameterExceptionHandler((exception, args) -> {
      CommandLine command = exception.getCommandLine();
      command.getErr().println("error: " + exception.getMessage());
      command.getErr().println("Try 'bin/trading-events replay --help' for more information.");
      command.getErr().flush();
      return CommandLine.ExitCode.USAGE;
    });
    commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
      command.getErr().println("error: " + (exception.getMessage() == null ? exception : exception.getMessage()));
      command.getErr().flush();
      return CommandLine.ExitCode.SOFTWARE;
    });
    return commandLine;
  }

  public static void main(String[] args) {
    // before any logger exists: the service's logback.xml would write its own lines to stdout
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
    }
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** {@code -V}: the service jar's version and the Java running it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ReplayCommand.class.getPackage().getImplementationVersion();
      return new String[] {"trading-events replay " + (version == null ? "(development build)" : version),
          "Java ${java.version} (${java.vendor})"};
    }
  }
}
