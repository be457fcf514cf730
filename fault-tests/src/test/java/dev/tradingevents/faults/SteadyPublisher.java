package dev.tradingevents.faults;

import dev.tradingevents.events.ArbitraryEvents;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import dev.tradingevents.publisher.EventPublisher;
import dev.tradingevents.publisher.PublishFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A trading service publishing {@code count} events of every type at a steady rate through the
 * library, keeping the publisher's word on each one by id: acked, or failed with a reason. Runs on its
 * own thread so the test can break things meanwhile.
 */
final class SteadyPublisher {
  private final EventPublisher publisher;
  private final int count;
  private final double ratePerSecond;
  private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> acked = ConcurrentHashMap.newKeySet();
  private final Map<String, PublishFailedException.Reason> failed = new ConcurrentHashMap<>();
  private final Map<String, Throwable> unexplained = new ConcurrentHashMap<>();
  private final AtomicInteger submitted = new AtomicInteger();
  private final List<CompletableFuture<?>> futures = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;

  SteadyPublisher(EventPublisher publisher, int count, double ratePerSecond, long seed) {
    this.publisher = publisher;
    this.count = count;
    this.ratePerSecond = ratePerSecond;
    this.thread = new Thread(() -> run(seed), "steady-publisher");
    this.thread.setDaemon(true);
  }

  SteadyPublisher start() {
    thread.start();
    return this;
  }

  private void run(long seed) {
    ArbitraryEvents events = new ArbitraryEvents(seed);
    EventType[] types = EventType.values();
    long periodNanos = (long) (1e9 / ratePerSecond);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      TradingEvent event = events.next(types[i % types.length]);
      sent.add(event.eventId());
      CompletableFuture<?> future = publisher.publish(event).whenComplete((receipt, error) -> {
        if (error == null) {
          acked.add(event.eventId());
        } else {
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (cause instanceof PublishFailedException failure) {
            failed.put(event.eventId(), failure.reason());
          } else {
            unexplained.put(event.eventId(), cause);
          }
        }
      });
      futures.add(future);
      submitted.incrementAndGet();
    }
  }

  int submitted() {
    return submitted.get();
  }

  int acked() {
    return acked.size();
  }

  /** Waits for the last publish to be handed over, then for every future to complete. */
  Outcome await(long seconds) throws Exception {
    thread.join(TimeUnit.SECONDS.toMillis(seconds));
    if (thread.isAlive()) {
      throw new AssertionError("the publisher did not hand over all " + count + " events within " + seconds
          + " s (" + submitted() + " so far)");
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
        .get(seconds, TimeUnit.SECONDS);
    return new Outcome(List.copyOf(sent), Set.copyOf(acked), Map.copyOf(failed), Map.copyOf(unexplained));
  }

  /**
   * The publisher's word on every event.
   *
   * @param sent every event id handed to {@code publish}, in order
   * @param acked ids the stream acknowledged
   * @param failed ids whose future failed with a {@link PublishFailedException}, and why
   * @param unexplained ids whose future failed with anything else (should be none)
   */
  record Outcome(List<String> sent, Set<String> acked, Map<String, PublishFailedException.Reason> failed,
      Map<String, Throwable> unexplained) {}
}
