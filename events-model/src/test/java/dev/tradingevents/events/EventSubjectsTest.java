package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventSubjectsTest {
  private final EventSubjects subjects = EventSubjects.defaults();

  @Test
  void namesASubjectByCategoryAndType() {
    assertThat(subjects.subjectFor(EventType.PRICE_UPDATE)).isEqualTo("events.market.PriceUpdate");
    assertThat(subjects.subjectFor(EventType.ARBITRAGE_OPPORTUNITY)).isEqualTo("events.arbitrage.ArbitrageOpportunity");
    assertThat(subjects.subjectFor(EventType.STALL_EVENT)).isEqualTo("events.system.StallEvent");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everySubjectIsCoveredByTheWildcardsAndMapsBackToItsType(EventType type) {
    String subject = subjects.subjectFor(type);

    assertThat(subject).startsWith("events." + type.category().token() + ".");
    assertThat(subjects.allOf(type.category())).isEqualTo("events." + type.category().token() + ".>");
    assertThat(subjects.typeOf(subject)).contains(type);
  }

  @Test
  void subjectsOutsideTheNamingHaveNoType() {
    assertThat(subjects.typeOf("events.system.PriceUpdate")).isEmpty();
    assertThat(subjects.typeOf("other.market.PriceUpdate")).isEmpty();
    assertThat(subjects.typeOf(null)).isEmpty();
  }

  @Test
  void anotherPrefixMovesEverySubject() {
    EventSubjects desk = EventSubjects.withPrefix("desk1.events");

    assertThat(desk.subjectFor(EventType.PRICE_UPDATE)).isEqualTo("desk1.events.market.PriceUpdate");
    assertThat(desk.allEvents()).isEqualTo("desk1.events.>");
  }

  @Test
  void aPrefixCannotHoldWildcardsOrSpaces() {
    assertThatThrownBy(() -> EventSubjects.withPrefix("events.>")).hasMessageContaining("no wildcards");
    assertThatThrownBy(() -> EventSubjects.withPrefix("my events")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EventSubjects.withPrefix("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSchemaHeaderNamesTypeAndVersion() {
    assertThat(EventHeaders.dataSchema(EventType.PRICE_UPDATE)).isEqualTo("urn:trading-events:schema:PriceUpdate:1");
  }
}
