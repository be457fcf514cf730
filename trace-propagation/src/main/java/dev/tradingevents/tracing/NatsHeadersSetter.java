package dev.tradingevents.tracing;

import io.nats.client.impl.Headers;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Writes propagation fields ({@code traceparent}, {@code tracestate}, {@code baggage}, or whatever the
 * configured propagators emit) into NATS message headers.
 *
 * <p>Each field <em>replaces</em> any earlier value of the same key ({@link Headers#put}), so headers
 * reused for a retried publish carry exactly one {@code traceparent}. Read-only headers and a {@code
 * null} carrier are left untouched instead of failing: propagation must never break a publish.
 *
 * <p>In jnats 2.26 the headers a publisher builds and the headers of received messages are writable;
 * read-only ones are, for example, those of a stored message read back with {@code
 * JetStreamManagement.getMessage}, or headers a caller wrapped with {@code new Headers(h, true)}.
 */
public enum NatsHeadersSetter implements TextMapSetter<Headers> {
  /** The only instance; stateless and thread-safe. */
  INSTANCE;

  @Override
  public void set(Headers carrier, String key, String value) {
    if (carrier == null || carrier.isReadOnly() || key == null || value == null) {
      return;
    }
    carrier.put(key, value);
  }
}
