package dev.tradingevents.publisher;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the publisher does when the server goes away: each test owns a server it can stop. */
class PublisherFailureTest {
  private static final EventSubjects SUBJECTS = EventSubjects.defaults();
  private NatsTestServer server;
  private Connection connection;
  private final Tracing telemetry = new Tracing();

  @BeforeEach
  void startServer() throws Exception {
    server = NatsTestServer.builder().start();
    connection = server.connect();
    // the outage test's publisher retries for about 69 s; the window must outlast that (EventPublisher checks)
    StreamSetup.builder().duplicateWindow(Duration.ofMinutes(2)).build().ensure(connection);
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    connection.close();
    server.close();
  }

  @Test
  void eventsPublishedWhileTheServerIsDownAreStoredOnceEachAfterItComesBack() throws Exception {
    try (EventPublisher publisher = EventPublisher.builder(connection).stream(StreamSetup.DEFAULT_STREAM)
        .openTelemetry(telemetry.openTelemetry).ackTimeout(Duration.ofSeconds(1)).maxRetries(20)
        .retryBackoff(Duration.ofMillis(50)).build()) {
      server.stop();
      List<StallEvent> events = new ArrayList<>();
      List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        StallEvent event = EventPublisherTest.stall(i);
        events.add(event);
        futures.add(publisher.publish(event));
      }
      Thread.sleep(1_500);
      server.start();

      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, SECONDS);

      assertThat(storedIds()).containsExactlyInAnyOrderElementsOf(EventPublisherTest.ids(events));
      assertThat(telemetry.counter("trading_events.publisher.published", "StallEvent")).isEqualTo(300);
      assertThat(telemetry.counter("trading_events.publisher.retried", "StallEvent")).isPositive();
    }
  }

  @Test
  void failsFastWhenTheWindowIsFullAndNeverSendsTheEvent() throws Exception {
    try (EventPublisher publisher = EventPublisher.builder(connection).openTelemetry(telemetry.openTelemetry)
        .maxInFlight(3).ackTimeout(Duration.ofSeconds(30)).closeTimeout(Duration.ofMillis(100)).build()) {
      server.stop();
      for (int i = 0; i < 3; i++) {
        publisher.publish(EventPublisherTest.stall(i));
      }
      StallEvent fourth = EventPublisherTest.stall(4);

      CompletableFuture<PublishReceipt> refused = publisher.publish(fourth);

      assertThat(refused).isCompletedExceptionally();
      assertThatThrownBy(refused::join).cause().isInstanceOfSatisfying(PublishFailedException.class, failure -> {
        assertThat(failure.reason()).isEqualTo(PublishFailedException.Reason.WINDOW_FULL);
        assertThat(failure.attempts()).isZero();
        assertThat(failure.eventId()).isEqualTo(fourth.eventId());
      });
      assertThat(publisher.inFlight()).isEqualTo(3);
      assertThat(telemetry.counter("trading_events.publisher.failed", "StallEvent", "WINDOW_FULL")).isEqualTo(1);
    }
  }

  @Test
  void blocksUpToTheBlockTimeoutWhenTheWindowIsFullThenFails() throws Exception {
    try (EventPublisher publisher = EventPublisher.builder(connection).openTelemetry(telemetry.openTelemetry)
        .maxInFlight(1).windowFullPolicy(WindowFullPolicy.BLOCK).blockTimeout(Duration.ofMillis(300))
        .ackTimeout(Duration.ofSeconds(30)).closeTimeout(Duration.ofMillis(100)).build()) {
      server.stop();
      publisher.publish(EventPublisherTest.stall(1));

      long start = System.nanoTime();
      CompletableFuture<PublishReceipt> blocked = publisher.publish(EventPublisherTest.stall(2));
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(waitedMillis).isGreaterThanOrEqualTo(300);
      assertThatThrownBy(blocked::join).cause().isInstanceOfSatisfying(PublishFailedException.class,
          failure -> assertThat(failure.reason()).isEqualTo(PublishFailedException.Reason.WINDOW_FULL));
    }
  }

  @Test
  void closeWaitsForOutstandingAcksThenReportsAndFailsWhatDidNotComplete() throws Exception {
    EventPublisher publisher = EventPublisher.builder(connection).openTelemetry(telemetry.openTelemetry)
        .ackTimeout(Duration.ofSeconds(30)).build();
    publisher.publish(EventPublisherTest.stall(0)).get(10, SECONDS);
    server.stop();
    List<StallEvent> events = List.of(EventPublisherTest.stall(1), EventPublisherTest.stall(2));
    List<CompletableFuture<PublishReceipt>> futures = events.stream().map(publisher::publish).toList();

    FlushReport report = publisher.close(Duration.ofMillis(300));

    assertThat(report.awaited()).isEqualTo(2);
    assertThat(report.incompleteEventIds()).containsExactlyInAnyOrderElementsOf(EventPublisherTest.ids(events));
    for (CompletableFuture<PublishReceipt> future : futures) {
      assertThatThrownBy(future::join).cause().isInstanceOfSatisfying(PublishFailedException.class,
          failure -> assertThat(failure.reason()).isEqualTo(PublishFailedException.Reason.CLOSED));
    }
    assertThat(publisher.inFlight()).isZero();
  }

  @Test
  void flushReturnsOnceEverythingOutstandingIsAcknowledged() throws Exception {
    try (EventPublisher publisher = EventPublisher.builder(connection).openTelemetry(telemetry.openTelemetry).build()) {
      List<CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        futures.add(publisher.publish(EventPublisherTest.stall(i)));
      }

      FlushReport report = publisher.flush(Duration.ofSeconds(20));

      assertThat(report.complete()).isTrue();
      assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }
  }

  private Set<String> storedIds() throws Exception {
    JetStreamSubscription subscription = connection.jetStream()
        .subscribe(SUBJECTS.allEvents(), PullSubscribeOptions.builder().stream(StreamSetup.DEFAULT_STREAM).build());
    Set<String> ids = new HashSet<>();
    int stored = 0;
    while (true) {
      List<Message> batch = subscription.fetch(500, Duration.ofSeconds(1));
      if (batch.isEmpty()) {
        break;
      }
      for (Message message : batch) {
        stored++;
        ids.add(message.getHeaders().getFirst("Nats-Msg-Id"));
        message.ack();
      }
    }
    assertThat(stored).as("messages stored").isEqualTo(ids.size());
    return ids;
  }
}
