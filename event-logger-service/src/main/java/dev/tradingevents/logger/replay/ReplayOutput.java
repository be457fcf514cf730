package dev.tradingevents.logger.replay;

import java.util.List;

/** Where replayed events go: lines (stdout or a file) or copies published to another subject. */
interface ReplayOutput extends AutoCloseable {

  /**
   * Whether {@link #write} reads {@link StoredMessage#message()}; when not, the replay lets the message go
   * as soon as it has read what it needs (less live data for the garbage collector to copy).
   */
  default boolean needsMessages() {
    return false;
  }

  /** Writes or sends one event. */
  void write(ReplayedEvent replayed);

  /** Flushes and waits for what is in flight; after this the failure counts are final. */
  @Override
  void close();

  /** Events that could not be written or were not acknowledged. */
  long failures();

  /** The first few failure reasons. */
  List<String> failureSamples();
}
