package dev.tradingevents.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingevents.events.EventIds;
import dev.tradingevents.events.SlotUpdate;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo against a server that is already running and holds older events (NATS_URL). */
@ExtendWith(NatsServerExtension.class)
class DemoWithNatsUrlTest {

  @Test
  void countsOnlyItsOwnEventsAndRemovesItsDurableAfterwards(NatsTestServer nats, @TempDir Path outputDir)
      throws Exception {
    try (Connection connection = nats.connect()) {
      StreamSetup.builder().build().ensure(connection);
      try (EventPublisher publisher = EventPublisher.builder(connection).stream(StreamSetup.DEFAULT_STREAM).build()) {
        for (int i = 1; i <= 3; i++) {
          publisher.publish(new SlotUpdate(EventIds.newId(), Instant.now(), "older-service", 100 + i, 99 + i,
              SlotUpdate.Commitment.FINALIZED, "rpc-9")).get();
        }
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exitCode = TradingEventsCli.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute("demo", "--seconds", "2", "--rate", "100", "--nats-url", nats.url(),
            "--output-dir", outputDir.toString(), "--logger-jar", DemoCommandTest.loggerJar().toString());

    assertThat(exitCode).as("stdout:%n%s%nstderr:%n%s", out, err).isZero();
    assertThat(out.toString()).contains("(NATS_URL)").contains("also in the log: 3 events published before this run")
        .contains("OK: all");
    assertThat(err.toString()).contains("deleted this run's durable consumer trading-events-demo-");
    try (Connection connection = nats.connect()) {
      assertThat(connection.jetStreamManagement().getConsumerNames(StreamSetup.DEFAULT_STREAM)).isEmpty();
      assertThat(nats.isRunning()).as("the demo leaves a server it did not start running").isTrue();
    }
  }
}
