package dev.tradingevents.benchmarks;

import io.nats.client.ConsumeOptions;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.time.Duration;
import java.util.Locale;

/**
 * The replay benchmark's raw baselines as a process of their own: a jnats ordered consumer that reads a
 * whole stream and only counts, started like the replay command (a new JVM with the same options), so both
 * sides pay the same JVM start and JIT warm-up.
 *
 * <pre>
 * java -cp benchmarks.jar dev.tradingevents.benchmarks.RawOrderedReader &lt;nats-url&gt; &lt;stream&gt; &lt;events&gt; pull &lt;batch&gt;
 * java -cp benchmarks.jar dev.tradingevents.benchmarks.RawOrderedReader &lt;nats-url&gt; &lt;stream&gt; &lt;events&gt; push
 * </pre>
 *
 * <p>{@code pull} is the consumer the replay reads with (jnats' {@code createOrderedConsumer}, iterated in
 * pulls of {@code batch}); {@code push} is the older push ordered consumer, which costs the server less and
 * holds no bound on what waits in the client. Prints one line, {@code read <n> events in <seconds> s, started
 * at <µs> us since the epoch}, timed like the replay's summary: from creating the consumer (after connecting)
 * to the last message; the start on the wall clock tells a harness that stops and resumes the reader ({@link
 * TakingTurns}) which of its stops fell inside that time.
 */
public final class RawOrderedReader {
  static final Duration STALL = Duration.ofSeconds(10);

  private RawOrderedReader() {}

  public static void main(String[] args) throws Exception {
    boolean pull = args.length == 5 && args[3].equals("pull");
    if (!pull && !(args.length == 4 && args[3].equals("push"))) {
      System.err.println("usage: RawOrderedReader <nats-url> <stream> <events> (pull <batch> | push)");
      System.exit(2);
    }
    long events = Long.parseLong(args[2]);
    Options options = Options.builder().server(args[0]).connectionName("replay-bench-raw-child")
        .connectionTimeout(Duration.ofSeconds(5)).errorListener(new ErrorListener() {}).build();
    try (Connection connection = Nats.connect(options)) {
      long startMicros = TakingTurns.epochMicros();
      long start = System.nanoTime();
      Read read = pull ? pull(connection, args[1], Integer.parseInt(args[4]), events)
          : push(connection, args[1], events);
      if (read.received() < events) {
        System.err.println("raw reader: " + read.stalled());
        System.exit(1);
      }
      System.out.printf(Locale.ROOT, "read %d events in %.4f s, started at %d us since the epoch%n", read.received(),
          (read.end() - start) / 1e9, startMicros);
    }
  }

  /** Messages read, and {@link System#nanoTime} at the last one (before the consumer is closed). */
  record Read(long received, long end) {
    /** Why a read ended short of its events: the stream went quiet. */
    String stalled() {
      return "nothing for " + STALL.toSeconds() + " s after " + received + " messages";
    }
  }

  private static Read pull(Connection connection, String stream, int batch, long events) throws Exception {
    OrderedConsumerContext context = connection.getStreamContext(stream)
        .createOrderedConsumer(new OrderedConsumerConfiguration());
    try (IterableConsumer messages = context.iterate(ConsumeOptions.builder().batchSize(batch).build())) {
      long received = 0;
      while (received < events && messages.nextMessage(STALL) != null) {
        received++;
      }
      return new Read(received, System.nanoTime());
    } finally {
      // as the replay does: an ephemeral pull consumer would otherwise stay until its inactivity threshold
      connection.jetStreamManagement().deleteConsumer(stream, context.getConsumerName());
    }
  }

  /** The push ordered consumer over {@code stream} until {@code events} or a 10 s silence; also used in-process. */
  static Read push(Connection connection, String stream, long events) throws Exception {
    JetStreamSubscription subscription = connection.jetStream().subscribe(null,
        PushSubscribeOptions.builder().stream(stream).ordered(true).build());
    long received = 0;
    while (received < events && subscription.nextMessage(STALL) != null) {
      received++;
    }
    long end = System.nanoTime();
    subscription.unsubscribe();
    return new Read(received, end);
  }
}
