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

  /**
   * Reads an RFC 3339 time: the UTC form {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (what this class writes) by
   * hand, any other offset or form through {@link java.time.OffsetDateTime}, which costs ~40% of a
   * decode on the logger's hot path.
   *
   * @throws java.time.format.DateTimeParseException when it is not an RFC 3339 time
   */
  public static Instant parse(String text) {
    Instant fast = parseUtc(text);
    return fast != null
        ? fast
        : java.time.OffsetDateTime.parse(text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /** The UTC fast path, or null when the text is not in that exact form (the slow path decides then). */
  private static Instant parseUtc(String s) {
    int length = s.length();
    if (length < 20 || length > 30 || s.charAt(length - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 2);
    int day = number(s, 8, 2);
    int hour = number(s, 11, 2);
    int minute = number(s, 14, 2);
    int second = number(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > daysInMonth(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (length > 20) {
      if (s.charAt(19) != '.' || length == 21) {
        return null;
      }
      int digits = length - 21;
      int fraction = number(s, 20, digits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = digits; i < 9; i++) {
        nanos *= 10;
      }
    }
    // days from civil (H. Hinnant)
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    long days = era * 146_097 + dayOfEra - 719_468;
    return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The digits at {@code [at, at + width)} as a number, or -1 if one is not a digit. */
  private static int number(String s, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
