package dev.tradingevents.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a payload in the form {@link EventCodec#encode} writes, straight from Jackson's streaming parser
 * into the record's canonical constructor: {@code event_type} first, then each field of that type once,
 * strings as strings, numbers as numbers, no nulls. Fields it does not know are skipped.
 *
 * <p>Anything else is not decided here: {@link #decode} returns null for another order of {@code
 * event_type}, a value of another JSON type (a number in quotes, say), a missing or repeated field, a
 * value the record refuses, malformed JSON. The data-binding path then reads the payload, and either
 * decodes it as before (it coerces more) or names what is wrong. So both paths accept the same payloads
 * and give equal events; {@code StreamingDecoderTest} holds them to it.
 *
 * <p>Why: the event logger and the replay decode every message. Data binding (the type id, a buffer of
 * creator properties, a deserializer per property) took about a quarter more time per event than this
 * loop ({@code LinePathBenchmark}: 688 against 542 ns for a PriceUpdate), and in a replay, which runs on
 * a cold JVM, its code kept C2 busy while the events waited.
 * The shapes are read off the record components once, so a new event type needs nothing here unless
 * it brings a field type that {@link Kind} does not know (then {@link #StreamingDecoder} fails).
 */
final class StreamingDecoder {
  /** Returned by the readers below for "not the plain form": the caller falls back to data binding. */
  private static final Object NOT_PLAIN = new Object();

  private final JsonFactory json;
  private final Map<String, Shape> byTypeName = new HashMap<>();

  /** A decoder with the parser factory and the field naming of {@code mapper}, the codec's. */
  StreamingDecoder(ObjectMapper mapper) {
    this.json = mapper.getFactory();
    if (!(mapper.getPropertyNamingStrategy() instanceof PropertyNamingStrategies.NamingBase naming)) {
      throw new IllegalArgumentException("the mapper names fields by " + mapper.getPropertyNamingStrategy()
          + ", not by a naming strategy that translates names one by one");
    }
    for (EventType type : EventType.values()) {
      byTypeName.put(type.wireName(), new Shape(type.javaType(), naming));
    }
  }

  /** The event, or null when the payload is not in the plain form (see the class comment). */
  TradingEvent decode(byte[] payload) {
    try (JsonParser parser = json.createParser(payload)) {
      if (parser.nextToken() != JsonToken.START_OBJECT
          || parser.nextToken() != JsonToken.FIELD_NAME
          || !"event_type".equals(parser.currentName())
          || parser.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      Shape shape = byTypeName.get(parser.getText());
      if (shape == null) {
        return null;
      }
      Object event = readFields(parser, shape);
      return event == NOT_PLAIN ? null : (TradingEvent) event;
    } catch (IOException | RuntimeException notPlain) {
      // malformed JSON, a number out of range, a time that is not RFC 3339: data binding says what
      return null;
    }
  }

  /** The fields of the object the parser is in, up to its end, as a {@code shape}, or {@link #NOT_PLAIN}. */
  private Object readFields(JsonParser parser, Shape shape) throws IOException {
    Object[] values = new Object[shape.names.length];
    long seen = 0;
    int next = 0;
    JsonToken token = null;
    while (true) {
      int index;
      String name;
      // the encoder writes the fields in the record's order: the parser compares the next name's bytes with
      // the expected one's, without looking it up in its symbol table
      boolean expected = next < values.length;
      if (expected && parser.nextFieldName(shape.serializedNames[next])) {
        index = next;
        name = shape.names[next];
      } else if ((token = expected ? parser.currentToken() : parser.nextToken()) == JsonToken.FIELD_NAME) {
        name = parser.currentName();
        index = shape.indexOf(name);
      } else {
        break;
      }
      parser.nextToken();
      if (index < 0) {
        if ("event_type".equals(name)) {
          return NOT_PLAIN;
        }
        parser.skipChildren();
        continue;
      }
      if ((seen & 1L << index) != 0) {
        return NOT_PLAIN;
      }
      seen |= 1L << index;
      next = index + 1;
      Object value = read(parser, shape, index);
      if (value == NOT_PLAIN) {
        return NOT_PLAIN;
      }
      values[index] = value;
    }
    if (token != JsonToken.END_OBJECT || (seen & shape.required) != shape.required) {
      return NOT_PLAIN;
    }
    try {
      return shape.constructor.newInstance(values);
    } catch (ReflectiveOperationException | IllegalArgumentException refused) {
      return NOT_PLAIN; // data binding names the field and its path
    }
  }

  /** The value at the parser's current token as field {@code index} of {@code shape} wants it. */
  private Object read(JsonParser parser, Shape shape, int index) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (shape.kinds[index]) {
      case STRING -> token == JsonToken.VALUE_STRING ? parser.getText() : NOT_PLAIN;
      case DECIMAL -> token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT
          ? parser.getDecimalValue()
          : NOT_PLAIN;
      case LONG -> token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
          ? (Object) parser.getLongValue()
          : NOT_PLAIN;
      case INT -> token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
          ? (Object) parser.getIntValue()
          : NOT_PLAIN;
      case INSTANT -> token == JsonToken.VALUE_STRING ? EventTimes.parse(parser.getText()) : NOT_PLAIN;
      case ENUM -> {
        Object constant = token == JsonToken.VALUE_STRING ? shape.enums[index].get(parser.getText()) : null;
        yield constant == null ? NOT_PLAIN : constant;
      }
      case STRING_LIST -> token == JsonToken.START_ARRAY ? readStrings(parser) : NOT_PLAIN;
      case RECORD_LIST -> token == JsonToken.START_ARRAY ? readRecords(parser, shape.elements[index]) : NOT_PLAIN;
    };
  }

  private static Object readStrings(JsonParser parser) throws IOException {
    List<String> strings = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
      strings.add(parser.getText());
    }
    return token == JsonToken.END_ARRAY ? strings : NOT_PLAIN;
  }

  private Object readRecords(JsonParser parser, Shape element) throws IOException {
    List<Object> records = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
      Object record = readFields(parser, element);
      if (record == NOT_PLAIN) {
        return NOT_PLAIN;
      }
      records.add(record);
    }
    return token == JsonToken.END_ARRAY ? records : NOT_PLAIN;
  }

  /** How a field's JSON value becomes its component's Java value. */
  enum Kind { STRING, DECIMAL, LONG, INT, INSTANT, ENUM, STRING_LIST, RECORD_LIST }

  /** A record's fields as the wire names them, in component order, and its canonical constructor. */
  static final class Shape {
    final String[] names;
    final SerializedString[] serializedNames;
    final Kind[] kinds;
    final Map<String, Object>[] enums;
    final Shape[] elements;
    /** A bit per component that must be present: all but {@link OptionalField}s. */
    final long required;
    final Constructor<?> constructor;

    @SuppressWarnings("unchecked")
    Shape(Class<?> record, PropertyNamingStrategies.NamingBase naming) {
      RecordComponent[] components = record.getRecordComponents();
      if (components == null || components.length > Long.SIZE) {
        throw new IllegalArgumentException(record.getName() + " is not a record of at most 64 components");
      }
      names = new String[components.length];
      serializedNames = new SerializedString[components.length];
      kinds = new Kind[components.length];
      enums = new Map[components.length];
      elements = new Shape[components.length];
      Class<?>[] types = new Class<?>[components.length];
      long mandatory = 0;
      for (int i = 0; i < components.length; i++) {
        RecordComponent component = components[i];
        names[i] = naming.translate(component.getName());
        serializedNames[i] = new SerializedString(names[i]);
        types[i] = component.getType();
        kinds[i] = kindOf(record, component);
        if (kinds[i] == Kind.ENUM) {
          Map<String, Object> constants = new HashMap<>();
          for (Object constant : component.getType().getEnumConstants()) {
            constants.put(((Enum<?>) constant).name(), constant);
          }
          enums[i] = constants;
        } else if (kinds[i] == Kind.RECORD_LIST) {
          elements[i] = new Shape(elementType(component), naming);
        }
        if (!component.isAnnotationPresent(OptionalField.class)) {
          mandatory |= 1L << i;
        }
      }
      required = mandatory;
      try {
        constructor = record.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("no canonical constructor on " + record.getName(), e);
      }
    }

    int indexOf(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private static Kind kindOf(Class<?> record, RecordComponent component) {
      Class<?> type = component.getType();
      if (type == String.class) {
        return Kind.STRING;
      }
      if (type == BigDecimal.class) {
        return Kind.DECIMAL;
      }
      if (type == long.class) {
        return Kind.LONG;
      }
      if (type == int.class) {
        return Kind.INT;
      }
      if (type == Instant.class) {
        return Kind.INSTANT;
      }
      if (type.isEnum()) {
        return Kind.ENUM;
      }
      if (type == List.class) {
        Class<?> element = elementType(component);
        if (element == String.class) {
          return Kind.STRING_LIST;
        }
        if (element.isRecord()) {
          return Kind.RECORD_LIST;
        }
      }
      throw new IllegalStateException("StreamingDecoder cannot read " + record.getSimpleName() + "."
          + component.getName() + " of type " + component.getGenericType() + ": add a Kind for it");
    }

    private static Class<?> elementType(RecordComponent component) {
      Type generic = component.getGenericType();
      if (generic instanceof ParameterizedType parameterized
          && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
        return element;
      }
      return Object.class;
    }
  }
}
