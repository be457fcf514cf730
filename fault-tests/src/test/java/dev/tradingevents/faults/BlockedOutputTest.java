package dev.tradingevents.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.publisher.WindowFullPolicy;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.api.ConsumerInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logger's output is a FIFO that the test stops reading: the synchronous appender blocks, the
 * consumer stops pulling, the server holds the rest (at most max-ack-pending handed out), and the
 * process, capped at 128 MB of heap, stays alive. Once the reader drains, every event arrives once.
 */
@Tag("fault")
class BlockedOutputTest {
  private static final int EVENTS = 30_000;
  private static final int MAX_ACK_PENDING = 500;
  private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)");

  @TempDir
  Path dir;

  @Test
  void aBlockedLogSlowsTheConsumerWithoutDroppingAnythingOrGrowingTheHeap() throws Exception {
    Path fifo = dir.resolve("events.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
    ConcurrentLinkedQueue<String> read = new ConcurrentLinkedQueue<>();
    SlowReader reader = new SlowReader(fifo, read);
    reader.start();

    try (NatsTestServer server = NatsTestServer.builder().start();
        Connection connection = server.connect()) {
      String stream = NatsTestServer.uniqueName("BLOCKED");
      EventSubjects subjects = EventSubjects.withPrefix("b" + stream.toLowerCase());
      StreamSetup.builder().name(stream).subjects(subjects).build().ensure(connection);
      Map<String, String> env = LoggerApp.consuming(server.url(), stream, subjects.allEvents(), "logger-blocked");
      env.put("TRADING_EVENTS_CONSUMER_MAX_ACK_PENDING", Integer.toString(MAX_ACK_PENDING));
      env.put("TRADING_EVENTS_CONSUMER_BATCH_SIZE", "100");
      env.put("TRADING_EVENTS_CONSUMER_ACK_WAIT", "60s"); // longer than the block: no redelivery meanwhile

      try (LoggerApp logger = LoggerApp.start(fifo, env, "-Xmx128m")) {
        logger.awaitReady(Duration.ofSeconds(60));
        reader.paused = true;
        EventPublisher publisher = EventPublisher.builder(connection).stream(stream).subjects(subjects)
            .windowFullPolicy(WindowFullPolicy.BLOCK).blockTimeout(Duration.ofSeconds(10)).build();
        SteadyPublisher.Outcome outcome = new SteadyPublisher(publisher, EVENTS, 20_000, 17).start().await(120);
        publisher.close();
        assertThat(outcome.acked()).hasSize(EVENTS);

        // blocked: sample what the server hands out and what the process holds for a few seconds
        long maxAckPending = 0;
        long minWaiting = Long.MAX_VALUE;
        double maxHeapMb = 0;
        long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        while (System.nanoTime() < end) {
          ConsumerInfo info = connection.jetStreamManagement().getConsumerInfo(stream, "logger-blocked");
          maxAckPending = Math.max(maxAckPending, info.getNumAckPending());
          minWaiting = Math.min(minWaiting, info.getNumPending());
          maxHeapMb = Math.max(maxHeapMb, heapMb(logger));
          Thread.sleep(250);
        }
        int readWhileBlocked = read.size();
        assertThat(logger.isAlive()).isTrue();
        assertThat(maxAckPending).as("events handed to the blocked logger").isLessThanOrEqualTo(MAX_ACK_PENDING);
        assertThat(minWaiting).as("events the server kept back while the log was blocked").isPositive();

        reader.paused = false;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> EventLines.parse(new ArrayList<>(read), new ArrayList<>()).counts().size() >= EVENTS);
        maxHeapMb = Math.max(maxHeapMb, heapMb(logger));
        List<String> broken = new ArrayList<>();
        EventLines log = EventLines.parse(new ArrayList<>(read), broken);
        Faults.report("blocked-output", String.format(
            "sent=%d acked=%d logged=%d lost=%d duplicated=%d broken_lines=%d max_ack_pending=%d"
                + " (limit %d) held_back_by_server>=%d lines_while_blocked=%d max_heap_used=%.0fMB (-Xmx128m)",
            outcome.sent().size(), outcome.acked().size(), log.counts().size(),
            outcome.sent().stream().filter(id -> !log.counts().containsKey(id)).count(), log.duplicated(),
            broken.size(), maxAckPending, MAX_ACK_PENDING, minWaiting, readWhileBlocked, maxHeapMb));

        assertThat(log.counts().keySet()).containsExactlyInAnyOrderElementsOf(outcome.sent());
        assertThat(log.duplicated()).isZero();
        assertThat(broken).isEmpty();
        assertThat(logger.isAlive()).as("the logger survived with a 128 MB heap").isTrue();
        assertThat(maxHeapMb).isLessThan(128);
      }
    } finally {
      reader.interrupt();
    }
  }

  private static double heapMb(LoggerApp logger) {
    try {
      String metrics = logger.get("/prometheus").body();
      Matcher matcher = HEAP.matcher(metrics);
      double bytes = 0;
      while (matcher.find()) {
        bytes += Double.parseDouble(matcher.group(1));
      }
      return bytes / (1024 * 1024);
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Reads the FIFO line by line, except while paused: then the pipe fills and the writer blocks. */
  private static final class SlowReader extends Thread {
    private final Path fifo;
    private final ConcurrentLinkedQueue<String> lines;
    volatile boolean paused;

    SlowReader(Path fifo, ConcurrentLinkedQueue<String> lines) {
      super("fifo-reader");
      setDaemon(true);
      this.fifo = fifo;
      this.lines = lines;
    }

    @Override
    public void run() {
      // opening a FIFO blocks until the logger opens its end
      try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(fifo), StandardCharsets.UTF_8))) {
        while (!isInterrupted()) {
          if (paused) {
            Thread.sleep(50);
            continue;
          }
          String line = in.readLine();
          if (line == null) {
            return;
          }
          lines.add(line);
        }
      } catch (IOException | InterruptedException e) {
        // the test is over
      }
    }
  }
}
