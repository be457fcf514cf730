package dev.tradingevents.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and the configs it mounts, checked without Docker. */
class ComposeFileTest {
  private final JsonNode compose = DeploymentFiles.compose();
  private final JsonNode services = compose.path("services");

  /** The compose service that builds the event-logger-service image. */
  static String loggerServiceName() {
    Iterator<Map.Entry<String, JsonNode>> services = DeploymentFiles.compose().path("services").fields();
    while (services.hasNext()) {
      Map.Entry<String, JsonNode> service = services.next();
      if (service.getValue().path("build").path("context").asText().endsWith("event-logger-service")) {
        return service.getKey();
      }
    }
    throw new AssertionError("no compose service builds ../event-logger-service");
  }

  @Test
  void everyYamlAndJsonFileParses() {
    List<Path> yaml = DeploymentFiles.filesEndingWith(".yaml", ".yml");
    assertThat(yaml).hasSizeGreaterThanOrEqualTo(8).allSatisfy(file ->
        assertThat(DeploymentFiles.yaml(DeploymentFiles.dir().relativize(file).toString()).isObject()).as("%s", file).isTrue());
    List<Path> json = DeploymentFiles.filesEndingWith(".json");
    assertThat(json).hasSize(2).allSatisfy(file ->
        assertThat(DeploymentFiles.json(DeploymentFiles.dir().relativize(file).toString()).isObject()).as("%s", file).isTrue());
  }

  @Test
  void hasThePipelineAndTheWholeStack() {
    assertThat(names(services)).contains("nats", "event-logger-service", "market-data-publisher", "alloy", "loki",
        "grafana", "tempo", "mimir", "pyroscope", "prometheus", "otel-collector");
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    assertThat(names(services)).allSatisfy(name -> {
      String image = services.path(name).path("image").asText();
      assertThat(image).as("image of %s", name).isNotBlank();
      String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
      assertThat(tag).as("tag of %s (%s)", name, image).isNotBlank().isNotEqualTo("latest").matches(".*\\d.*");
    });
  }

  @Test
  void everyBindMountSourceExists() {
    List<String> sources = new ArrayList<>();
    for (String name : names(services)) {
      for (JsonNode volume : services.path(name).path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith(".")) {
          sources.add(source);
        }
      }
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(8)
        .allSatisfy(source -> assertThat(DeploymentFiles.path(source)).as(source).exists());
  }

  @Test
  void everyConfigFileACommandNamesIsMountedFromThisDirectory() {
    List<String> checked = new ArrayList<>();
    for (String name : names(services)) {
      Map<String, String> mounts = new java.util.HashMap<>();
      for (JsonNode volume : services.path(name).path("volumes")) {
        String[] parts = volume.asText().split(":");
        mounts.put(parts[1], parts[0]);
      }
      for (JsonNode argument : services.path(name).path("command")) {
        String value = argument.asText().replaceFirst("^-{1,2}[a-z.]+=", "");
        if (value.startsWith("/etc/")) {
          assertThat(mounts).as("%s reads %s", name, value).containsKey(value);
          assertThat(DeploymentFiles.path(mounts.get(value))).as("source of %s", value).isRegularFile();
          checked.add(name);
        }
      }
    }
    assertThat(checked).containsExactlyInAnyOrder("nats", "alloy", "loki", "prometheus", "mimir", "otel-collector",
        "tempo");
  }

  @Test
  void everyNamedVolumeIsDeclaredAndEveryDeclaredVolumeUsed() {
    Set<String> used = new HashSet<>();
    for (String name : names(services)) {
      for (JsonNode volume : services.path(name).path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (!source.startsWith(".") && !source.startsWith("/")) {
          used.add(source);
        }
      }
    }
    assertThat(used).isEqualTo(new HashSet<>(names(compose.path("volumes"))));
  }

