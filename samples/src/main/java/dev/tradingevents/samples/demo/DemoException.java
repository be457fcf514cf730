package dev.tradingevents.samples.demo;

/** The demo cannot go on; the message says why and what to do, and is all the user is shown. */
public final class DemoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DemoException(String message) {
    super(message);
  }
}
