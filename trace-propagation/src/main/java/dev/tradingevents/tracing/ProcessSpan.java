package dev.tradingevents.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The consumer span of processing one received message, started by {@link EventTracing#startProcess}.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * ProcessSpan span = tracing.startProcess(msg);
 * try (Scope ignored = span.makeCurrent()) {
 *   handle(msg);
 *   span.end();
 * } catch (Exception e) {
 *   span.fail(e);
 *   throw e;
 * }
 * }</pre>
 *
 * <p>End it exactly once with {@link #end()} or {@link #fail(Throwable)}; the first call wins and later
 * calls do nothing. When tracing is disabled every message gets the same shared, inert handle:
 * {@link #makeCurrent()} returns a no-op scope, the ids are the invalid all-zero ids and
 * {@link #hasRemoteParent()} is {@code false}.
 */
public final class ProcessSpan {

  static final ProcessSpan DISABLED = new ProcessSpan(null, Context.root(), false);

  private static final AtomicIntegerFieldUpdater<ProcessSpan> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(ProcessSpan.class, "ended");

  private final Span span;
  private final Context context;
  private final boolean remoteParent;
  private volatile int ended;

  ProcessSpan(Span span, Context context, boolean remoteParent) {
    this.span = span;
    this.context = context;
    this.remoteParent = remoteParent;
  }

  /**
   * Makes this span's context (with the baggage extracted from the message) current on this thread,
   * so logs and child spans see it. Close the returned scope on the same thread.
   */
  public Scope makeCurrent() {
    return span == null ? Scope.noop() : context.makeCurrent();
  }

  /** The extracted producer context with this span added; {@link Context#root()} when disabled. */
  public Context context() {
    return context;
  }

  /**
   * Whether the message carried a valid producer context. {@code false} means the headers had no or
   * an invalid {@code traceparent} (the span is then the root of a new trace), or tracing is disabled
   * (see {@link EventTracing#isEnabled()}).
   */
  public boolean hasRemoteParent() {
    return remoteParent;
  }

  /**
   * The trace id, 32 lower-case hex characters: the producer's trace id when {@link
   * #hasRemoteParent()}; {@code 00000000000000000000000000000000} when tracing is disabled.
   */
  public String traceId() {
    return span == null ? TraceId.getInvalid() : span.getSpanContext().getTraceId();
  }

  /**
   * This span's id, 16 lower-case hex characters; {@code 0000000000000000} when tracing is disabled.
   */
  public String spanId() {
    return span == null ? SpanId.getInvalid() : span.getSpanContext().getSpanId();
  }

  /** Ends the span: the message was processed. */
  public void end() {
    if (span == null || !markEnded()) {
      return;
    }
    span.end();
  }

  /**
   * Ends the span for a failed processing: status ERROR, {@code error.type} set to the exception's
   * class name, and the exception recorded as an event.
   *
   * @param error why processing failed; {@code null} records a failure of unknown type
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
