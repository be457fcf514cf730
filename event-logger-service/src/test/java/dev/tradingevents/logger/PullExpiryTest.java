package dev.tradingevents.logger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.PriceUpdate;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.PublishReceipt;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.micronaut.context.ApplicationContext;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A stream slower than a pull: every pull ends by its expiry, not by a full batch. nats-server 2.9 answers
 * an expired pull with a 408, except when a message for the consumer arrives in that moment: then it drops
 * the pull without a word. A consumer that waits for the answer stops for as long as it would wait for a
 * message (jnats' {@code iterate}: a whole {@code pull-expires} after the last one), while the stream goes
 * on storing events.
 */
@ExtendWith(NatsServerExtension.class)
class PullExpiryTest {
  private static final int RATE = 4_000;
  private static final Duration PUBLISHING = Duration.ofSeconds(6);

  @Test
  void noLineWaitsForTheAnswerToAPullTheServerDroppedAtItsExpiry(NatsTestServer nats) throws Exception {
    ServiceHarness harness = new ServiceHarness(nats);
    // pulls of 500 ms that never fill: 10,000 asked, about 2,000 come
    Map<String, Object> slowStream = Map.of("trading-events.consumer.batch-size", 10_000,
        "trading-events.consumer.pull-expires", "500ms");
    int count = (int) (RATE * PUBLISHING.toSeconds());
    try (ApplicationContext service = harness.start(slowStream);
        Connection connection = nats.connect();
        EventPublisher publisher = EventPublisher.builder(connection).subjects(harness.subjects)
            .openTelemetry(io.opentelemetry.api.OpenTelemetry.noop()).build()) {
      // the pulls and the server's answers, as any client may watch them
      Subscription pulls = connection.subscribe("$JS.API.CONSUMER.MSG.NEXT." + harness.stream + "." + harness.durable);
      connection.flush(Duration.ofSeconds(5));

      List<CompletableFuture<PublishReceipt>> published = new ArrayList<>(count);
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        LockSupport.parkNanos(start + i * 1_000_000_000L / RATE - System.nanoTime());
        published.add(publisher.publish(new PriceUpdate(EventIds.newId(), Instant.now(), "scanner", "SOL/USDC",
            new BigDecimal("187.42"), "raydium", i)));
      }
      CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).get(30, SECONDS);
      List<JsonNode> lines = harness.awaitLines(all -> all.size() >= count);

      int pullCount = 0;
      for (Message pull; (pull = pulls.nextMessage(Duration.ofMillis(100))) != null; ) {
        pullCount++;
      }
      List<Instant> written = lines.stream().map(line -> EventTimes.parse(line.path("timestamp").asText()))
          .sorted(Comparator.naturalOrder()).toList();
      Duration longestGap = Duration.ZERO;
      for (int i = 1; i < written.size(); i++) {
        Duration gap = Duration.between(written.get(i - 1), written.get(i));
        longestGap = gap.compareTo(longestGap) > 0 ? gap : longestGap;
      }
      double worstLatency = lines.stream().mapToDouble(line -> line.path("latency_ms").asDouble()).max().orElse(0);

      assertThat(lines).hasSize(count);
      assertThat(pullCount).as("pulls that ended by expiry while events arrived").isGreaterThanOrEqualTo(10);
      // events arrive every 0.25 ms: a gap this long is the consumer waiting, not the stream being quiet
      // (waiting on a dropped pull's answer left 500 ms without a line)
      assertThat(longestGap).as("longest time without a line, latency at worst %.0f ms, over %d pulls",
          worstLatency, pullCount).isLessThan(Duration.ofMillis(400));
    }
  }
}
