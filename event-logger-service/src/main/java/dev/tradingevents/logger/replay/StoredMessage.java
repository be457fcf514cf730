package dev.tradingevents.logger.replay;

import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.logger.logline.LinePayload;
import dev.tradingevents.logger.logline.TraceParent;
import io.nats.client.Message;
import java.time.Instant;

/**
 * A stored message the reader thread let through, with what the writing thread needs of its headers read
 * out already: read on the reader thread, the headers are still in its cache; read again later on the
 * writing thread, they cost a quarter of that thread's time (cache misses walking jnats' header map).
 *
 * @param message the stored message (its headers travel on with a republished copy); null when the output
 *     does not need it
 * @param subject the subject it was stored on
 * @param sequence its stream sequence
 * @param storedAt when the original was stored in the stream
 * @param payload the stored payload, not yet decoded, checked for its line on the reader thread
 * @param trace its {@code traceparent}, checked
 * @param schemaVersion its schema version header as a number ({@link EventHeaders#schemaVersion}): the
 *     writing thread compares numbers, and touches the header's text (another cache miss) only to report
 *     a mismatch
 * @param schemaVersionText its schema version header as sent, or null
 */
record StoredMessage(Message message, String subject, long sequence, Instant storedAt, LinePayload payload,
    TraceParent trace, int schemaVersion, String schemaVersionText) {}
