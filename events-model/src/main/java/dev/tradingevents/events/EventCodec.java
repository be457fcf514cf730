package dev.tradingevents.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.fasterxml.jackson.databind.ser.std.NumberSerializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes events to their JSON wire form and decodes them back. Thread-safe: make one and share it.
 *
 * <p>The wire form: one JSON object, {@code event_type} first, then the fields in snake_case.
 * Decimals are written as plain JSON numbers with every digit kept ({@code 0.1} stays {@code 0.1}, an
 * 18-decimal token amount survives a round trip, never {@code 1E-18}); instants as RFC 3339 UTC text
 * with nine fraction digits; optional fields that are null are left out. Decoding ignores properties it
 * does not know (a newer producer may add optional fields) and fails with an {@link
 * EventDecodingException} that names the property at fault.
 */
public final class EventCodec {
  /**
   * The serializer provider attribute holding an encoder's scratch characters, which the decimal and
   * instant serializers write into. Large enough for a decimal (sign, "0.", 18 zeros, 18 digits) and an
   * instant (30).
   */
  private static final Object SCRATCH = new Object();
  private static final int SCRATCH_CHARS = 40;
  /** A thread's encoding buffer is dropped after an event larger than this, so one outlier is not kept. */
  private static final int KEPT_BUFFER_BYTES = 64 * 1024;

  private final ObjectMapper mapper;
  private final ObjectReader reader;
  /** The plain form, read without data binding; {@link #reader} decides everything else. */
  private final StreamingDecoder streaming;
  /**
   * Per thread, a generator over a reused buffer and a serializer provider: {@code
   * writer.writeValueAsBytes} makes a new generator, output builder, I/O context and provider per call
   * and then copies the result out, about 700 bytes above the result. The publisher encodes every
   * event on the trading service's hot path.
   */
  private final ThreadLocal<Encoder> encoders;

  private EventCodec() {
    SimpleModule time =
        new SimpleModule("rfc3339-instants")
            .addSerializer(Instant.class, new ScratchInstantSerializer())
            .addDeserializer(Instant.class, new RfcInstant.Deserializer())
            .addSerializer(BigDecimal.class, new PlainDecimalSerializer());
    this.mapper =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .annotationIntrospector(new RequiredUnlessOptional())
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .addModule(time)
            .registerSubtypes(
                Arrays.stream(EventType.values())
                    .map(type -> new NamedType(type.javaType(), type.wireName()))
                    .toArray(NamedType[]::new))
            .build();
    this.reader = mapper.readerFor(TradingEvent.class);
    this.streaming = new StreamingDecoder(mapper);
    this.encoders = ThreadLocal.withInitial(() -> new Encoder(mapper));
  }

  /** A codec with the wire form described above. */
  public static EventCodec create() {
    return new EventCodec();
  }

  /** The event as UTF-8 JSON bytes. */
  public byte[] encode(TradingEvent event) {
    requireEvent(event);
    Encoder encoder = encoders.get();
    try {
      byte[] json = encoder.encode(event);
      if (encoder.capacity() > KEPT_BUFFER_BYTES) {
        encoders.remove();
      }
      return json;
    } catch (IOException e) {
      // the generator may have stopped inside the document: never write on it again
      encoders.remove();
      // Records validated at construction always serialize; reaching this is a bug in this class.
      throw new IllegalStateException("cannot encode " + event.eventType().wireName(), e);
    } catch (RuntimeException e) {
      encoders.remove();
      throw e;
    }
  }

  /** The event as a JSON string. */
  public String encodeToString(TradingEvent event) {
    return new String(encode(event), StandardCharsets.UTF_8);
  }

