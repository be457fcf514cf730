package dev.tradingevents.logger.logline;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.recovery.RecoveryListener;
import ch.qos.logback.core.recovery.ResilientOutputStreamBase;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The file appender of the log lines (stdout is the file {@code /dev/stdout}), made for writing a batch of
 * event lines, flushing once, then acknowledging the batch.
 *
 * <ul>
 *   <li>Event lines (logger {@code events}) stay in the buffer until {@link #flushLines()}: one {@code
 *       write} call per batch instead of one per line. Every other line is flushed at once, so a warning is
 *       never held back by an idle consumer.
 *   <li>With {@link EventLineJsonEncoder}, an event line goes from the encoder's buffer into the stream: no
 *       array per line, no copy of the MDC (see {@link #writeEventLine}).
 *   <li>Logback's file stream swallows I/O errors: it reports them as a status and drops the bytes until it
 *       has reopened the file. This appender listens for those failures, and {@link #flushLines()} throws
 *       when one happened since the last flush, so the caller does not acknowledge events whose lines may be
 *       lost. Without it a full disk or a closed stdout would lose events silently.
 * </ul>
 *
 * <p>Set {@code immediateFlush} to false in {@code logback.xml}; with true every line is flushed as it is
 * written and batching is off, failures are still reported.
 */
public class EventLineAppender extends FileAppender<ILoggingEvent> {
  private final FailureListener failures = new FailureListener();

  /**
   * Writes out the buffered lines.
   *
   * @throws IOException when writing them, or any line since the last call, failed: those lines may be lost
   */
  public void flushLines() throws IOException {
    streamWriteLock.lock();
    try {
      OutputStream stream = getOutputStream();
      if (!isStarted() || stream == null) {
        throw new IOException("the log appender " + getName() + " is stopped");
      }
      stream.flush();
      IOException failure = failures.take();
      if (failure != null) {
        throw new IOException("writing to " + getFile() + " failed: " + failure.getMessage(), failure);
      }
    } finally {
      streamWriteLock.unlock();
    }
  }

  @Override
  protected void subAppend(ILoggingEvent event) {
    if (!isPrudent() && getEncoder() instanceof EventLineJsonEncoder lines) {
      try {
        EventLineEncoder line = lines.encodeEventLine(event);
        if (line != null) {
          writeEventLine(line);
          return;
        }
      } catch (IOException e) {
        failed(e);
        return;
      }
    }
    super.subAppend(event);
    if (!isImmediateFlush() && !EventLogWriter.EVENTS_LOGGER.equals(event.getLoggerName())) {
      streamWriteLock.lock();
      try {
        OutputStream stream = getOutputStream();
        if (stream != null) {
          stream.flush();
        }
      } catch (IOException e) {
        failures.newFailure(e);
      } finally {
        streamWriteLock.unlock();
      }
    }
  }

  /**
   * Writes an event line, encoded by this thread's writer, into the stream: one copy of its bytes, where
   * Logback's path makes an array per line and first prepares the event for deferred processing (copies
   * the MDC, formats the message), which a line encoded at once does not need.
   */
  private void writeEventLine(EventLineEncoder line) {
    streamWriteLock.lock();
    try {
      OutputStream stream = getOutputStream();
      if (isStarted() && stream != null) { // as Logback: stop() may have run meanwhile
        line.writeLineTo(stream);
        if (isImmediateFlush()) {
          stream.flush();
        }
      }
    } catch (IOException e) {
      failed(e);
    } finally {
      streamWriteLock.unlock();
    }
  }

  /** As Logback's appender on an I/O failure: stops, with an error status; and the next flush reports it. */
  private void failed(IOException e) {
    failures.newFailure(e);
    started = false;
    addStatus(new ch.qos.logback.core.status.ErrorStatus("IO failure in appender", this, e));
  }

  @Override
  public void setOutputStream(OutputStream outputStream) {
    super.setOutputStream(outputStream);
    if (outputStream instanceof ResilientOutputStreamBase resilient) {
      resilient.addRecoveryListener(failures);
    }
  }

  /**
   * Whether lines may have been lost since the failure was last taken. Logback's stream drops what is
   * written while it is in error and then declares itself recovered on the next write or flush that
   * succeeds, even a flush of nothing: so a recovery also counts as a failure of the lines since the last
   * flush, and a stream still in error fails every flush.
   */
  private static final class FailureListener implements RecoveryListener {
    private IOException failure;
    private boolean inError;

    @Override
    public synchronized void newFailure(IOException e) {
      inError = true;
      if (failure == null) {
        failure = e;
      }
    }

    @Override
    public synchronized void recoveryOccured() {
      inError = false;
      if (failure == null) {
        failure = new IOException("the output recovered from an I/O failure; lines written meanwhile are lost");
      }
    }

    synchronized IOException take() {
      IOException taken = failure;
      failure = null;
      if (taken == null && inError) {
        taken = new IOException("the output is failing; lines are dropped until it can be reopened");
      }
      return taken;
    }
  }
}
