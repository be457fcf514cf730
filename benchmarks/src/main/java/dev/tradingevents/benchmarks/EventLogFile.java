package dev.tradingevents.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The file a logger child writes its JSON lines to ({@code EVENT_LOG_FILE}): the service's own lines
 * (startup, shutdown) and one line per event. An event line is a line with a top-level {@code event_type}.
 *
 * <p>{@link #read} parses the lines once the run is over, so the benchmark takes no CPU from the logger
 * while it consumes; {@link Tail} only looks for the first event line, to tell the child's start-up from its
 * consuming.
 */
final class EventLogFile {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] EVENT_TYPE_KEY = "\"event_type\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STREAM_SEQ_KEY = "\"stream_seq\":".getBytes(StandardCharsets.US_ASCII);
  /** How much of the file's end {@link #lastStreamSequence} reads: many lines, however long one is. */
  private static final int TAIL_BYTES = 1 << 16;

  private EventLogFile() {}

  /**
   * The event lines of one run.
   *
   * @param eventLines lines with an {@code event_type}
   * @param otherLines the service's own lines (start-up, shutdown, warnings)
   * @param errorLines lines of level {@code error} (a refused or dead-lettered message, a failure)
   * @param distinctEventIds different {@code event_id}s among the event lines
   * @param redelivered event lines with {@code delivery_count} above 1
   * @param timestampsNanos each event line's {@code timestamp} (epoch nanoseconds), in file order
   * @param latenciesMillis each event line's {@code latency_ms}, in file order
   * @param streamSequences each event line's {@code stream_seq}, in file order
   * @param eventIds each event line's {@code event_id}, in file order
   * @param deliveryCounts each event line's {@code delivery_count}, in file order
   */
  record Lines(int eventLines, int otherLines, int errorLines, int distinctEventIds, int redelivered,
      long[] timestampsNanos, double[] latenciesMillis, long[] streamSequences, String[] eventIds,
      long[] deliveryCounts) {

    /** Only the event lines whose index (in file order) passes {@code keep}; other lines as they were. */
    Lines filter(java.util.function.IntPredicate keep) {
      int count = 0;
      int[] kept = new int[eventLines];
      for (int i = 0; i < eventLines; i++) {
        if (keep.test(i)) {
          kept[count++] = i;
        }
      }
      long[] timestamps = new long[count];
      double[] latencies = new double[count];
      long[] sequences = new long[count];
      String[] ids = new String[count];
      long[] deliveries = new long[count];
      Set<String> distinct = new HashSet<>();
      int redeliveredLines = 0;
      for (int k = 0; k < count; k++) {
        int i = kept[k];
        timestamps[k] = timestampsNanos[i];
        latencies[k] = latenciesMillis[i];
        sequences[k] = streamSequences[i];
        ids[k] = eventIds[i];
        deliveries[k] = deliveryCounts[i];
        if (eventIds[i] != null) {
          distinct.add(eventIds[i]);
        }
        if (deliveryCounts[i] > 1) {
          redeliveredLines++;
        }
      }
      return new Lines(count, otherLines, errorLines, distinct.size(), redeliveredLines, timestamps, latencies,
          sequences, ids, deliveries);
    }

    /** Nanoseconds from the first event line's timestamp to the last's; 0 with fewer than two lines. */
    long spanNanos() {
      return eventLines < 2 ? 0 : timestampsNanos[eventLines - 1] - timestampsNanos[0];
    }

    /** {@code eventLines / (last timestamp - first timestamp)}: the rate at which lines were written. */
    double eventsPerSecond() {
      long span = spanNanos();
      return span <= 0 ? Double.NaN : eventLines / (span / 1e9);
    }

    /** The {@code q} quantile (0..1) of {@code latency_ms}, nearest rank; NaN without lines. */
    double latencyQuantile(double q) {
      return quantile(latenciesMillis, q);
    }

    double latencyMean() {
      return Arrays.stream(latenciesMillis).average().orElse(Double.NaN);
    }
  }

  /** The {@code q} quantile (0..1) of {@code values}, nearest rank; NaN without values. */
  static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
  }

  /** Parses the lines of {@code file} from byte {@code offset} on (a line cut off at the end is left out). */
  static Lines read(Path file, long offset) {
    int events = 0;
    int others = 0;
    int errors = 0;
    int redelivered = 0;
    Set<String> ids = new HashSet<>();
    long[] timestamps = new long[1024];
    double[] latencies = new double[1024];
    long[] sequences = new long[1024];
    String[] eventIds = new String[1024];
    long[] deliveries = new long[1024];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel.position(offset)), StandardCharsets.UTF_8),
            1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Line parsed = parse(line);
        if (parsed == null) {
          continue; // the last line, still being written
        }
        if ("error".equals(parsed.level)) {
          errors++;
        }
        if (parsed.eventType == null) {
          others++;
          continue;
        }
        if (events == timestamps.length) {
          timestamps = Arrays.copyOf(timestamps, events * 2);
          latencies = Arrays.copyOf(latencies, events * 2);
          sequences = Arrays.copyOf(sequences, events * 2);
          eventIds = Arrays.copyOf(eventIds, events * 2);
          deliveries = Arrays.copyOf(deliveries, events * 2);
        }
        timestamps[events] = parsed.timestampNanos;
        latencies[events] = parsed.latencyMillis;
        sequences[events] = parsed.streamSequence;
        eventIds[events] = parsed.eventId;
        deliveries[events] = parsed.deliveryCount;
        events++;
        if (parsed.eventId != null) {
          ids.add(parsed.eventId);
        }
        if (parsed.deliveryCount > 1) {
          redelivered++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the logger's lines in " + file, e);
    }
    return new Lines(events, others, errors, ids.size(), redelivered, Arrays.copyOf(timestamps, events),
        Arrays.copyOf(latencies, events), Arrays.copyOf(sequences, events), Arrays.copyOf(eventIds, events),
        Arrays.copyOf(deliveries, events));
  }

  private static final class Line {
    String level;
    String eventType;
    String eventId;
    long timestampNanos;
    double latencyMillis = Double.NaN;
    long deliveryCount = 1;
    long streamSequence;
  }

  /** The top-level fields the benchmark uses; {@code null} when the line is not a whole JSON object. */
  private static Line parse(String text) throws IOException {
    Line line = new Line();
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        switch (name) {
          case "timestamp" -> line.timestampNanos = epochNanos(Instant.parse(parser.getText()));
          case "level" -> line.level = parser.getText();
          case "event_type" -> line.eventType = parser.getText();
          case "event_id" -> line.eventId = parser.getText();
          case "latency_ms" -> line.latencyMillis = parser.getDoubleValue();
          case "delivery_count" -> line.deliveryCount = parser.getLongValue();
          case "stream_seq" -> line.streamSequence = parser.getLongValue();
          default -> parser.skipChildren();
        }
      }
      return token == JsonToken.END_OBJECT ? line : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException | java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /**
   * The {@code stream_seq} of the last event line in {@code file} so far, 0 when there is none: the logger's
   * progress, read from the file's last {@value #TAIL_BYTES} bytes without parsing the rest.
   *
   * <p>Why not the consumer's ack floor: a consumer info on the benchmark's 600,000-event stream costs
   * nats-server 3.5 to 4.3 ms of CPU, and polled every 50 ms while the logger was measured it took about a
   * tenth of a core from the server that feeds it (the raw consumer, timed by its own acks, was never
   * polled). A line still being written may show a prefix of its number, never a larger one.
   */
  static long lastStreamSequence(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      int length = (int) Math.min(size, TAIL_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && channel.read(buffer, size - length + buffer.position()) > 0) {
        // reads the whole tail
      }
      byte[] bytes = buffer.array();
      int end = buffer.position();
      for (int at = end - STREAM_SEQ_KEY.length; at >= 0; at--) {
        if (startsWith(bytes, at, STREAM_SEQ_KEY)) {
          long sequence = 0;
          for (int i = at + STREAM_SEQ_KEY.length; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            sequence = sequence * 10 + (bytes[i] - '0');
          }
          return sequence;
        }
      }
      return 0;
    }
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    for (int j = 0; j < prefix.length; j++) {
      if (bytes[at + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Watches the file grow until it holds an event line. Reads only the bytes added since the last look,
   * and stops reading once it has seen one.
   */
  static final class Tail {
    private final Path file;
    private long position;
    private byte[] carry = new byte[0];
    private boolean sawEventLine;

    Tail(Path file) {
      this.file = file;
    }

    /** Whether an event line has been written by now. */
    boolean sawEventLine() throws IOException {
      if (sawEventLine || !Files.exists(file)) {
        return sawEventLine;
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = channel.size();
        if (size <= position) {
          return false;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - position, 1 << 20));
        channel.read(buffer, position);
        position += buffer.position();
        byte[] bytes = new byte[carry.length + buffer.position()];
        System.arraycopy(carry, 0, bytes, 0, carry.length);
        System.arraycopy(buffer.array(), 0, bytes, carry.length, buffer.position());
        sawEventLine = indexOf(bytes, EVENT_TYPE_KEY) >= 0;
        // the key may straddle two reads
        carry = Arrays.copyOfRange(bytes, Math.max(0, bytes.length - EVENT_TYPE_KEY.length + 1), bytes.length);
        return sawEventLine;
      }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
      for (int i = 0; i <= haystack.length - needle.length; i++) {
        if (startsWith(haystack, i, needle)) {
          return i;
        }
      }
      return -1;
    }
  }
}
