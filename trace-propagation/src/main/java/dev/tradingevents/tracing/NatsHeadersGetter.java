package dev.tradingevents.tracing;

import io.nats.client.impl.Headers;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;

/**
 * Reads propagation fields from NATS message headers.
 *
 * <p>Null-safe: a {@code null} carrier has no keys and no values. When a header has several values the
 * first one is returned. Keys are matched exactly, as NATS header names are case-sensitive and the W3C
 * propagators use lower-case names.
 */
public enum NatsHeadersGetter implements TextMapGetter<Headers> {
  /** The only instance; stateless and thread-safe. */
  INSTANCE;

  @Override
  public Iterable<String> keys(Headers carrier) {
    return carrier == null ? Collections.emptySet() : carrier.keySet();
  }

  @Override
  public String get(Headers carrier, String key) {
    if (carrier == null || key == null) {
      return null;
    }
    return carrier.getFirst(key);
  }
}
