package dev.tradingevents.events;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids that sort by creation time: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds then 74
 * random bits. Time order keeps ids of one incident together in the stream and in logs, and the random
 * part makes them unique across publishers without coordination.
 */
public final class EventIds {
  private EventIds() {}

  /** A new time-ordered id, e.g. {@code 019b0c5e-7a31-7c3f-9a52-3f0e4b1c2d3e}. */
  public static String newId() {
    return newUuid(System.currentTimeMillis()).toString();
  }

  static UUID newUuid(long unixMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
