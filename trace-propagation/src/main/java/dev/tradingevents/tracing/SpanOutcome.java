package dev.tradingevents.tracing;

import dev.tradingevents.tracing.internal.MessagingAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a failed span is recorded; shared by both handles. */
final class SpanOutcome {

  private SpanOutcome() {}

  /**
   * Marks {@code span} as failed: status ERROR, {@code error.type}, and an exception event. Wrappers
   * added by futures ({@link CompletionException}, {@link ExecutionException}) are looked through, so
   * the span names the real cause.
   */
  static void recordFailure(Span span, Throwable error) {
    Throwable cause = unwrap(error);
    if (cause == null) {
      span.setAttribute(MessagingAttributes.ERROR_TYPE, MessagingAttributes.ERROR_TYPE_OTHER);
      span.setStatus(StatusCode.ERROR);
      return;
    }
    span.setAttribute(MessagingAttributes.ERROR_TYPE, cause.getClass().getName());
    span.recordException(cause);
    String message = cause.getMessage();
    if (message == null) {
      span.setStatus(StatusCode.ERROR);
    } else {
      span.setStatus(StatusCode.ERROR, message);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
