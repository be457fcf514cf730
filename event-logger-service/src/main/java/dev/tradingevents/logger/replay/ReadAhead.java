package dev.tradingevents.logger.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A producer on its own thread, handing items to the calling thread in chunks through a bounded queue.
 *
 * <p>Why: a replay reads, filters and decodes each stored message, then formats and writes its line. On
 * one thread that used one core of two while the other idled; split in two, reading and decoding overlap
 * with writing. Chunks keep the hand-over to one queue operation per {@code chunkSize} items, and the
 * bound keeps at most {@code chunkSize × chunksAhead} items in memory.
 *
 * @param <T> what is handed over
 */
final class ReadAhead<T> implements AutoCloseable {
  /** The producer's side: {@link #accept} an item, {@link #flush} a partial chunk before waiting for more. */
  interface Sink<T> {
    void accept(T item) throws InterruptedException;

    void flush() throws InterruptedException;
  }

  /** The work of the producer thread. */
  @FunctionalInterface
  interface Producer<T> {
    void produce(Sink<T> sink) throws Exception;
  }

  private static final long OFFER_MILLIS = 100;

  private final List<T> end = new ArrayList<>(0);
  private final BlockingQueue<List<T>> queue;
  private final int chunkSize;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Throwable failure;
  private boolean ended;

  /** Starts {@code producer} on a new thread named {@code name}. */
  ReadAhead(String name, int chunkSize, int chunksAhead, Producer<T> producer) {
    this.chunkSize = chunkSize;
    this.queue = new ArrayBlockingQueue<>(chunksAhead);
    this.thread = new Thread(() -> run(producer), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(Producer<T> producer) {
    ChunkingSink sink = new ChunkingSink();
    try {
      producer.produce(sink);
      sink.flush();
    } catch (Throwable e) {
      failure = e;
    } finally {
      // after the failure is set: the consumer reads it once it sees the end
      while (!closed) {
        try {
          if (queue.offer(end, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException interrupted) {
          // closed, or asked to stop: the loop condition decides
        }
      }
    }
  }

  /**
   * The next chunk, waiting for it; {@code null} once the producer has finished.
   *
   * @throws ExecutionException the producer failed; the cause is what it threw
   */
  List<T> take() throws InterruptedException, ExecutionException {
    if (ended) {
      return null;
    }
    List<T> chunk = queue.take();
    if (chunk == end) {
      ended = true;
      Throwable cause = failure;
      if (cause != null) {
        throw new ExecutionException(cause);
      }
      return null;
    }
    return chunk;
  }

  /** Stops the producer if it is still running (it sees an interrupt) and waits for its thread to end. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.interrupt();
    thread.join();
  }

  private final class ChunkingSink implements Sink<T> {
    private List<T> chunk = new ArrayList<>(chunkSize);

    @Override
    public void accept(T item) throws InterruptedException {
      chunk.add(item);
      if (chunk.size() == chunkSize) {
        flush();
      }
    }

    @Override
    public void flush() throws InterruptedException {
      if (chunk.isEmpty()) {
        return;
      }
      while (!queue.offer(chunk, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
        if (closed) {
          throw new InterruptedException("the consumer stopped taking");
        }
      }
      chunk = new ArrayList<>(chunkSize);
    }
  }
}
