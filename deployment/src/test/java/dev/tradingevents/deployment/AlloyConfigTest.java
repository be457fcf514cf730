package dev.tradingevents.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Alloy's config: parsed by a River parser, its wiring resolved, its labels checked against real lines. */
class AlloyConfigTest {
  private final AlloyLabels alloy = AlloyLabels.read();

  @Test
  void everyReferenceNamesAComponentTheConfigDeclares() {
    Set<String> ids = alloy.config.stream().map(River.Block::id).collect(Collectors.toSet());
    List<String> references = new ArrayList<>();
    for (River.Block block : alloy.config) {
      collectReferences(block.attributes().values(), references);
    }
    assertThat(references).isNotEmpty().allSatisfy(reference -> {
      String component = reference.substring(0, reference.lastIndexOf('.'));
      assertThat(ids).as("the component %s refers to", reference).contains(component);
    });
    // the path: docker discovery -> docker source -> process -> write
    assertThat(references).contains("discovery.docker.containers.targets", "discovery.relabel.containers.rules",
        "loki.process.events.receiver", "loki.write.loki.receiver");
  }

  @Test
  void promotesOnlyServiceLevelAndEventTypeToLabels() {
    assertThat(alloy.labels).containsOnlyKeys("service", "level", "event_type");
    assertThat(alloy.labels).containsEntry("level", "json:level").containsEntry("event_type", "json:event_type")
        .containsEntry("service", "docker:__meta_docker_container_label_com_docker_compose_service");
  }

  @Test
  void putsTraceAndEventIdsInStructuredMetadata() {
    assertThat(alloy.structuredMetadata).containsOnly(Map.entry("trace_id", "json:trace_id"),
        Map.entry("event_id", "json:event_id"));
  }

  @Test
  void parsesOnlyTheLoggersLinesSelectedByTheServiceTheLinesName() {
    River.Block match = alloy.component("loki.process.events").block("stage.match").orElseThrow();
    LogQl.Query selector = LogQl.parse(match.string("selector"));
    assertThat(selector.selector()).singleElement().satisfies(matcher -> {
      assertThat(matcher.name()).isEqualTo("service");
      assertThat(matcher.op()).isEqualTo("=");
      Set<String> lineServices = RealLoggerOutput.get().lines.stream().map(line -> line.path("service").asText())
          .collect(Collectors.toSet());
      assertThat(lineServices).as("the `service` of every real line").containsExactly(matcher.value());
      assertThat(ComposeFileTest.loggerServiceName()).as("the logger's compose service").isEqualTo(matcher.value());
    });
  }

  @Test
  void extractsFieldsEveryRealEventLineHas() {
    List<JsonNode> lines = RealLoggerOutput.get().eventLines();
    assertThat(alloy.extracted.values()).containsExactlyInAnyOrder("timestamp", "level", "event_type", "event_id", "trace_id");
    assertThat(lines).hasSizeGreaterThan(100).allSatisfy(line -> assertThat(alloy.extracted.values())
        .allSatisfy(key -> assertThat(line.path(key).asText()).as("%s of %s", key, line).isNotBlank()));
  }

  @Test
  void takesTheLinesTimestampInTheFormatTheLoggerWrites() {
    River.Block timestamp = alloy.component("loki.process.events").block("stage.match").orElseThrow()
        .block("stage.timestamp").orElseThrow();
    assertThat(timestamp.string("source")).isEqualTo("timestamp");
    assertThat(timestamp.string("format")).isEqualTo("RFC3339Nano");
    assertThat(RealLoggerOutput.get().lines).allSatisfy(line -> {
      String value = line.path("timestamp").asText();
      assertThat(value).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
      assertThat(Instant.parse(value)).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    });
  }

  @Test
  void discoversOnlyTheContainersOfThisComposeProject() {
    River.Block docker = alloy.component("discovery.docker.containers");
    River.Block filter = docker.block("filter").orElseThrow();
    assertThat(filter.string("name")).isEqualTo("label");
    assertThat(filter.list("values")).containsExactly(
        "com.docker.compose.project=" + DeploymentFiles.compose().path("name").asText());
  }

  @Test
  void writesToTheLokiServiceOfTheComposeFileOnItsConfiguredPort() {
    URI url = URI.create(alloy.component("loki.write.loki").block("endpoint").orElseThrow().string("url"));
    assertThat(DeploymentFiles.compose().path("services").has(url.getHost())).as(url.toString()).isTrue();
    assertThat(url.getPort()).isEqualTo(DeploymentFiles.yaml("loki/loki.yaml").path("server").path("http_listen_port").asInt());
    assertThat(url.getPath()).isEqualTo("/loki/api/v1/push");
  }

  private static void collectReferences(Iterable<?> values, List<String> into) {
    for (Object value : values) {
      if (value instanceof River.Reference reference) {
        into.add(reference.path());
      } else if (value instanceof List<?> list) {
        collectReferences(list, into);
      } else if (value instanceof Map<?, ?> map) {
        collectReferences(map.values(), into);
      }
    }
  }
}
