package dev.tradingevents.logger.logline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The payloads of the line-path warm-up: one compact payload per event type, as EventPublisher sends them. */
final class SamplePayloads {
  private SamplePayloads() {}

  static List<byte[]> all() throws IOException {
    List<byte[]> samples = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        SamplePayloads.class.getResourceAsStream("/dev/tradingevents/logger/logline/warmup-events.jsonl"),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          samples.add(line.getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return samples;
  }
}
