package dev.tradingevents.logger.replay;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;

/**
 * Reports connection errors on stderr in one line each, without jnats' default stack traces, and never
 * on stdout (which carries only event lines).
 */
final class QuietErrorListener implements ErrorListener {
  @Override
  public void errorOccurred(Connection conn, String error) {
    System.err.println("nats: " + error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    System.err.println("nats: " + exp);
  }
}