  /** The event in a JSON payload, of whichever type its {@code event_type} names. */
  public TradingEvent decode(byte[] json) throws EventDecodingException {
    if (json == null || json.length == 0) {
      throw new EventDecodingException(null, "payload is empty", null);
    }
    requireObject(json);
    TradingEvent plain = streaming.decode(json);
    if (plain != null) {
      return plain;
    }
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      throw describe(e);
    }
  }

  /** The event in a JSON string. */
  public TradingEvent decode(String json) throws EventDecodingException {
    return decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  /** The event in a JSON payload, which must be of the given type. */
  public <T extends TradingEvent> T decode(byte[] json, Class<T> type) throws EventDecodingException {
    TradingEvent event = decode(json);
    if (!type.isInstance(event)) {
      throw new EventDecodingException(
          "event_type",
          "expected " + type.getSimpleName() + " but the payload is " + event.eventType().wireName(),
          null);
    }
    return type.cast(event);
  }

  /** The event in a JSON string, which must be of the given type. */
  public <T extends TradingEvent> T decode(String json, Class<T> type) throws EventDecodingException {
    return decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8), type);
  }

  /**
   * The Jackson mapper this codec uses, for callers that write events into a larger JSON document (the
   * event logger writes the fields into its log line). Do not reconfigure it.
   */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Without this, Jackson reads {@code [1]} as a type-id wrapper and blames an unknown type "1". */
  private static void requireObject(byte[] json) throws EventDecodingException {
    for (byte b : json) {
      if (b == '{') {
        return;
      }
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        throw new EventDecodingException(
            null, "payload must be a JSON object, but starts with '" + (char) (b & 0xFF) + "'", null);
      }
    }
    throw new EventDecodingException(null, "payload is blank", null);
  }

  private static TradingEvent requireEvent(TradingEvent event) {
    if (event == null) {
      throw new IllegalArgumentException("event must not be null");
    }
    return event;
  }

  private static EventDecodingException describe(IOException e) {
    if (e instanceof InvalidTypeIdException typeId) {
      String id = typeId.getTypeId();
      String reason =
          id == null || id.isEmpty()
              ? "is required and names the event type, one of " + wireNames()
              : "unknown event type '" + Checks.excerpt(id) + "', expected one of " + wireNames();
      return new EventDecodingException("event_type", reason, e);
    }
    if (e instanceof JsonMappingException mapping) {
      String path = path(mapping.getPath());
      Throwable cause = e instanceof ValueInstantiationException ? e.getCause() : null;
      if (cause instanceof EventValidationException invalid) {
        String field = path.isEmpty() ? invalid.field() : path + "." + invalid.field();
        return new EventDecodingException(field, reasonOf(invalid), e);
      }
      if (e instanceof InvalidFormatException format) {
        return new EventDecodingException(
            path,
            "cannot read '"
                + Checks.excerpt(String.valueOf(format.getValue()))
                + "' as "
                + readable(format.getTargetType()),
            e);
      }
      if (e instanceof MismatchedInputException mismatch) {
        String missing = missingProperty(mismatch);
        if (missing != null) {
          // Jackson's path already ends with the missing property
          String field = path.endsWith(missing) ? path : (path.isEmpty() ? missing : path + "." + missing);
          return new EventDecodingException(field, "is required", e);
        }
        return new EventDecodingException(
            path.isEmpty() ? null : path,
            "expected " + readable(mismatch.getTargetType()) + " (" + mismatch.getOriginalMessage() + ")",
            e);
      }
      return new EventDecodingException(path.isEmpty() ? null : path, mapping.getOriginalMessage(), e);
    }
    if (e instanceof JsonProcessingException parse) {
      return new EventDecodingException(
          null, "not valid JSON: " + parse.getOriginalMessage() + locationOf(parse), e);
    }
    return new EventDecodingException(null, "cannot read payload: " + e.getMessage(), e);
  }

  private static String reasonOf(EventValidationException invalid) {
    String message = invalid.getMessage();
    String prefix = invalid.field() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  /** Jackson says "Missing required creator property 'slot' (index 6)"; we say {@code slot: is required}. */
  private static String missingProperty(MismatchedInputException e) {
    String message = e.getOriginalMessage();
    String marker = "Missing required creator property '";
    int start = message == null ? -1 : message.indexOf(marker);
    if (start < 0) {
      return null;
    }
    int from = start + marker.length();
    int end = message.indexOf('\'', from);
    return end < 0 ? null : message.substring(from, end);
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      }
    }
    return path.toString();
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static String readable(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
      return "a whole number";
    }
    if (type == java.math.BigDecimal.class) {
      return "a decimal number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Instant.class) {
      return "an RFC 3339 time";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object of type " + type.getSimpleName();
  }

  private static String wireNames() {
    return Arrays.toString(Arrays.stream(EventType.values()).map(EventType::wireName).toArray());
  }

  /**
   * One thread's generator, the buffer it writes into, and its serializer provider (what {@code
   * ObjectWriter} makes anew for every value); one event at a time. Writes what {@code
   * writerFor(TradingEvent.class)} writes, the way its type serializer does: start the object, the
   * {@code event_type} id, then the event's fields (its serializer, unwrapped), without the type-id
   * holder Jackson makes per value.
   */
  private static final class Encoder {
    private final Output output = new Output();
    private final JsonGenerator generator;
    private final DefaultSerializerProvider provider;
    private final String typeProperty;
    private final TypeIdResolver typeIds;
    private final Map<EventType, JsonSerializer<Object>> fields = new EnumMap<>(EventType.class);

    Encoder(ObjectMapper mapper) {
      try {
        generator = mapper.getFactory().createGenerator(output);
        provider = (DefaultSerializerProvider) mapper.getSerializerProviderInstance();
        TypeSerializer typeSerializer = provider.findTypeSerializer(mapper.constructType(TradingEvent.class));
        if (typeSerializer.getTypeInclusion() != JsonTypeInfo.As.PROPERTY) {
          throw new IllegalStateException("expected the type id as a property, not " + typeSerializer.getTypeInclusion());
        }
        typeProperty = typeSerializer.getPropertyName();
        typeIds = typeSerializer.getTypeIdResolver();
        for (EventType type : EventType.values()) {
          fields.put(type, provider.findValueSerializer(type.javaType(), null).unwrappingSerializer(NameTransformer.NOP));
        }
        provider.setAttribute(SCRATCH, new char[SCRATCH_CHARS]);
      } catch (IOException e) {
        throw new IllegalStateException("cannot create a JSON generator", e);
      }
      // the generator features the mapper was built with (e.g. WRITE_BIGDECIMAL_AS_PLAIN)
      mapper.getSerializationConfig().initialize(generator);
      // each event is a root value of this one generator: no separator between them
      generator.setRootValueSeparator(null);
    }

    byte[] encode(TradingEvent event) throws IOException {
      output.reset();
      generator.writeStartObject(event);
      generator.writeStringField(typeProperty, typeIds.idFromValue(event));
      fields.get(event.eventType()).serialize(event, generator, provider);
      generator.writeEndObject();
      generator.flush();
      return output.toByteArray();
    }

    int capacity() {
      return output.buffer.length;
    }
  }

  /**
   * Decimals as {@code toPlainString()} writes them, without the builder and strings it makes: with the
   * encoder's scratch buffer, a decimal of up to 18 digits and a positive scale is written from its
   * unscaled value. Anything else (and every write outside {@link #encode}) goes the standard way.
   */
  private static final class PlainDecimalSerializer extends NumberSerializer {
    private static final long serialVersionUID = 1L;
    PlainDecimalSerializer() {
      super(BigDecimal.class);
    }

    @Override
    public void serialize(Number value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      BigDecimal decimal = (BigDecimal) value;
      int scale = decimal.scale();
      if (scale <= 0 || scale > 18 || decimal.precision() > 18
          || !(provider.getAttribute(SCRATCH) instanceof char[] scratch)
          || !gen.isEnabled(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)) {
        super.serialize(value, gen, provider);
        return;
      }
      gen.writeNumber(scratch, 0, plain(decimal.movePointRight(scale).longValueExact(), scale, scratch));
    }

    /** {@code unscaled × 10^-scale} as plain text into {@code out}; {@code |unscaled| < 10^18}, scale 1 to 18. */
    static int plain(long unscaled, int scale, char[] out) {
      boolean negative = unscaled < 0;
      long magnitude = Math.abs(unscaled);
      int digits = 1;
      for (long rest = magnitude / 10; rest > 0; rest /= 10) {
        digits++;
      }
      int integerDigits = digits - scale;
      int length = (negative ? 1 : 0) + (integerDigits > 0 ? digits + 1 : 2 + scale);
      int at = length;
      for (int i = 0; i < scale; i++) {
        out[--at] = (char) ('0' + magnitude % 10);
        magnitude /= 10;
      }
      out[--at] = '.';
      if (integerDigits > 0) {
        do {
          out[--at] = (char) ('0' + magnitude % 10);
          magnitude /= 10;
        } while (magnitude > 0);
      } else {
        out[--at] = '0';
      }
      if (negative) {
        out[--at] = '-';
      }
      return length;
    }
  }

  /**
   * Instants as {@link RfcInstant} writes them, into the encoder's scratch characters instead of a new
   * array per instant when there is one.
   */
  private static final class ScratchInstantSerializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;
    private final RfcInstant.Serializer standard = new RfcInstant.Serializer();

    ScratchInstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (provider.getAttribute(SCRATCH) instanceof char[] scratch) {
        EventTimes.write(value, scratch);
        gen.writeString(scratch, 0, EventTimes.LENGTH);
      } else {
        standard.serialize(value, gen, provider);
      }
    }
  }

  /** A growable byte buffer, unsynchronized (unlike {@link java.io.ByteArrayOutputStream}). */
  private static final class Output extends java.io.OutputStream {
    private byte[] buffer = new byte[1024];
    private int size;

    @Override
    public void write(int b) {
      ensure(1);
      buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      ensure(length);
      System.arraycopy(bytes, offset, buffer, size, length);
      size += length;
    }

    void reset() {
      size = 0;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }
  }

  /** Every field is required unless marked {@link OptionalField}: one rule for the codec and the schema. */
  private static final class RequiredUnlessOptional extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean hasRequiredMarker(AnnotatedMember member) {
      Boolean explicit = super.hasRequiredMarker(member);
      if (explicit != null) {
        return explicit;
      }
      return !member.hasAnnotation(OptionalField.class);
    }
  }
}
