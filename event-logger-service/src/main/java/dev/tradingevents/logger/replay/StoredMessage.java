package dev.tradingevents.logger.replay;

import dev.tradingevents.logger.logline.TraceParent;
import io.nats.client.Message;
import java.time.Instant;

/**
 * A stored message the reader thread let through, with what the writing thread needs of its headers read
 * out already: read on the reader thread, the headers are still in its cache; read again later on the
 * writing thread, they cost a quarter of that thread's time (cache misses walking jnats' header map).
 *
 * @param message the stored message (its headers travel on with a republished copy)
 * @param subject the subject it was stored on
 * @param sequence its stream sequence
 * @param storedAt when the original was stored in the stream
 * @param payload the stored payload, not yet decoded
 * @param trace its {@code traceparent}, checked
 * @param schemaVersion its schema version header, or null
 */
record StoredMessage(Message message, String subject, long sequence, Instant storedAt, byte[] payload,
    TraceParent trace, String schemaVersion) {}
