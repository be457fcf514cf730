package dev.tradingevents.logger.logline;

import ch.qos.logback.classic.Level;
import dev.tradingevents.events.ConnectionEvent;
import dev.tradingevents.events.DriftEvent;
import dev.tradingevents.events.StallEvent;
import dev.tradingevents.events.SystemLifecycle;
import dev.tradingevents.events.TradingEvent;

/**
 * The level of an event's line: what an on-call engineer filtering for warnings and errors must see.
 *
 * <ul>
 *   <li>StallEvent: warn; error once stalled for five times its threshold;
 *   <li>DriftEvent: warn beyond its threshold, else info;
 *   <li>ConnectionEvent: warn when disconnected or reconnecting, error when failed;
 *   <li>SystemLifecycle: error when failed;
 *   <li>everything else: info.
 * </ul>
 */
public final class EventLevels {
  private EventLevels() {}

  /** The level of {@code event}'s line. */
  public static Level of(TradingEvent event) {
    if (event instanceof StallEvent stall) {
      return stall.thresholdMs() > 0 && stall.stalledMs() >= 5 * stall.thresholdMs() ? Level.ERROR : Level.WARN;
    }
    if (event instanceof DriftEvent drift) {
      return drift.exceedsThreshold() ? Level.WARN : Level.INFO;
    }
    if (event instanceof ConnectionEvent connection) {
      return switch (connection.state()) {
        case FAILED -> Level.ERROR;
        case DISCONNECTED, RECONNECTING -> Level.WARN;
        case CONNECTED, RECONNECTED -> Level.INFO;
      };
    }
    if (event instanceof SystemLifecycle lifecycle) {
      return lifecycle.phase() == SystemLifecycle.Phase.FAILED ? Level.ERROR : Level.INFO;
    }
    return Level.INFO;
  }
}
