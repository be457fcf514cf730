package dev.tradingevents.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The JSON Schema of an event type, derived from its record by victools' generator with the codec's
 * rules: snake_case names, decimals as numbers, instants as date-time strings, required unless {@link
 * OptionalField}, plus the {@code event_type} discriminator the codec writes first.
 */
final class SchemaGenerator {
  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private final com.github.victools.jsonschema.generator.SchemaGenerator generator;

  SchemaGenerator() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule(
                JacksonOption.INCLUDE_ONLY_JSONPROPERTY_ANNOTATED_METHODS,
                JacksonOption.SKIP_SUBTYPE_LOOKUP,
                JacksonOption.IGNORE_TYPE_INFO_TRANSFORM))
            .with(Option.NONSTATIC_NONVOID_NONGETTER_METHODS)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    config.forFields()
        .withPropertyNameOverrideResolver(field -> field.getDeclaredName().contains("_")
            ? null
            : SNAKE_CASE.translate(field.getDeclaredName()))
        .withRequiredCheck(field -> field.getAnnotationConsideringFieldAndGetter(OptionalField.class) == null);
    config.forMethods()
        // derived properties such as dex_pair: written but never read
        .withReadOnlyCheck(method -> true)
        .withRequiredCheck(method -> true);
    config.forTypesInGeneral()
        .withTypeAttributeOverride((attributes, scope, context) -> {
          Class<?> type = scope.getType().getErasedType();
          if (type == Instant.class) {
            attributes.removeAll();
            attributes.put("type", "string").put("format", "date-time");
          } else if (type == BigDecimal.class) {
            attributes.put("description", "exact decimal, written without exponent");
          }
        });
    this.generator = new com.github.victools.jsonschema.generator.SchemaGenerator(config.build());
  }

  ObjectNode schemaOf(EventType type) {
    ObjectNode generated = generator.generateSchema(type.javaType());
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", EventHeaders.dataSchema(type));
    schema.put("title", type.wireName());
    schema.put("x-schema-version", type.schemaVersion());
    schema.put("x-subject", EventSubjects.defaults().subjectFor(type));
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("event_type").put("const", type.wireName());
    // victools names a method property "dex_pair()"; on the wire it is "dex_pair"
    generated.get("properties").fields()
        .forEachRemaining(p -> properties.set(withoutCallParentheses(p.getKey()), p.getValue()));
    generated.remove("properties");
    ArrayNode required = schema.putArray("required").add("event_type");
    generated.withArray("required").forEach(name -> required.add(withoutCallParentheses(name.asText())));
    generated.remove("required");
    schema.setAll(generated);
    return schema;
  }

  private static String withoutCallParentheses(String name) {
    return name.endsWith("()") ? name.substring(0, name.length() - 2) : name;
  }
}
