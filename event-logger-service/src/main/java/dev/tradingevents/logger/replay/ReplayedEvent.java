package dev.tradingevents.logger.replay;

import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.logger.logline.LinePayload;
import dev.tradingevents.logger.logline.TraceParent;
import io.nats.client.Message;
import java.time.Instant;

/**
 * A stored message decoded and picked for the output ({@link StoredMessage} and its event).
 *
 * @param message the stored message (its headers travel on with a republished copy)
 * @param subject the subject it was stored on
 * @param sequence its stream sequence
 * @param storedAt when the original was stored in the stream
 * @param event the decoded event
 * @param payload the stored payload, checked for its line
 * @param trace its {@code traceparent}, checked
 */
record ReplayedEvent(Message message, String subject, long sequence, Instant storedAt, TradingEvent event,
    LinePayload payload, TraceParent trace) {}
