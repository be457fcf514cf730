package dev.tradingevents.benchmarks;

import dev.tradingevents.events.TradingEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;

/**
 * A copy of an event of {@link EventMix} with a new id and {@code occurred_at}: the end-to-end phases
 * prepare their events before the clock and stamp each one when it is published, so that the logger's
 * {@code latency_ms} (line time minus {@code occurred_at}) measures publish to log line.
 *
 * <p>Every event type is a record whose components include {@code eventId} and {@code occurredAt}; the copy
 * goes through the canonical constructor, so the type's own checks still apply.
 */
final class EventStamps {
  private static final ClassValue<Copier> COPIERS = new ClassValue<>() {
    @Override
    protected Copier computeValue(Class<?> type) {
      return new Copier(type);
    }
  };

  private EventStamps() {}

  /** {@code event} with {@code eventId} and {@code occurredAt} replaced, every other field the same. */
  static TradingEvent restamp(TradingEvent event, String eventId, Instant occurredAt) {
    return COPIERS.get(event.getClass()).copy(event, eventId, occurredAt);
  }

  private static final class Copier {
    private final Method[] accessors;
    private final String[] names;
    private final Constructor<?> canonical;

    Copier(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      if (components == null) {
        throw new IllegalArgumentException(type + " is not a record");
      }
      accessors = new Method[components.length];
      names = new String[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        names[i] = components[i].getName();
        types[i] = components[i].getType();
      }
      try {
        canonical = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no canonical constructor in " + type, e);
      }
    }

    TradingEvent copy(TradingEvent event, String eventId, Instant occurredAt) {
      try {
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
          values[i] = switch (names[i]) {
            case "eventId" -> eventId;
            case "occurredAt" -> occurredAt;
            default -> accessors[i].invoke(event);
          };
        }
        return (TradingEvent) canonical.newInstance(values);
      } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot copy a " + event.getClass().getSimpleName(), e);
      }
    }
  }
}
