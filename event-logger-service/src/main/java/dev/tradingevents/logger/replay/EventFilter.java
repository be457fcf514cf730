package dev.tradingevents.logger.replay;

import dev.tradingevents.events.EventType;
import java.util.List;
import java.util.Set;

/**
 * What to pick: each kind of criterion that is given must match (AND); within a kind, any value may
 * match (OR). Subjects and types are checked before a message is decoded; trace ids and sources on
 * headers, then on the decoded event.
 *
 * @param subjects NATS subject filters with wildcards ({@code *} one token, {@code >} the rest)
 * @param types event types
 * @param traceIds trace ids, 32 lower-case hex digits
 * @param sources {@code source_service} values
 */
record EventFilter(List<String> subjects, Set<EventType> types, Set<String> traceIds, Set<String> sources) {

  EventFilter {
    subjects = List.copyOf(subjects);
    types = Set.copyOf(types);
    traceIds = Set.copyOf(traceIds);
    sources = Set.copyOf(sources);
  }

  static EventFilter all() {
    return new EventFilter(List.of(), Set.of(), Set.of(), Set.of());
  }

  boolean isEmpty() {
    return subjects.isEmpty() && types.isEmpty() && traceIds.isEmpty() && sources.isEmpty();
  }

  /** Whether a subject passes the subject filters. */
  boolean subjectMatches(String subject) {
    if (subjects.isEmpty()) {
      return true;
    }
    for (String filter : subjects) {
      if (matches(filter, subject)) {
        return true;
      }
    }
    return false;
  }

  /** NATS subject matching: {@code *} matches one token, a final {@code >} one or more. */
  static boolean matches(String filter, String subject) {
    int f = 0;
    int s = 0;
    while (true) {
      int fEnd = tokenEnd(filter, f);
      int sEnd = tokenEnd(subject, s);
      int length = fEnd - f;
      if (length == 1 && filter.charAt(f) == '>') {
        return true; // the subject has a token here: we only move on while both have one
      }
      boolean wildcard = length == 1 && filter.charAt(f) == '*';
      if (!wildcard && (length != sEnd - s || !filter.regionMatches(f, subject, s, length))) {
        return false;
      }
      boolean filterEnds = fEnd == filter.length();
      boolean subjectEnds = sEnd == subject.length();
      if (filterEnds || subjectEnds) {
        return filterEnds && subjectEnds;
      }
      f = fEnd + 1;
      s = sEnd + 1;
    }
  }

  private static int tokenEnd(String text, int from) {
    int dot = text.indexOf('.', from);
    return dot < 0 ? text.length() : dot;
  }

  /** A subject filter as NATS accepts it: non-empty tokens, {@code *} alone in a token, {@code >} last. */
  static boolean validSubjectFilter(String filter) {
    if (filter.isEmpty() || filter.chars().anyMatch(c -> c <= ' ')) {
      return false;
    }
    String[] tokens = filter.split("\\.", -1);
    for (int i = 0; i < tokens.length; i++) {
      String token = tokens[i];
      if (token.isEmpty()) {
        return false;
      }
      if (token.contains(">") && (!token.equals(">") || i != tokens.length - 1)) {
        return false;
      }
      if (token.contains("*") && !token.equals("*")) {
        return false;
      }
    }
    return true;
  }
}
