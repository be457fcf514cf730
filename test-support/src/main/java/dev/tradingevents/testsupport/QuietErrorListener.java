package dev.tradingevents.testsupport;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An error listener for test connections. jnats' default one logs every exception with its stack
 * trace, which floods the output of tests that stop the server on purpose. This one logs at FINE, so
 * the events are still there when java.util.logging is turned up.
 */
final class QuietErrorListener implements ErrorListener {

  private static final Logger LOG = Logger.getLogger(QuietErrorListener.class.getName());

  @Override
  public void errorOccurred(Connection conn, String error) {
    LOG.fine(() -> "NATS error: " + error);
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    LOG.log(Level.FINE, "NATS connection exception", exp);
  }
}
