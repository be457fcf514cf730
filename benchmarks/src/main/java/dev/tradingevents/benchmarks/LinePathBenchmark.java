package dev.tradingevents.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventDecodingException;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.logger.logline.EventLineEncoder;
import dev.tradingevents.logger.logline.EventLogWriter;
import dev.tradingevents.logger.logline.LineContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-event work of the logger and of replay, for each event type: encode (what a publisher pays),
 * decode (and, for comparison, decode by Jackson data binding alone), and the log line through the
 * service's real appender and encoder ({@code event-line-appender.xml}, in a Logback context of its
 * own) into {@code /dev/null}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main LinePathBenchmark -prof gc
 * java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main LinePathBenchmark -p type=PriceUpdate
 * </pre>
 *
 * <p>The events are the service's own warm-up samples (one of each type, with long decimals, unicode and
 * nested legs), so every type's real shape is measured, not a minimal one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LinePathBenchmark {
  private static final String SAMPLES = "/dev/tradingevents/logger/logline/warmup-events.jsonl";
  private static final Instant STORED_AT = Instant.parse("2026-11-25T02:24:49.120345678Z");

  @Param({"PriceUpdate", "SwapRoute", "SlotUpdate", "PoolStateChange", "LiquidityUpdate", "SpreadUpdate",
      "VolumeSpike", "LargeTrade", "ArbitrageOpportunity", "StallEvent", "DriftEvent", "ConnectionEvent",
      "SystemLifecycle"})
  public String type;

  private final EventCodec codec = EventCodec.create();
  private final ObjectReader dataBinding = codec.mapper().readerFor(TradingEvent.class);
  private LoggerContext logback;
  private EventLogWriter writer;
  private EventLineEncoder replayLines;
  private TradingEvent event;
  private byte[] payload;
  private LineContext context;

  @Setup(Level.Trial)
  public void setUp() throws IOException, JoranException, EventDecodingException {
    payload = sample(type);
    event = codec.decode(payload);
    context = new LineContext("events.market.PriceUpdate", 1_234_567L, 1, "4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7", 1.234, null, "logger-bench");
    logback = EventLogWriter.lineContext("line-path-benchmark", "/dev/null", true);
    logback.start();
    writer = EventLogWriter.using(logback.getLogger(EventLogWriter.EVENTS_LOGGER));
    replayLines = EventLineEncoder.to(OutputStream.nullOutputStream());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    logback.stop();
  }

  @Benchmark
  public byte[] encode() {
    return codec.encode(event);
  }

  @Benchmark
  public TradingEvent decode() throws EventDecodingException {
    return codec.decode(payload);
  }

  /**
   * The same payload through Jackson data binding alone, the path the codec keeps for payloads that are not
   * in its plain form: what the codec's streaming decoder saves per event.
   */
  @Benchmark
  public TradingEvent decodeByDataBinding() throws IOException {
    return dataBinding.readValue(payload);
  }

  /** One line of an already decoded event, into the appender's buffer (written out when it fills). */
  @Benchmark
  public void writeLine() {
    writer.write(event, payload, context);
  }

  /** The same line as replay writes it: the same bytes, without Logback ({@link EventLineEncoder}). */
  @Benchmark
  public void writeReplayLine() throws IOException {
    replayLines.write(STORED_AT, event, payload, context);
  }

  /** What the logger and replay do per message, without NATS: decode, then the line. */
  @Benchmark
  public void decodeAndWriteLine() throws EventDecodingException {
    writer.write(codec.decode(payload), payload, context);
  }

  private static byte[] sample(String type) throws IOException {
    EventType wanted = EventType.fromWireName(type).orElseThrow(() -> new IllegalArgumentException(type));
    try (InputStream in = EventLogWriter.class.getResourceAsStream(SAMPLES);
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.contains("\"event_type\":\"" + wanted.wireName() + "\"")) {
          return line.getBytes(StandardCharsets.UTF_8);
        }
      }
    }
    throw new IllegalStateException("no sample of " + type + " in " + SAMPLES);
  }
}
