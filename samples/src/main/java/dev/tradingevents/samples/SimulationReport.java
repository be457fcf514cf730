package dev.tradingevents.samples;

import dev.tradingevents.events.EventType;
import dev.tradingevents.publisher.PublishFailedException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@link MarketDataSimulator} run did, counted from the publish futures.
 *
 * @param published per event type, the events the stream acknowledged
 * @param failed per event type, the events whose publish failed (see {@code failureReasons})
 * @param failureReasons per reason, how many publishes failed
 * @param unfinished publishes still without an ack or failure when the run gave up waiting for them
 * @param lagged market events not generated because publishing fell more than a second behind the rate
 * @param elapsed how long the run took, from the first event to the last ack
 * @param failureSamples the messages of the first few failures
 */
public record SimulationReport(
    Map<EventType, Long> published,
    Map<EventType, Long> failed,
    Map<PublishFailedException.Reason, Long> failureReasons,
    long unfinished,
    long lagged,
    Duration elapsed,
    List<String> failureSamples) {

  public SimulationReport {
    published = copy(EventType.class, published);
    failed = copy(EventType.class, failed);
    failureReasons = copy(PublishFailedException.Reason.class, failureReasons);
    failureSamples = List.copyOf(failureSamples);
  }

  private static <K extends Enum<K>> Map<K, Long> copy(Class<K> keys, Map<K, Long> map) {
    EnumMap<K, Long> copy = new EnumMap<>(keys);
    copy.putAll(map);
    return Collections.unmodifiableMap(copy);
  }

  public long published(EventType type) {
    return published.getOrDefault(type, 0L);
  }

  public long failed(EventType type) {
    return failed.getOrDefault(type, 0L);
  }

  public long totalPublished() {
    return published.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalFailed() {
    return failed.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Acknowledged events per second over the run. */
  public double publishedPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : totalPublished() / seconds;
  }

  /** True when every event generated was acknowledged. */
  public boolean ok() {
    return totalFailed() == 0 && unfinished == 0;
  }

  /** A per-type table of published and failed events, with a total line. */
  public String table() {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "%-22s %10s %8s%n", "event type", "published", "failed"));
    for (EventType type : EventType.values()) {
      text.append(String.format(Locale.ROOT, "%-22s %10d %8d%n", type.wireName(), published(type), failed(type)));
    }
    text.append(String.format(Locale.ROOT, "%-22s %10d %8d%n", "total", totalPublished(), totalFailed()));
    return text.toString();
  }

  /** One line: totals, rate and failures by reason. */
  public String summaryLine() {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "published %d events in %.1f s (%.1f/s), %d failed", totalPublished(), elapsed.toNanos() / 1e9,
        publishedPerSecond(), totalFailed()));
    if (!failureReasons.isEmpty()) {
      line.append(' ').append(failureReasons);
    }
    if (unfinished > 0) {
      line.append(", ").append(unfinished).append(" without an answer");
    }
    if (lagged > 0) {
      line.append(", ").append(lagged).append(" not generated (publishing fell behind the rate)");
    }
    return line.toString();
  }
}
