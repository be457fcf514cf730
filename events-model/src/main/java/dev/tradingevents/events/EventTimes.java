package dev.tradingevents.events;

import java.time.Instant;

/**
 * Instants as fixed-width RFC 3339 UTC text with nine fraction digits, e.g. {@code
 * 2026-11-25T02:24:49.120000000Z}: the form of {@code occurred_at} in the payload and of the {@code
 * ce-time} header. Fixed width keeps nanoseconds visible and makes the text sort like the instants.
 *
 * <p>Written by hand because it runs for every published event: {@code DateTimeFormatter} allocates
 * about 900 bytes per call on JDK 17 (zone rules, a BigDecimal for the fraction); this allocates the
 * 30 characters.
 */
public final class EventTimes {
  /** Length of the text for years 0000 to 9999. */
  public static final int LENGTH = 30;

  private EventTimes() {}

  /** The instant as {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
  public static String format(Instant instant) {
    char[] text = new char[LENGTH];
    write(instant, text);
    return new String(text);
  }

  /**
   * Writes the text into {@code out[0..30)}.
   *
   * @throws IllegalArgumentException for years outside 0000 to 9999, which RFC 3339 cannot write
   */
  public static void write(Instant instant, char[] out) {
    long seconds = instant.getEpochSecond();
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    // civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted)
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("RFC 3339 cannot write the year " + year + " of " + instant);
    }
    digits(out, 0, (int) year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    out[19] = '.';
    digits(out, 20, instant.getNano(), 9);
    out[29] = 'Z';
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
