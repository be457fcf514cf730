package dev.tradingevents.publisher;

import java.util.List;

/**
 * What a flush or close waited for and what it did not see completed in time.
 *
 * @param awaited how many publishes were outstanding when the flush began
 * @param incompleteEventIds ids of the events still without an ack or failure when the time ran out; on
 *     {@link EventPublisher#close(java.time.Duration)} their futures were failed with reason {@code
 *     CLOSED}
 */
public record FlushReport(int awaited, List<String> incompleteEventIds) {
  public FlushReport {
    incompleteEventIds = List.copyOf(incompleteEventIds);
  }

  /** True when everything awaited completed (acked or failed) in time. */
  public boolean complete() {
    return incompleteEventIds.isEmpty();
  }
}
