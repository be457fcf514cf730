package dev.tradingevents.publisher;

import dev.tradingevents.events.EventSubjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Creates the events stream, or brings an existing one up to this configuration, idempotently.
 *
 * <pre>{@code
 * StreamSetup.builder().maxAge(Duration.ofDays(7)).build().ensure(connection);
 * }</pre>
 *
 * <p>On an existing stream it adds the subjects it needs and keeps every subject it does not own (other
 * teams may route into the same stream), sets the limits and duplicate window it is given, and touches
 * the server only when something differs. It never changes storage type (JetStream cannot) and says so
 * instead. It keeps the replica count of an existing stream unless {@link Builder#replicas(int)} was
 * called: a setup that does not know the cluster (the logger's, by default) must not scale a replicated
 * stream down to one copy. For the same reason it keeps an existing stream's duplicate window unless
 * {@link Builder#duplicateWindow(Duration)} was called (shortened to the max age when that is shorter): the
 * logger's setup must not shrink a window that a publisher's longer retries rely on.
 */
public final class StreamSetup {
  /** The stream name of the design: {@value}. */
  public static final String DEFAULT_STREAM = "TRADING_EVENTS";
  /**
   * Longer than a publisher's retries with the default options (about 21 s), and not much longer:
   * nats-server keeps every message id of the window in a map in its heap, so at 20,000 events/s a 2-minute
   * window (NATS's own default) holds 2.4 million ids, some 300 MB at an estimated 130 B each, which every
   * Go GC cycle marks. In the benchmarks, delivery stalled for 260 to 310 ms where that map doubled (at
   * 851,968 ids, in two runs of two; docs/benchmarks.md, "The 5,000/s stalls, found").
   */
  public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofSeconds(30);

  private final String name;
  private final List<String> subjects;
  private final StorageType storage;
  /** Null when not set: {@link #DEFAULT_DUPLICATE_WINDOW} for a new stream, the current one for an existing one. */
  private final Duration duplicateWindow;
  private final Duration maxAge;
  private final long maxBytes;
  private final long maxMessages;
  /** Null when not set: 1 for a new stream, the current count for an existing one. */
  private final Integer replicas;

  private StreamSetup(Builder builder) {
    this.name = builder.name;
    this.subjects = List.copyOf(builder.subjects);
    this.storage = builder.storage;
    this.duplicateWindow = builder.duplicateWindow;
    this.maxAge = builder.maxAge;
    this.maxBytes = builder.maxBytes;
    this.maxMessages = builder.maxMessages;
    this.replicas = builder.replicas;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String name() {
    return name;
  }

  /** Creates or updates the stream over this connection and returns its state afterwards. */
  public StreamInfo ensure(Connection connection) throws IOException, JetStreamApiException {
    return ensure(connection.jetStreamManagement());
  }

  /** Creates or updates the stream and returns its state afterwards. */
  public StreamInfo ensure(JetStreamManagement management) throws IOException, JetStreamApiException {
    StreamInfo existing;
    try {
      existing = management.getStreamInfo(name);
    } catch (JetStreamApiException e) {
      if (e.getErrorCode() != 404) {
        throw e;
      }
      return management.addStream(configure(StreamConfiguration.builder(), subjects, replicas != null ? replicas : 1,
          window(null)));
    }
    StreamConfiguration current = existing.getConfiguration();
    if (current.getStorageType() != storage) {
      throw new IllegalStateException("stream " + name + " uses " + current.getStorageType()
          + " storage and this setup asks for " + storage + "; JetStream cannot change it in place:"
          + " move the data to a new stream or use " + current.getStorageType());
    }
    Set<String> merged = new LinkedHashSet<>(current.getSubjects());
    merged.addAll(subjects);
    StreamConfiguration wanted = configure(StreamConfiguration.builder(current), new ArrayList<>(merged),
        replicas != null ? replicas : current.getReplicas(), window(current.getDuplicateWindow()));
    if (sameSettings(current, wanted)) {
      return existing;
    }
    return management.updateStream(wanted);
  }

  /**
   * The window to set: the one given; else the stream's {@code current} one (null for a new stream, or
   * not reported), no longer than this setup's max age (JetStream refuses a longer one); else the default.
   */
  private Duration window(Duration current) {
    if (duplicateWindow != null) {
      return duplicateWindow;
    }
    if (current == null || current.isZero()) {
      return DEFAULT_DUPLICATE_WINDOW;
    }
    return !maxAge.isZero() && current.compareTo(maxAge) > 0 ? maxAge : current;
  }

  private StreamConfiguration configure(StreamConfiguration.Builder builder, List<String> streamSubjects,
      int replicaCount, Duration window) {
    return builder
        .name(name)
        .subjects(streamSubjects)
        .storageType(storage)
        .retentionPolicy(RetentionPolicy.Limits)
        .discardPolicy(DiscardPolicy.Old)
        .duplicateWindow(window)
        .maxAge(maxAge)
        .maxBytes(maxBytes)
        .maxMessages(maxMessages)
        .replicas(replicaCount)
        .build();
  }

  private static boolean sameSettings(StreamConfiguration a, StreamConfiguration b) {
    return Set.copyOf(a.getSubjects()).equals(Set.copyOf(b.getSubjects()))
        && Objects.equals(a.getDuplicateWindow(), b.getDuplicateWindow())
        && Objects.equals(a.getMaxAge(), b.getMaxAge())
        && a.getMaxBytes() == b.getMaxBytes()
        && a.getMaxMsgs() == b.getMaxMsgs()
        && a.getReplicas() == b.getReplicas()
        && a.getRetentionPolicy() == b.getRetentionPolicy()
        && a.getDiscardPolicy() == b.getDiscardPolicy();
  }

  /** Options of a {@link StreamSetup}; defaults are those of the design. */
  public static final class Builder {
    private String name = DEFAULT_STREAM;
    private List<String> subjects = List.of(EventSubjects.defaults().allEvents());
    private StorageType storage = StorageType.File;
    private Duration duplicateWindow;
    private Duration maxAge = Duration.ofDays(7);
    private long maxBytes = -1;
    private long maxMessages = -1;
    private Integer replicas;

    private Builder() {}

    /** The stream name; {@value StreamSetup#DEFAULT_STREAM} unless set. */
    public Builder name(String name) {
      if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("stream name must be letters, digits, '_' or '-', was '" + name + "'");
      }
      this.name = name;
      return this;
    }

    /** The subjects this setup owns; {@code events.>} unless set. */
    public Builder subjects(String... subjects) {
      if (subjects.length == 0) {
        throw new IllegalArgumentException("subjects must name at least one subject");
      }
      this.subjects = List.of(subjects);
      return this;
    }

    /** Subjects of this naming: {@code <prefix>.>}. */
    public Builder subjects(EventSubjects naming) {
      return subjects(naming.allEvents());
    }

    /** File (default: survives restarts) or memory. */
    public Builder storage(StorageType storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /**
     * How long the stream remembers message ids to drop duplicates; keep it above the publishers' retry span.
     * Unless set, {@link StreamSetup#DEFAULT_DUPLICATE_WINDOW} for a new stream and unchanged for an existing one.
     */
    public Builder duplicateWindow(Duration duplicateWindow) {
      if (duplicateWindow == null || duplicateWindow.isNegative() || duplicateWindow.isZero()) {
        throw new IllegalArgumentException("duplicateWindow must be positive, was " + duplicateWindow);
      }
      this.duplicateWindow = duplicateWindow;
      return this;
    }

    /** How long events are kept; 7 days (the seed's Loki retention) unless set; zero keeps them forever. */
    public Builder maxAge(Duration maxAge) {
      if (maxAge == null || maxAge.isNegative()) {
        throw new IllegalArgumentException("maxAge must be zero or positive, was " + maxAge);
      }
      this.maxAge = maxAge;
      return this;
    }

    /** Size limit in bytes; -1 (default) for none. Oldest events are discarded past it. */
    public Builder maxBytes(long maxBytes) {
      this.maxBytes = limit("maxBytes", maxBytes);
      return this;
    }

    /** Message count limit; -1 (default) for none. Oldest events are discarded past it. */
    public Builder maxMessages(long maxMessages) {
      this.maxMessages = limit("maxMessages", maxMessages);
      return this;
    }

    /** Copies in a cluster, 1 to 5; unless set, 1 for a new stream and unchanged for an existing one. */
    public Builder replicas(int replicas) {
      if (replicas < 1 || replicas > 5) {
        throw new IllegalArgumentException("replicas must be between 1 and 5, was " + replicas);
      }
      this.replicas = replicas;
      return this;
    }

    public StreamSetup build() {
      Duration window = duplicateWindow != null ? duplicateWindow : DEFAULT_DUPLICATE_WINDOW;
      if (window.compareTo(maxAge) > 0 && !maxAge.isZero()) {
        throw new IllegalArgumentException(
            "duplicateWindow " + window + " must not be longer than maxAge " + maxAge);
      }
      return new StreamSetup(this);
    }

    private static long limit(String name, long value) {
      if (value < -1 || value == 0) {
        throw new IllegalArgumentException(name + " must be -1 (no limit) or positive, was " + value);
      }
      return value;
    }
  }
}
