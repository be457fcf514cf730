package dev.tradingevents.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.deployment.DeploymentFiles.PanelQuery;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The service dashboard's PromQL, checked against a real scrape of the logger's /prometheus. */
class ServiceDashboardTest {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  /** Labels Prometheus adds to every scraped series. */
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "bool", "and", "or", "unless", "offset");

  private final JsonNode dashboard = DeploymentFiles.json("grafana/dashboards/event-logger-service.json");

  @Test
  void showsRateLagErrorsDeadLettersAndLatency() {
    Set<String> metrics = new HashSet<>();
    queries().forEach(query -> metrics.addAll(metricsOf(query.expr())));
    assertThat(metrics).contains("trading_events_logged_total", "trading_events_consumer_pending",
        "trading_events_errors_total", "trading_events_dead_lettered_total",
        "trading_events_end_to_end_latency_seconds_bucket");
  }

  @Test
  void everyMetricAndLabelAQueryUsesIsInTheRealScrape() {
    Map<String, Set<String>> scrape = scrape(RealLoggerOutput.get().prometheusScrape);
    Set<String> jobs = new HashSet<>();
    DeploymentFiles.yaml("prometheus/prometheus.yml").path("scrape_configs")
        .forEach(job -> jobs.add(job.path("job_name").asText()));
    assertThat(queries()).isNotEmpty().allSatisfy(query -> {
      Set<String> available = new HashSet<>(TARGET_LABELS);
      for (String metric : metricsOf(query.expr())) {
        if (metric.equals("up")) {
          continue;
        }
        assertThat(scrape).as("%s: metric %s in the logger's /prometheus", query, metric).containsKey(metric);
        available.addAll(scrape.get(metric));
      }
      assertThat(labelsOf(query.expr())).as("labels of %s", query).isSubsetOf(available);
      Matcher job = Pattern.compile("job=\"([^\"]*)\"").matcher(query.expr());
      while (job.find()) {
        assertThat(jobs).as("%s: a job of prometheus.yml", query).contains(job.group(1));
      }
    });
  }

  @Test
  void runsOnMimir() {
    assertThat(queries()).allSatisfy(query -> assertThat(query.datasourceUid()).isEqualTo("mimir"));
  }

  private List<PanelQuery> queries() {
    return DeploymentFiles.queries(dashboard);
  }

  /** Metric names: identifiers that are not functions, keywords, label names or inside strings/ranges. */
  static Set<String> metricsOf(String promql) {
    String text = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", "")
        .replaceAll("\\[[^]]*]", "")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
        .replaceAll("\\$\\{?\\w+}?", "");
    Set<String> metrics = new LinkedHashSet<>();
    Matcher identifiers = IDENTIFIER.matcher(text);
    while (identifiers.find()) {
      String name = identifiers.group();
      int after = identifiers.end();
      while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
        after++;
      }
      boolean function = after < text.length() && text.charAt(after) == '(';
      boolean number = identifiers.start() > 0 && Character.isDigit(text.charAt(identifiers.start() - 1));
      if (!function && !number && !KEYWORDS.contains(name)) {
        metrics.add(name);
      }
    }
    return metrics;
  }

  /** Label names in matchers and groupings. */
  static Set<String> labelsOf(String promql) {
    Set<String> labels = new LinkedHashSet<>();
    Matcher matchers = Pattern.compile("\\{([^}]*)}").matcher(promql);
    while (matchers.find()) {
      Matcher name = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)").matcher(matchers.group(1));
      while (name.find()) {
        labels.add(name.group(1));
      }
    }
    Matcher groupings = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)").matcher(promql);
    while (groupings.find()) {
      for (String label : groupings.group(1).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.trim());
        }
      }
    }
    return labels;
  }

  /** Metric name to the label names its samples carry, from the Prometheus text format. */
  static Map<String, Set<String>> scrape(String text) {
    Map<String, Set<String>> metrics = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (sample.find()) {
        Set<String> labels = metrics.computeIfAbsent(sample.group(1), name -> new HashSet<>());
        if (sample.group(2) != null) {
          Matcher label = LABEL.matcher(sample.group(2));
          while (label.find()) {
            labels.add(label.group(1));
          }
        }
      }
    }
    return metrics;
  }
}
