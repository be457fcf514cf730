package dev.tradingevents.logger.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the time flags: durations ({@code 15m}, {@code 1h30m}, {@code PT15M}) and RFC 3339 times. */
final class TimeArguments {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");

  private TimeArguments() {}

  /**
   * A positive duration: units {@code ms s m h d} concatenated ({@code 90s}, {@code 15m}, {@code 1h30m},
   * {@code 2d}) or ISO-8601 ({@code PT15M}).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Duration duration(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Duration duration;
    if (trimmed.startsWith("p")) {
      try {
        duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90s, 15m, 1h30m, 2d, PT15M)");
      }
    } else {
      if (!WHOLE.matcher(trimmed).matches()) {
        throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90s, 15m, 1h30m, 2d, PT15M)");
      }
      duration = Duration.ZERO;
      Matcher part = PART.matcher(trimmed);
      while (part.find()) {
        long amount;
        try {
          amount = Long.parseLong(part.group(1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        duration = duration.plus(switch (part.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        });
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("'" + text + "' must be a positive duration");
    }
    return duration;
  }

  /**
   * An RFC 3339 time with an offset: {@code 2025-01-31T14:05:00Z}, {@code 2025-01-31T15:05:00.250+01:00}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static Instant instant(String text) {
    try {
      // RFC 3339 allows lower-case t and z and a space between date and time
      String normalised = text.trim().toUpperCase(Locale.ROOT);
      if (normalised.length() > 10 && normalised.charAt(10) == ' ') {
        normalised = normalised.substring(0, 10) + "T" + normalised.substring(11);
      }
      return OffsetDateTime.parse(normalised).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not an RFC 3339 time with an offset"
          + " (e.g. 2025-01-31T14:05:00Z or 2025-01-31T15:05:00+01:00)");
    }
  }
}
