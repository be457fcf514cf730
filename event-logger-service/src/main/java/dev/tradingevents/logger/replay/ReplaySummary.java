package dev.tradingevents.logger.replay;

import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.EventType;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a replay read, wrote and skipped: printed on stderr at the end. The reader thread counts what it
 * read and filtered out by subject and headers, the writing thread what it skipped, filtered out by the
 * decoded values and wrote; each field has one writer, and the progress line reads them a moment old.
 */
final class ReplaySummary {
  static final int REASON_SAMPLES = 3;

  /** Written events by {@link EventType#ordinal()}: no boxed count per event. */
  private final long[] byType = new long[EventType.values().length];
  private final List<String> skipReasons = new ArrayList<>();
  private long read;
  private long written;
  private long filteredOut;
  private long filteredOutDecoded;
  private long skipped;
  private long firstSequence = -1;
  private long lastSequence = -1;
  private Instant firstOccurred;
  private Instant lastOccurred;

  void read(long sequence) {
    read++;
    if (firstSequence < 0) {
      firstSequence = sequence;
    }
    lastSequence = sequence;
  }

  /** On the reader thread: filtered out by subject or headers. */
  void filter() {
    filteredOut++;
  }

  /** On the writing thread: filtered out by a decoded value. */
  void filterDecoded() {
    filteredOutDecoded++;
  }

  void skipped(long sequence, String subject, String reason) {
    skipped++;
    if (skipReasons.size() < REASON_SAMPLES) {
      skipReasons.add("seq " + sequence + " on " + subject + ": " + reason);
    }
  }

  void written(EventType type, Instant occurredAt) {
    written++;
    byType[type.ordinal()]++;
    if (firstOccurred == null || occurredAt.isBefore(firstOccurred)) {
      firstOccurred = occurredAt;
    }
    if (lastOccurred == null || occurredAt.isAfter(lastOccurred)) {
      lastOccurred = occurredAt;
    }
  }

  long read() {
    return read;
  }

  long written() {
    return written;
  }

  long skipped() {
    return skipped;
  }

  long filteredOut() {
    return filteredOut + filteredOutDecoded;
  }

  Map<EventType, Long> byType() {
    Map<EventType, Long> counts = new EnumMap<>(EventType.class);
    for (EventType type : EventType.values()) {
      if (byType[type.ordinal()] > 0) {
        counts.put(type, byType[type.ordinal()]);
      }
    }
    return counts;
  }

  List<String> skipReasons() {
    return List.copyOf(skipReasons);
  }

  void print(PrintWriter err, String stream, String destination, long elapsedNanos, long failures,
      List<String> failureSamples) {
    double seconds = elapsedNanos / 1e9;
    err.printf(Locale.ROOT, "replayed %,d events of stream %s (%s) in %.2f s (%,.0f events/s)%n", written, stream,
        destination, seconds, seconds > 0 ? written / seconds : 0.0);
    if (read > 0) {
      err.printf(Locale.ROOT, "  read %,d messages, seq %d..%d; %,d filtered out; %,d skipped as undecodable%n",
          read, firstSequence, lastSequence, filteredOut(), skipped);
    }
    Map<EventType, Long> byType = byType();
    if (!byType.isEmpty()) {
      err.println("  by type:");
      byType.entrySet().stream().sorted(Map.Entry.<EventType, Long>comparingByValue().reversed())
          .forEach(e -> err.printf(Locale.ROOT, "    %-22s %,12d%n", e.getKey().wireName(), e.getValue()));
      err.printf("  occurred_at first %s, last %s%n", EventTimes.format(firstOccurred),
          EventTimes.format(lastOccurred));
    }
    for (String reason : skipReasons) {
      err.println("  skipped " + reason);
    }
    if (failures > 0) {
      err.printf(Locale.ROOT, "  FAILED: %,d failures (events not written or not acknowledged):%n", failures);
      for (String reason : failureSamples) {
        err.println("    " + reason);
      }
    }
    err.flush();
  }
}
