package dev.tradingevents.logger;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.testsupport.NatsTestServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs the real service (embedded HTTP server, real NATS consumer, real Logback encoder writing to the
 * file the build names in {@code EVENT_LOG_FILE}) against a test server, each test on its own stream,
 * subjects and durable, and reads the lines it wrote back as JSON.
 */
final class ServiceHarness {
  /** Reads numbers as exact decimals, so a line's 0.1 compares equal to the event's 0.1. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();
  static final Path LOG_FILE = Path.of(System.getProperty("EVENT_LOG_FILE"));

  final NatsTestServer nats;
  final String stream;
  final EventSubjects subjects;
  final String durable;
  final String deadLetterStream;
  final String deadLetterPrefix;

  /** Where this harness began reading: lines of earlier tests are not its concern. */
  private long offset;
  private final List<JsonNode> seen = new ArrayList<>();

  ServiceHarness(NatsTestServer nats) {
    this.nats = nats;
    try {
      this.offset = Files.exists(LOG_FILE) ? Files.size(LOG_FILE) : 0;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    this.stream = NatsTestServer.uniqueName("EVENTS");
    this.subjects = EventSubjects.withPrefix("t" + stream.toLowerCase());
    this.durable = "logger-" + stream.toLowerCase();
    this.deadLetterStream = stream + "_DLQ";
    this.deadLetterPrefix = "dlq" + stream.toLowerCase();
  }

  Map<String, Object> properties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("trading-events.nats.servers", nats.url());
    properties.put("trading-events.consumer.stream", stream);
    properties.put("trading-events.consumer.stream-subjects", subjects.allEvents());
    properties.put("trading-events.consumer.filter-subjects", subjects.allEvents());
    properties.put("trading-events.consumer.durable", durable);
    properties.put("trading-events.consumer.dead-letter-stream", deadLetterStream);
    properties.put("trading-events.consumer.dead-letter-subject-prefix", deadLetterPrefix);
    properties.put("trading-events.consumer.lag-poll-interval", "200ms");
    properties.put("trading-events.consumer.pull-expires", "1s");
    properties.put("micronaut.server.port", -1);
    properties.put("micronaut.server.host", "127.0.0.1");
    return properties;
  }

  ApplicationContext start(Map<String, Object> overrides) {
    Map<String, Object> properties = properties();
    properties.putAll(overrides);
    ApplicationContext context = ApplicationContext.run(properties);
    context.getBean(EmbeddedServer.class).start();
    return context;
  }

  ApplicationContext start() {
    return start(Map.of());
  }

  /** Every JSON line written since this harness began that belongs to its subjects; reads only what is new. */
  synchronized List<JsonNode> lines() {
    if (!Files.exists(LOG_FILE)) {
      return List.copyOf(seen);
    }
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(LOG_FILE.toFile(), "r")) {
      long end = file.length();
      if (end > offset) {
        byte[] chunk = new byte[(int) (end - offset)];
        file.seek(offset);
        file.readFully(chunk);
        int lastNewline = -1;
        for (int i = chunk.length - 1; i >= 0; i--) {
          if (chunk[i] == '\n') {
            lastNewline = i;
            break;
          }
        }
        if (lastNewline >= 0) { // a line still being written waits for the next read
          String text = new String(chunk, 0, lastNewline + 1, StandardCharsets.UTF_8);
          for (String lineText : text.split("\n")) {
            if (lineText.isEmpty()) {
              continue;
            }
            JsonNode line = JSON.readTree(lineText);
            if (line.path("subject").asText().startsWith(subjects.prefix() + ".")) {
              seen.add(line);
            }
          }
          offset += lastNewline + 1;
        }
      }
    } catch (IOException e) {
      throw new AssertionError("the log file is not one JSON object per line: " + e.getMessage(), e);
    }
    return List.copyOf(seen);
  }

  static List<JsonNode> lines(Predicate<JsonNode> filter) {
    List<JsonNode> lines = new ArrayList<>();
    try {
      if (!Files.exists(LOG_FILE)) {
        return lines;
      }
      for (String text : Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8)) {
        JsonNode line = JSON.readTree(text);
        if (filter.test(line)) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new AssertionError("the log file is not one JSON object per line: " + e.getMessage(), e);
    }
    return lines;
  }

  /** The raw text of the line of this event, as written. */
  static String rawLineOf(String eventId) {
    try {
      return Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8).stream()
          .filter(text -> text.contains("\"event_id\":\"" + eventId + "\""))
          .findFirst().orElseThrow(() -> new AssertionError("no line for " + eventId));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits until the harness's lines satisfy the condition, then returns them. */
  List<JsonNode> awaitLines(Predicate<List<JsonNode>> condition) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> condition.test(lines()));
    return lines();
  }
}
