package dev.tradingevents.logger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Subject matching as nats-server does it, and the time flags' parsing. */
class EventFilterTest {
  @Test
  void matchesSubjectsLikeTheServer() {
    assertThat(EventFilter.matches("events.>", "events.market.PriceUpdate")).isTrue();
    assertThat(EventFilter.matches("events.>", "events")).isFalse();
    assertThat(EventFilter.matches("events.*.StallEvent", "events.system.StallEvent")).isTrue();
    assertThat(EventFilter.matches("events.*.StallEvent", "events.system.DriftEvent")).isFalse();
    assertThat(EventFilter.matches("events.market.*", "events.market.PriceUpdate")).isTrue();
    assertThat(EventFilter.matches("events.market.*", "events.market.PriceUpdate.x")).isFalse();
    assertThat(EventFilter.matches("events.market", "events.marketing")).isFalse();
    assertThat(EventFilter.matches("events.market.PriceUpdate", "events.market.PriceUpdate")).isTrue();
    assertThat(EventFilter.matches("*", "events")).isTrue();
  }

  @Test
  void refusesSubjectFiltersTheServerWouldRefuse() {
    assertThat(EventFilter.validSubjectFilter("events.*.StallEvent")).isTrue();
    assertThat(EventFilter.validSubjectFilter("events.>.x")).isFalse();
    assertThat(EventFilter.validSubjectFilter("events..x")).isFalse();
    assertThat(EventFilter.validSubjectFilter("ev*nts")).isFalse();
    assertThat(EventFilter.validSubjectFilter("a b")).isFalse();
  }

  @Test
  void readsDurationsInShortAndIsoForm() {
    assertThat(TimeArguments.duration("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(TimeArguments.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TimeArguments.duration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(TimeArguments.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(TimeArguments.duration("PT15M")).isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> TimeArguments.duration("15")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> TimeArguments.duration("0s")).hasMessageContaining("positive");
  }

  @Test
  void readsRfc3339TimesWithTheirOffset() {
    assertThat(TimeArguments.instant("2025-01-31T15:05:00.25+01:00")).isEqualTo(Instant.parse("2025-01-31T14:05:00.25Z"));
    assertThat(TimeArguments.instant("2025-01-31 14:05:00z")).isEqualTo(Instant.parse("2025-01-31T14:05:00Z"));
    assertThatThrownBy(() -> TimeArguments.instant("2025-01-31T14:05:00")).hasMessageContaining("RFC 3339");
  }
}
