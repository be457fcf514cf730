package dev.tradingevents.samples.demo;

import dev.tradingevents.events.EventType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The logger's lines counted against one run's published events.
 *
 * @param logged per type, this run's events that have a line
 * @param latency {@code latency_ms} of those lines (occurred_at to line written)
 * @param warnLines this run's event lines at level warn (stalls, drift beyond threshold, disconnects)
 * @param errorLines this run's event lines at level error (severe stalls)
 * @param tracedLines this run's event lines with a {@code trace_id} carried from the publisher
 * @param traceErrors this run's event lines whose trace context could not be used
 * @param typeMismatches lines whose {@code event_type} differs from what was published under that id
 * @param otherEvents event lines of events this run did not publish (older events in a shared stream)
 * @param redeliveries further lines of an event already logged
 * @param refused error lines of messages refused as events ({@code error_reason})
 * @param refusedSamples the first few of them
 * @param serviceErrors the service's own error lines
 * @param serviceErrorSamples the first few of them
 * @param notJson lines that are not JSON objects
 * @param notJsonSamples the first few of them
 * @param lines all lines read
 */
record LogSummary(
    Map<EventType, Long> logged,
    Percentiles latency,
    long warnLines,
    long errorLines,
    long tracedLines,
    long traceErrors,
    long typeMismatches,
    long otherEvents,
    long redeliveries,
    long refused,
    List<String> refusedSamples,
    long serviceErrors,
    List<String> serviceErrorSamples,
    long notJson,
    List<String> notJsonSamples,
    long lines) {

  LogSummary {
    EnumMap<EventType, Long> copy = new EnumMap<>(EventType.class);
    copy.putAll(logged);
    logged = Collections.unmodifiableMap(copy);
    refusedSamples = List.copyOf(refusedSamples);
    serviceErrorSamples = List.copyOf(serviceErrorSamples);
    notJsonSamples = List.copyOf(notJsonSamples);
  }

  long logged(EventType type) {
    return logged.getOrDefault(type, 0L);
  }

  long totalLogged() {
    return logged.values().stream().mapToLong(Long::longValue).sum();
  }
}
