package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {
  private static final String V1 = """
      {"properties": {
         "price": {"type": "number"},
         "slot": {"type": "integer"},
         "side": {"type": "string", "enum": ["BUY", "SELL"]},
         "legs": {"type": "array", "items": {"type": "object",
                  "properties": {"dex": {"type": "string"}}, "required": ["dex"]}},
         "reason": {"type": "string"}},
       "required": ["price", "slot", "side", "legs"]}""";

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anUnchangedSchemaIsCompatible() {
    assertThat(SchemaCompatibility.breakingChanges(schema(V1), schema(V1))).isEmpty();
  }

  @Test
  void addingAnOptionalFieldIsCompatible() {
    String v2 = V1.replace("\"reason\": {\"type\": \"string\"}", "\"reason\": {\"type\": \"string\"}, \"venue\": {\"type\": \"string\"}");

    assertThat(SchemaCompatibility.breakingChanges(schema(V1), schema(v2))).isEmpty();
  }

  @Test
  void removingAFieldBreaks() {
    String v2 = V1.replace("\"slot\": {\"type\": \"integer\"},", "").replace("\"slot\", ", "");

    assertThat(SchemaCompatibility.breakingChanges(schema(V1), schema(v2))).containsExactly("slot: removed");
  }

  @Test
  void retypingAFieldBreaks() {
    String v2 = V1.replace("\"price\": {\"type\": \"number\"}", "\"price\": {\"type\": \"string\"}");

    assertThat(SchemaCompatibility.breakingChanges(schema(V1), schema(v2)))
        .containsExactly("price: type changed from \"number\" to \"string\"");
  }

  @Test
  void retypingANestedFieldBreaks() {
    String v2 = V1.replace("\"dex\": {\"type\": \"string\"}", "\"dex\": {\"type\": \"integer\"}");

    assertThat(SchemaCompatibility.breakingChanges(schema(V1), schema(v2)))
        .containsExactly("legs[].dex: type changed from \"string\" to \"integer\"");
  }

  @Test
  void changingEnumValuesBreaks() {
    String v2 = V1.replace("[\"BUY\", \"SELL\"]", "[\"BUY\", \"SELL\", \"SHORT\"]");

    assertThat(SchemaCompatibility.breakingChanges(schema(V1), schema(v2))).singleElement().asString()
        .startsWith("side: enum values changed");
  }

  @Test
  void makingAFieldRequiredBreaks() {
    String v2 = V1.replace("\"legs\"]}", "\"legs\", \"reason\"]}");

    assertThat(SchemaCompatibility.breakingChanges(schema(V1), schema(v2))).singleElement().asString()
        .startsWith("reason: became required");
  }

  private JsonNode schema(String text) {
    try {
      return json.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