  @Test
  void everyBuiltImageHasADockerfileWhoseFilesTheBuildMakes() throws IOException {
    List<String> built = names(services).stream().filter(name -> services.path(name).has("build")).toList();
    assertThat(built).containsExactlyInAnyOrder("event-logger-service", "market-data-publisher");
    for (String name : built) {
      Path context = DeploymentFiles.path(services.path(name).path("build").path("context").asText()).normalize();
      Path dockerfile = context.resolve("Dockerfile");
      assertThat(dockerfile).exists();
      for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
        if (line.startsWith("COPY ")) {
          String source = line.split("\\s+")[1];
          assertThat(context.resolve(source)).as("%s of %s (built by `mvn package`)", source, name).isRegularFile();
          assertThat(Files.readString(context.resolve(".dockerignore"))).as(".dockerignore of %s", name)
              .contains("!" + source);
        }
      }
    }
  }

  @Test
  void dependenciesExistAndWaitForHealthOnlyWhereThereIsACheck() {
    for (String name : names(services)) {
      JsonNode dependsOn = services.path(name).path("depends_on");
      for (String dependency : names(dependsOn)) {
        assertThat(services.has(dependency)).as("%s depends on %s", name, dependency).isTrue();
        if (dependsOn.path(dependency).path("condition").asText().equals("service_healthy")) {
          assertThat(services.path(dependency).has("healthcheck")).as("%s has a healthcheck", dependency).isTrue();
        }
        // a service of the default set must not need one that only a profile starts
        if (!services.path(name).has("profiles")) {
          assertThat(services.path(dependency).has("profiles")).as("%s (default) depends on %s (profile)", name,
              dependency).isFalse();
        }
      }
    }
  }

  @Test
  void theLightDefaultRunsTheEventsDashboardAndTheFullProfileTheRest() {
    List<String> defaults = names(services).stream().filter(name -> !services.path(name).has("profiles")).toList();
    assertThat(defaults).containsExactlyInAnyOrder("nats", "event-logger-service", "market-data-publisher", "alloy",
        "loki", "grafana");
    names(services).stream().filter(name -> services.path(name).has("profiles")).forEach(name ->
        assertThat(services.path(name).path("profiles").get(0).asText()).as(name).isEqualTo("full"));
  }

  @Test
  void publishesTheSeedDocumentsPorts() {
    Map<String, String> ports = Map.of("grafana", "3000", "alloy", "12345", "loki", "3100", "mimir", "9009",
        "tempo", "3200", "prometheus", "9090", "pyroscope", "4040", "nats", "4222", "otel-collector", "4317");
    ports.forEach((service, port) -> {
      List<String> published = new ArrayList<>();
      services.path(service).path("ports").forEach(mapping -> published.add(mapping.asText()));
      assertThat(published).as("ports of %s", service).contains(port + ":" + port);
    });
  }

  @Test
  void natsRunsJetStreamFromAConfigTheRealServerAccepts() throws Exception {
    String config = DeploymentFiles.text("nats/nats.conf");
    assertThat(config).contains("jetstream {").contains("store_dir: /data/jetstream");
    assertRealServerAcceptsTheConfig(Map.of());
    assertThat(services.path("nats").path("volumes").toString()).contains("nats-data:/data");
  }

  /**
   * The default of a value that compose takes from an environment variable ({@code ${NAME:-default}}), so
   * that the host can override it: the value must be written that way.
   */
  private static String composeDefault(String value, String variable) {
    Matcher matcher = Pattern.compile("\\$\\{" + Pattern.quote(variable) + ":-([^}]*)}").matcher(value);
    assertThat(matcher.matches()).as("%s comes from ${%s:-default}", value, variable).isTrue();
    return matcher.group(1);
  }

  /** {@code nats-server -t} (test the config and exit) on nats/nats.conf, with these environment variables. */
  private static void assertRealServerAcceptsTheConfig(Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("nats-server", "-t", "-c",
        DeploymentFiles.path("nats/nats.conf").toString()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process check = builder.start();
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.exitValue()).as(output).isZero();
  }

  @Test
  void natsCollectsGarbageAtAMemoryLimitWhichTheRealServerAccepts() throws Exception {
    JsonNode environment = services.path("nats").path("environment");
    assertThat(environment.path("GOGC").asText()).isEqualTo("off");
    String limit = composeDefault(environment.path("GOMEMLIMIT").asText(), "NATS_GOMEMLIMIT");
    assertThat(limit).as("without a limit, GOGC=off never collects").isNotEmpty();

    // Go refuses a malformed GOMEMLIMIT (say "2GB") at the server's start, before it reads its config
    assertRealServerAcceptsTheConfig(Map.of("GOGC", environment.path("GOGC").asText(), "GOMEMLIMIT", limit));
  }

  @Test
  void natsKeepsItsHeapOffTransparentHugePagesWhichTheRealServerAccepts() throws Exception {
    String godebug = services.path("nats").path("environment").path("GODEBUG").asText();
    assertThat(godebug.split(",")).contains("disablethp=1");

    assertRealServerAcceptsTheConfig(Map.of("GODEBUG", godebug));
  }

  @Test
  void prometheusScrapesTheLoggerAndWritesToMimir() {
    JsonNode prometheus = DeploymentFiles.yaml("prometheus/prometheus.yml");
    JsonNode loggerJob = null;
    for (JsonNode job : prometheus.path("scrape_configs")) {
      if (job.path("job_name").asText().equals("event-logger-service")) {
        loggerJob = job;
      }
    }
    assertThat(loggerJob).isNotNull();
    assertThat(loggerJob.path("metrics_path").asText()).isEqualTo("/prometheus");
    assertThat(loggerJob.path("static_configs").get(0).path("targets").get(0).asText())
        .isEqualTo(loggerServiceName() + ":8080");
    URI remoteWrite = URI.create(prometheus.path("remote_write").get(0).path("url").asText());
    assertThat(remoteWrite.getHost()).isEqualTo("mimir");
    assertThat(remoteWrite.getPort())
        .isEqualTo(DeploymentFiles.yaml("mimir/mimir.yaml").path("server").path("http_listen_port").asInt());
  }

  @Test
  void lokiKeepsSevenDaysOnTsdbWithSchemaV13() {
    JsonNode loki = DeploymentFiles.yaml("loki/loki.yaml");
    assertThat(loki.path("limits_config").path("retention_period").asText()).isEqualTo("168h");
    assertThat(loki.path("limits_config").path("allow_structured_metadata").asBoolean()).isTrue();
    assertThat(loki.path("compactor").path("retention_enabled").asBoolean()).isTrue();
    JsonNode schema = loki.path("schema_config").path("configs").get(0);
    assertThat(schema.path("store").asText()).isEqualTo("tsdb");
    assertThat(schema.path("schema").asText()).isEqualTo("v13");
  }

  @Test
  void theCollectorSendsOtlpTracesToTempo() {
    JsonNode collector = DeploymentFiles.yaml("otel-collector/config.yaml");
    JsonNode traces = collector.path("service").path("pipelines").path("traces");
    traces.path("receivers").forEach(id -> assertThat(collector.path("receivers").has(id.asText())).isTrue());
    traces.path("processors").forEach(id -> assertThat(collector.path("processors").has(id.asText())).isTrue());
    assertThat(traces.path("exporters")).singleElement().satisfies(id -> {
      JsonNode exporter = collector.path("exporters").path(id.asText());
      assertThat(exporter.path("endpoint").asText()).isEqualTo("tempo:" + DeploymentFiles.yaml("tempo/tempo.yaml")
          .path("distributor").path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText()
          .replaceAll(".*:", ""));
    });
    assertThat(services.path("event-logger-service").path("environment").path("OTEL_EXPORTER_OTLP_ENDPOINT").asText())
        .isEqualTo("http://otel-collector:4317");
    assertThat(DeploymentFiles.yaml("tempo/tempo.yaml").path("compactor").path("compaction").path("block_retention")
        .asText()).isEqualTo("24h");
  }

  @Test
  void grafanaLoadsTheProvisioningAndDashboardsThatExist() {
    JsonNode provider = DeploymentFiles.yaml("grafana/provisioning/dashboards/dashboards.yaml").path("providers").get(0);
    String dashboardsPath = provider.path("options").path("path").asText();
    List<String> volumes = new ArrayList<>();
    services.path("grafana").path("volumes").forEach(volume -> volumes.add(volume.asText()));
    assertThat(volumes).contains("./grafana/dashboards:" + dashboardsPath + ":ro",
        "./grafana/provisioning:/etc/grafana/provisioning:ro");
    String home = services.path("grafana").path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
    assertThat(home).startsWith(dashboardsPath + "/");
    assertThat(DeploymentFiles.path("grafana/dashboards").resolve(home.substring(dashboardsPath.length() + 1))).exists();
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
