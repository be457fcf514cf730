package dev.tradingevents.publisher;

import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.PriceUpdate;
import io.nats.client.impl.Headers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The headers of one publish, made by the publisher's own {@link PublishHeaders} (this benchmark sits in
 * its package for that), against the read-only copy jnats makes of the mutable headers of every message
 * it sends, raw or ours: the publisher adds {@code publisherHeaders} minus {@code jnatsReadOnlyCopy}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main PublishHeadersBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PublishHeadersBenchmark {
  private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private final PublishHeaders headers = new PublishHeaders(null, "TRADING_EVENTS");
  private PriceUpdate event;
  /** The same headers, mutable and built by puts, as a raw jnats publisher hands them to jnats. */
  private final Headers mutable = new Headers();

  @Setup
  public void setUp() {
    event = new PriceUpdate("019b0c5e-7a31-7c3f-9a52-3f0e4b1c2d3e",
        Instant.parse("2026-11-25T02:24:49.120345678Z"), "market-data-simulator", "SOL/USDC",
        new BigDecimal("187.234567891"), "raydium", 312_456_789L);
    publisherHeaders().entrySet().forEach(header -> mutable.put(header.getKey(), header.getValue()));
  }

  /** What {@code EventPublisher.publish} does for its headers: the event's values, a traceparent, the seal. */
  @Benchmark
  public Headers publisherHeaders() {
    PublishHeaders.Scratch scratch = headers.begin(event, EventType.PRICE_UPDATE);
    PublishHeaders.Scratch.SETTER.set(scratch, EventHeaders.TRACEPARENT, TRACEPARENT);
    return scratch.seal();
  }

  /** What jnats does with the mutable headers of every message it sends (raw pays it too). */
  @Benchmark
  public Headers jnatsReadOnlyCopy() {
    return new Headers(mutable, true);
  }
}
