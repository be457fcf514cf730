package dev.tradingevents.logger.replay;

import dev.tradingevents.events.TradingEvent;

/**
 * A stored message decoded and picked for the output.
 *
 * @param stored the message, with what the reader thread read of it
 * @param event its decoded event
 */
record ReplayedEvent(StoredMessage stored, TradingEvent event) {}
