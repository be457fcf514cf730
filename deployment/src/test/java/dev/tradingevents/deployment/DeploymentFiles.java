package dev.tradingevents.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The deployment directory's files, read with real parsers (Jackson for JSON and YAML). */
final class DeploymentFiles {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DeploymentFiles() {}

  /** The deployment module's directory (set by the build; the working directory otherwise). */
  static Path dir() {
    return Path.of(System.getProperty("trading-events.deployment-dir", ".")).toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return dir().resolve(relative);
  }

  static String text(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(String relative) {
    try {
      return YAML.readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative + ": " + e.getMessage(), e);
    }
  }

  static JsonNode json(String relative) {
    try {
      return JSON.readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative + ": " + e.getMessage(), e);
    }
  }

  static JsonNode compose() {
    return yaml("docker-compose.yml");
  }

  /** Every file under the deployment directory (but the module's own build files) ending in one of the suffixes. */
  static List<Path> filesEndingWith(String... suffixes) {
    try (Stream<Path> files = Files.walk(dir())) {
      List<Path> found = new ArrayList<>();
      files.filter(Files::isRegularFile)
          .filter(file -> !dir().relativize(file).startsWith("target") && !dir().relativize(file).startsWith("src"))
          .filter(file -> {
            for (String suffix : suffixes) {
              if (file.getFileName().toString().endsWith(suffix)) {
                return true;
              }
            }
            return false;
          })
          .sorted()
          .forEach(found::add);
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The dashboards Grafana loads (the provider's path is mounted from grafana/dashboards). */
  static List<Path> dashboards() {
    try (Stream<Path> files = Files.list(path("grafana/dashboards"))) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every query ({@code expr}) of a dashboard's panels, rows included, with the datasource uid it runs on. */
  static List<PanelQuery> queries(JsonNode dashboard) {
    List<PanelQuery> queries = new ArrayList<>();
    collect(dashboard.path("panels"), queries);
    return queries;
  }

  private static void collect(JsonNode panels, List<PanelQuery> into) {
    for (JsonNode panel : panels) {
      collect(panel.path("panels"), into);
      for (JsonNode target : panel.path("targets")) {
        JsonNode datasource = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
        into.add(new PanelQuery(panel.path("title").asText(), datasource.path("uid").asText(),
            datasource.path("type").asText(), target.path("expr").asText()));
      }
    }
  }

  /** One query of a panel. */
  record PanelQuery(String panel, String datasourceUid, String datasourceType, String expr) {
    @Override
    public String toString() {
      return "'" + panel + "': " + expr;
    }
  }
}
