package dev.tradingevents.tracing;

import dev.tradingevents.tracing.internal.MessagingAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The producer span of one publish, started by {@link EventTracing#startPublish}.
 *
 * <p>End it exactly once, when the publish settles: {@link #end(String, long, boolean)} with the
 * JetStream ack, or {@link #fail(Throwable)}. Either may be called from any thread (typically the
 * thread completing the {@code publishAsync} future); the first call wins and later calls do nothing.
 *
 * <p>When tracing is disabled every publish gets the same shared, inert handle: its methods do
 * nothing and {@link #context()} is {@link Context#root()}.
 */
public final class PublishSpan {

  static final PublishSpan DISABLED = new PublishSpan(null, Context.root());

  private static final AtomicIntegerFieldUpdater<PublishSpan> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(PublishSpan.class, "ended");

  private final Span span;
  private final Context context;
  private volatile int ended;

  PublishSpan(Span span, Context context) {
    this.span = span;
    this.context = context;
  }

  /**
   * The parent context passed to {@code startPublish} with this span added: the context that was
   * written into the message headers. {@link Context#root()} when tracing is disabled.
   */
  public Context context() {
    return context;
  }

  /**
   * Ends the span for a successful publish, recording where JetStream stored the message.
   *
   * <p>Sets {@code messaging.nats.stream.name} (when {@code stream} is not {@code null}),
   * {@code messaging.nats.stream.sequence} (when {@code sequence > 0}) and, only on a duplicate,
   * {@code messaging.nats.ack.duplicate} = true: a flag that is nearly always false is left out, as
   * attributes are a publisher's largest per-span allocation (query {@code = true} to find duplicates).
   *
   * @param stream the stream named in the publish ack
   * @param sequence the stream sequence in the publish ack
   * @param duplicate whether the ack reported a duplicate (already stored under the same message id)
   */
  public void end(String stream, long sequence, boolean duplicate) {
    if (span == null || !markEnded()) {
      return;
    }
    if (stream != null) {
      span.setAttribute(MessagingAttributes.NATS_STREAM_NAME, stream);
    }
    if (sequence > 0) {
      span.setAttribute(MessagingAttributes.NATS_STREAM_SEQUENCE, sequence);
    }
    if (duplicate) {
      span.setAttribute(MessagingAttributes.NATS_ACK_DUPLICATE, true);
    }
    span.end();
  }

  /**
   * Ends the span for a failed publish: status ERROR, {@code error.type} set to the exception's class
   * name, and the exception recorded as an event. A {@code CompletionException} or
   * {@code ExecutionException} is unwrapped to its cause first.
   *
   * @param error why the publish failed; {@code null} records a failure of unknown type
   */
  public void fail(Throwable error) {
    if (span == null || !markEnded()) {
      return;
    }
    SpanOutcome.recordFailure(span, error);
    span.end();
  }

  private boolean markEnded() {
    return ENDED.compareAndSet(this, 0, 1);
  }
}
