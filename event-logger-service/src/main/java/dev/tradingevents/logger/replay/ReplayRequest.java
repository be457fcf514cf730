package dev.tradingevents.logger.replay;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A checked replay request: at most one start ({@code from}, {@code startSeq}, {@code last}), optional
 * stops, what to pick, one output, a pace.
 *
 * @param natsUrl the server
 * @param stream the stream to read
 * @param from first stored time to replay, or null
 * @param startSeq first stream sequence to replay, or null
 * @param last replay only the last N matching events, or null
 * @param to last stored time to replay (inclusive), or null
 * @param endSeq last stream sequence to replay (inclusive), or null
 * @param filter what to pick
 * @param out the file of the lines, or null for stdout (ignored when republishing)
 * @param republish the subject (or {@code prefix.>}) to publish copies to, or null
 * @param speed pace relative to the original timing, or null for as fast as possible
 * @param progress whether to print the rate line on stderr during long replays
 * @param batch messages asked for per pull
 */
record ReplayRequest(
    String natsUrl,
    String stream,
    Instant from,
    Long startSeq,
    Long last,
    Instant to,
    Long endSeq,
    EventFilter filter,
    Path out,
    String republish,
    Double speed,
    boolean progress,
    int batch) {

  /** Where the events go, for messages. */
  String destination() {
    if (republish != null) {
      return "republished to " + republish;
    }
    return out == null ? "stdout" : out.toString();
  }
}
