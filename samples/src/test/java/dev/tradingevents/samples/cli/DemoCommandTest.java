package dev.tradingevents.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingevents.events.EventType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code trading-events demo} in this JVM for a few seconds against the real event-logger jar (a
 * child process) and a local nats-server, once for the class, then checks the summary and the log file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TABLE_ROW = Pattern.compile("^(\\w+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$", Pattern.MULTILINE);

  @TempDir
  static Path outputDir;

  private int exitCode;
  private String out;
  private String err;
  private List<String> logLines;

  /** The logger's runnable jar; the reactor packages event-logger-service before it tests samples. */
  static Path loggerJar() {
    Path jar = Path.of(System.getProperty("trading-events.logger-jar",
        "../event-logger-service/target/event-logger-service.jar"));
    if (!Files.isRegularFile(jar)) {
      fail("The demo test runs the event logger's jar, and " + jar.toAbsolutePath() + " does not exist."
          + " Build it first: `mvn -B package -DskipTests -pl event-logger-service -am` (or run `mvn verify`"
          + " from the root, which packages it before testing samples).");
    }
    return jar.toAbsolutePath();
  }

  @BeforeAll
  void runTheDemo() throws IOException {
    StringWriter outText = new StringWriter();
    StringWriter errText = new StringWriter();
    exitCode = TradingEventsCli.commandLine()
        .setOut(new PrintWriter(outText, true))
        .setErr(new PrintWriter(errText, true))
        .execute("demo", "--seconds", "4", "--rate", "200", "--seed", "7", "--nats-url=",
            "--output-dir", outputDir.toString(), "--logger-jar", loggerJar().toString());
    out = outText.toString();
    err = errText.toString();
    logLines = Files.readAllLines(outputDir.resolve("events.log"), StandardCharsets.UTF_8);
  }

  @Test
  void exitsWithZeroAndSaysEveryPublishedEventWasLogged() {
    assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
    assertThat(out).contains("OK: all").doesNotContain("FAILED");
  }

  @Test
  void summaryHasARowPerEventTypeWithLoggedEqualToPublished() {
    Matcher rows = TABLE_ROW.matcher(out);
    Set<String> types = new HashSet<>();
    long published = -1;
    long logged = -1;
    while (rows.find()) {
      if (rows.group(1).equals("total")) {
        published = Long.parseLong(rows.group(2));
        logged = Long.parseLong(rows.group(3));
      } else {
        types.add(rows.group(1));
        assertThat(Long.parseLong(rows.group(2))).as("published %s", rows.group(1)).isPositive();
        assertThat(rows.group(3)).as("logged %s", rows.group(1)).isEqualTo(rows.group(2));
        assertThat(rows.group(4)).as("failed %s", rows.group(1)).isEqualTo("0");
      }
    }
    assertThat(types).as(out).containsExactlyInAnyOrder(
        java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toArray(String[]::new));
    // 800 market events, 10 slots, 9 lifecycle and connection events
    assertThat(published).isBetween(600L, 1000L);
    assertThat(logged).isEqualTo(published);
  }

  @Test
  void latencyPercentilesAreNumbers() {
    Matcher latency = Pattern.compile("latency_ms .*: p50 ([0-9.]+)  p99 ([0-9.]+)  max ([0-9.]+)").matcher(out);
    assertThat(latency.find()).as(out).isTrue();
    double p50 = Double.parseDouble(latency.group(1));
    double p99 = Double.parseDouble(latency.group(2));
    double max = Double.parseDouble(latency.group(3));
    assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
    assertThat(p99).isLessThanOrEqualTo(max);
  }

  @Test
  void logFileHasOneJsonLinePerPublishedEvent() throws IOException {
    List<JsonNode> eventLines = new ArrayList<>();
    for (String line : logLines) {
      if (line.startsWith("{")) {
        JsonNode node = JSON.readTree(line);
        if (node.has("event_type")) {
          eventLines.add(node);
        }
      }
    }
    assertThat(eventLines).allSatisfy(line -> {
      assertThat(line.path("event_id").asText()).isNotBlank();
      assertThat(line.path("level").asText()).isIn("info", "warn", "error");
      assertThat(line.path("latency_ms").isNumber()).as("latency_ms of %s", line).isTrue();
      assertThat(line.path("msg").asText()).isNotBlank();
      assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
      assertThat(line.path("trace_id").asText()).as("the publisher's trace context").hasSize(32);
      assertThat(line.has("error_reason")).isFalse();
    });
    assertThat(eventLines.stream().map(line -> line.path("event_id").asText()).distinct().count())
        .isEqualTo(eventLines.size());
    Matcher total = Pattern.compile("^total\\s+(\\d+)", Pattern.MULTILINE).matcher(out);
    assertThat(total.find()).isTrue();
    assertThat(eventLines).hasSize(Integer.parseInt(total.group(1)));
    assertThat(eventLines).anySatisfy(line -> assertThat(line.path("profit_usd").isNumber()).isTrue());
  }

  @Test
  void everyLineTheLoggerWritesToStdoutIsAJsonObject() {
    // the log-line contract: Loki gets one JSON object per line, nothing else on stdout
    List<String> notJson = logLines.stream().filter(line -> !isJsonObject(line)).limit(5).toList();
    assertThat(notJson).as("lines of %s that are not JSON objects", outputDir.resolve("events.log")).isEmpty();
  }

  @Test
  void printsProgressAndWhereTheLogIs() {
    assertThat(err).contains("event logger ready").containsPattern("\\[\\s*\\d+ s\\] published \\d+");
    assertThat(err).contains("event logger stopped (SIGTERM)").contains("nats-server stopped");
    assertThat(out).contains(outputDir.resolve("events.log").toString())
        .contains("select(.event_type==\"ArbitrageOpportunity\") | .profit_usd' " + outputDir.resolve("events.log"));
    assertThat(outputDir.resolve("logger.stderr")).exists();
  }

  private static boolean isJsonObject(String line) {
    try {
      return JSON.readTree(line).isObject();
    } catch (IOException e) {
      return false;
    }
  }
}
