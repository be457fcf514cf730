package dev.tradingevents.logger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

  @Test
  void handsOverEveryItemInOrderInChunksThenEnds() throws Exception {
    List<List<Integer>> chunks = new ArrayList<>();
    try (ReadAhead<Integer> ahead = new ReadAhead<>("test-reader", 4, 2, sink -> {
      for (int i = 0; i < 10; i++) {
        sink.accept(i);
      }
    })) {
      List<Integer> chunk;
      while ((chunk = ahead.take()) != null) {
        chunks.add(chunk);
      }
      assertThat(ahead.take()).as("still ended").isNull();
    }

    assertThat(chunks).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9));
  }

  @Test
  void flushHandsOverAPartialChunkAtOnce() throws Exception {
    CountDownLatch taken = new CountDownLatch(1);
    try (ReadAhead<String> ahead = new ReadAhead<>("test-reader", 100, 2, sink -> {
      sink.accept("first");
      sink.flush();
      taken.await(10, TimeUnit.SECONDS); // the consumer gets it although the chunk is not full
      sink.accept("second");
    })) {
      assertThat(ahead.take()).containsExactly("first");
      taken.countDown();
      assertThat(ahead.take()).containsExactly("second");
      assertThat(ahead.take()).isNull();
    }
  }

  @Test
  void theProducersFailureReachesTheConsumerAfterWhatWasHandedOverBeforeIt() throws Exception {
    try (ReadAhead<String> ahead = new ReadAhead<>("test-reader", 1, 4, sink -> {
      sink.accept("before");
      throw new ReplayException("the server ended the replay consumer");
    })) {
      assertThat(ahead.take()).containsExactly("before");
      assertThatThrownBy(ahead::take).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(ReplayException.class).hasMessageContaining("ended the replay consumer");
    }
  }

  @Test
  void closeStopsAProducerThatWaitsForRoom() throws Exception {
    AtomicInteger produced = new AtomicInteger();
    AtomicBoolean stopped = new AtomicBoolean();
    ReadAhead<Integer> ahead = new ReadAhead<>("test-reader", 1, 2, sink -> {
      try {
        while (true) {
          sink.accept(produced.incrementAndGet());
        }
      } catch (InterruptedException e) {
        stopped.set(true);
        throw e;
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> produced.get() >= 3); // 2 queued, 1 waiting for room

    ahead.close();

    assertThat(stopped).isTrue();
    assertThat(produced.get()).as("it stopped once the queue was full").isLessThanOrEqualTo(4);
  }
}
