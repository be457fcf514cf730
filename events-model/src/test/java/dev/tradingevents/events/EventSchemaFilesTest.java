package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema files shipped in the jar are the published contract of each event type. They must match
 * the records, and a record may change only compatibly unless its type's schema version is bumped.
 *
 * <p>To (re)write the files after a compatible change or a version bump: {@code mvn -pl events-model
 * test -Dtest=EventSchemaFilesTest -Dschemas.write=true}. Writing refuses to overwrite a file with an
 * incompatible schema of the same version.
 */
class EventSchemaFilesTest {
  private static final Path SCHEMA_DIR = Path.of("src/main/resources/dev/tradingevents/events/schema");
  private static final boolean WRITE = Boolean.getBoolean("schemas.write");

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final SchemaGenerator generator = new SchemaGenerator();
  private final EventCodec codec = EventCodec.create();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void theRecordMatchesTheSchemaFileOfItsCurrentVersion(EventType type) throws IOException {
    JsonNode generated = generator.schemaOf(type);
    Path file = SCHEMA_DIR.resolve(fileName(type, type.schemaVersion()));
    JsonNode committed = Files.exists(file) ? json.readTree(file.toFile()) : null;
    List<String> breaking = committed == null ? List.of() : SchemaCompatibility.breakingChanges(committed, generated);

    if (!breaking.isEmpty()) {
      fail(type.wireName() + " changed incompatibly without a schema version bump: " + breaking
          + ". Raise its version in EventType to " + (type.schemaVersion() + 1)
          + " and write the new file with -Dschemas.write=true; keep " + file.getFileName() + " for old data.");
    }
    if (generated.equals(committed)) {
      return;
    }
    if (WRITE) {
      Files.createDirectories(SCHEMA_DIR);
      json.writeValue(file.toFile(), generated);
      return;
    }
    fail(committed == null
        ? file + " is missing; write it with -Dschemas.write=true"
        : file + " is stale (the record gained a compatible change); rewrite it with -Dschemas.write=true");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void theJarShipsEachSchemaAtItsResourcePath(EventType type) throws IOException {
    try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
      assertThat(in).as(type.schemaResource()).isNotNull();
      assertThat(json.readTree(in).path("title").asText()).isEqualTo(type.wireName());
    }
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyEncodedEventValidatesAgainstItsSchemaAndDeclaresEveryProperty(EventType type) throws IOException {
    JsonNode schemaJson = json.readTree(SCHEMA_DIR.resolve(fileName(type, type.schemaVersion())).toFile());
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
    List<String> problems = new ArrayList<>();
    for (long seed = 0; seed < 100; seed++) {
      JsonNode event = codec.mapper().readTree(codec.encode(new ArbitraryEvents(seed).next(type)));
      Set<ValidationMessage> messages = schema.validate(event);
      messages.forEach(m -> problems.add(m.getMessage()));
      event.fieldNames().forEachRemaining(name -> {
        if (!schemaJson.path("properties").has(name)) {
          problems.add(name + " is written but not declared in the schema");
        }
      });
    }
    assertThat(problems).as(type.wireName()).isEmpty();
  }

  private static String fileName(EventType type, int version) {
    return type.wireName() + ".v" + version + ".schema.json";
  }
}
