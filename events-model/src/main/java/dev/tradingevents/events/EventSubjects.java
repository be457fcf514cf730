package dev.tradingevents.events;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Subject naming: {@code <prefix>.<category>.<EventType>}, e.g. {@code events.market.PriceUpdate}, so
 * consumers filter with wildcards ({@code events.market.>}, {@code events.*.StallEvent}). The prefix is
 * {@code events} unless a deployment shares a NATS account and needs its own.
 */
public final class EventSubjects {
  /** The prefix of the default naming. */
  public static final String DEFAULT_PREFIX = "events";

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final EventSubjects DEFAULT = new EventSubjects(DEFAULT_PREFIX);

  private final String prefix;
  private final Map<EventType, String> subjects = new EnumMap<>(EventType.class);

  private EventSubjects(String prefix) {
    this.prefix = prefix;
    for (EventType type : EventType.values()) {
      subjects.put(type, prefix + "." + type.category().token() + "." + type.wireName());
    }
  }

  /** The default naming, under {@code events}. */
  public static EventSubjects defaults() {
    return DEFAULT;
  }

  /**
   * Naming under another prefix of one or more dot-separated tokens (letters, digits, {@code _}, {@code
   * -}), e.g. {@code desk1.events}.
   */
  public static EventSubjects withPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "subject prefix must be dot-separated tokens of letters, digits, '_' or '-' (no wildcards), was '"
              + prefix
              + "'");
    }
    return prefix.equals(DEFAULT_PREFIX) ? DEFAULT : new EventSubjects(prefix);
  }

  public String prefix() {
    return prefix;
  }

  /** The subject events of this type are published to. */
  public String subjectFor(EventType type) {
    return subjects.get(type);
  }

  /** The subject this event is published to. */
  public String subjectFor(TradingEvent event) {
    return subjects.get(event.eventType());
  }

  /** The wildcard covering every event: {@code events.>}. */
  public String allEvents() {
    return prefix + ".>";
  }

  /** The wildcard covering one category: {@code events.market.>}. */
  public String allOf(EventCategory category) {
    return prefix + "." + category.token() + ".>";
  }

  /** The event type a subject of this naming carries, if it is one. */
  public Optional<EventType> typeOf(String subject) {
    if (subject == null || !subject.startsWith(prefix + ".")) {
      return Optional.empty();
    }
    int lastDot = subject.lastIndexOf('.');
    return EventType.fromWireName(subject.substring(lastDot + 1))
        .filter(type -> subjects.get(type).equals(subject));
  }
}
