package dev.tradingevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.publisher.WindowFullPolicy;
import dev.tradingevents.testsupport.NatsTestCluster;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nats-server processes on loopback, an R3 stream, the logger process consuming and a service
 * publishing; the node leading the stream is SIGKILLed halfway. Nothing is lost on either side and the
 * logger carries on.
 */
@Tag("fault")
class ClusterNodeLossTest {
  private static final int EVENTS = 20_000;
  private static final double RATE = 3_000;

  @TempDir
  Path dir;

  @Test
  void killingTheStreamLeaderLosesNothingAndTheLoggerKeepsGoing() throws Exception {
    try (NatsTestCluster cluster = NatsTestCluster.start(3);
        Connection connection = Nats.connect(Options.builder().servers(cluster.urls())
            .connectionTimeout(Duration.ofSeconds(5)).reconnectWait(Duration.ofMillis(250)).maxReconnects(-1)
            .errorListener(new io.nats.client.ErrorListener() { }).build())) {
      String stream = NatsTestServer.uniqueName("CLUSTER");
      EventSubjects subjects = EventSubjects.withPrefix("c" + stream.toLowerCase());
      // the publisher below retries for about 102 s, so that it outlasts the leader's election; the window too
      StreamSetup.builder().name(stream).subjects(subjects).replicas(3).duplicateWindow(Duration.ofMinutes(3)).build()
          .ensure(connection);
      Map<String, String> env = LoggerApp.consuming(String.join(",", cluster.urls()), stream,
          subjects.allEvents(), "logger-cluster");
      env.put("TRADING_EVENTS_CONSUMER_ACK_WAIT", "5s");
      env.put("TRADING_EVENTS_NATS_RECONNECT_WAIT", "250ms");
      Path logFile = dir.resolve("events.log");

      try (LoggerApp logger = LoggerApp.start(logFile, env)) {
        logger.awaitReady(Duration.ofSeconds(60));
        EventPublisher publisher = EventPublisher.builder(connection).stream(stream).subjects(subjects)
            .ackTimeout(Duration.ofSeconds(2)).maxRetries(10).retryBackoff(Duration.ofMillis(250))
            .windowFullPolicy(WindowFullPolicy.BLOCK).blockTimeout(Duration.ofSeconds(15)).build();
        SteadyPublisher steady = new SteadyPublisher(publisher, EVENTS, RATE, 13).start();

        await().atMost(Duration.ofSeconds(60)).until(() -> steady.acked() >= EVENTS / 3);
        String leader = connection.jetStreamManagement().getStreamInfo(stream).getClusterInfo().getLeader();
        int loggedAtKill = EventLines.read(logFile).counts().size();
        cluster.node(leader).kill();

        SteadyPublisher.Outcome outcome = steady.await(180);
        publisher.close();
        Map<String, Integer> stored = StoredEvents.countById(connection, stream);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> EventLines.read(logFile).counts().keySet().containsAll(stored.keySet()));

        EventLines log = EventLines.read(logFile);
        Set<String> lost = outcome.acked().stream().filter(id -> !stored.containsKey(id)).collect(Collectors.toSet());
        Set<String> unlogged = stored.keySet().stream().filter(id -> !log.counts().containsKey(id)).collect(Collectors.toSet());
        long duplicatedInStream = stored.values().stream().filter(c -> c > 1).count();
        String newLeader = connection.jetStreamManagement().getStreamInfo(stream).getClusterInfo().getLeader();
        Faults.report("cluster-node-killed", String.format(
            "sent=%d acked=%d failed=%d stored=%d logged=%d lost=%d duplicated_in_stream=%d"
                + " duplicated_in_log=%d redelivered_lines=%d (killed leader %s after %d logged; new leader %s)",
            outcome.sent().size(), outcome.acked().size(), outcome.failed().size(), stored.size(),
            log.counts().size(), lost.size() + unlogged.size(), duplicatedInStream, log.duplicated(),
            log.redelivered().values().stream().mapToInt(Integer::intValue).sum(), leader, loggedAtKill, newLeader));

        assertThat(outcome.unexplained()).isEmpty();
        assertThat(outcome.failed()).as("publishes that failed although two nodes kept the quorum").isEmpty();
        assertThat(lost).as("acked events missing from the stream").isEmpty();
        assertThat(duplicatedInStream).isZero();
        assertThat(unlogged).as("stored events never logged").isEmpty();
        assertThat(log.broken()).isEmpty();
        assertThat(newLeader).isNotEqualTo(leader);
        assertThat(logger.isAlive()).as("the logger survived the node loss").isTrue();
        assertThat(logger.get("/health/readiness").statusCode()).isEqualTo(200);
      }
    }
  }
}
