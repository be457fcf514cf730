package dev.tradingevents.testsupport;

import io.nats.Output;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where jnats-server-runner writes the server's output and its own messages: kept in memory (the last
 * lines, for failure messages) and echoed to stderr only in debug mode. Its default, a shared
 * java.util.logging logger at INFO, prints every server line of every test.
 */
final class ServerOutput implements Output {

  private static final int KEPT_LINES = 60;

  private final boolean echo;
  private final Deque<String> lines = new ArrayDeque<>();

  ServerOutput(boolean echo) {
    this.echo = echo;
  }

  /** The last lines the server (or the runner) wrote, oldest first, one per line. */
  synchronized String recentLines() {
    return String.join(System.lineSeparator(), lines);
  }

  private synchronized void keep(String line) {
    if (lines.size() == KEPT_LINES) {
      lines.removeFirst();
    }
    lines.addLast(line);
    if (echo) {
      System.err.println(line);
    }
  }

  @Override
  public void setLevel(Level level) {
    // everything is kept; nothing is printed unless debugging
  }

  @Override
  public void error(Supplier<String> message) {
    keep(message.get());
  }

  @Override
  public void error(String message) {
    keep(message);
  }

  @Override
  public void warning(Supplier<String> message) {
    keep(message.get());
  }

  @Override
  public void warning(String message) {
    keep(message);
  }

  @Override
  public void info(Supplier<String> message) {
    keep(message.get());
  }

  @Override
  public void info(String message) {
    keep(message);
  }

  @Override
  public boolean isLogger() {
    return false;
  }

  @Override
  public Logger getLogger() {
    return null;
  }
}
