package dev.tradingevents.logger.logline;

import dev.tradingevents.events.TradingEvent;

/**
 * The sentence of an event line ({@code msg}), passed to Logback as the one argument of the message
 * {@value #FORMAT}: an appender that wants the message text formats it ({@link #toString()}), the event
 * line encoder appends the sentence straight into the line instead ({@link EventLineJsonEncoder}).
 *
 * <p>Why: the consumer thread built a {@code String} per event that the line then copied again, and the
 * sentence's builder and string were a twentieth of what it allocated per event.
 */
record EventSentence(TradingEvent event) {
  /** The message of an event line: the sentence is its argument. */
  static final String FORMAT = "{}";

  @Override
  public String toString() {
    return EventSummaries.of(event);
  }
}
