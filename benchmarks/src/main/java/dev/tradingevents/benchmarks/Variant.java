package dev.tradingevents.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What one timed run publishes with. */
enum Variant {
  /** jnats {@code publishAsync} of pre-encoded bytes and pre-built headers, same window: the baseline. */
  RAW("raw", "jnats publishAsync, bytes and headers made before the clock"),
  /** {@code EventPublisher} with the OpenTelemetry SDK: encode, headers, PRODUCER span, traceparent, metrics. */
  OURS("ours", "EventPublisher, tracing and metrics on"),
  /**
   * {@code EventPublisher} with the SDK sampling 1% of traces, as a service at these rates would: every
   * message still carries a {@code traceparent}; only sampled spans are recorded and exported.
   */
  OURS_SAMPLED("ours-sampled", "EventPublisher, tracing on with 1% of traces sampled, metrics on"),
  /** {@code EventPublisher} with {@code EventTracing.noop()}: no span, no traceparent; metrics still on. */
  OURS_NO_TRACING("ours-notrace", "EventPublisher, tracing off (EventTracing.noop()), metrics on"),
  /** {@code EventPublisher} with {@code OpenTelemetry.noop()}: neither spans nor metrics. Not run by default. */
  OURS_NO_OTEL("ours-nootel", "EventPublisher, OpenTelemetry.noop() (no spans, no metrics)");

  static final String DEFAULT = "raw,ours,ours-sampled,ours-notrace";

  private final String label;
  private final String description;

  Variant(String label, String description) {
    this.label = label;
    this.description = description;
  }

  String label() {
    return label;
  }

  String description() {
    return description;
  }

  static Variant of(String label) {
    String wanted = label.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(v -> v.label.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown variant '" + label + "', expected one of "
            + Arrays.stream(values()).map(Variant::label).collect(Collectors.joining(", "))));
  }
}
