package dev.tradingevents.benchmarks;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PushSubscribeOptions;
import java.time.Duration;
import java.util.Locale;

/**
 * The replay benchmark's raw baseline as a process of its own: a jnats ordered push consumer that reads a
 * whole stream and only counts, started like the replay command (a new JVM with the same options), so both
 * sides pay the same JVM start and JIT warm-up.
 *
 * <pre>
 * java -cp benchmarks.jar dev.tradingevents.benchmarks.RawOrderedReader &lt;nats-url&gt; &lt;stream&gt; &lt;events&gt;
 * </pre>
 *
 * <p>Prints one line, {@code read <n> events in <seconds> s}, timed like the replay's summary: from the
 * subscription (after connecting) to the last message.
 */
public final class RawOrderedReader {
  private RawOrderedReader() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: RawOrderedReader <nats-url> <stream> <events>");
      System.exit(2);
    }
    long events = Long.parseLong(args[2]);
    Options options = Options.builder().server(args[0]).connectionName("replay-bench-raw-child")
        .connectionTimeout(Duration.ofSeconds(5)).errorListener(new ErrorListener() {}).build();
    try (Connection connection = Nats.connect(options)) {
      long start = System.nanoTime();
      JetStreamSubscription subscription = connection.jetStream().subscribe(null,
          PushSubscribeOptions.builder().stream(args[1]).ordered(true).build());
      long received = 0;
      while (received < events) {
        Message message = subscription.nextMessage(Duration.ofSeconds(10));
        if (message == null) {
          System.err.println("raw reader: nothing for 10 s after " + received + " messages");
          System.exit(1);
        }
        received++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      subscription.unsubscribe();
      System.out.printf(Locale.ROOT, "read %d events in %.4f s%n", received, seconds);
    }
  }
}
