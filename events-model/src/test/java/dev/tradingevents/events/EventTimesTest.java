package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTimesTest {
  /** The JDK's formatter for the same text: the reference the hand-written one must match. */
  private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
      .appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);

  @Test
  void writesNineFractionDigitsInUtc() {
    assertThat(EventTimes.format(Instant.parse("2026-11-25T02:24:49.12Z"))).isEqualTo("2026-11-25T02:24:49.120000000Z");
    assertThat(EventTimes.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000000Z");
    assertThat(EventTimes.format(Instant.parse("1969-12-31T23:59:59.999999999Z"))).isEqualTo("1969-12-31T23:59:59.999999999Z");
  }

  @Test
  void matchesTheJdkFormatterAcrossTheCalendar() {
    Random random = new Random(11);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant instant = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)), random.nextInt(1_000_000_000));
      assertThat(EventTimes.format(instant)).as("%s", instant).isEqualTo(REFERENCE.format(instant));
    }
    for (String leap : new String[] {"2024-02-29T12:00:00Z", "2000-02-29T00:00:00Z", "2100-03-01T00:00:00Z", "1900-02-28T23:59:59Z"}) {
      Instant instant = Instant.parse(leap);
      assertThat(EventTimes.format(instant)).isEqualTo(REFERENCE.format(instant));
    }
  }

  @Test
  void readsBackWhatItWritesAndWhatTheJdkReads() {
    Random random = new Random(12);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant instant = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)), random.nextInt(1_000_000_000));
      assertThat(EventTimes.parse(EventTimes.format(instant))).isEqualTo(instant);
      String iso = instant.toString(); // variable fraction length
      if (!iso.startsWith("+") && !iso.startsWith("-")) {
        assertThat(EventTimes.parse(iso)).as(iso).isEqualTo(instant);
      }
    }
  }

  @Test
  void readsOtherOffsetsAndRefusesWhatIsNotATime() {
    assertThat(EventTimes.parse("2026-11-25T04:00:00.5+02:00")).isEqualTo(Instant.parse("2026-11-25T02:00:00.500Z"));
    assertThat(EventTimes.parse("2026-11-25T02:00:00Z")).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
    for (String bad : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-25T24:00:00Z",
        "2026-11-25 02:00:00Z", "25/11/2026", "2026-11-25T02:00:0xZ"}) {
      assertThatThrownBy(() -> EventTimes.parse(bad)).as(bad).isInstanceOf(java.time.format.DateTimeParseException.class);
    }
  }

  @Test
  void refusesYearsRfc3339CannotWrite() {
    assertThatThrownBy(() -> EventTimes.format(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("year 10000");
  }
}
