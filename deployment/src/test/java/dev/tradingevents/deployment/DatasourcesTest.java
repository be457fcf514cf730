package dev.tradingevents.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.deployment.DeploymentFiles.PanelQuery;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Grafana's provisioned datasources: stable uids, every uid a dashboard uses, links between them. */
class DatasourcesTest {

  static List<JsonNode> datasources() {
    List<JsonNode> all = new ArrayList<>();
    for (Path file : DeploymentFiles.filesEndingWith(".yaml", ".yml")) {
      if (file.startsWith(DeploymentFiles.path("grafana/provisioning/datasources"))) {
        DeploymentFiles.yaml(DeploymentFiles.dir().relativize(file).toString()).path("datasources").forEach(all::add);
      }
    }
    return all;
  }

  static JsonNode datasource(String uid) {
    return datasources().stream().filter(datasource -> datasource.path("uid").asText().equals(uid)).findFirst()
        .orElseThrow(() -> new AssertionError("no datasource with uid " + uid));
  }

  @Test
  void provisionsLokiMimirAsDefaultTempoAndPyroscopeWithStableUids() {
    Map<String, String> types = new HashMap<>();
    datasources().forEach(datasource -> types.put(datasource.path("uid").asText(), datasource.path("type").asText()));
    assertThat(types).containsEntry("loki", "loki").containsEntry("mimir", "prometheus")
        .containsEntry("tempo", "tempo").containsEntry("pyroscope", "grafana-pyroscope-datasource")
        .containsEntry("prometheus", "prometheus");
    assertThat(datasources()).filteredOn(datasource -> datasource.path("isDefault").asBoolean())
        .singleElement().satisfies(datasource -> assertThat(datasource.path("uid").asText()).isEqualTo("mimir"));
  }

  @Test
  void everyDatasourceUidAPanelUsesIsProvisionedWithItsType() {
    List<PanelQuery> queries = new ArrayList<>();
    for (Path file : DeploymentFiles.dashboards()) {
      queries.addAll(DeploymentFiles.queries(DeploymentFiles.json(DeploymentFiles.dir().relativize(file).toString())));
    }
    assertThat(queries).hasSizeGreaterThan(20).allSatisfy(query -> {
      JsonNode datasource = datasource(query.datasourceUid());
      assertThat(datasource.path("type").asText()).as("%s", query).isEqualTo(query.datasourceType());
    });
  }

  @Test
  void everyDatasourceUidALinkUsesIsProvisioned() {
    JsonNode loki = datasource("loki");
    loki.path("jsonData").path("derivedFields").forEach(field -> datasource(field.path("datasourceUid").asText()));
    JsonNode tempoLinks = datasource("tempo").path("jsonData");
    for (String link : List.of("tracesToLogsV2", "tracesToMetrics", "tracesToProfiles", "serviceMap", "lokiSearch")) {
      assertThat(tempoLinks.path(link).path("datasourceUid").asText()).as(link).isNotBlank();
      datasource(tempoLinks.path(link).path("datasourceUid").asText());
    }
  }

  @Test
  void aLogLinesTraceIdOpensItsTraceInTempo() {
    JsonNode field = datasource("loki").path("jsonData").path("derivedFields").get(0);
    assertThat(field.path("datasourceUid").asText()).isEqualTo("tempo");
    // `$$` is Grafana provisioning's escape for a literal `$`
    assertThat(field.path("url").asText().replace("$$", "$")).isEqualTo("${__value.raw}");
    Pattern regex = Pattern.compile(field.path("matcherRegex").asText());
    List<JsonNode> lines = RealLoggerOutput.get().eventLines();
    assertThat(lines).allSatisfy(line -> {
      Matcher matcher = regex.matcher(DeploymentFiles.JSON.writeValueAsString(line));
      assertThat(matcher.find()).as("trace id in %s", line).isTrue();
      assertThat(matcher.group(1)).isEqualTo(line.path("trace_id").asText());
    });
  }

  @Test
  void everyDatasourceUrlNamesAComposeServiceOnThePortItListensOn() {
    JsonNode services = DeploymentFiles.compose().path("services");
    Map<String, Integer> ports = Map.of(
        "loki", DeploymentFiles.yaml("loki/loki.yaml").path("server").path("http_listen_port").asInt(),
        "mimir", DeploymentFiles.yaml("mimir/mimir.yaml").path("server").path("http_listen_port").asInt(),
        "tempo", DeploymentFiles.yaml("tempo/tempo.yaml").path("server").path("http_listen_port").asInt(),
        "prometheus", 9090,
        "pyroscope", 4040);
    assertThat(datasources()).allSatisfy(datasource -> {
      URI url = URI.create(datasource.path("url").asText());
      assertThat(services.has(url.getHost())).as("compose service %s", url.getHost()).isTrue();
      assertThat(url.getPort()).as("%s", url).isEqualTo(ports.get(url.getHost()));
    });
  }
}
