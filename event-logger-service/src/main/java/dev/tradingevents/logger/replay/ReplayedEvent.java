package dev.tradingevents.logger.replay;

import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.logger.logline.TraceParent;
import io.nats.client.Message;
import java.time.Instant;

/**
 * A stored message picked for the output, with what the output needs of it read out already: the reader
 * thread reads the headers while they are still in its cache; read again later on the writing thread,
 * they cost a quarter of that thread's time (cache misses walking jnats' header map).
 *
 * @param message the stored message (its headers travel on with a republished copy)
 * @param subject the subject it was stored on
 * @param sequence its stream sequence
 * @param storedAt when the original was stored in the stream
 * @param event the decoded event
 * @param payload the stored payload
 * @param trace its {@code traceparent}, checked
 */
record ReplayedEvent(Message message, String subject, long sequence, Instant storedAt, TradingEvent event,
    byte[] payload, TraceParent trace) {}
