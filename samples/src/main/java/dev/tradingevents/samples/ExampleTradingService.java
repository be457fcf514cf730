package dev.tradingevents.samples;

import dev.tradingevents.events.ArbitrageOpportunity;
import dev.tradingevents.events.ArbitrageOpportunity.Kind;
import dev.tradingevents.events.ArbitrageOpportunity.Leg;
import dev.tradingevents.events.EventIds;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.StreamSetup;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The smallest trading service using the library, to copy: connect, make sure the stream exists, publish
 * one ArbitrageOpportunity, handle its outcome, close. Run it with
 * {@code java -cp samples/target/trading-events-samples.jar dev.tradingevents.samples.ExampleTradingService nats://127.0.0.1:4222}.
 */
public final class ExampleTradingService {
  public static void main(String[] args) throws Exception {
    String natsUrl = args.length > 0 ? args[0] : "nats://127.0.0.1:4222";
    try (Connection nats = Nats.connect(natsUrl)) {
      StreamSetup.builder().build().ensure(nats); // TRADING_EVENTS on events.>, idempotent
      try (EventPublisher publisher = EventPublisher.builder(nats).stream(StreamSetup.DEFAULT_STREAM).build()) {
        ArbitrageOpportunity opportunity = new ArbitrageOpportunity(EventIds.newId(), Instant.now(), "arb-scanner",
            Kind.TWO_LEG,
            List.of(new Leg("raydium", "SOL", "USDC", new BigDecimal("187.4215")),
                new Leg("orca", "USDC", "SOL", new BigDecimal("0.005345112"))),
            new BigDecimal("10"), new BigDecimal("3.31"), new BigDecimal("17.7"), 312_456_789L);

        // publish never blocks: the future completes when the stream has stored the event, or failed
        publisher.publish(opportunity).handle((receipt, error) -> {
          if (error != null) {
            System.err.println("not published: " + error.getMessage()); // names the event id and the reason
          } else {
            System.out.println("stored " + receipt.eventId() + " as " + receipt.stream() + " #" + receipt.sequence());
          }
          return null;
        }).join();
      } // close() waits for outstanding acks
    }
  }

  private ExampleTradingService() {}
}
