package dev.tradingevents.publisher;

import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.PublishFailedException.Reason;
import dev.tradingevents.tracing.EventTracing;
import dev.tradingevents.tracing.PublishSpan;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes typed events into JetStream asynchronously, within a bounded in-flight window.
 *
 * <pre>{@code
 * EventPublisher publisher = EventPublisher.builder(connection).stream("TRADING_EVENTS").build();
 * publisher.publish(new PriceUpdate(EventIds.newId(), Instant.now(), "scanner", "SOL/USDC", price, "orca", slot))
 *     .whenComplete((receipt, error) -> { if (error != null) log.warn("lost", error); });
 * }</pre>
 *
 * <p>Each event goes to {@code events.<category>.<EventType>} as its JSON, with headers: {@code
 * Nats-Msg-Id} = {@code ce-id} = the event id (so the stream stores a retried publish once), the
 * CloudEvents binary-mode attributes ({@code ce-specversion}, {@code ce-type}, {@code ce-source}, {@code
 * ce-time}, {@code ce-dataschema}), {@code content-type}, {@code te-schema-version}, and the W3C trace
 * context of a PRODUCER span {@code publish <subject>} (see {@link EventTracing}).
 *
 * <p><b>Failures.</b> A publish whose ack does not come within the ack timeout, that finds no stream
 * (503, e.g. while a restarted server recovers JetStream) or that meets a full reconnect buffer is sent
 * again with the same id, after a back-off, up to {@code maxRetries} times; then its future fails with a
 * {@link PublishFailedException} that names the event id, the reason and the cause. A server rejection
 * is not retried. Nothing is dropped silently: every event either completes its future with a {@link
 * PublishReceipt} or with that exception, and every failure is counted in the metrics.
 *
 * <p><b>Window.</b> At most {@code maxInFlight} publishes await their ack at a time. When the window is
 * full the {@link WindowFullPolicy} decides: fail at once (default) or block the caller up to {@code
 * blockTimeout}. There is no queue beyond the window.
 *
 * <p><b>Threads.</b> Futures complete on the NATS connection's reply thread, or on the publisher's retry
 * thread: keep dependent actions short or use the {@code *Async} variants.
 *
 * <p>Thread-safe. {@link #close()} waits for outstanding acks up to {@code closeTimeout} and reports what
 * did not complete.
 */
public final class EventPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final Connection connection;
  private final boolean ownsConnection;
  private final JetStream jetStream;
  private final EventCodec codec;
  private final EventSubjects subjects;
  private final EventTracing tracing;
  private final PublishHeaders headers;
  private final Semaphore window;
  private final int maxInFlight;
  private final WindowFullPolicy windowFullPolicy;
  private final Duration blockTimeout;
  private final long ackTimeoutNanos;
  private final int maxRetries;
  private final Duration retryBackoff;
  private final Duration closeTimeout;
  private final PublisherMetrics metrics;
  private final ScheduledThreadPoolExecutor retries;
  private final Outstanding pending = new Outstanding();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.ScheduledFuture<?> timeoutSweep;

  private EventPublisher(Builder builder, Connection connection, boolean ownsConnection) throws IOException {
    this.connection = connection;
    this.ownsConnection = ownsConnection;
    this.jetStream = connection.jetStream();
    this.codec = builder.codec;
    this.subjects = builder.subjects;
    this.tracing = builder.tracing != null ? builder.tracing : EventTracing.create(builder.openTelemetry());
    this.headers = new PublishHeaders(builder.source, builder.stream);
    this.maxInFlight = builder.maxInFlight;
    this.window = new Semaphore(builder.maxInFlight);
    this.windowFullPolicy = builder.windowFullPolicy;
    this.blockTimeout = builder.blockTimeout;
    this.ackTimeoutNanos = builder.ackTimeout.toNanos();
    this.maxRetries = builder.maxRetries;
    this.retryBackoff = builder.retryBackoff;
    this.closeTimeout = builder.closeTimeout;
    this.metrics = new PublisherMetrics(
        builder.openTelemetry().getMeter(PublisherMetrics.INSTRUMENTATION_NAME), this::inFlight);
    this.retries = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "event-publisher-retry");
      thread.setDaemon(true);
      return thread;
    });
    this.retries.setRemoveOnCancelPolicy(true);
    // one sweep for all ack timeouts instead of a timer per publish (orTimeout costs a scheduled task,
    // a lock shared with the publishing thread, and ~300 bytes per event)
    long sweepNanos = Math.max(Math.min(ackTimeoutNanos / 4, TimeUnit.MILLISECONDS.toNanos(250)),
        TimeUnit.MILLISECONDS.toNanos(5));
    this.timeoutSweep = retries.scheduleWithFixedDelay(this::sweepTimeouts, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
  }

  /** A builder publishing over a connection the caller owns (and closes). */
  public static Builder builder(Connection connection) {
    return new Builder(Objects.requireNonNull(connection, "connection"), null);
  }

  /** A builder that opens its own connection from these options and closes it on {@link #close()}. */
  public static Builder builder(Options options) {
    return new Builder(null, Objects.requireNonNull(options, "options"));
  }

  /** Publishes the event as part of the current trace context ({@link Context#current()}). */
  public CompletableFuture<PublishReceipt> publish(TradingEvent event) {
    return publish(event, Context.current());
  }

  /**
   * Publishes the event; its PRODUCER span is a child of {@code parent}.
   *
   * @return completes with the stream's ack, or exceptionally with a {@link PublishFailedException}
   * @throws IllegalArgumentException when {@code event} is null: a programming error, not a lost event
   */
  public CompletableFuture<PublishReceipt> publish(TradingEvent event, Context parent) {
    if (event == null) {
      throw new IllegalArgumentException("event must not be null");
    }
    EventType type = event.eventType();
    if (closed.get()) {
      return failedBeforeSending(event, Reason.CLOSED, "the publisher is closed");
    }
    if (!enterWindow()) {
      return failedBeforeSending(event, Reason.WINDOW_FULL,
          "all " + maxInFlight + " in-flight slots are taken (" + windowFullPolicy + ")");
    }
    Pending publish;
    PublishHeaders.Scratch scratch = null;
    try {
      String subject = subjects.subjectFor(type);
      byte[] body = codec.encode(event);
      scratch = headers.begin(event, type);
      PublishSpan span = tracing.startPublish(parent == null ? Context.root() : parent, subject,
          event.eventId(), scratch, PublishHeaders.Scratch.SETTER, body.length);
      publish = new Pending(event, type, subject, scratch.seal(), body, span);
      pending.add(publish);
    } catch (RuntimeException e) {
      if (scratch != null) {
        scratch.release();
      }
      window.release();
      throw e;
    }
    send(publish);
    return publish;
  }

  /** How many publishes await their ack. */
  public int inFlight() {
    return maxInFlight - window.availablePermits();
  }

  /**
   * Waits until every publish outstanding now has completed (acked or failed), at most {@code timeout}.
   * Publishes made meanwhile are not waited for.
   */
  public FlushReport flush(Duration timeout) {
    List<Pending> awaited = pending.snapshot();
    CompletableFuture<?>[] futures = awaited.toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(futures).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // ExecutionException: some failed, which counts as completed; TimeoutException: reported below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> incomplete = awaited.stream().filter(p -> !p.isDone()).map(p -> p.event.eventId()).toList();
    return new FlushReport(awaited.size(), incomplete);
  }

  /**
   * Stops accepting publishes, waits up to {@code timeout} for outstanding acks, fails what is still
   * outstanding with reason {@code CLOSED}, and closes the connection if this publisher opened it.
   */
  public FlushReport close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return new FlushReport(0, List.of());
    }
    FlushReport report = flush(timeout);
    timeoutSweep.cancel(false);
    retries.shutdownNow();
    for (Pending publish : pending.snapshot()) {
      fail(publish, Reason.CLOSED, "the publisher was closed before the stream acknowledged it", null);
    }
    metrics.close();
    if (!report.complete()) {
      LOG.warn("closed with {} of {} events unacknowledged after {}: {}", report.incompleteEventIds().size(),
          report.awaited(), timeout, report.incompleteEventIds());
    }
    if (ownsConnection) {
      try {
        connection.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return report;
  }

  /** {@link #close(Duration)} with the builder's {@code closeTimeout}; incomplete events are logged. */
  @Override
  public void close() {
    close(closeTimeout);
  }

  private boolean enterWindow() {
    if (window.tryAcquire()) {
      return true;
    }
    if (windowFullPolicy == WindowFullPolicy.BLOCK) {
      try {
        return window.tryAcquire(blockTimeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return false;
  }

  private void send(Pending publish) {
    int attempt = ++publish.attempts;
    publish.attemptStartNanos = System.nanoTime();
    CompletableFuture<PublishAck> ack;
    try {
      ack = jetStream.publishAsync(publish.subject, publish.headers, publish.body);
    } catch (RuntimeException e) {
      onFailure(publish, attempt, e);
      return;
    }
    // the first attempt's callback is the Pending itself; only a retry costs a lambda
    ack.whenComplete(attempt == 1 ? publish : (receipt, error) -> publish.settle(attempt, receipt, error));
  }

  /** Fails the current attempt of every publish that has waited longer than the ack timeout. */
  private void sweepTimeouts() {
    for (Pending publish : pending.waitingLongerThan(ackTimeoutNanos)) {
      onFailure(publish, publish.sweptAttempt,
          new TimeoutException("no ack within " + Duration.ofNanos(ackTimeoutNanos)));
    }
  }

  private void succeed(Pending publish, PublishAck ack) {
    if (!publish.finish()) {
      return;
    }
    publish.span.end(ack.getStream(), ack.getSeqno(), ack.isDuplicate());
    metrics.published(publish.type, publish.startNanos);
    publish.complete(new PublishReceipt(
        publish.event.eventId(), publish.type, ack.getStream(), ack.getSeqno(), ack.isDuplicate(), publish.attempts));
  }

  private void onFailure(Pending publish, int attempt, Throwable error) {
    // a late failure of an attempt already retried (or timed out by the sweep) is no news
    if (!publish.endAttempt(attempt)) {
      return;
    }
    Throwable cause = unwrap(error);
    Reason reason = classify(cause);
    if (reason.retriable() && publish.attempts <= maxRetries && !closed.get() && !publish.isDone()) {
      metrics.retried(publish.type);
      long backoff = retryBackoff.toNanos() * (1L << Math.min(publish.attempts - 1, 6));
      try {
        retries.schedule(() -> send(publish), backoff, TimeUnit.NANOSECONDS);
        return;
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // closed meanwhile: fall through and report
      }
    }
    fail(publish, reason, describe(reason, cause, publish), cause);
  }

  private void fail(Pending publish, Reason reason, String detail, Throwable cause) {
    if (!publish.finish()) {
      return;
    }
    PublishFailedException failure =
        new PublishFailedException(publish.event.eventId(), publish.type, reason, publish.attempts, detail, cause);
    publish.span.fail(failure);
    metrics.failed(publish.type, reason);
    publish.completeExceptionally(failure);
  }

  private String describe(Reason reason, Throwable cause, Pending publish) {
    return switch (reason) {
      case TIMED_OUT -> "no ack within " + Duration.ofNanos(ackTimeoutNanos) + " on " + publish.subject;
      case NO_STREAM -> "no JetStream stream answered for " + publish.subject
          + " (503 no responders): is a stream covering it created, and JetStream enabled?";
      case DISCONNECTED -> "the connection is down and its reconnect buffer is full: " + cause.getMessage();
      case REJECTED -> "the server refused it: " + cause.getMessage();
      case CLOSED -> "the connection is closed: " + cause.getMessage();
      case WINDOW_FULL -> "window full";
    };
  }

  private CompletableFuture<PublishReceipt> failedBeforeSending(TradingEvent event, Reason reason, String detail) {
    metrics.failed(event.eventType(), reason);
    return CompletableFuture.failedFuture(
        new PublishFailedException(event.eventId(), event.eventType(), reason, 0, detail, null));
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException
        || (cause instanceof RuntimeException && cause.getClass() == RuntimeException.class))
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static Reason classify(Throwable cause) {
    if (cause instanceof TimeoutException || cause instanceof CancellationException) {
      return Reason.TIMED_OUT;
    }
    if (cause instanceof JetStreamApiException) {
      return Reason.REJECTED;
    }
    String message = String.valueOf(cause.getMessage());
    if (message.contains("503") || message.contains("No Responders")) {
      return Reason.NO_STREAM;
    }
    if (cause instanceof IllegalStateException) {
      return message.contains("reconnect") ? Reason.DISCONNECTED : Reason.CLOSED;
    }
    return Reason.REJECTED;
  }

  /**
   * One event on its way: the same headers and bytes are sent on every attempt. It is also the future
   * {@link #publish} returns and the completion action of its first attempt's ack, so a publish costs
   * one object here, not three.
   */
  private final class Pending extends CompletableFuture<PublishReceipt> implements BiConsumer<PublishAck, Throwable> {
    private static final AtomicIntegerFieldUpdater<Pending> FINISHED =
        AtomicIntegerFieldUpdater.newUpdater(Pending.class, "finished");
    private static final AtomicIntegerFieldUpdater<Pending> ENDED_ATTEMPT =
        AtomicIntegerFieldUpdater.newUpdater(Pending.class, "endedAttempt");

    final TradingEvent event;
    final EventType type;
    final String subject;
    final Headers headers;
    final byte[] body;
    final PublishSpan span;
    final long startNanos = System.nanoTime();
    volatile int attempts;
    volatile long attemptStartNanos;
    /** 1 once the publish has left the window. */
    private volatile int finished;
    /** Its place in {@link Outstanding}, guarded by the stripe's lock. */
    private Pending previous;
    private Pending next;
    private Outstanding.Stripe stripe;
    /** The attempt the timeout sweep found too old. */
    private int sweptAttempt;
    /** The last attempt whose failure was handled; each attempt fails at most once. */
    private volatile int endedAttempt;

    Pending(TradingEvent event, EventType type, String subject, Headers headers, byte[] body, PublishSpan span) {
      this.event = event;
      this.type = type;
      this.subject = subject;
      this.headers = headers;
      this.body = body;
      this.span = span;
    }

    /** The first attempt's ack. */
    @Override
    public void accept(PublishAck ack, Throwable error) {
      settle(1, ack, error);
    }

    void settle(int attempt, PublishAck ack, Throwable error) {
      if (error == null) {
        succeed(this, ack); // an ack of any attempt completes the publish
      } else {
        onFailure(this, attempt, error);
      }
    }

    /** True once per attempt, and only for the current one. */
    boolean endAttempt(int attempt) {
      return attempt == attempts && ENDED_ATTEMPT.compareAndSet(this, attempt - 1, attempt);
    }

    /** Leaves the window exactly once, whichever way the publish ends. */
    boolean finish() {
      if (!FINISHED.compareAndSet(this, 0, 1)) {
        return false;
      }
      pending.remove(this);
      window.release();
      return true;
    }
  }

  /**
   * The publishes awaiting their ack, for {@link #flush}, {@link #close} and the timeout sweep: an
   * intrusive list per stripe, so a publish links itself in and out without allocating (a concurrent
   * set made a node per publish). Stripes keep publishing threads and the ack thread off one lock.
   */
  private final class Outstanding {
    private final Stripe[] stripes = new Stripe[8];

    Outstanding() {
      for (int i = 0; i < stripes.length; i++) {
        stripes[i] = new Stripe();
      }
    }

    void add(Pending publish) {
      stripes[ThreadLocalRandom.current().nextInt(stripes.length)].add(publish);
    }

    void remove(Pending publish) {
      // stripe was set before the publish was sent; whoever finishes it learned of it after that
      // (through jnats' response map, the retry scheduler, or a snapshot taken under the lock)
      publish.stripe.remove(publish);
    }

    /** Every publish outstanding now. */
    List<Pending> snapshot() {
      List<Pending> all = new ArrayList<>();
      for (Stripe stripe : stripes) {
        stripe.copyTo(all);
      }
      return all;
    }

    /** The publishes whose current attempt is older than {@code nanos}; each notes that attempt. */
    List<Pending> waitingLongerThan(long nanos) {
      List<Pending> late = List.of();
      long now = System.nanoTime();
      for (Stripe stripe : stripes) {
        late = stripe.addLate(now, nanos, late);
      }
      return late;
    }

    final class Stripe {
      private Pending head;

      synchronized void add(Pending publish) {
        publish.stripe = this;
        publish.next = head;
        if (head != null) {
          head.previous = publish;
        }
        head = publish;
      }

      synchronized void remove(Pending publish) {
        if (publish.previous != null) {
          publish.previous.next = publish.next;
        } else if (head == publish) {
          head = publish.next;
        } else {
          return; // not linked (removed already)
        }
        if (publish.next != null) {
          publish.next.previous = publish.previous;
        }
        publish.previous = null;
        publish.next = null;
      }

      synchronized void copyTo(List<Pending> all) {
        for (Pending publish = head; publish != null; publish = publish.next) {
          all.add(publish);
        }
      }

      synchronized List<Pending> addLate(long now, long nanos, List<Pending> late) {
        List<Pending> result = late;
        for (Pending publish = head; publish != null; publish = publish.next) {
          int attempt = publish.attempts;
          if (attempt > 0 && now - publish.attemptStartNanos > nanos) {
            if (result.isEmpty()) {
              result = new ArrayList<>();
            }
            publish.sweptAttempt = attempt;
            result.add(publish);
          }
        }
        return result;
      }
    }
  }

  /**
   * Options of an {@link EventPublisher}. Setters validate at once and name the option; {@link #build()}
   * checks the options against each other and against the stream.
   */
  public static final class Builder {
    /** Default in-flight window: enough for a burst of ~10 ms at 1M events/s. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(100);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Connection connection;
    private final Options options;
    private EventCodec codec = EventCodec.create();
    private EventSubjects subjects = EventSubjects.defaults();
    private OpenTelemetry openTelemetry;
    private EventTracing tracing;
    private String stream;
    private String source;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private WindowFullPolicy windowFullPolicy = WindowFullPolicy.FAIL_FAST;
    private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
    private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

    private Builder(Connection connection, Options options) {
      this.connection = connection;
      this.options = options;
    }

    /**
     * The stream the events must land in. When set, {@link #build()} checks that the stream exists,
     * covers every event subject and keeps duplicates long enough for the retries, and each message
     * carries {@code Nats-Expected-Stream} so no other stream stores it.
     */
    public Builder stream(String stream) {
      if (stream == null || stream.isBlank()) {
        throw new IllegalArgumentException("stream must not be blank");
      }
      this.stream = stream;
      return this;
    }

    /** Subject naming; {@link EventSubjects#defaults()} unless set. */
    public Builder subjects(EventSubjects subjects) {
      this.subjects = Objects.requireNonNull(subjects, "subjects");
      return this;
    }

    /** The OpenTelemetry for spans and metrics; {@link GlobalOpenTelemetry} unless set. */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /** The tracing to use; made from {@link #openTelemetry} unless set. */
    public Builder tracing(EventTracing tracing) {
      this.tracing = Objects.requireNonNull(tracing, "tracing");
      return this;
    }

    /** The {@code ce-source} of every event; each event's {@code source_service} unless set. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder codec(EventCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /** Publishes awaiting their ack at most; {@value #DEFAULT_MAX_IN_FLIGHT} unless set. */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /** What to do when the window is full; {@link WindowFullPolicy#FAIL_FAST} unless set. */
    public Builder windowFullPolicy(WindowFullPolicy policy) {
      this.windowFullPolicy = Objects.requireNonNull(policy, "windowFullPolicy");
      return this;
    }

    /** With {@link WindowFullPolicy#BLOCK}: how long a publish may wait for a slot. */
    public Builder blockTimeout(Duration blockTimeout) {
      this.blockTimeout = positive("blockTimeout", blockTimeout);
      return this;
    }

    /** How long one attempt waits for the stream's ack before it is retried. */
    public Builder ackTimeout(Duration ackTimeout) {
      this.ackTimeout = positive("ackTimeout", ackTimeout);
      return this;
    }

    /** How many times a timed-out, unanswered or buffered-out publish is sent again (0 to 100). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 100) {
        throw new IllegalArgumentException("maxRetries must be between 0 and 100, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** The first retry's delay; each further retry doubles it (up to 64 times). */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = positive("retryBackoff", retryBackoff);
      return this;
    }

    /** How long {@link EventPublisher#close()} waits for outstanding acks. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = positive("closeTimeout", closeTimeout);
      return this;
    }

    /**
     * The longest time a publish can spend being retried: every attempt's ack timeout plus the
     * back-offs. The stream's duplicate window must be longer, or a late retry could be stored twice.
     */
    public Duration longestRetrySpan() {
      Duration span = ackTimeout.multipliedBy(maxRetries + 1L);
      for (int attempt = 1; attempt <= maxRetries; attempt++) {
        span = span.plus(retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 6)));
      }
      return span;
    }

    /**
     * Builds the publisher; with {@link #stream(String)} set, first checks the stream.
     *
     * @throws IOException when the connection cannot be opened or the stream cannot be looked up
     * @throws IllegalStateException when the stream is missing, does not cover an event subject, or its
     *     duplicate window is shorter than {@link #longestRetrySpan()}
     */
    public EventPublisher build() throws IOException, InterruptedException {
      Connection target = connection != null ? connection : Nats.connect(options);
      try {
        if (stream != null) {
          checkStream(target.jetStreamManagement());
        }
        return new EventPublisher(this, target, connection == null);
      } catch (IOException | RuntimeException e) {
        if (connection == null) {
          target.close();
        }
        throw e;
      }
    }

    private void checkStream(JetStreamManagement management) throws IOException {
      StreamInfo info;
      try {
        info = management.getStreamInfo(stream);
      } catch (JetStreamApiException e) {
        throw new IllegalStateException("stream " + stream + " cannot be used: " + e.getMessage()
            + " (create it with StreamSetup)", e);
      }
      List<String> streamSubjects = info.getConfiguration().getSubjects();
      List<String> uncovered = new ArrayList<>();
      for (EventType type : EventType.values()) {
        if (!SubjectFilters.anyCovers(streamSubjects, subjects.subjectFor(type))) {
          uncovered.add(subjects.subjectFor(type));
        }
      }
      if (!uncovered.isEmpty()) {
        throw new IllegalStateException("stream " + stream + " (subjects " + streamSubjects
            + ") does not cover " + uncovered + "; add " + subjects.allEvents() + " to it");
      }
      Duration duplicateWindow = info.getConfiguration().getDuplicateWindow();
      if (duplicateWindow != null && duplicateWindow.compareTo(longestRetrySpan()) <= 0) {
        throw new IllegalStateException("stream " + stream + " keeps duplicates for " + duplicateWindow
            + ", not longer than this publisher's longest retry span " + longestRetrySpan()
            + ": a late retry could be stored twice. Raise the duplicate window or lower ackTimeout/maxRetries");
      }
    }

    private OpenTelemetry openTelemetry() {
      return openTelemetry != null ? openTelemetry : GlobalOpenTelemetry.get();
    }

    private static Duration positive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }

}
