package dev.tradingevents.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The logger benchmark's raw consumer as a process of its own, so that it and the logger can run by turns
 * ({@link TakingTurns}): a jnats pull consumer bound to a durable the harness made like the logger's, which
 * fetches the logger's batch and acks every message, nothing else.
 *
 * <pre>
 * java -cp benchmarks.jar dev.tradingevents.benchmarks.RawPullConsumer &lt;nats-url&gt; &lt;stream&gt; &lt;durable&gt;
 *     &lt;warm-up events&gt; &lt;events&gt; &lt;batch&gt; &lt;pull expires ms&gt;
 * </pre>
 *
 * <p>It reads the warm-up events, prints {@code warm <seconds>}, and waits for a line on stdin: the harness
 * sends it once the logger is warm too, so that both are measured at the same time. Then it reads the
 * measured events and prints {@code read <n> events in <seconds> s, started at <µs> us since the epoch, cpu
 * <ns> ns}: timed from reading that line to the last ack flushed, its JVM's CPU over the same time.
 */
public final class RawPullConsumer {
  private RawPullConsumer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println("usage: RawPullConsumer <nats-url> <stream> <durable> <warm-up events> <events> <batch>"
          + " <pull expires ms>");
      System.exit(2);
    }
    long warmup = Long.parseLong(args[3]);
    long events = Long.parseLong(args[4]);
    int batch = Integer.parseInt(args[5]);
    Duration expires = Duration.ofMillis(Long.parseLong(args[6]));
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Options options = Options.builder().server(args[0]).connectionName("logger-bench-raw-child")
        .connectionTimeout(Duration.ofSeconds(5)).errorListener(new ErrorListener() {}).build();
    try (Connection connection = Nats.connect(options)) {
      JetStreamSubscription subscription = connection.jetStream().subscribe(null,
          PullSubscribeOptions.bind(args[1], args[2]));
      long coldStart = System.nanoTime();
      long warm = read(subscription, warmup, batch, expires);
      connection.flush(Duration.ofSeconds(10));
      System.out.printf(Locale.ROOT, "warm %.6f%n", (System.nanoTime() - coldStart) / 1e9);
      System.out.flush();
      if (warm < warmup) {
        System.out.printf("stalled: read %d of %d warm-up events%n", warm, warmup);
        System.exit(1);
      }
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
      long startMicros = TakingTurns.epochMicros();
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      long read = read(subscription, events, batch, expires);
      connection.flush(Duration.ofSeconds(10));
      long end = System.nanoTime();
      long cpu = os.getProcessCpuTime() - cpuStart;
      subscription.unsubscribe();
      if (read < events) {
        System.out.printf("stalled: read %d of %d events%n", read, events);
        System.exit(1);
      }
      System.out.printf(Locale.ROOT, "read %d events in %.6f s, started at %d us since the epoch, cpu %d ns%n", read,
          (end - start) / 1e9, startMicros, cpu);
    }
  }

  /** Fetches and acks until {@code count} messages or an empty fetch (the stream went quiet). */
  private static long read(JetStreamSubscription subscription, long count, int batch, Duration expires) {
    long received = 0;
    while (received < count) {
      List<Message> messages = subscription.fetch((int) Math.min(batch, count - received), expires);
      if (messages.isEmpty()) {
        break;
      }
      for (Message message : messages) {
        message.ack();
        received++;
      }
    }
    return received;
  }
}
