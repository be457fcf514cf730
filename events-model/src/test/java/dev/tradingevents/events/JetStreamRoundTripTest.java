package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Encoded events survive a real JetStream stream: stored on their subjects, fetched and decoded equal. */
@ExtendWith(NatsServerExtension.class)
class JetStreamRoundTripTest {
  private final EventCodec codec = EventCodec.create();

  @Test
  void everyEventTypeIsStoredOnItsSubjectAndDecodesEqualAfterAFetch(NatsTestServer nats) throws Exception {
    String stream = NatsTestServer.uniqueName("EVENTS");
    EventSubjects subjects = EventSubjects.withPrefix("t" + stream.toLowerCase());
    List<TradingEvent> sent = new ArrayList<>();
    for (long seed = 0; seed < 20; seed++) {
      sent.addAll(new ArbitraryEvents(seed).oneOfEach());
    }

    try (Connection connection = nats.connect()) {
      connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream)
          .subjects(subjects.allEvents()).storageType(StorageType.File).build());
      JetStream jetStream = connection.jetStream();
      for (TradingEvent event : sent) {
        Headers headers = new Headers()
            .put(EventHeaders.NATS_MSG_ID, event.eventId())
            .put(EventHeaders.CE_TYPE, event.eventType().wireName());
        jetStream.publish(subjects.subjectFor(event), headers, codec.encode(event));
      }

      JetStreamSubscription subscription = jetStream.subscribe(subjects.allEvents(),
          PullSubscribeOptions.builder().stream(stream).build());
      List<TradingEvent> received = new ArrayList<>();
      while (received.size() < sent.size()) {
        List<Message> batch = subscription.fetch(100, Duration.ofSeconds(2));
        assertThat(batch).as("fetched after %d of %d", received.size(), sent.size()).isNotEmpty();
        for (Message message : batch) {
          TradingEvent event = codec.decode(message.getData());
          assertThat(message.getSubject()).isEqualTo(subjects.subjectFor(event));
          assertThat(subjects.typeOf(message.getSubject())).contains(event.eventType());
          assertThat(message.getHeaders().getFirst(EventHeaders.CE_TYPE)).isEqualTo(event.eventType().wireName());
          received.add(event);
          message.ack();
        }
      }

      assertThat(received).containsExactlyElementsOf(sent);
    }
  }

  @Test
  void aCategoryWildcardTakesOnlyThatCategory(NatsTestServer nats) throws Exception {
    String stream = NatsTestServer.uniqueName("EVENTS");
    EventSubjects subjects = EventSubjects.withPrefix("c" + stream.toLowerCase());
    try (Connection connection = nats.connect()) {
      connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream)
          .subjects(subjects.allEvents()).storageType(StorageType.Memory).build());
      for (TradingEvent event : new ArbitraryEvents(9).oneOfEach()) {
        connection.jetStream().publish(subjects.subjectFor(event), codec.encode(event));
      }

      JetStreamSubscription system = connection.jetStream().subscribe(subjects.allOf(EventCategory.SYSTEM),
          PullSubscribeOptions.builder().stream(stream).build());
      List<Message> messages = system.fetch(100, Duration.ofSeconds(1));

      assertThat(messages).extracting(m -> codec.decode(m.getData()).eventType().category())
          .hasSize(4).containsOnly(EventCategory.SYSTEM);
    }
  }
}
