package dev.tradingevents.events;

/**
 * An event was constructed with a field value it cannot have. The message starts with the field's wire
 * name (snake_case), so an error reported from a decoded payload points at the JSON property to fix.
 */
public final class EventValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  EventValidationException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  /** The wire (snake_case) name of the offending field, e.g. {@code token_pair}. */
  public String field() {
    return field;
  }
}
