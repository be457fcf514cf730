package dev.tradingevents.publisher;

import dev.tradingevents.events.EventType;

/**
 * An event was not acknowledged by the stream, and will not be retried any more. The message names the
 * event id and type, the reason and the cause, so a log line of it says what was lost and why.
 */
public final class PublishFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a publish failed. */
  public enum Reason {
    /** The in-flight window was full (see {@link WindowFullPolicy}); the event was never sent. */
    WINDOW_FULL(false),
    /** No ack within the ack timeout, on every attempt. The event may or may not be stored. */
    TIMED_OUT(true),
    /**
     * No JetStream stream answered for the subject (NATS 503 "no responders"): the stream is missing,
     * does not cover the subject, or JetStream is not (yet) available on the server.
     */
    NO_STREAM(true),
    /** The connection is disconnected and its reconnect buffer is full. */
    DISCONNECTED(true),
    /** The server refused the message (a JetStream API error such as a wrong expected stream). */
    REJECTED(false),
    /** The publisher or its connection was closed before the ack. */
    CLOSED(false);

    private final boolean retriable;

    Reason(boolean retriable) {
      this.retriable = retriable;
    }

    /** Whether a failure of this kind is retried (with the same {@code Nats-Msg-Id}) up to the limit. */
    public boolean retriable() {
      return retriable;
    }
  }

  private final String eventId;
  private final EventType eventType;
  private final Reason reason;
  private final int attempts;

  PublishFailedException(String eventId, EventType eventType, Reason reason, int attempts, String detail, Throwable cause) {
    super(
        "event "
            + eventId
            + " ("
            + eventType.wireName()
            + ") was not published: "
            + reason
            + " after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + (detail == null ? "" : ": " + detail),
        cause);
    this.eventId = eventId;
    this.eventType = eventType;
    this.reason = reason;
    this.attempts = attempts;
  }

  public String eventId() {
    return eventId;
  }

  public EventType eventType() {
    return eventType;
  }

  public Reason reason() {
    return reason;
  }

  /** How many times the event was sent (0 when it never left, e.g. window full). */
  public int attempts() {
    return attempts;
  }
}
