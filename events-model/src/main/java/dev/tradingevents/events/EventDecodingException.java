package dev.tradingevents.events;

import java.util.Optional;

/**
 * A payload is not a valid event. {@link #field()} names the JSON property at fault (a path such as
 * {@code legs[1].price}) when the fault is in one; {@link #reason()} says what is wrong with it.
 */
public final class EventDecodingException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  EventDecodingException(String field, String reason, Throwable cause) {
    super(field == null ? reason : field + ": " + reason, cause);
    this.field = field;
    this.reason = reason;
  }

  /** The path of the offending property, e.g. {@code event_type} or {@code legs[1].price}. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** What is wrong, without the field name. */
  public String reason() {
    return reason;
  }
}
