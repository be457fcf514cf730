package dev.tradingevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.publisher.WindowFullPolicy;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The NATS server restarts while a trading service publishes 50,000 events at a steady rate. The
 * publisher's word is checked against the stream, id by id: acked means stored exactly once; not acked
 * means the caller was told; nothing else.
 */
@Tag("fault")
class NatsRestartTest {
  private static final int EVENTS = 50_000;
  private static final double RATE = 8_000;
  private static final Duration OUTAGE = Duration.ofSeconds(2);

  @Test
  void everyAckedEventIsStoredOnceAndEveryOtherWasReportedToTheCaller() throws Exception {
    try (NatsTestServer server = NatsTestServer.builder().start();
        Connection connection = server.connect()) {
      String stream = NatsTestServer.uniqueName("RESTART");
      EventSubjects subjects = EventSubjects.withPrefix("r" + stream.toLowerCase());
      // the publisher below retries for about 66 s, so that it outlasts the restart; the window must too
      StreamSetup.builder().name(stream).subjects(subjects).duplicateWindow(Duration.ofMinutes(2)).build()
          .ensure(connection);
      EventPublisher publisher = EventPublisher.builder(connection).stream(stream).subjects(subjects)
          .ackTimeout(Duration.ofSeconds(2)).maxRetries(8).retryBackoff(Duration.ofMillis(250))
          .windowFullPolicy(WindowFullPolicy.BLOCK).blockTimeout(Duration.ofSeconds(10)).build();

      SteadyPublisher steady = new SteadyPublisher(publisher, EVENTS, RATE, 9).start();
      // restart mid-stream: after a fifth of the events were acked
      await().atMost(Duration.ofSeconds(60)).until(() -> steady.acked() >= EVENTS / 5);
      int submittedAtStop = steady.submitted();
      long stoppedAt = System.nanoTime();
      server.stop();
      // the outage itself, not a wait for something: the publisher meets a dead server for a while
      Thread.sleep(OUTAGE.toMillis());
      server.start();
      Duration downtime = Duration.ofNanos(System.nanoTime() - stoppedAt);
      SteadyPublisher.Outcome outcome = steady.await(120);
      publisher.close();

      Map<String, Integer> stored = StoredEvents.countById(connection, stream);
      Set<String> duplicated = stored.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
          .collect(Collectors.toSet());
      Set<String> lost = outcome.acked().stream().filter(id -> !stored.containsKey(id)).collect(Collectors.toSet());
      Set<String> vanished = outcome.sent().stream()
          .filter(id -> !outcome.acked().contains(id) && !outcome.failed().containsKey(id))
          .collect(Collectors.toSet());
      Faults.report("nats-restart", String.format(
          "sent=%d acked=%d failed=%d %s stored=%d lost=%d duplicated=%d vanished=%d"
              + " (restart after %d submitted, down %d ms)",
          outcome.sent().size(), outcome.acked().size(), outcome.failed().size(),
          outcome.failed().values().stream().collect(Collectors.groupingBy(r -> r, Collectors.counting())),
          stored.size(), lost.size(), duplicated.size(), vanished.size(), submittedAtStop, downtime.toMillis()));

      assertThat(outcome.sent()).hasSize(EVENTS).doesNotHaveDuplicates();
      assertThat(outcome.unexplained()).as("futures failed with something else than PublishFailedException").isEmpty();
      assertThat(vanished).as("events neither acked nor reported as failed").isEmpty();
      assertThat(lost).as("acked events missing from the stream").isEmpty();
      assertThat(duplicated).as("events stored more than once (the duplicate window should stop it)").isEmpty();
      assertThat(stored.keySet()).as("stored events nobody sent").isSubsetOf(Set.copyOf(outcome.sent()));
      // the restart was really felt: not everything went through on the first try
      assertThat(server.isRunning()).isTrue();
    }
  }
}
