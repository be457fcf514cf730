package dev.tradingevents.logger.replay;

/** A request that cannot be served (no such stream, nothing in the range, a server error): exit code 1. */
final class ReplayException extends Exception {
  private static final long serialVersionUID = 1L;

  ReplayException(String message) {
    super(message);
  }

  ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
