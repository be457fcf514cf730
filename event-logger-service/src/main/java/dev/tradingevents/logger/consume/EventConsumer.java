package dev.tradingevents.logger.consume;

import dev.tradingevents.logger.telemetry.LoggerMetrics;
import dev.tradingevents.publisher.StreamSetup;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullRequestOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable pull consumer: ensures the streams and the consumer exist, then pulls batches on one
 * thread and hands each message to the {@link EventProcessor}. Instances configured with the same
 * durable name share its messages, so the service scales out.
 *
 * <p>It pulls on one long-lived pull subscription ({@link #pullOnce}). jnats' newer consumer objects
 * were tried and dropped: a stopped iterator unsubscribes once its pulls are answered, and each fetch
 * object its own inbox, so a message the server sends in that moment is dropped by the client and only
 * comes back after {@code ack-wait}. On one subscription a late message waits in its queue for the
 * next pull. Shutdown: no new pull, log and ack every message of the current one, drain what is
 * queued, flush the acks.
 *
 * <p>A message is acked only after its line is flushed to the output ({@link
 * EventProcessor#completeBatch()}); lines of messages that arrived together are flushed together.
 */
@Singleton
@Requires(property = "trading-events.consumer.enabled", notEquals = "false")
public class EventConsumer implements ApplicationEventListener<ApplicationStartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

  /**
   * How long after its expiry a pull's answer may come before the next pull goes out anyway. A 408 that
   * comes later ends the next pull's wait early, which costs one more pull and no message.
   */
  static final Duration EXPIRY_GRACE = Duration.ofMillis(100);

  /** Where the consumer is in its life, for health. */
  public enum State { STARTING, RUNNING, STOPPING, STOPPED, FAILED }

  private final Connection connection;
  private final ConsumerConfiguration config;
  private final EventProcessor processor;
  private final LoggerMetrics metrics;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile State state = State.STARTING;
  private volatile String failure;
  private volatile JetStreamSubscription subscription;
  private volatile ConsumerInfo lastInfo;
  private Thread thread;

  public EventConsumer(Connection connection, ConsumerConfiguration config, EventProcessor processor, LoggerMetrics metrics) {
    this.connection = connection;
    this.config = config;
    this.processor = processor;
    this.metrics = metrics;
  }

  @Override
  public void onApplicationEvent(ApplicationStartupEvent event) {
    start();
  }

  synchronized void start() {
    if (thread != null) {
      return;
    }
    processor.warmUp();
    try {
      JetStreamManagement management = connection.jetStreamManagement();
      if (config.createStream()) {
        StreamSetup.builder().name(config.stream()).subjects(config.streamSubjects().toArray(String[]::new))
            .build().ensure(management);
      }
      StreamSetup.builder().name(config.deadLetterStream()).subjects(config.deadLetterSubjectPrefix() + ".>")
          .build().ensure(management);
      management.addOrUpdateConsumer(config.stream(), consumerConfiguration());
      subscription = connection.jetStream().subscribe(null,
          PullSubscribeOptions.bind(config.stream(), config.durable()));
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      state = State.FAILED;
      failure = e.getMessage();
      throw new IllegalStateException("cannot start consuming stream " + config.stream() + " as durable "
          + config.durable() + ": " + e.getMessage(), e);
    }
    // RUNNING before the thread starts: the loop runs only while RUNNING, and a thread scheduled at once
    // would otherwise see STARTING and end without consuming anything
    state = State.RUNNING;
    thread = new Thread(this::run, "event-consumer");
    thread.start();
    LOG.info("consuming {} from stream {} as durable {} (batch {}, ack wait {}, max deliver {})",
        config.filterSubjects(), config.stream(), config.durable(), config.batchSize(), config.ackWait(),
        config.maxDeliver());
  }

  private io.nats.client.api.ConsumerConfiguration consumerConfiguration() {
    io.nats.client.api.ConsumerConfiguration.Builder builder = io.nats.client.api.ConsumerConfiguration.builder()
        .durable(config.durable())
        .ackPolicy(AckPolicy.Explicit)
        .deliverPolicy(DeliverPolicy.All)
        .ackWait(config.ackWait())
        .maxDeliver(config.maxDeliver())
        .maxAckPending(config.maxAckPending());
    if (config.filterSubjects().size() == 1) {
      builder.filterSubject(config.filterSubjects().get(0));
    } else {
      builder.filterSubjects(config.filterSubjects()); // needs nats-server 2.10 or later
    }
    return builder.build();
  }

  private void run() {
    try {
      while (state == State.RUNNING) {
        pullOnce();
      }
      // messages of a pull that arrived after its wait ended
      Message late;
      while ((late = subscription.nextMessage(Duration.ofMillis(50))) != null) {
        if (late.isJetStream()) {
          processor.process(late);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      failure = e.toString();
      state = State.FAILED;
      LOG.error("the consumer loop stopped: {}", e.toString(), e);
    } finally {
      // what is still unflushed (the last burst, or lines written before an interrupt or a failure): flush
      // and ack it rather than log it twice
      processor.completeBatch();
      if (state != State.FAILED) {
        state = State.STOPPED;
      }
      finished.countDown();
    }
  }

  /**
   * One pull of up to {@code batch-size}, each message processed as it arrives (a fetch would hold them
   * until the batch is full or the pull expires: ~600 ms of latency at 300 events/s), until the batch is
   * full, the server answers that the pull expired, or the pull's own expiry has passed. All of the pull
   * is processed, also after stop() was called. Lines are flushed and their messages acked whenever no
   * message waits in the subscription's queue, before the next wait: one write per burst under load, no
   * waiting when idle.
   *
   * <p>Why the deadline, and not jnats' {@code iterate}: that waits {@code pull-expires} anew after every
   * message and ends only on the server's 408 answer, and nats-server 2.9 drops an expired pull without
   * that answer when a message arrives in the same moment. The demo (1 s pulls at 200 events/s) then wrote
   * nothing for exactly 1 s in 5 of 9 runs, the stream storing every event on time, and with the default
   * 5 s pulls a slow stream would wait 5 s. Now such a pull ends {@link #EXPIRY_GRACE} after its expiry.
   */
  private void pullOnce() throws InterruptedException {
    subscription.pull(PullRequestOptions.builder(config.batchSize()).expiresIn(config.pullExpires()).build());
    long deadline = System.nanoTime() + config.pullExpires().toNanos() + EXPIRY_GRACE.toNanos();
    for (int received = 0; received < config.batchSize(); received++) {
      long left = deadline - System.nanoTime();
      // null: the pull expired (jnats turns the server's 408 into null) or its time is up
      Message message = left > 0 ? subscription.nextMessage(Duration.ofNanos(left)) : null;
      if (message == null) {
        break;
      }
      processor.process(message);
      if (subscription.getPendingMessageCount() == 0) {
        processor.completeBatch();
      }
    }
    processor.completeBatch();
  }

  /** Reads the consumer's lag for the metrics and health. */
  @Scheduled(fixedDelay = "${trading-events.consumer.lag-poll-interval}", initialDelay = "1s")
  void pollLag() {
    JetStreamSubscription current = subscription;
    if (current == null || state != State.RUNNING) {
      return;
    }
    try {
      ConsumerInfo info = current.getConsumerInfo();
      lastInfo = info;
      metrics.consumerLag(info.getNumPending(), info.getNumAckPending());
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      LOG.debug("cannot read consumer info: {}", e.toString());
    }
  }

  /** Stops pulling, finishes and acks what it holds (up to {@code shutdown-timeout}). */
  @PreDestroy
  public void stop() {
    if (state != State.RUNNING) {
      return;
    }
    state = State.STOPPING;
    LOG.info("stopping: finishing the messages already pulled");
    try {
      if (!finished.await(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("messages still held after {}; the server redelivers them after ack-wait {}",
            config.shutdownTimeout(), config.ackWait());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      subscription.unsubscribe();
    } catch (RuntimeException e) {
      LOG.debug("unsubscribing: {}", e.toString());
    }
    try {
      // acks are queued on the connection: make sure the server has them before it closes
      connection.flush(Duration.ofSeconds(5));
    } catch (Exception e) {
      LOG.warn("could not flush the last acks ({}); the server redelivers those events after ack-wait {}",
          e.toString(), config.ackWait());
    }
    LOG.info("stopped");
  }

  public State state() {
    return state;
  }

  /** Why the consumer failed, or null. */
  public String failure() {
    return failure;
  }

  /** The consumer info read last, or null before the first poll. */
  public ConsumerInfo lastInfo() {
    return lastInfo;
  }

  public ConsumerConfiguration configuration() {
    return config;
  }
}
