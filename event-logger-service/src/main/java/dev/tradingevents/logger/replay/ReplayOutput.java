package dev.tradingevents.logger.replay;

import dev.tradingevents.events.TradingEvent;
import io.nats.client.Message;
import java.time.Instant;
import java.util.List;

/** Where replayed events go: lines (stdout or a file) or copies published to another subject. */
interface ReplayOutput extends AutoCloseable {

  /** Writes or sends one event; {@code storedAt} is when the original was stored in the stream. */
  void write(Message message, long sequence, Instant storedAt, TradingEvent event, byte[] payload);

  /** Flushes and waits for what is in flight; after this the failure counts are final. */
  @Override
  void close();

  /** Events that could not be written or were not acknowledged. */
  long failures();

  /** The first few failure reasons. */
  List<String> failureSamples();
}
