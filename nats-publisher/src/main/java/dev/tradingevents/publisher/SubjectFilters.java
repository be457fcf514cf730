package dev.tradingevents.publisher;

import java.util.Collection;

/** NATS subject matching: {@code *} matches one token, a trailing {@code >} one or more. */
final class SubjectFilters {
  private SubjectFilters() {}

  static boolean anyCovers(Collection<String> filters, String subject) {
    for (String filter : filters) {
      if (covers(filter, subject)) {
        return true;
      }
    }
    return false;
  }

  static boolean covers(String filter, String subject) {
    String[] f = filter.split("\\.", -1);
    String[] s = subject.split("\\.", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals(">")) {
        return s.length > i;
      }
      if (i >= s.length || !(f[i].equals("*") || f[i].equals(s[i]))) {
        return false;
      }
    }
    return f.length == s.length;
  }
}
