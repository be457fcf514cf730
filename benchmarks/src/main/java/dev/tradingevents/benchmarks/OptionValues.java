package dev.tradingevents.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/** Parsing of the benchmarks' flag values, with errors that name the flag. */
final class OptionValues {
  private OptionValues() {}

  /** The distinct items of a comma-separated list, in order; at least one. */
  static <T> List<T> distinctList(String flag, String list, Function<String, T> parse) {
    LinkedHashSet<T> items = new LinkedHashSet<>();
    for (String label : list.split(",")) {
      if (!label.isBlank()) {
        items.add(parse.apply(label));
      }
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException(flag + " must name at least one variant");
    }
    return new ArrayList<>(items);
  }

  static int positive(String name, String value) {
    int parsed = integer(name, value);
    if (parsed < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
    return parsed;
  }

  static int notNegative(String name, String value) {
    int parsed = integer(name, value);
    if (parsed < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return parsed;
  }

  static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
    }
  }
}
