package dev.tradingevents.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logger's output read back: every line must be one JSON object; event lines are counted by
 * {@code event_id}, and those marked {@code redelivered} are counted apart.
 *
 * @param lines every event line, in order
 * @param counts lines per event id
 * @param redelivered lines marked {@code "redelivered":true}, per event id
 * @param broken lines that are not JSON (only a line cut by SIGKILL may be, and only the last)
 */
record EventLines(List<JsonNode> lines, Map<String, Integer> counts, Map<String, Integer> redelivered,
    List<String> broken) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static EventLines read(Path... files) {
    List<String> texts = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (Path file : files) {
      try {
        if (!Files.exists(file)) {
          continue;
        }
        List<String> fileLines = Files.readAllLines(file, StandardCharsets.UTF_8);
        texts.addAll(fileLines);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return parse(texts, broken);
  }

  static EventLines parse(List<String> texts, List<String> broken) {
    List<JsonNode> lines = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Integer> redelivered = new HashMap<>();
    for (String text : texts) {
      if (text.isEmpty()) {
        continue;
      }
      JsonNode line;
      try {
        line = JSON.readTree(text);
      } catch (IOException e) {
        broken.add(text);
        continue;
      }
      if (!line.isObject()) {
        broken.add(text);
        continue;
      }
      if (!line.hasNonNull("event_id") || !line.hasNonNull("event_type")) {
        continue; // the service's own lines
      }
      String id = line.get("event_id").asText();
      lines.add(line);
      counts.merge(id, 1, Integer::sum);
      if (line.path("redelivered").asBoolean(false)) {
        redelivered.merge(id, 1, Integer::sum);
      }
    }
    return new EventLines(lines, counts, redelivered, broken);
  }

  /** Ids logged more than once. */
  long duplicated() {
    return counts.values().stream().filter(c -> c > 1).count();
  }
}
