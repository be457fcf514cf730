package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventHeadersTest {
  @Test
  void aSchemaVersionHeaderIsReadAsTheNumberAPublisherWrote() {
    assertThat(EventHeaders.schemaVersion(null)).isEqualTo(EventHeaders.NO_SCHEMA_VERSION);
    assertThat(EventHeaders.schemaVersion("1")).isEqualTo(1);
    assertThat(EventHeaders.schemaVersion("12")).isEqualTo(12);
    assertThat(EventHeaders.schemaVersion("999999999")).isEqualTo(999_999_999);
  }

  @Test
  void anythingElseIsUnreadableSoItMatchesNoVersion() {
    for (String header : List.of("", "0", "01", "+1", "-1", " 1", "1 ", "1.0", "x", "1000000000")) {
      assertThat(EventHeaders.schemaVersion(header)).as(header).isEqualTo(EventHeaders.UNREADABLE_SCHEMA_VERSION);
    }
  }

  @Test
  void aHeaderMatchesATypesVersionExactlyWhenItsTextIsThatVersionsText() {
    // the rule consumers kept before as a string comparison
    for (String header : Arrays.asList(null, "1", "2", "01", "1.0", "x")) {
      for (EventType type : EventType.values()) {
        int version = EventHeaders.schemaVersion(header);
        boolean accepted = version == EventHeaders.NO_SCHEMA_VERSION || version == type.schemaVersion();
        assertThat(accepted).as(header + " for " + type)
            .isEqualTo(header == null || header.equals(Integer.toString(type.schemaVersion())));
      }
    }
  }
}
