package dev.tradingevents.publisher;

import dev.tradingevents.events.EventType;

/**
 * The stream's acknowledgement of a published event.
 *
 * @param eventId the event's id, which was also its {@code Nats-Msg-Id}
 * @param eventType the event's type
 * @param stream the stream that stored it
 * @param sequence its sequence in that stream
 * @param duplicate true when the stream had already stored a message with this id within its duplicate
 *     window (a retry of a publish whose first ack was lost, or the same event published twice): the
 *     event is stored once, at {@code sequence}
 * @param attempts how many times it was sent, 1 when no retry was needed
 */
public record PublishReceipt(
    String eventId, EventType eventType, String stream, long sequence, boolean duplicate, int attempts) {}
