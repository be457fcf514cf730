package dev.tradingevents.logger.logline;

/**
 * Where an event came from and how it got here: the fields of its log line that are not the event's.
 *
 * @param subject the NATS subject it was published to
 * @param streamSequence its sequence in the stream
 * @param deliveryCount how many times the server has delivered it (1 the first time)
 * @param traceId the trace it belongs to, 32 hex digits, or null
 * @param spanId the span of its processing (or the producer's, when tracing is off), or null
 * @param latencyMillis from the event's {@code occurred_at} to now, in milliseconds
 * @param traceError why its trace context could not be used ({@code missing}, {@code invalid}), or null
 * @param instance which logger instance (or replay run) wrote it
 * @param replayedAt when the replay run that wrote it started, RFC 3339; null on a live line
 */
public record LineContext(
    String subject,
    long streamSequence,
    long deliveryCount,
    String traceId,
    String spanId,
    double latencyMillis,
    String traceError,
    String instance,
    String replayedAt) {

  /** The context of a live line: not replayed. */
  public LineContext(String subject, long streamSequence, long deliveryCount, String traceId, String spanId,
      double latencyMillis, String traceError, String instance) {
    this(subject, streamSequence, deliveryCount, traceId, spanId, latencyMillis, traceError, instance, null);
  }
}
