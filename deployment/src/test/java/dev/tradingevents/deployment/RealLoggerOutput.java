package dev.tradingevents.deployment;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.events.ConnectionEvent;
import dev.tradingevents.events.DriftEvent;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.PublishReceipt;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.samples.MarketDataSimulator;
import dev.tradingevents.samples.SampleTelemetry;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the real pipeline writes, made once per test JVM: a nats-server, the event-logger service's
 * runnable jar as a child process with its stdout in a file (what Docker hands Alloy), the sample
 * market-data simulator publishing every event type for a few seconds, and a few events the simulator
 * sends only now and then (a long stall, a failed connection, a drift beyond its threshold) plus one
 * message that is not an event, so error lines are real too. Then the logger's {@code /prometheus} is
 * scraped and the logger stopped.
 *
 * <p>The dashboard tests check their queries against these lines and this scrape, never against a list
 * of field names written by hand.
 */
final class RealLoggerOutput {
  static final String SOURCE = "deployment-test";
  private static final Duration SIMULATION = Duration.ofSeconds(3);
  private static final double RATE = 300;
  private static final long SEED = 7;

  private static RealLoggerOutput instance;

  final List<JsonNode> lines;
  final String prometheusScrape;
  final Path outputDir;

  private RealLoggerOutput(List<JsonNode> lines, String prometheusScrape, Path outputDir) {
    this.lines = List.copyOf(lines);
    this.prometheusScrape = prometheusScrape;
    this.outputDir = outputDir;
  }

  /** The lines and scrape of the one run of this JVM, made on first use (~15 s). */
  static synchronized RealLoggerOutput get() {
    if (instance == null) {
      try {
        instance = run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (io.nats.client.JetStreamApiException e) {
        throw new IllegalStateException("JetStream refused the test's stream or message", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** Lines that log an event (they have an {@code event_type}). */
  List<JsonNode> eventLines() {
    return lines.stream().filter(line -> line.hasNonNull("event_type")).toList();
  }

  private static RealLoggerOutput run()
      throws IOException, InterruptedException, io.nats.client.JetStreamApiException {
    Path jar = loggerJar();
    Path outputDir = Files.createTempDirectory("deployment-test-");
    Path stdout = outputDir.resolve("logger.stdout");
    Path stderr = outputDir.resolve("logger.stderr");
    int port = freePort();
    try (NatsTestServer nats = NatsTestServer.builder().start();
        Connection connection = nats.connect();
        OpenTelemetrySdk telemetry = SampleTelemetry.create(SOURCE)) {
      StreamSetup.builder().build().ensure(connection);
      Process logger = startLogger(jar, nats.url(), port, stdout, stderr);
      try {
        awaitReady(logger, port, stderr);
        Set<String> published = ConcurrentHashMap.newKeySet();
        try (EventPublisher publisher = EventPublisher.builder(connection).stream(StreamSetup.DEFAULT_STREAM)
            .openTelemetry(telemetry).build()) {
          MarketDataSimulator.builder(publisher).rate(RATE).duration(SIMULATION).seed(SEED).sourceService(SOURCE)
              .listener(new MarketDataSimulator.Listener() {
                @Override
                public void published(TradingEvent event, PublishReceipt receipt) {
                  published.add(event.eventId());
                }
              })
              .build().run();
          for (TradingEvent rare : rareEvents()) {
            publisher.publish(rare).get(10, TimeUnit.SECONDS);
            published.add(rare.eventId());
          }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          throw new IllegalStateException("a publish failed", e);
        }
        // not an event: the logger writes an error line and dead-letters it
        connection.jetStream().publish("events.market.PriceUpdate", "not json".getBytes(StandardCharsets.UTF_8));

        await("every published event logged and the refused message reported (see " + outputDir + ")")
            .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> {
              List<JsonNode> lines = read(stdout);
              Set<String> logged = lines.stream().map(line -> line.path("event_id").asText())
                  .collect(Collectors.toSet());
              return logged.containsAll(published) && lines.stream().anyMatch(line -> line.has("error_reason"));
            });
        String scrape = get(URI.create("http://127.0.0.1:" + port + "/prometheus"));
        return new RealLoggerOutput(read(stdout), scrape, outputDir);
      } finally {
        logger.destroy();
        if (!logger.waitFor(30, TimeUnit.SECONDS)) {
          logger.destroyForcibly();
        }
      }
    }
  }

  /** Events the simulator sends rarely, so the error, warn and health panels have real lines. */
  private static List<TradingEvent> rareEvents() {
    return List.of(
        new StallEvent(EventIds.newId(), Instant.now(), SOURCE, "quote-fetch", 6_000, 1_000, 250_000_001),
        new ConnectionEvent(EventIds.newId(), Instant.now(), SOURCE, ConnectionEvent.TargetKind.RPC, "rpc-2",
            ConnectionEvent.State.FAILED, 5, "connection refused"),
        new DriftEvent(EventIds.newId(), Instant.now(), SOURCE, new BigDecimal("75.5"), "validator",
            new BigDecimal("50")));
  }

  private static Process startLogger(Path jar, String natsUrl, int port, Path stdout, Path stderr) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("TRADING_EVENTS_NATS_SERVERS", natsUrl);
    environment.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
    environment.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    environment.put("TRADING_EVENTS_INSTANCE_ID", "deployment-test-logger");
    environment.put("TRADING_EVENTS_CONSUMER_PULL_EXPIRES", "1s");
    environment.put("TRADING_EVENTS_CONSUMER_LAG_POLL_INTERVAL", "1s");
    environment.put("OTEL_TRACES_EXPORTER", "none");
    environment.put("OTEL_METRICS_EXPORTER", "none");
    environment.put("OTEL_LOGS_EXPORTER", "none");
    environment.remove("EVENT_LOG_FILE");
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private static void awaitReady(Process logger, int port, Path stderr) {
    URI readiness = URI.create("http://127.0.0.1:" + port + "/health/readiness");
    await("the logger's readiness (stderr: " + stderr + ")").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          if (!logger.isAlive()) {
            throw new IllegalStateException("the logger exited with " + logger.exitValue() + ": "
                + Files.readString(stderr));
          }
          try {
            return get(readiness).contains("\"UP\"");
          } catch (IOException e) {
            return false;
          }
        });
  }

  private static String get(URI uri) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** The stdout lines as JSON; a line that is not JSON fails the run, as it would break Alloy's parsing. */
  private static List<JsonNode> read(Path stdout) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    String text = Files.readString(stdout, StandardCharsets.UTF_8);
    // a line still being written is read next time
    text = text.substring(0, text.lastIndexOf('\n') + 1);
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(DeploymentFiles.JSON.readTree(line));
      }
    }
    return lines;
  }

  static Path loggerJar() {
    Path jar = Path.of(System.getProperty("trading-events.logger-jar",
        "../event-logger-service/target/event-logger-service.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("The deployment tests run the event logger's jar, and " + jar
          + " does not exist. Build it first: `mvn -B package -DskipTests -pl event-logger-service -am`"
          + " (or run `mvn verify` from the root, which packages it before testing this module).");
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
