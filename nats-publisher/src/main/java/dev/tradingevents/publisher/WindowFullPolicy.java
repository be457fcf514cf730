package dev.tradingevents.publisher;

/**
 * What {@link EventPublisher#publish} does when the in-flight window is full, which happens when the
 * server acknowledges slower than the service publishes, or not at all (server down). Nothing is ever
 * queued beyond the window.
 */
public enum WindowFullPolicy {
  /**
   * Fail the publish at once: the returned future is already completed with a {@link
   * PublishFailedException} of reason {@link PublishFailedException.Reason#WINDOW_FULL}. The default: the
   * trading thread never waits for observability.
   */
  FAIL_FAST,
  /**
   * Block the calling thread until a slot frees or the builder's {@code blockTimeout} passes, then fail as
   * {@link #FAIL_FAST} does. For producers that prefer back-pressure to losing events.
   */
  BLOCK
}
