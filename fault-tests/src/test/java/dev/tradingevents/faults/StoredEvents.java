package dev.tradingevents.faults;

import dev.tradingevents.events.EventHeaders;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.StreamContext;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** What a stream holds, counted by {@code Nats-Msg-Id} (= the event id): read back with an ordered consumer. */
final class StoredEvents {
  private StoredEvents() {}

  /** Reads the stream; JetStream may still be electing a leader after a fault, so it tries for 60 s. */
  static Map<String, Integer> countById(Connection connection, String stream) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        return read(connection, stream);
      } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private static Map<String, Integer> read(Connection connection, String stream) throws Exception {
    StreamContext context = connection.getStreamContext(stream);
    long last = context.getStreamInfo().getStreamState().getLastSequence();
    Map<String, Integer> counts = new HashMap<>();
    if (last == 0) {
      return counts;
    }
    OrderedConsumerContext ordered = context.createOrderedConsumer(new OrderedConsumerConfiguration());
    try (IterableConsumer messages = ordered.iterate()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        Message message = messages.nextMessage(Duration.ofSeconds(2));
        if (message == null) {
          continue;
        }
        String id = message.getHeaders() == null ? null : message.getHeaders().getFirst(EventHeaders.NATS_MSG_ID);
        counts.merge(id == null ? "(no id)" : id, 1, Integer::sum);
        if (message.metaData().streamSequence() >= last) {
          return counts;
        }
      }
    }
    throw new AssertionError("could not read " + stream + " up to sequence " + last + " within 60 s (read "
        + counts.size() + " ids)");
  }
}
