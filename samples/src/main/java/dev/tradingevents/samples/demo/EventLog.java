package dev.tradingevents.samples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingevents.events.EventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the event logger's JSON lines as the logger writes them: each {@link #poll()} parses the complete
 * lines added since the last one. It keeps, per event id, the first line of that event (type, latency,
 * level, trace), and counts what else it saw: redeliveries, refused messages, the service's own errors,
 * lines that are not JSON. Thread-safe.
 *
 * <p>Which events count as this run's is decided when {@linkplain #summarize(Map) summarizing}: a line can
 * be read before the publisher has its ack, so lines are not matched against the published ids as they
 * come.
 */
final class EventLog {
  private static final int MAX_SAMPLES = 3;

  /** The first line written for an event id. */
  record Line(String eventType, double latencyMs, String level, boolean traced, String traceError) {}

  private final Path file;
  private final ObjectMapper json = new ObjectMapper();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private long position;
  private final Map<String, Line> byId = new HashMap<>();
  private long lines;
  private long redeliveries;
  private long refused;
  private final List<String> refusedSamples = new ArrayList<>();
  private long serviceErrors;
  private final List<String> serviceErrorSamples = new ArrayList<>();
  private long notJson;
  private final List<String> notJsonSamples = new ArrayList<>();

  EventLog(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Reads and parses what was appended since the last call. */
  synchronized void poll() {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() < position) {
        position = 0; // truncated: start over
        partial.reset();
      }
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      while (true) {
        buffer.clear();
        int read = channel.read(buffer, position);
        if (read <= 0) {
          break;
        }
        position += read;
        byte[] bytes = buffer.array();
        int lineStart = 0;
        for (int i = 0; i < read; i++) {
          if (bytes[i] == '\n') {
            partial.write(bytes, lineStart, i - lineStart);
            line(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
            lineStart = i + 1;
          }
        }
        partial.write(bytes, lineStart, read - lineStart);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void line(String text) {
    if (text.isBlank()) {
      return;
    }
    lines++;
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      notJson++;
      sample(notJsonSamples, text);
      return;
    }
    String level = node.path("level").asText("");
    if (node.has("error_reason")) {
      refused++;
      sample(refusedSamples, node.path("error_reason").asText() + ": " + node.path("error_detail").asText());
      return;
    }
    JsonNode type = node.get("event_type");
    JsonNode id = node.get("event_id");
    if (type != null && id != null) {
      String eventId = id.asText();
      if (byId.containsKey(eventId)) {
        redeliveries++;
        return;
      }
      JsonNode latency = node.get("latency_ms");
      byId.put(eventId, new Line(type.asText(), latency != null && latency.isNumber() ? latency.asDouble() : Double.NaN,
          level, node.hasNonNull("trace_id"), node.hasNonNull("trace_error") ? node.get("trace_error").asText() : null));
      return;
    }
    if (level.equals("error")) {
      serviceErrors++;
      sample(serviceErrorSamples, node.path("msg").asText());
    }
  }

  private static void sample(List<String> samples, String text) {
    if (samples.size() < MAX_SAMPLES) {
      samples.add(text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
  }

  /** How many of these event ids have a line. */
  synchronized long countLogged(Iterable<String> eventIds) {
    long count = 0;
    for (String id : eventIds) {
      if (byId.containsKey(id)) {
        count++;
      }
    }
    return count;
  }

  /** The lines so far, counted against the events this run published (id to type). */
  synchronized LogSummary summarize(Map<String, EventType> published) {
    Map<EventType, Long> logged = new EnumMap<>(EventType.class);
    List<Double> latencies = new ArrayList<>();
    long warn = 0;
    long error = 0;
    long traced = 0;
    long traceErrors = 0;
    long typeMismatches = 0;
    for (Map.Entry<String, EventType> entry : published.entrySet()) {
      Line line = byId.get(entry.getKey());
      if (line == null) {
        continue;
      }
      logged.merge(entry.getValue(), 1L, Long::sum);
      if (!line.eventType().equals(entry.getValue().wireName())) {
        typeMismatches++;
      }
      if (!Double.isNaN(line.latencyMs())) {
        latencies.add(line.latencyMs());
      }
      switch (line.level()) {
        case "warn" -> warn++;
        case "error" -> error++;
        default -> { }
      }
      if (line.traced()) {
        traced++;
      }
      if (line.traceError() != null) {
        traceErrors++;
      }
    }
    long matched = logged.values().stream().mapToLong(Long::longValue).sum();
    return new LogSummary(logged, Percentiles.of(latencies), warn, error, traced, traceErrors, typeMismatches,
        byId.size() - matched, redeliveries, refused, refusedSamples, serviceErrors, serviceErrorSamples, notJson,
        notJsonSamples, lines);
  }
}
