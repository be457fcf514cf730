package dev.tradingevents.benchmarks;

import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.publisher.StreamSetup;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import java.io.IOException;

/**
 * The stream one variant of the publish benchmark publishes to: {@code <stream>_<n>} on the subjects
 * {@code <prefix>-<n>.>}, for the variant's 1-based place {@code n} in the list. Every variant's names are
 * as long as every other's (up to nine variants), so that all send the same bytes.
 *
 * @param name the stream's name
 * @param subjects its subjects
 * @param setup how to create it
 * @param ours whether this benchmark created it (and so may delete it)
 */
record VariantStream(String name, EventSubjects subjects, StreamSetup setup, boolean ours) {

  /** Creates the stream of the {@code n}-th variant, if it is not there yet. */
  static VariantStream ensure(JetStreamManagement management, BenchmarkOptions options, int n)
      throws IOException, JetStreamApiException {
    String name = options.stream() + "_" + n;
    EventSubjects subjects = EventSubjects.withPrefix(options.subjectPrefix() + "-" + n);
    StreamSetup setup = StreamSetup.builder().name(name).subjects(subjects).storage(StorageType.File).build();
    boolean existed = exists(management, name);
    setup.ensure(management);
    return new VariantStream(name, subjects, setup, !existed);
  }

  /**
   * Empties the stream before a round. A stream this benchmark created is deleted and created anew: a purge
   * keeps the server's map of message ids for the duplicate window (2 minutes then, 30 s now), so the ids
   * of every earlier run piled up, and the run that crossed about 1.7 million of them (the map's growth,
   * always the 18th run) cost nats-server 22 to 26 µs per publish instead of 12 to 16. A stream that was
   * there before is only purged: its configuration is not ours to replace.
   */
  void empty(JetStreamManagement management) throws IOException, JetStreamApiException {
    if (ours) {
      management.deleteStream(name);
      setup.ensure(management);
    } else {
      management.purgeStream(name);
    }
  }

  /** Deletes the stream if this benchmark created it on a shared server (a server of our own goes anyway). */
  void dropIfOurs(JetStreamManagement management, boolean sharedServer) throws IOException, JetStreamApiException {
    if (ours && sharedServer) {
      management.deleteStream(name);
    }
  }

  /** Whether the server has a stream of this name (the benchmarks' one check for it). */
  static boolean exists(JetStreamManagement management, String name)
      throws IOException, JetStreamApiException {
    try {
      management.getStreamInfo(name);
      return true;
    } catch (JetStreamApiException e) {
      if (e.getErrorCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
