package dev.tradingevents.logger.consume;

import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventDecodingException;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.logger.logline.EventLogWriter;
import dev.tradingevents.logger.logline.EventLogWriter.RefusedMessage;
import dev.tradingevents.logger.logline.LineContext;
import dev.tradingevents.logger.logline.TraceParent;
import dev.tradingevents.logger.telemetry.LoggerMetrics;
import dev.tradingevents.tracing.EventTracing;
import dev.tradingevents.tracing.ProcessSpan;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one delivered message into one log line, and acks it once the line is flushed ({@link
 * #completeBatch()}). Never throws: every message ends logged and acked, refused and dead-lettered (then
 * terminated), or nak'd for a later redelivery, and each way is counted. Used by the consumer thread only.
 *
 * <ul>
 *   <li>Bad input (oversized, undecodable, unknown type, unsupported schema version) is poison: one
 *       error line, a metric, a copy in the dead-letter stream, then {@code term} so it is not
 *       redelivered forever.
 *   <li>A missing or invalid {@code traceparent} does not make a valid event poison: it is logged with
 *       {@code trace_error} and a new trace, and counted. Dead-lettering it would hide a real event from
 *       the dashboard.
 *   <li>A failure while logging is transient: nak with back-off until {@code max-deliver}, then
 *       dead-lettered as {@code processing_failed}. A failed flush of the output is one such failure for
 *       every line of the batch.
 * </ul>
 */
@Singleton
@Requires(property = "trading-events.consumer.enabled", notEquals = "false")
public class EventProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

  private final EventCodec codec = EventCodec.create();
  private final EventTracing tracing;
  private final EventLogWriter writer;
  private final DeadLetters deadLetters;
  private final LoggerMetrics metrics;
  private final ConsumerConfiguration config;
  private final String instance;
  /** Lines written since the last flush: only the consumer thread touches it. */
  private final List<Written> written = new ArrayList<>();
  /** Whether a refusal line was written since the last flush (its message is already terminated). */
  private boolean refusalsUnflushed;

  public EventProcessor(EventTracing tracing, EventLogWriter writer, DeadLetters deadLetters, LoggerMetrics metrics,
      ConsumerConfiguration config, @Value("${trading-events.instance-id}") String instance) {
    this.tracing = tracing;
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.config = config;
    this.instance = instance;
  }

  /**
   * Encodes {@code warmup-events} sample lines and discards them, before the first real event (see {@link
   * EventLogWriter#warmUp}). Bounded to five seconds.
   */
  public void warmUp() {
    if (config.warmupEvents() == 0) {
      return;
    }
    long start = System.nanoTime();
    int done;
    try {
      done = writer.warmUp(codec, config.warmupEvents(), Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      // only the first events are slower without it: not a reason to stop the service
      metrics.error("warmup_failed");
      LOG.warn("could not warm up the line path: {}", e.toString());
      return;
    }
    LOG.info("warmed up the line path with {} sample events in {} ms", done, (System.nanoTime() - start) / 1_000_000);
  }

  public void process(Message message) {
    long sequence = 0;
    long delivered = 1;
    try {
      NatsJetStreamMetaData meta = message.metaData();
      sequence = meta.streamSequence();
      delivered = meta.deliveredCount();
    } catch (RuntimeException notJetStream) {
      // not a JetStream message: cannot happen on a pull consumer; logged with sequence 0 below
    }
    byte[] payload = message.getData() == null ? new byte[0] : message.getData();
    if (payload.length > config.maxEventBytes()) {
      refuse(message, sequence, delivered, PoisonReason.OVERSIZED,
          "payload is " + payload.length + " bytes, more than max-event-bytes " + config.maxEventBytes());
      return;
    }
    TradingEvent event;
    try {
      event = codec.decode(payload);
    } catch (EventDecodingException e) {
      boolean unknownType = e.field().filter("event_type"::equals).isPresent() && e.reason().startsWith("unknown event type");
      refuse(message, sequence, delivered, unknownType ? PoisonReason.UNKNOWN_EVENT_TYPE : PoisonReason.UNDECODABLE,
          e.getMessage());
      return;
    }
    Headers headers = message.getHeaders();
    String schemaVersion = headers == null ? null : headers.getFirst(EventHeaders.SCHEMA_VERSION);
    int version = EventHeaders.schemaVersion(schemaVersion);
    if (version != EventHeaders.NO_SCHEMA_VERSION && version != event.eventType().schemaVersion()) {
      refuse(message, sequence, delivered, PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
          event.eventType().wireName() + " schema version " + schemaVersion + " is not supported; this service reads version "
              + event.eventType().schemaVersion());
      return;
    }
    log(message, event, payload, headers, sequence, delivered);
  }

  private void log(Message message, TradingEvent event, byte[] payload, Headers headers, long sequence, long delivered) {
    ProcessSpan span = tracing.startProcess(message);
    String traceId;
    String spanId;
    String traceError;
    if (tracing.isEnabled()) {
      traceId = span.traceId();
      spanId = span.spanId();
      // OpenTelemetry has just read the producer's context: when it continued that trace, the headers are
      // fine and need no second reading (about a twentieth of this thread's time per event)
      traceError = span.hasRemoteParent() ? null : TraceParent.parse(traceparent(headers)).error();
    } else {
      TraceParent parent = TraceParent.parse(traceparent(headers));
      traceId = parent.traceId();
      spanId = parent.spanId();
      traceError = parent.error();
    }
    if (traceError != null) {
      metrics.error(traceError + "_trace_headers");
    }
    long latencyNanos = Duration.between(event.occurredAt(), Instant.now()).toNanos();
    LineContext context = new LineContext(message.getSubject(), sequence, delivered, traceId, spanId,
        latencyNanos / 1e6, traceError, instance);
    try (Scope scope = span.makeCurrent()) {
      writer.write(event, payload, context);
    } catch (RuntimeException e) {
      span.fail(e);
      failed(message, event, sequence, delivered, e);
      return;
    }
    written.add(new Written(message, event, sequence, delivered, latencyNanos, span));
    if (written.size() >= config.batchSize()) {
      completeBatch();
    }
  }

  private static String traceparent(Headers headers) {
    return headers == null ? null : headers.getFirst(EventHeaders.TRACEPARENT);
  }

  /**
   * Makes the lines written since the last call durable in the output, then acks their messages. When the
   * output failed, none of them is acked: each is nak'd for redelivery (or dead-lettered on its last
   * delivery), because its line may be lost. The consumer calls this whenever no message is waiting, so
   * lines are batched only under load.
   */
  public void completeBatch() {
    if (written.isEmpty() && !refusalsUnflushed) {
      return;
    }
    refusalsUnflushed = false;
    try {
      writer.flush();
    } catch (IOException e) {
      metrics.error("output_failed");
      LOG.error("the log output failed; {} events are not acked and will be redelivered: {}", written.size(),
          e.getMessage());
      for (Written line : written) {
        line.span().fail(e);
        failed(line.message(), line.event(), line.sequence(), line.delivered(), new UncheckedIOException(e));
      }
      written.clear();
      return;
    }
    // the acks first, back to back, then the spans and metrics: jnats' writer thread wakes for the first
    // ack and finds most of the others queued, so the server reads them in a few large writes instead of
    // many small ones (half the write calls of the service per event)
    for (int i = 0; i < written.size(); i++) {
      Written line = written.get(i);
      try {
        line.message().ack();
      } catch (RuntimeException e) {
        written.set(i, null); // not logged as far as the metrics go: it comes back
        // the line is written; without the ack the server redelivers it after ack-wait (a marked duplicate)
        line.span().fail(e);
        metrics.error("ack_failed");
        LOG.warn("could not ack event {} ({} seq {}): {}; it will be redelivered and logged again",
            line.event().eventId(), line.message().getSubject(), line.sequence(), e.toString());
      }
    }
    for (Written line : written) {
      if (line != null) {
        metrics.logged(line.event().eventType(), line.delivered(), line.latencyNanos());
        line.span().end();
      }
    }
    written.clear();
  }

  /** An event whose line is written but not yet flushed, so its message is not acked yet. */
  private record Written(Message message, TradingEvent event, long sequence, long delivered, long latencyNanos,
      ProcessSpan span) {}

  private void failed(Message message, TradingEvent event, long sequence, long delivered, RuntimeException error) {
    if (delivered >= config.maxDeliver()) {
      refuse(message, sequence, delivered, PoisonReason.PROCESSING_FAILED,
          "logging failed on all " + delivered + " deliveries, last: " + error);
      return;
    }
    Duration backoff = config.backoffAfter(delivered);
    metrics.error("transient_failure");
    LOG.warn("could not log event {} ({} seq {}, delivery {} of {}): {}; redelivering in {}", event.eventId(),
        message.getSubject(), sequence, delivered, config.maxDeliver(), error.toString(), backoff);
    message.nakWithDelay(backoff);
  }

  private void refuse(Message message, long sequence, long delivered, PoisonReason reason, String detail) {
    Headers headers = message.getHeaders();
    String eventId = headers == null ? null : headers.getFirst(EventHeaders.NATS_MSG_ID);
    String claimedType = headers == null ? null : headers.getFirst(EventHeaders.CE_TYPE);
    metrics.error(reason.label());
    refusalsUnflushed = true; // either way below writes a refusal line
    try {
      deadLetters.send(message, sequence, reason.label() + ": " + detail);
    } catch (Exception e) {
      metrics.error("dead_letter_failed");
      boolean lastDelivery = delivered >= config.maxDeliver();
      writer.writeRefused(new RefusedMessage(eventId, claimedType, message.getSubject(), sequence, delivered,
          reason.label(), detail + "; dead-lettering to " + deadLetters.subjectFor(message.getSubject()) + " failed ("
              + e.getMessage() + ")" + (lastDelivery
                  ? ": this was the last delivery, the message stays unacknowledged in the stream"
                  : ": it will be redelivered"),
          message.getData() == null ? new byte[0] : message.getData(), false), config.payloadExcerptBytes());
      if (!lastDelivery) {
        message.nakWithDelay(config.backoffAfter(delivered));
      }
      return;
    }
    writer.writeRefused(new RefusedMessage(eventId, claimedType, message.getSubject(), sequence, delivered,
        reason.label(), detail, message.getData() == null ? new byte[0] : message.getData(), true),
        config.payloadExcerptBytes());
    metrics.deadLettered(reason);
    message.term();
  }
}
