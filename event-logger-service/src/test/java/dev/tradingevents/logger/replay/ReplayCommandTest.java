package dev.tradingevents.logger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay command against a real server, on one stream filled once:
 * seq 1-4 PriceUpdate from scanner-a, 5-6 StallEvent from executor, 7 a message that is not an event,
 * 8-9 PriceUpdate from scanner-b. Every event has a sampled traceparent.
 */
@ExtendWith(NatsServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayCommandTest {
  static final String STREAM = "REPLAY_TEST";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Keys every logger line has; a replayed line has them too. */
  private static final List<String> LINE_KEYS = List.of("timestamp", "level", "service", "msg", "trace_id", "span_id",
      "subject", "stream_seq", "delivery_count", "latency_ms", "instance", "event_type", "event_id", "occurred_at",
      "source_service");

  private NatsTestServer nats;
  private Connection connection;
  private JetStreamManagement management;
  private final OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  @TempDir
  Path dir;

  @BeforeAll
  void fillStream(NatsTestServer server) throws Exception {
    nats = server;
    connection = server.connect();
    management = connection.jetStreamManagement();
    StreamSetup.builder().name(STREAM).build().ensure(connection);
    try (EventPublisher publisher = EventPublisher.builder(connection).stream(STREAM).openTelemetry(telemetry).build()) {
      for (int i = 0; i < 4; i++) {
        publish(publisher, price("scanner-a", i));
      }
      publish(publisher, new StallEvent(EventIds.newId(), Instant.now(), "executor", "tx-submit", 900, 500, 7));
      publish(publisher, new StallEvent(EventIds.newId(), Instant.now(), "executor", "tx-submit", 5_000, 500, 8));
      connection.jetStream().publish("events.market.PriceUpdate", "not an event".getBytes(StandardCharsets.UTF_8));
      publish(publisher, price("scanner-b", 8));
      publish(publisher, price("scanner-b", 9));
    }
    assertThat(management.getStreamInfo(STREAM).getStreamState().getLastSequence()).isEqualTo(9);
  }

  @AfterAll
  void close() throws Exception {
    connection.close();
    telemetry.close();
  }

  private static void publish(EventPublisher publisher, TradingEvent event) throws Exception {
    publisher.publish(event).get(10, TimeUnit.SECONDS);
  }

  private static PriceUpdate price(String service, int slot) {
    return new PriceUpdate(EventIds.newId(), Instant.now(), service, "SOL/USDC", new BigDecimal("187.4215"), "raydium",
        slot);
  }

  /** One run of the command in this JVM. */
  record Run(int exitCode, String stderr, List<JsonNode> lines) {
    List<Long> sequences() {
      return lines.stream().map(line -> line.get("stream_seq").asLong()).toList();
    }
  }

  Run replay(String... args) throws Exception {
    Path out = Files.createTempFile(dir, "replay-", ".jsonl");
    List<String> arguments = new ArrayList<>(List.of("--nats-url", nats.url(), "--stream", STREAM, "--out",
        out.toString()));
    arguments.addAll(List.of(args));
    return run(out, arguments);
  }

  Run run(Path out, List<String> arguments) throws Exception {
    StringWriter err = new StringWriter();
    var commandLine = ReplayCommand.commandLine(Map.of());
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    int code = commandLine.execute(arguments.toArray(String[]::new));
    List<JsonNode> lines = new ArrayList<>();
    if (out != null && Files.exists(out)) {
      for (String line : Files.readAllLines(out)) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(code, err.toString(), lines);
  }

  private Instant storedAt(long sequence) throws Exception {
    return management.getMessage(STREAM, sequence).getTime().toInstant();
  }

  @Nested
  class Output {
    @Test
    void writesEveryEventAsTheLoggersLineAndSkipsTheMessageThatIsNotOne() throws Exception {
      Run run = replay();

      assertThat(run.exitCode()).isZero();
      assertThat(run.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L);
      for (JsonNode line : run.lines()) {
        assertThat(line.fieldNames()).toIterable().containsAll(LINE_KEYS).contains("replayed_at");
        assertThat(line.get("service").asText()).isEqualTo("event-logger-service");
        assertThat(line.get("instance").asText()).startsWith("replay-");
        assertThat(line.get("delivery_count").asLong()).isEqualTo(1);
      }
      assertThat(run.lines().get(5).get("level").asText()).isEqualTo("error"); // the long stall
      assertThat(run.stderr()).contains("skipped as undecodable", "seq 7 on events.market.PriceUpdate")
          .containsPattern("PriceUpdate +6").containsPattern("StallEvent +2");
    }

    @Test
    void stampsALineWithTheStoredTimeAndTheLatencyToIt() throws Exception {
      Run run = replay("--start-seq", "5", "--end-seq", "5");

      JsonNode line = run.lines().get(0);
      Instant stored = storedAt(5);
      assertThat(line.get("timestamp").asText()).isEqualTo(EventTimes.format(stored));
      Instant occurred = EventTimes.parse(line.get("occurred_at").asText());
      assertThat(line.get("latency_ms").asDouble())
          .isCloseTo(Duration.between(occurred, stored).toNanos() / 1e6, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void writesOnlyLinesToStdout() throws Exception {
      Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), ReplayCommand.class.getName(), "--nats-url", nats.url(), "--stream",
          STREAM, "--type", "StallEvent")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      List<String> lines = stdout.lines().toList();
      assertThat(lines).hasSize(2);
      for (String line : lines) {
        assertThat(JSON.readTree(line).get("event_type").asText()).isEqualTo("StallEvent");
      }
    }

    @Test
    void readsTheSameLinesInSmallPulls() throws Exception {
      Run inOnePull = replay();
      // the pull requests the server receives, seen as any client can see them
      Subscription pulls = connection.subscribe("$JS.API.CONSUMER.MSG.NEXT." + STREAM + ".*");
      connection.flush(Duration.ofSeconds(5));
      Run inPullsOfTwo = replay("--batch", "2");

      List<Integer> batches = new ArrayList<>();
      for (Message pull; (pull = pulls.nextMessage(Duration.ofMillis(200))) != null; ) {
        batches.add(JSON.readTree(pull.getData()).path("batch").asInt());
      }
      assertThat(batches).as("9 messages in pulls of at most 2").hasSizeGreaterThanOrEqualTo(4).allMatch(n -> n <= 2);
      assertThat(inPullsOfTwo.exitCode()).isZero();
      assertThat(inPullsOfTwo.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L);
      assertThat(inPullsOfTwo.lines()).extracting(line -> line.get("event_id").asText())
          .containsExactlyElementsOf(inOnePull.lines().stream().map(line -> line.get("event_id").asText()).toList());
    }

    @Test
    void leavesNoConsumerBehind() throws Exception {
      replay("--last", "3");

      // deleted when the replay ends, not left for the server's inactivity threshold
      assertThat(management.getConsumerNames(STREAM)).isEmpty();
    }
  }

  @Nested
  class Filters {
    @Test
    void picksTypes() throws Exception {
      assertThat(replay("--type", "StallEvent").sequences()).containsExactly(5L, 6L);
      assertThat(replay("--type", "StallEvent,PriceUpdate").sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L);
    }

    @Test
    void picksSubjectsWithWildcardsAndCombinesSeveral() throws Exception {
      assertThat(replay("--subject", "events.system.>").sequences()).containsExactly(5L, 6L);
      assertThat(replay("--subject", "events.*.StallEvent", "--subject", "events.market.>").sequences())
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L);
      assertThat(replay("--subject", "events.market.*", "--type", "StallEvent").exitCode()).isEqualTo(1);
    }

    @Test
    void picksOneTrace() throws Exception {
      String traceparent = management.getMessage(STREAM, 3).getHeaders().getFirst(EventHeaders.TRACEPARENT);
      String traceId = traceparent.substring(3, 35);

      Run run = replay("--trace-id", traceId.toUpperCase());

      assertThat(run.sequences()).containsExactly(3L);
      assertThat(run.lines().get(0).get("trace_id").asText()).isEqualTo(traceId);
    }

    @Test
    void picksSources() throws Exception {
      assertThat(replay("--source", "scanner-b").sequences()).containsExactly(8L, 9L);
      assertThat(replay("--source", "executor", "--source", "scanner-b").sequences()).containsExactly(5L, 6L, 8L, 9L);
    }
  }

  @Nested
  class StartAndStop {
    @Test
    void startsAndStopsAtSequences() throws Exception {
      assertThat(replay("--start-seq", "3", "--end-seq", "5").sequences()).containsExactly(3L, 4L, 5L);
      assertThat(replay("--start-seq", "8").sequences()).containsExactly(8L, 9L);
    }

    @Test
    void startsAndStopsAtTimes() throws Exception {
      Run run = replay("--from", EventTimes.format(storedAt(5)), "--to", EventTimes.format(storedAt(6)));

      assertThat(run.sequences()).containsExactly(5L, 6L);
    }

    @Test
    void startsADurationAgo() throws Exception {
      assertThat(replay("--since", "1h").sequences()).hasSize(8);
    }

    @Test
    void takesTheLastEvents() throws Exception {
      assertThat(replay("--last", "2").sequences()).containsExactly(8L, 9L);
      assertThat(replay("--last", "1", "--source", "executor").sequences()).containsExactly(6L);
      assertThat(replay("--last", "3", "--end-seq", "6").sequences()).containsExactly(4L, 5L, 6L);
    }
  }

  @Nested
  class BadInput {
    @Test
    void refusesMalformedFlagsAsUsageErrors() throws Exception {
      assertThat(replay("--since", "15x").stderr()).contains("--since: '15x' is not a duration");
      assertThat(replay("--from", "yesterday").exitCode()).isEqualTo(2);
      assertThat(replay("--from", "2025-01-02T00:00:00Z", "--to", "2025-01-01T00:00:00Z").stderr())
          .contains("after --to");
      assertThat(replay("--since", "1h", "--start-seq", "3").stderr()).contains("--since and --start-seq conflict");
      assertThat(replay("--type", "Bogus").stderr()).contains("unknown event type 'Bogus'");
      assertThat(replay("--trace-id", "xyz").exitCode()).isEqualTo(2);
      assertThat(replay("--speed", "0").exitCode()).isEqualTo(2);
      assertThat(replay("--batch", "0").stderr()).contains("--batch must be 1 to 100000, was 0");
      assertThat(replay("--batch", "100001").exitCode()).isEqualTo(2);
      assertThat(replay("--start-seq", "5", "--end-seq", "4").exitCode()).isEqualTo(2);
      assertThat(replay("--republish", "a.*.b").exitCode()).isEqualTo(2);
    }

    @Test
    void failsOnAStreamThatDoesNotExist() throws Exception {
      Run run = run(null, List.of("--nats-url", nats.url(), "--stream", "NO_SUCH_STREAM"));

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr()).contains("stream NO_SUCH_STREAM not found", STREAM);
    }

    @Test
    void failsOnARangeWithoutData() throws Exception {
      assertThat(replay("--start-seq", "100").stderr()).contains("after the last message", "seq 1..9");
      assertThat(replay("--from", "2100-01-01T00:00:00Z").exitCode()).isEqualTo(1);
      assertThat(replay("--to", "2000-01-01T00:00:00Z").exitCode()).isEqualTo(1);
      assertThat(replay("--trace-id", "0af7651916cd43dd8448eb211c80319c").stderr()).contains("nothing to replay");
    }

    @Test
    void failsOnAnOutputThatCannotBeWritten() throws Exception {
      Run full = run(null, List.of("--nats-url", nats.url(), "--stream", STREAM, "--out", "/dev/full"));
      Run nowhere = run(null, List.of("--nats-url", nats.url(), "--stream", STREAM, "--out",
          dir.resolve("no-such-dir").resolve("lines.jsonl").toString()));

      assertThat(full.exitCode()).isEqualTo(1);
      assertThat(full.stderr()).contains("/dev/full", "No space left on device");
      assertThat(nowhere.exitCode()).isEqualTo(1);
      assertThat(nowhere.stderr()).contains("cannot write to", "no-such-dir");
    }

    @Test
    void failsWhenTheServerIsNotThere() throws Exception {
      Run run = run(null, List.of("--nats-url", "nats://127.0.0.1:1", "--stream", STREAM));

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr()).contains("cannot connect to NATS");
    }
    @Test
    void skipsAndCountsMessagesOfASchemaVersionThisBuildDoesNotRead() throws Exception {
      management.addStream(StreamConfiguration.builder().name("SCHEMAS").subjects("schemas.>").build());
      byte[] payload = dev.tradingevents.events.EventCodec.create().encode(price("scanner-c", 1));
      for (String version : List.of("1", "2", "x")) {
        connection.jetStream().publish(io.nats.client.impl.NatsMessage.builder().subject("schemas.PriceUpdate")
            .headers(new Headers().put(EventHeaders.SCHEMA_VERSION, version)).data(payload).build());
      }
      Path out = Files.createTempFile(dir, "schemas-", ".jsonl");

      Run run = run(out, List.of("--nats-url", nats.url(), "--stream", "SCHEMAS", "--out", out.toString()));

      assertThat(run.exitCode()).isZero();
      assertThat(run.sequences()).containsExactly(1L);
      assertThat(run.stderr()).contains("2 skipped as undecodable",
          "seq 2 on schemas.PriceUpdate: PriceUpdate schema version 2 is not supported; this build reads version 1",
          "seq 3 on schemas.PriceUpdate: PriceUpdate schema version x is not supported");
    }
  }

  @Nested
  class Republish {
    @Test
    void publishesCopiesWithTheOriginalHeadersAndReplayHeadersThatDedupDoesNotSwallow() throws Exception {
      management.addStream(StreamConfiguration.builder().name("COPIES").subjects("copies.>").build());

      Run first = republish();
      Run second = republish();

      assertThat(first.exitCode()).isZero();
      assertThat(second.exitCode()).isZero();
      assertThat(management.getStreamInfo("COPIES").getStreamState().getMsgCount()).isEqualTo(4);
      Headers original = management.getMessage(STREAM, 5).getHeaders();
      MessageInfo copy = management.getMessage("COPIES", 1);
      Headers headers = copy.getHeaders();
      assertThat(copy.getSubject()).isEqualTo("copies.events.system.StallEvent");
      assertThat(copy.getData()).isEqualTo(management.getMessage(STREAM, 5).getData());
      for (String name : List.of(EventHeaders.CE_ID, EventHeaders.CE_TYPE, EventHeaders.CE_SOURCE,
          EventHeaders.TRACEPARENT, EventHeaders.SCHEMA_VERSION)) {
        assertThat(headers.getFirst(name)).as(name).isEqualTo(original.getFirst(name));
      }
      assertThat(headers.getFirst(EventHeaders.NATS_MSG_ID)).startsWith("replay:")
          .endsWith(":" + original.getFirst(EventHeaders.NATS_MSG_ID));
      assertThat(headers.getFirst(EventHeaders.REPLAY_ORIGINAL_STREAM)).isEqualTo(STREAM);
      assertThat(headers.getFirst(EventHeaders.REPLAY_ORIGINAL_SEQUENCE)).isEqualTo("5");
      assertThat(EventTimes.parse(headers.getFirst(EventHeaders.REPLAYED_AT))).isBefore(Instant.now());
    }

    private Run republish() throws Exception {
      return run(null, List.of("--nats-url", nats.url(), "--stream", STREAM, "--type", "StallEvent", "--republish",
          "copies.>"));
    }

    @Test
    void countsCopiesNoStreamTakes() throws Exception {
      Run run = run(null, List.of("--nats-url", nats.url(), "--stream", STREAM, "--type", "StallEvent", "--republish",
          "nowhere.stalls"));

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr()).contains("FAILED: 2 failures");
    }
  }

  @Nested
  class Pace {
    @Test
    void keepsTheOriginalSpacingDividedByTheSpeed() throws Exception {
      management.addStream(StreamConfiguration.builder().name("PACED").subjects("paced.>").build());
      EventSubjects subjects = EventSubjects.withPrefix("paced");
      try (EventPublisher publisher = EventPublisher.builder(connection).subjects(subjects).stream("PACED").build()) {
        Instant start = Instant.now();
        for (int i = 0; i < 3; i++) {
          Instant due = start.plusSeconds(i);
          // the original spacing is the data under test: 1 s between events
          await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5))
              .until(() -> !Instant.now().isBefore(due));
          publish(publisher, price("pacer", i));
        }
      }
      double original = Duration.between(management.getMessage("PACED", 1).getTime(),
          management.getMessage("PACED", 3).getTime()).toNanos() / 1e9;

      long begin = System.nanoTime();
      Run run = run(null, List.of("--nats-url", nats.url(), "--stream", "PACED", "--speed", "2.0", "--out",
          dir.resolve("paced.jsonl").toString()));
      double seconds = (System.nanoTime() - begin) / 1e9;

      assertThat(run.exitCode()).isZero();
      // spacing/2 plus connecting and set-up; a loaded machine may add a few hundred ms, never take any away
      assertThat(seconds).isBetween(original / 2 - 0.05, original / 2 + 0.9);
    }
  }
}
