package dev.tradingevents.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants as RFC 3339 UTC text with exactly nine fraction digits ({@code 2026-11-25T02:24:49.120000000Z}):
 * fixed width keeps nanoseconds visible and makes the text sort like the instants. Any RFC 3339 offset is
 * accepted when reading.
 */
final class RfcInstant {
  private RfcInstant() {}

  static final class Serializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      char[] text = new char[EventTimes.LENGTH];
      EventTimes.write(value, text);
      gen.writeString(text, 0, text.length);
    }
  }

  static final class Deserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      String text = p.getText();
      try {
        return EventTimes.parse(text);
      } catch (DateTimeParseException e) {
        return (Instant)
            ctxt.handleWeirdStringValue(
                Instant.class, text, "expected an RFC 3339 time such as 2026-01-31T12:00:00.123456789Z");
      }
    }
  }
}
