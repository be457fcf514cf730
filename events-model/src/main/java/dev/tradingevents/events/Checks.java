package dev.tradingevents.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Field checks shared by the event records; each failure names the field by its wire name. */
final class Checks {

  static final int MAX_NAME_LENGTH = 256;
  static final int MAX_TEXT_LENGTH = 4096;

  private Checks() {}

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new EventValidationException(field, "is required");
    }
    return value;
  }

  static String id(String field, String value) {
    present(field, value);
    if (!isId(value)) {
      throw new EventValidationException(
          field, "must be 1 to 128 printable ASCII characters without spaces, was '" + excerpt(value) + "'");
    }
    return value;
  }

  /** A short human name (service, DEX, stage): not blank, bounded, no line breaks or control characters. */
  static String name(String field, String value) {
    if (isName(value)) {
      return value;
    }
    present(field, value);
    if (value.isBlank()) {
      throw new EventValidationException(field, "must not be blank");
    }
    if (value.length() > MAX_NAME_LENGTH) {
      throw new EventValidationException(field, "must be at most " + MAX_NAME_LENGTH + " characters");
    }
    throw new EventValidationException(field, "must not contain control characters");
  }

  /** Whether {@link #name} accepts {@code value}: the check alone, so a valid name costs no message. */
  static boolean isName(String value) {
    if (value == null || value.length() > MAX_NAME_LENGTH || value.isBlank()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Each entry of {@code values} as {@link #name}. The entry's field ({@code hops[2]}) is spelled out only
   * for the one that fails: every decoded and every constructed event runs this.
   */
  static void names(String field, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (!isName(values.get(i))) {
        name(entry(field, i), values.get(i));
      }
    }
  }

  /** Free text (a reason): optional, bounded; control characters are allowed and escaped by JSON. */
  static String optionalText(String field, String value) {
    if (value != null && value.length() > MAX_TEXT_LENGTH) {
      throw new EventValidationException(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
    }
    return value;
  }

  static String tokenPair(String field, String value) {
    name(field, value);
    if (!isTokenPair(value)) {
      throw new EventValidationException(
          field, "must look like BASE/QUOTE (e.g. SOL/USDC), was '" + excerpt(value) + "'");
    }
    return value;
  }

  private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** Ids travel as the {@code Nats-Msg-Id} header: 1 to 128 printable ASCII characters, no spaces ({@code [!-~]{1,128}}). */
  static boolean isId(String value) {
    if (value.isEmpty() || value.length() > 128) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '!' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code BASE/QUOTE}, e.g. {@code SOL/USDC}, what the dashboard groups by: one slash and 1 to 64
   * non-space characters on each side ({@code [^/\s]{1,64}/[^/\s]{1,64}}), checked without a regex
   * because every decoded event runs it.
   */
  static boolean isTokenPair(String value) {
    int slash = value.indexOf('/');
    if (slash < 1 || slash > 64 || value.length() - slash - 1 < 1 || value.length() - slash - 1 > 64
        || value.indexOf('/', slash + 1) >= 0) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isWhitespace(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static Instant time(String field, Instant value) {
    present(field, value);
    if (value.isBefore(FIRST) || value.isAfter(LAST)) {
      throw new EventValidationException(field, "must be within the years 0000 to 9999 (RFC 3339), was " + value);
    }
    return value;
  }

  static BigDecimal positive(String field, BigDecimal value) {
    present(field, value);
    if (value.signum() <= 0) {
      throw new EventValidationException(field, "must be greater than 0, was " + value.toPlainString());
    }
    return value;
  }

  static BigDecimal notNegative(String field, BigDecimal value) {
    present(field, value);
    if (value.signum() < 0) {
      throw new EventValidationException(field, "must not be negative, was " + value.toPlainString());
    }
    return value;
  }

  static BigDecimal optionalNotNegative(String field, BigDecimal value) {
    return value == null ? null : notNegative(field, value);
  }

  static long notNegative(String field, long value) {
    if (value < 0) {
      throw new EventValidationException(field, "must not be negative, was " + value);
    }
    return value;
  }

  static long positive(String field, long value) {
    if (value <= 0) {
      throw new EventValidationException(field, "must be greater than 0, was " + value);
    }
    return value;
  }

  static <T> List<T> list(String field, List<T> value, int minSize, int maxSize) {
    present(field, value);
    if (value.size() < minSize || value.size() > maxSize) {
      throw new EventValidationException(
          field, "must hold " + minSize + " to " + maxSize + " entries, held " + value.size());
    }
    for (int i = 0; i < value.size(); i++) {
      if (value.get(i) == null) {
        throw new EventValidationException(entry(field, i), "is required");
      }
    }
    return List.copyOf(value);
  }

  private static String entry(String field, int index) {
    return field + "[" + index + "]";
  }

  static String excerpt(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }
}
