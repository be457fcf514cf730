package dev.tradingevents.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectFiltersTest {
  @Test
  void aTrailingGreaterThanMatchesOneOrMoreTokens() {
    assertThat(SubjectFilters.covers("events.>", "events.market.PriceUpdate")).isTrue();
    assertThat(SubjectFilters.covers("events.>", "events")).isFalse();
    assertThat(SubjectFilters.covers("events.market.>", "events.system.StallEvent")).isFalse();
  }

  @Test
  void aStarMatchesExactlyOneToken() {
    assertThat(SubjectFilters.covers("events.*.PriceUpdate", "events.market.PriceUpdate")).isTrue();
    assertThat(SubjectFilters.covers("events.*", "events.market.PriceUpdate")).isFalse();
  }

  @Test
  void literalsMatchOnlyThemselves() {
    assertThat(SubjectFilters.covers("events.market.PriceUpdate", "events.market.PriceUpdate")).isTrue();
    assertThat(SubjectFilters.covers("events.market.PriceUpdate", "events.market.PriceUpdateX")).isFalse();
  }
}
