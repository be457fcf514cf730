package dev.tradingevents.publisher;

import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsJetStreamConstants;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Makes the headers of each publish: a read-only {@link Headers} per event, built in a per-thread,
 * per-type scratch copy that already holds the headers every event of the type carries.
 *
 * <p>Why: jnats freezes the headers of every message it sends into a read-only copy (two {@code
 * HashMap}s), unless they are read-only already. Copying a per-type template and then letting jnats
 * copy again cost about 1.4 KB per event. Here only the per-event values are written (each {@code put}
 * replaces the value list, so earlier read-only copies keep theirs), and the one read-only copy is the
 * one jnats would have made anyway; a retry sends that same copy.
 *
 * <p>Thread-safe: each thread writes only its own scratch copies. A thread keeps one per event type
 * it published, for as long as the thread and this object live.
 */
final class PublishHeaders {
  private final String sourceOverride;
  private final String expectedStream;
  private final ThreadLocal<Scratch[]> scratch;

  PublishHeaders(String sourceOverride, String expectedStream) {
    this.sourceOverride = sourceOverride;
    this.expectedStream = expectedStream;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch[EventType.values().length]);
  }

  /**
   * This thread's scratch headers for the event's type, holding the event's identity headers. Write
   * the trace context through {@link Scratch#SETTER}, then take the message's headers with {@link
   * Scratch#seal()}, or give them up with {@link Scratch#release()} when the publish fails before.
   */
  Scratch begin(TradingEvent event, EventType type) {
    Scratch[] byType = scratch.get();
    Scratch current = byType[type.ordinal()];
    if (current == null) {
      current = new Scratch(type, sourceOverride, expectedStream);
      byType[type.ordinal()] = current;
    } else if (current.inUse) {
      // a publish from within this thread's own publish (say, a span processor publishing): its own copy
      current = new Scratch(type, sourceOverride, expectedStream);
    }
    current.begin(event, sourceOverride == null);
    return current;
  }

  /** One thread's headers for one event type, rewritten for each event. Not thread-safe. */
  static final class Scratch {
    /** Writes trace context fields into the scratch headers and remembers which ones were written. */
    static final TextMapSetter<Scratch> SETTER = (carrier, key, value) -> {
      if (carrier != null && key != null && value != null) {
        carrier.propagate(key, value);
      }
    };

    private final Headers headers = new Headers();
    private final OneValue value = new OneValue();
    private final char[] time = new char[EventTimes.LENGTH];
    /** Propagation fields that may be in {@link #headers}: written for this event or an earlier one. */
    private final List<String> propagated = new ArrayList<>(4);
    /** Propagation fields written for the current event. */
    private final List<String> written = new ArrayList<>(4);
    private String source;
    /** Between {@link #begin} and {@link #seal()} or {@link #release()}. */
    private boolean inUse;

    private Scratch(EventType type, String sourceOverride, String expectedStream) {
      put(EventHeaders.CE_SPECVERSION, EventHeaders.CE_SPECVERSION_VALUE);
      put(EventHeaders.CE_TYPE, type.wireName());
      put(EventHeaders.CE_DATASCHEMA, EventHeaders.dataSchema(type));
      put(EventHeaders.CONTENT_TYPE, EventHeaders.CONTENT_TYPE_JSON);
      put(EventHeaders.SCHEMA_VERSION, Integer.toString(type.schemaVersion()));
      if (sourceOverride != null) {
        put(EventHeaders.CE_SOURCE, sourceOverride);
      }
      if (expectedStream != null) {
        // the server refuses the message unless this stream would store it
        put(NatsJetStreamConstants.EXPECTED_STREAM_HDR, expectedStream);
      }
    }

    private void begin(TradingEvent event, boolean sourceFromEvent) {
      inUse = true;
      written.clear();
      String id = event.eventId();
      put(EventHeaders.NATS_MSG_ID, id);
      put(EventHeaders.CE_ID, id);
      EventTimes.write(event.occurredAt(), time);
      put(EventHeaders.CE_TIME, new String(time));
      // a service usually publishes under one name: keep the value when it is the same
      String eventSource = event.sourceService();
      if (sourceFromEvent && !eventSource.equals(source)) {
        put(EventHeaders.CE_SOURCE, eventSource);
        source = eventSource;
      }
    }

    private void propagate(String key, String text) {
      put(key, text);
      written.add(key);
      if (!propagated.contains(key)) {
        propagated.add(key);
      }
    }

    /**
     * The headers of the current event, read-only: jnats sends them without copying them again. A
     * propagation field an earlier event carried and this one did not is removed first.
     */
    Headers seal() {
      for (int i = propagated.size() - 1; i >= 0; i--) {
        String key = propagated.get(i);
        if (!written.contains(key)) {
          headers.remove(key);
          propagated.remove(i);
        }
      }
      Headers sealed = new Headers(headers, true);
      inUse = false;
      return sealed;
    }

    /** Ends a publish that failed before {@link #seal()}; the next one rewrites every per-event value. */
    void release() {
      inUse = false;
    }

    private void put(String key, String text) {
      // put(String, String...) would make a varargs array, a list and its iterator; jnats copies the
      // values into its own list, so one reused collection does
      headers.put(key, value.of(text));
    }
  }

  /**
   * A collection of one value that is its own iterator, for {@link Headers#put(String, Collection)},
   * which reads it once and keeps a copy. Reused for every put of one thread; not thread-safe.
   */
  private static final class OneValue extends AbstractCollection<String> implements Iterator<String> {
    private String value;
    private boolean read;

    OneValue of(String value) {
      this.value = value;
      return this;
    }

    @Override
    public Iterator<String> iterator() {
      read = false;
      return this;
    }

    @Override
    public int size() {
      return 1;
    }

    @Override
    public boolean hasNext() {
      return !read;
    }

    @Override
    public String next() {
      if (read) {
        throw new NoSuchElementException();
      }
      read = true;
      return value;
    }
  }
}
