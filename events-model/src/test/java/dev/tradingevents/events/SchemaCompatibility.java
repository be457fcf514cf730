package dev.tradingevents.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What in a new schema breaks readers or writers of the old one. A change breaks when a reader built
 * for one version can no longer read what a writer of the other writes: a field removed, retyped
 * (type, format, const, enum values, array items), made required or no longer required. Adding an
 * optional field breaks nothing: decoders ignore fields they do not know.
 */
final class SchemaCompatibility {
  private SchemaCompatibility() {}

  /** The breaking changes from {@code before} to {@code after}; empty when compatible. */
  static List<String> breakingChanges(JsonNode before, JsonNode after) {
    List<String> changes = new ArrayList<>();
    compareObjects("", before, after, changes);
    return changes;
  }

  private static void compareObjects(String path, JsonNode before, JsonNode after, List<String> changes) {
    JsonNode oldProperties = before.path("properties");
    JsonNode newProperties = after.path("properties");
    for (Iterator<String> names = oldProperties.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!newProperties.has(name)) {
        changes.add(path + name + ": removed");
      } else {
        compareValues(path + name, oldProperties.get(name), newProperties.get(name), changes);
      }
    }
    Set<String> oldRequired = names(before.path("required"));
    Set<String> newRequired = names(after.path("required"));
    for (String name : newRequired) {
      if (!oldRequired.contains(name)) {
        changes.add(path + name + ": became required (writers of the old version leave it out)");
      }
    }
    for (String name : oldRequired) {
      if (!newRequired.contains(name) && newProperties.has(name)) {
        changes.add(path + name + ": no longer required (readers of the old version need it)");
      }
    }
  }

  private static void compareValues(String path, JsonNode before, JsonNode after, List<String> changes) {
    for (String keyword : List.of("type", "format", "const")) {
      if (!Objects.equals(before.get(keyword), after.get(keyword))) {
        changes.add(path + ": " + keyword + " changed from " + before.get(keyword) + " to " + after.get(keyword));
      }
    }
    if (!Objects.equals(names(before.path("enum")), names(after.path("enum")))) {
      changes.add(path + ": enum values changed from " + before.get("enum") + " to " + after.get("enum"));
    }
    if (before.has("items") || after.has("items")) {
      compareValues(path + "[]", before.path("items"), after.path("items"), changes);
    }
    if (before.has("properties") || after.has("properties")) {
      compareObjects(path + ".", before, after, changes);
    }
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new HashSet<>();
    array.forEach(node -> names.add(node.asText()));
    return names;
  }
}
