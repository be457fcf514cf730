package dev.tradingevents.logger.consume;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * The durable consumer ({@code trading-events.consumer.*}; env {@code TRADING_EVENTS_CONSUMER_*}).
 * Defaults are in {@code application.yml}.
 *
 * @param enabled false runs the service without NATS (management endpoints only)
 * @param stream the stream to consume
 * @param streamSubjects subjects the stream is created with when {@code createStream} is on
 * @param createStream create or update the stream (and the dead-letter stream) at startup
 * @param durable the durable consumer name; instances with the same name share the work
 * @param filterSubjects subjects to take; nats-server 2.9 supports exactly one
 * @param batchSize messages pulled per request
 * @param pullExpires how long one pull request waits on the server; a graceful stop waits for the
 *     outstanding one, so this bounds shutdown (at least 1s)
 * @param ackWait how long the server waits for an ack before redelivering; above p99 processing time
 * @param maxDeliver deliveries before a failing message is dead-lettered
 * @param nakBackoff delay of the first redelivery after a transient failure; doubles each time, up to
 *     {@code maxNakBackoff}
 * @param maxNakBackoff longest redelivery delay
 * @param maxAckPending unacknowledged messages the server lets this consumer hold
 * @param maxEventBytes payloads larger than this are dead-lettered as oversized
 * @param deadLetterStream the stream that keeps dead letters
 * @param deadLetterSubjectPrefix dead letters go to {@code <prefix>.<original subject>}
 * @param payloadExcerptBytes how much of a bad payload its error line shows
 * @param lagPollInterval how often the consumer's pending count is read for metrics and health
 * @param shutdownTimeout how long shutdown waits for held messages to be logged and acked
 * @param warmupEvents sample lines encoded (and discarded) at startup, before consuming, so the first
 *     real events do not wait for the JIT; 0 turns it off
 */
@ConfigurationProperties("trading-events.consumer")
public record ConsumerConfiguration(
    boolean enabled,
    @NotBlank String stream,
    @NotEmpty List<@NotBlank String> streamSubjects,
    boolean createStream,
    @NotBlank String durable,
    @NotEmpty List<@NotBlank String> filterSubjects,
    @Min(1) @Max(10_000) int batchSize,
    @NotNull Duration pullExpires,
    @NotNull Duration ackWait,
    @Min(1) @Max(1_000) int maxDeliver,
    @NotNull Duration nakBackoff,
    @NotNull Duration maxNakBackoff,
    @Min(1) int maxAckPending,
    @Min(256) int maxEventBytes,
    @NotBlank String deadLetterStream,
    @NotBlank String deadLetterSubjectPrefix,
    @Min(0) @Max(65_536) int payloadExcerptBytes,
    @NotNull Duration lagPollInterval,
    @NotNull Duration shutdownTimeout,
    @Min(0) @Max(1_000_000) int warmupEvents) {

  /** The delay before redelivery number {@code delivered + 1}. */
  Duration backoffAfter(long delivered) {
    long factor = 1L << Math.min(Math.max(delivered - 1, 0), 20);
    Duration delay = nakBackoff.multipliedBy(factor);
    return delay.compareTo(maxNakBackoff) > 0 ? maxNakBackoff : delay;
  }
}
