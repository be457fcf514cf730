package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Trading volume of a pair on a venue jumped above its baseline.
 *
 * @param tokenPair the pair
 * @param dex the venue
 * @param windowSeconds the window the volume was summed over
 * @param volumeUsd the volume in the window
 * @param baselineVolumeUsd the usual volume for a window of that length
 * @param spikeRatio {@code volume / baseline}
 */
public record VolumeSpike(
    String eventId,
    Instant occurredAt,
    String sourceService,
    String tokenPair,
    String dex,
    long windowSeconds,
    BigDecimal volumeUsd,
    BigDecimal baselineVolumeUsd,
    BigDecimal spikeRatio)
    implements TradingEvent {
  public VolumeSpike {
    Checks.id("event_id", eventId);
    Checks.time("occurred_at", occurredAt);
    Checks.name("source_service", sourceService);
    Checks.tokenPair("token_pair", tokenPair);
    Checks.name("dex", dex);
    Checks.positive("window_seconds", windowSeconds);
    Checks.notNegative("volume_usd", volumeUsd);
    Checks.notNegative("baseline_volume_usd", baselineVolumeUsd);
    Checks.notNegative("spike_ratio", spikeRatio);
  }
}
