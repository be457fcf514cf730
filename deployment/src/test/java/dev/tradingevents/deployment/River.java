package dev.tradingevents.deployment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parser for the Alloy configuration syntax (River): blocks {@code name.path "label" { ... }},
 * attributes {@code name = value}, and values (strings, numbers, booleans, null, lists, objects and
 * references such as {@code loki.process.events.receiver}). Comments {@code //} and {@code /* *}{@code /}.
 * Function calls are not supported (the config uses none); anything unknown fails with its position.
 */
final class River {
  /** A reference to another component's export, e.g. {@code discovery.docker.containers.targets}. */
  record Reference(String path) {}

  /** A block: its dotted name, optional label, attributes and nested blocks in order. */
  record Block(String name, String label, Map<String, Object> attributes, List<Block> blocks) {
    /** The component id other blocks refer to: {@code name.label}. */
    String id() {
      return label == null ? name : name + "." + label;
    }

    List<Block> blocks(String blockName) {
      return blocks.stream().filter(block -> block.name.equals(blockName)).toList();
    }

    Optional<Block> block(String blockName) {
      return blocks(blockName).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String attribute) {
      Object value = attributes.get(attribute);
      return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String attribute) {
      Object value = attributes.get(attribute);
      return value == null ? List.of() : (List<Object>) value;
    }

    String string(String attribute) {
      return (String) attributes.get(attribute);
    }
  }

  private final String text;
  private int position;

  private River(String text) {
    this.text = text;
  }

  /** The top-level blocks of a config. */
  static List<Block> parse(String text) {
    River river = new River(text);
    Block root = river.body("<root>", null, true);
    if (!root.attributes.isEmpty()) {
      throw new IllegalArgumentException("attributes at the top level: " + root.attributes.keySet());
    }
    return root.blocks;
  }

  private Block body(String name, String label, boolean topLevel) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    List<Block> blocks = new ArrayList<>();
    while (true) {
      skipSpace();
      if (position >= text.length()) {
        if (!topLevel) {
          throw error("unclosed block " + name);
        }
        break;
      }
      if (text.charAt(position) == '}') {
        if (topLevel) {
          throw error("unexpected }");
        }
        position++;
        break;
      }
      String identifier = dottedIdentifier();
      skipSpace();
      char next = peek();
      if (next == '=' ) {
        position++;
        if (identifier.contains(".")) {
          throw error("attribute names have no dots: " + identifier);
        }
        if (attributes.put(identifier, value()) != null) {
          throw error("attribute " + identifier + " set twice in " + name);
        }
      } else if (next == '"' || next == '{') {
        String blockLabel = next == '"' ? string() : null;
        skipSpace();
        expect('{');
        blocks.add(body(identifier, blockLabel, false));
      } else {
        throw error("expected = or a block after " + identifier);
      }
    }
    return new Block(name, label, attributes, blocks);
  }

  private Object value() {
    skipSpace();
    char next = peek();
    if (next == '"') {
      return string();
    }
    if (next == '[') {
      position++;
      List<Object> list = new ArrayList<>();
      while (true) {
        skipSpace();
        if (peek() == ']') {
          position++;
          return list;
        }
        list.add(value());
        skipSpace();
        if (peek() == ',') {
          position++;
        } else if (peek() != ']') {
          throw error("expected , or ] in a list");
        }
      }
    }
    if (next == '{') {
      position++;
      Map<String, Object> object = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (peek() == '}') {
          position++;
          return object;
        }
        String key = peek() == '"' ? string() : dottedIdentifier();
        skipSpace();
        if (peek() != '=' && peek() != ':') {
          throw error("expected = in an object");
        }
        position++;
        if (object.put(key, value()) != null) {
          throw error("key " + key + " twice in an object");
        }
        skipSpace();
        if (peek() == ',') {
          position++;
        } else if (peek() != '}') {
          throw error("expected , or } in an object");
        }
      }
    }
    if (next == '-' || Character.isDigit(next)) {
      int start = position++;
      while (position < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
        position++;
      }
      return new BigDecimal(text.substring(start, position));
    }
    String identifier = dottedIdentifier();
    skipSpace();
    if (position < text.length() && peek() == '(') {
      throw error("function calls are not supported: " + identifier);
    }
    return switch (identifier) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "null" -> null;
      default -> new Reference(identifier);
    };
  }

  private String string() {
    expect('"');
    StringBuilder value = new StringBuilder();
    while (true) {
      if (position >= text.length()) {
        throw error("unclosed string");
      }
      char c = text.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\n') {
        throw error("newline in a string");
      }
      if (c == '\\') {
        char escaped = text.charAt(position++);
        switch (escaped) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          case '"', '\\' -> value.append(escaped);
          default -> throw error("unknown escape \\" + escaped);
        }
      } else {
        value.append(c);
      }
    }
  }

  private String dottedIdentifier() {
    int start = position;
    while (position < text.length()
        && (Character.isLetterOrDigit(peek()) || peek() == '_' || (peek() == '.' && position > start))) {
      position++;
    }
    if (start == position || Character.isDigit(text.charAt(start))) {
      throw error("expected an identifier");
    }
    return text.substring(start, position);
  }

  private void skipSpace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (Character.isWhitespace(c)) {
        position++;
      } else if (text.startsWith("//", position)) {
        while (position < text.length() && text.charAt(position) != '\n') {
          position++;
        }
      } else if (text.startsWith("/*", position)) {
        int end = text.indexOf("*/", position + 2);
        if (end < 0) {
          throw error("unclosed comment");
        }
        position = end + 2;
      } else {
        return;
      }
    }
  }

  private char peek() {
    if (position >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(position);
  }

  private void expect(char c) {
    skipSpace();
    if (peek() != c) {
      throw error("expected " + c);
    }
    position++;
  }

  private IllegalArgumentException error(String message) {
    int line = 1;
    for (int i = 0; i < Math.min(position, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new IllegalArgumentException("config.alloy line " + line + ": " + message);
  }
}
