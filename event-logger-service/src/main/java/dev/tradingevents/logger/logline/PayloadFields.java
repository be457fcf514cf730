package dev.tradingevents.logger.logline;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The fields of a compact JSON payload, between its outer braces, as bytes a generator can write
 * unchanged into the log line ({@link com.fasterxml.jackson.core.JsonGenerator#writeRaw(SerializableString)}).
 *
 * <p>Why: re-parsing every payload token by token and writing each token again cost about a quarter of
 * the time of a line. A payload that {@link dev.tradingevents.events.EventCodec} decoded is valid JSON; when
 * it is also compact and single-line and none of its top-level keys is one the line reserves, its bytes
 * are exactly what the token-by-token copy would write, so {@link #of} lets them through as they are.
 * Anything else (a reserved or escaped top-level key, a control character such as a line break, a payload
 * that does not end at its closing brace) returns null, and the caller copies token by token, which
 * renames reserved keys and re-escapes.
 */
final class PayloadFields implements SerializableString {
  private final byte[] payload;
  private final int from;
  private final int length;

  private PayloadFields(byte[] payload, int from, int length) {
    this.payload = payload;
    this.from = from;
    this.length = length;
  }

  /**
   * The payload's fields, with a leading comma (the line's own fields come first), when they can be
   * written as they are; null when they must be copied token by token. {@code payload} must be JSON that
   * a decoder accepted: this checks the shape of the bytes, not their grammar.
   */
  static PayloadFields of(byte[] payload, Names reserved) {
    int last = payload.length - 1;
    if (last < 2 || payload[0] != '{' || payload[last] != '}') {
      return null; // also {}: no fields, nothing to add
    }
    int depth = 0;
    for (int i = 0; i <= last; i++) {
      byte b = payload[i];
      if (b >= 0 && b < 0x20) {
        return null; // a line break or tab between tokens would break the line
      }
      switch (b) {
        case '"' -> {
          int start = i + 1;
          boolean escaped = false;
          for (i = start; ; i++) {
            if (i >= last) {
              return null;
            }
            byte c = payload[i];
            if (c >= 0 && c < 0x20) {
              return null;
            }
            if (c == '\\') {
              escaped = true;
              i++;
            } else if (c == '"') {
              break;
            }
          }
          if (depth == 1 && isKey(payload, i + 1) && (escaped || reserved.contains(payload, start, i))) {
            return null; // "lev\u0065l" is "level" to whoever reads the line
          }
        }
        case '{', '[' -> depth++;
        case '}', ']' -> {
          depth--;
          if (depth == 0 && i != last) {
            return null; // something after the object
          }
        }
        default -> {
          // numbers, literals, separators, spaces and UTF-8 bytes of non-ASCII text are copied as they are
        }
      }
    }
    return depth == 0 ? new PayloadFields(payload, 0, last) : null;
  }

  /** Whether the string that ended before {@code at} is a key: only spaces, then a colon. */
  private static boolean isKey(byte[] payload, int at) {
    int i = at;
    while (i < payload.length && payload[i] == ' ') {
      i++;
    }
    return i < payload.length && payload[i] == ':';
  }

  /** Names to look for in payload bytes, by length: a key of another length costs one array read. */
  static final class Names {
    private final byte[][][] byLength;

    Names(Set<String> names) {
      int longest = names.stream().mapToInt(String::length).max().orElse(0);
      byLength = new byte[longest + 1][][];
      for (int length = 0; length <= longest; length++) {
        int size = length;
        byLength[length] = names.stream().filter(name -> name.length() == size)
            .map(name -> name.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
      }
    }

    /** Whether payload[from, to) is one of the names. */
    boolean contains(byte[] payload, int from, int to) {
      int length = to - from;
      if (length >= byLength.length) {
        return false;
      }
      for (byte[] name : byLength[length]) {
        if (Arrays.equals(payload, from, to, name, 0, length)) {
          return true;
        }
      }
      return false;
    }
  }

  /** How many bytes {@link #appendUnquotedUTF8} writes. */
  int length() {
    return length;
  }

  // The bytes [from, from + length): the opening brace replaced by the comma that separates the
  // payload's first field from the line's last, up to (not including) the closing brace.

  private byte at(int index) {
    return index == from ? (byte) ',' : payload[index];
  }

  @Override
  public int appendUnquotedUTF8(byte[] buffer, int offset) {
    if (offset + length > buffer.length) {
      return -1;
    }
    System.arraycopy(payload, from, buffer, offset, length);
    buffer[offset] = at(from);
    return length;
  }

  @Override
  public byte[] asUnquotedUTF8() {
    byte[] bytes = Arrays.copyOfRange(payload, from, from + length);
    bytes[0] = at(from);
    return bytes;
  }

  @Override
  public int writeUnquotedUTF8(OutputStream out) throws IOException {
    out.write(asUnquotedUTF8());
    return length;
  }

  @Override
  public int putUnquotedUTF8(ByteBuffer buffer) {
    if (buffer.remaining() < length) {
      return -1;
    }
    buffer.put(asUnquotedUTF8());
    return length;
  }

  @Override
  public String getValue() {
    return new String(asUnquotedUTF8(), StandardCharsets.UTF_8);
  }

  @Override
  public int charLength() {
    return getValue().length();
  }

  @Override
  public char[] asQuotedChars() {
    throw new UnsupportedOperationException("raw JSON, never quoted");
  }

  @Override
  public byte[] asQuotedUTF8() {
    throw new UnsupportedOperationException("raw JSON, never quoted");
  }

  @Override
  public int appendQuotedUTF8(byte[] buffer, int offset) {
    throw new UnsupportedOperationException("raw JSON, never quoted");
  }

  @Override
  public int appendQuoted(char[] buffer, int offset) {
    throw new UnsupportedOperationException("raw JSON, never quoted");
  }

  @Override
  public int appendUnquoted(char[] buffer, int offset) {
    String value = getValue();
    if (offset + value.length() > buffer.length) {
      return -1;
    }
    value.getChars(0, value.length(), buffer, offset);
    return value.length();
  }

  @Override
  public int writeQuotedUTF8(OutputStream out) {
    throw new UnsupportedOperationException("raw JSON, never quoted");
  }

  @Override
  public int putQuotedUTF8(ByteBuffer buffer) {
    throw new UnsupportedOperationException("raw JSON, never quoted");
  }

  @Override
  public String toString() {
    return getValue();
  }
}
