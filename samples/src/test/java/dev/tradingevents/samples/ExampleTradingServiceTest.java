package dev.tradingevents.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingevents.events.ArbitrageOpportunity;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.publisher.StreamSetup;
import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.api.MessageInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NatsServerExtension.class)
class ExampleTradingServiceTest {
  @Test
  void publishesOneArbitrageOpportunityToTheDefaultStream(NatsTestServer nats) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      ExampleTradingService.main(new String[] {nats.url()});
    } finally {
      System.setOut(stdout);
    }

    try (Connection connection = nats.connect()) {
      MessageInfo stored = connection.jetStreamManagement().getLastMessage(StreamSetup.DEFAULT_STREAM,
          "events.arbitrage.ArbitrageOpportunity");
      ArbitrageOpportunity event = EventCodec.create().decode(stored.getData(), ArbitrageOpportunity.class);
      assertThat(event.dexPair()).isEqualTo("raydium->orca");
      assertThat(event.profitUsd()).isPositive();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .startsWith("stored " + event.eventId() + " as TRADING_EVENTS #" + stored.getSeq());
    }
  }
}
