package dev.tradingevents.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Figures read from Linux's {@code /proc} files, where the benchmark measures what no Java API reports. */
final class ProcFiles {
  /** {@code /proc} counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second. */
  static final long NANOS_PER_TICK = 10_000_000L;

  private ProcFiles() {}

  /**
   * The sum of the {@code field: N kB} lines named, in kB, from a file such as {@code /proc/meminfo} or
   * {@code /proc/<pid>/status}; -1 when the file cannot be read or holds none of them.
   */
  static long kb(Path file, String... fields) {
    try {
      long kb = 0;
      boolean found = false;
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        for (String field : fields) {
          if (line.startsWith(field + ":")) {
            kb += Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            found = true;
          }
        }
      }
      return found ? kb : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The fields of a {@code stat} line after the command name, which is in parentheses and may hold spaces:
   * index 0 is field 3 of {@code proc(5)} (the state), so field {@code n} is at {@code n - 3}.
   *
   * @throws IllegalArgumentException when the line has no command name in parentheses
   */
  static String[] statFieldsAfterName(String stat) {
    return stat.substring(nameEnd(stat) + 2).split(" ");
  }

  /**
   * The command name of a {@code stat} line (a thread's name for {@code /proc/<pid>/task/<tid>/stat}).
   *
   * @throws IllegalArgumentException when the line has no command name in parentheses
   */
  static String statName(String stat) {
    return stat.substring(stat.indexOf('(') + 1, nameEnd(stat));
  }

  private static int nameEnd(String stat) {
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + stat);
    }
    return close;
  }
}
