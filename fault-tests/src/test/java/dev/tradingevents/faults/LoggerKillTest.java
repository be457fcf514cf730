package dev.tradingevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.publisher.WindowFullPolicy;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logger process is SIGKILLed mid-stream (no shutdown hook, no last ack) and started again on the
 * same durable: every stored event reaches the log at least once, and a second line of an event is
 * marked as a redelivery.
 */
@Tag("fault")
class LoggerKillTest {
  private static final int EVENTS = 20_000;
  private static final double RATE = 4_000;

  @TempDir
  Path dir;

  @Test
  void everyStoredEventIsLoggedAtLeastOnceAndRedeliveriesAreMarked() throws Exception {
    try (NatsTestServer server = NatsTestServer.builder().start();
        Connection connection = server.connect()) {
      String stream = NatsTestServer.uniqueName("KILL");
      EventSubjects subjects = EventSubjects.withPrefix("k" + stream.toLowerCase());
      StreamSetup.builder().name(stream).subjects(subjects).build().ensure(connection);
      Map<String, String> env = LoggerApp.consuming(server.url(), stream, subjects.allEvents(), "logger-kill");
      // a message held by the killed process comes back after ack-wait: keep the test short
      env.put("TRADING_EVENTS_CONSUMER_ACK_WAIT", "3s");
      Path firstLog = dir.resolve("first.log");
      Path secondLog = dir.resolve("second.log");

      LoggerApp first = LoggerApp.start(firstLog, env);
      LoggerApp second = null;
      try {
        first.awaitReady(Duration.ofSeconds(60));
        EventPublisher publisher = EventPublisher.builder(connection).stream(stream).subjects(subjects)
            .windowFullPolicy(WindowFullPolicy.BLOCK).blockTimeout(Duration.ofSeconds(10)).build();
        SteadyPublisher steady = new SteadyPublisher(publisher, EVENTS, RATE, 11).start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> EventLines.read(firstLog).counts().size() >= EVENTS / 4);
        first.kill();
        int loggedBeforeKill = EventLines.read(firstLog).counts().size();
        second = LoggerApp.start(secondLog, env);
        second.awaitReady(Duration.ofSeconds(60));

        SteadyPublisher.Outcome outcome = steady.await(120);
        publisher.close();
        assertThat(outcome.failed()).as("the server never went away: every publish is acked").isEmpty();
        Map<String, Integer> stored = StoredEvents.countById(connection, stream);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .until(() -> EventLines.read(firstLog, secondLog).counts().keySet().containsAll(stored.keySet()));

        EventLines log = EventLines.read(firstLog, secondLog);
        Set<String> missing = stored.keySet().stream().filter(id -> !log.counts().containsKey(id)).collect(Collectors.toSet());
        Set<String> unmarked = log.counts().entrySet().stream()
            .filter(e -> e.getValue() > 1 && log.redelivered().getOrDefault(e.getKey(), 0) < e.getValue() - 1)
            .map(Map.Entry::getKey).collect(Collectors.toSet());
        int redeliveredLines = log.redelivered().values().stream().mapToInt(Integer::intValue).sum();
        Faults.report("logger-sigkill", String.format(
            "sent=%d acked=%d stored=%d logged=%d lines=%d lost=%d duplicated=%d redelivered_lines=%d"
                + " cut_lines=%d (killed after %d logged)",
            outcome.sent().size(), outcome.acked().size(), stored.size(), log.counts().size(), log.lines().size(),
            missing.size(), log.duplicated(), redeliveredLines, log.broken().size(), loggedBeforeKill));

        assertThat(missing).as("stored events never logged").isEmpty();
        assertThat(log.counts().keySet()).as("logged events nobody stored").isSubsetOf(stored.keySet());
        assertThat(unmarked).as("events logged twice without a line marked redelivered").isEmpty();
        assertThat(redeliveredLines).as("what the killed process held came back marked").isPositive();
        assertThat(log.broken()).as("only the line SIGKILL cut may be broken").hasSizeLessThanOrEqualTo(1);
        assertThat(EventLines.read(secondLog).broken()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() ->
            connection.jetStreamManagement().getConsumerInfo(stream, "logger-kill").getNumAckPending() == 0);
        assertThat(second.isAlive()).isTrue();
      } finally {
        first.close();
        if (second != null) {
          second.close();
        }
      }
    }
  }
}
