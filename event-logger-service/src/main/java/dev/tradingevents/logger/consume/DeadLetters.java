package dev.tradingevents.logger.consume;

import dev.tradingevents.events.EventHeaders;
import io.micronaut.context.annotation.Requires;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;

/**
 * Moves a message that cannot be logged into the dead-letter stream, under {@code <prefix>.<original
 * subject>}, with its original headers and payload plus the reason and where it came from. The publish
 * waits for the stream's ack, so the original is terminated only once the copy is stored; its id is
 * derived from the original's stream and sequence, so a retried dead-lettering stores one copy.
 */
@Singleton
@Requires(property = "trading-events.consumer.enabled", notEquals = "false")
public class DeadLetters {
  private final JetStream jetStream;
  private final ConsumerConfiguration config;

  public DeadLetters(Connection connection, ConsumerConfiguration config) throws IOException {
    this.jetStream = connection.jetStream();
    this.config = config;
  }

  /** The subject a message of {@code subject} is dead-lettered to. */
  public String subjectFor(String subject) {
    return config.deadLetterSubjectPrefix() + "." + subject;
  }

  void send(Message message, long streamSequence, String reason) throws IOException, JetStreamApiException {
    Headers headers = message.hasHeaders() ? new Headers(message.getHeaders()) : new Headers();
    String originalId = headers.getFirst(EventHeaders.NATS_MSG_ID);
    headers.put(EventHeaders.DEAD_LETTER_REASON, reason.length() > 1024 ? reason.substring(0, 1024) : reason.replaceAll("[\\r\\n]", " "));
    headers.put(EventHeaders.DEAD_LETTER_ORIGINAL_SUBJECT, message.getSubject());
    headers.put(EventHeaders.DEAD_LETTER_ORIGINAL_SEQUENCE, Long.toString(streamSequence));
    headers.remove(EventHeaders.NATS_MSG_ID);
    if (originalId != null) {
      headers.put(EventHeaders.DEAD_LETTER_ORIGINAL_MSG_ID, originalId);
    }
    PublishOptions options = PublishOptions.builder()
        .messageId("dlq-" + config.stream() + "-" + streamSequence)
        .expectedStream(config.deadLetterStream())
        .streamTimeout(Duration.ofSeconds(5))
        .build();
    jetStream.publish(subjectFor(message.getSubject()), headers, message.getData(), options);
  }
}
