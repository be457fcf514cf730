package dev.tradingevents.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tradingevents.deployment.DeploymentFiles.PanelQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Events Dashboard: the seed document's sections and queries, and every LogQL query of both
 * dashboards checked against Alloy's labels and the real logger's lines.
 */
class EventsDashboardTest {
  /** The LogQL printed in the seed document, which must work unchanged. */
  static final List<String> SEED_QUERIES = List.of(
      """
      sum by (event_type) (
        count_over_time(
          {service="event-logger-service"}
          | json
          | event_type != ""
          [$__interval]
        )
      )""",
      """
      {service="event-logger-service"}
      | json
      | event_type="ArbitrageOpportunity"
      | line_format "{{.profit_usd}}\"""",
      """
      sum by (source) (
        count_over_time(
          {service="event-logger-service"}
          | json
          | event_type="PriceUpdate"
          [$__interval]
        )
      )""",
      """
      {service="event-logger-service"}
      | json
      | level=~"error|fatal|critical"
      | line_format "{{.timestamp}} [{{.level}}] {{.event_type}}: {{.msg}}\"""");

  /** Loki adds this label itself, from the labels limits_config.discover_service_name names. */
  private static final String LOKI_SERVICE_NAME = "service_name";

  private final JsonNode dashboard = DeploymentFiles.json("grafana/dashboards/events-dashboard.json");
  private final AlloyLabels alloy = AlloyLabels.read();

  @Test
  void hasEverySectionAndPanelOfTheSeedDocument() {
    List<String> rows = new ArrayList<>();
    List<String> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      (panel.path("type").asText().equals("row") ? rows : panels).add(panel.path("title").asText());
    }
    assertThat(rows).containsExactly("Event Overview", "Arbitrage Opportunities", "Market Data", "System Health",
        "Recent Events");
    assertThat(panels).contains("Events by Type", "Event Rate", "Opportunities by DEX Pair", "Profit Estimates (USD)",
        "Triangular Arbitrage Paths", "Price Updates by Source", "Liquidity Updates by DEX", "Large Trades by DEX (USD notional)",
        "Spreads (bps)", "Volume Spikes (x baseline)", "System Lifecycle", "Connection Events", "Clock Drift (ms)",
        "Stalls (ms)", "Live Event Stream", "Critical Events");
  }

  @Test
  void everySeedQueryIsOnTheDashboardUnchanged() {
    Set<String> expressions = DeploymentFiles.queries(dashboard).stream().map(query -> normalize(query.expr()))
        .collect(Collectors.toSet());
    assertThat(SEED_QUERIES).allSatisfy(seed -> assertThat(expressions).contains(normalize(seed)));
  }

  @Test
  void refreshesEveryFiveSecondsAndOffersFiveMinutesToADay() {
    assertThat(dashboard.path("refresh").asText()).isEqualTo("5s");
    List<String> options = new ArrayList<>();
    dashboard.path("timepicker").path("time_options").forEach(option -> options.add(option.asText()));
    assertThat(options).startsWith("5m").endsWith("24h");
    List<String> quickRanges = new ArrayList<>();
    dashboard.path("timepicker").path("quick_ranges").forEach(range -> quickRanges.add(range.path("from").asText()));
    assertThat(quickRanges).startsWith("now-5m").endsWith("now-24h");
  }

  @Test
  void letsTheUserFilterByEventTypeAndSourceAndUsesBothFilters() {
    JsonNode variables = dashboard.path("templating").path("list");
    assertThat(variables).extracting(variable -> variable.path("name").asText()).containsExactly("event_type", "source");
    JsonNode eventType = variables.get(0);
    assertThat(eventType.path("query").path("label").asText()).isIn(alloy.labels.keySet());
    assertThat(LogQl.parse(eventType.path("query").path("stream").asText()).selector())
        .allSatisfy(matcher -> assertThat(alloy.labels).containsKey(matcher.name()));
    List<String> expressions = DeploymentFiles.queries(dashboard).stream().map(PanelQuery::expr).toList();
    assertThat(expressions).anySatisfy(expr -> assertThat(expr).contains("event_type=~\"$event_type\""));
    assertThat(expressions).anySatisfy(expr -> assertThat(expr).contains("source=~\"$source\""));
  }

  @Test
  void everyLogQlQueryUsesOnlyLabelsAlloySets() {
    assertThat(lokiQueries()).hasSizeGreaterThan(20);
    for (PanelQuery query : lokiQueries()) {
      LogQl.Query parsed = LogQl.parse(query.expr());
      assertThat(parsed.selector()).as("%s", query)
          .allSatisfy(matcher -> assertThat(streamLabels()).as("%s", query).contains(matcher.name()));
      if (!parsed.parsesJson()) {
        assertThat(parsed.grouping()).as("grouping without | json: %s", query).isSubsetOf(streamLabels());
        assertThat(parsed.filters()).as("%s", query).allSatisfy(filter ->
            assertThat(streamLabels()).contains(filter.name()));
      }
    }
  }

  @Test
  void everyLogQlQueryFindsTheFieldsItReadsInRealLoggerLines() {
    List<JsonNode> lines = RealLoggerOutput.get().lines;
    for (PanelQuery query : lokiQueries()) {
      checkAgainst(query, LogQl.parse(query.expr()), lines);
    }
  }

  @Test
  void fieldsAQueryReadsAfterJsonAreNotShadowedByADifferentLabel() {
    // `| json` renames a field that clashes with a label (or structured metadata) to <name>_extracted, so
    // `by (x)` or `{{.x}}` would read the label: fine only when the label holds the same value
    for (PanelQuery query : lokiQueries()) {
      LogQl.Query parsed = LogQl.parse(query.expr());
      Set<String> read = new HashSet<>(parsed.grouping());
      read.addAll(parsed.templateFields());
      read.addAll(parsed.unwrapped());
      parsed.filters().forEach(filter -> read.add(filter.name()));
      for (String name : read) {
        String origin = alloy.labels.getOrDefault(name, alloy.structuredMetadata.get(name));
        if (origin != null && !name.equals("service")) {
          assertThat(origin).as("label %s read by %s", name, query).isEqualTo("json:" + name);
        }
      }
    }
  }

  @Test
  void tempoTraceToLogsQueryFindsTheLoggerLinesOfATrace() {
    JsonNode tempo = DatasourcesTest.datasource("tempo");
    String query = tempo.path("jsonData").path("tracesToLogsV2").path("query").asText().replace("$$", "$");
    LogQl.Query parsed = LogQl.parse(query);
    assertThat(parsed.selector()).allSatisfy(matcher -> assertThat(streamLabels()).contains(matcher.name()));
    assertThat(parsed.filters()).singleElement().satisfies(filter -> {
      assertThat(filter.name()).as("trace_id is structured metadata: no parser needed").isIn(alloy.structuredMetadata.keySet());
      assertThat(filter.afterParser()).isFalse();
    });
  }

  /** Checks one query's filters, fields and values against the real lines it would select. */
  private void checkAgainst(PanelQuery query, LogQl.Query parsed, List<JsonNode> allLines) {
    List<JsonNode> scope = new ArrayList<>(allLines);
    for (LogQl.Matcher matcher : parsed.selector()) {
      scope = narrow(scope, matcher, query);
    }
    for (LogQl.Matcher filter : parsed.filters()) {
      if (filter.name().equals("__error__")) {
        continue;
      }
      assertThat(streamLabels().contains(filter.name()) || hasField(scope, filter.name()))
          .as("%s filters on %s, which no real line in its scope has", query, filter.name()).isTrue();
      scope = narrow(scope, filter, query);
    }
    List<JsonNode> selected = scope;
    assertThat(selected).as("real lines %s selects", query).isNotEmpty();
    Set<String> fields = new HashSet<>(parsed.templateFields());
    fields.addAll(parsed.unwrapped());
    if (parsed.parsesJson()) {
      fields.addAll(parsed.grouping());
    }
    for (String field : fields) {
      assertThat(hasField(selected, field) || streamLabels().contains(field))
          .as("%s reads %s, which none of the %d real lines it selects has", query, field, selected.size()).isTrue();
    }
    for (String field : parsed.unwrapped()) {
      assertThat(selected.stream().filter(line -> line.has(field)))
          .as("%s unwraps %s: a number in every line that has it", query, field)
          .allSatisfy(line -> assertThat(isNumber(line.path(field))).as("%s", line.path(field)).isTrue());
    }
  }

  /** The lines a matcher keeps; a literal value must select at least one real line. */
  private List<JsonNode> narrow(List<JsonNode> lines, LogQl.Matcher matcher, PanelQuery query) {
    if (matcher.usesVariable() || matcher.name().equals("__error__")) {
      return lines;
    }
    String field = matcher.name();
    List<JsonNode> kept = switch (matcher.op()) {
      case "=", "==" -> lines.stream().filter(line -> line.path(field).asText("").equals(matcher.value())).toList();
      case "!=" -> lines.stream().filter(line -> !line.path(field).asText("").equals(matcher.value())).toList();
      case "=~" -> lines.stream().filter(line -> Pattern.compile(matcher.value()).matcher(line.path(field).asText(""))
          .matches()).toList();
      case "!~" -> lines.stream().filter(line -> !Pattern.compile(matcher.value()).matcher(line.path(field).asText(""))
          .matches()).toList();
      default -> lines;
    };
    assertThat(kept).as("%s: %s %s \"%s\" matches no real line", query, field, matcher.op(), matcher.value())
        .isNotEmpty();
    return kept;
  }

  private Set<String> streamLabels() {
    Set<String> labels = new HashSet<>(alloy.labels.keySet());
    JsonNode discover = DeploymentFiles.yaml("loki/loki.yaml").path("limits_config").path("discover_service_name");
    if (!discover.isArray() || !discover.isEmpty()) {
      labels.add(LOKI_SERVICE_NAME);
    }
    return labels;
  }

  private static boolean hasField(List<JsonNode> lines, String field) {
    return lines.stream().anyMatch(line -> line.has(field) && !line.path(field).isContainerNode());
  }

  private static boolean isNumber(JsonNode value) {
    if (value.isNumber()) {
      return true;
    }
    try {
      new BigDecimal(value.asText());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The LogQL of both dashboards. */
  static List<PanelQuery> lokiQueries() {
    List<PanelQuery> queries = new ArrayList<>();
    for (var file : DeploymentFiles.dashboards()) {
      try {
        DeploymentFiles.queries(DeploymentFiles.JSON.readTree(file.toFile())).stream()
            .filter(query -> query.datasourceType().equals("loki")).forEach(queries::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return queries;
  }

  private static String normalize(String logql) {
    return logql.replaceAll("\\s+", " ").trim();
  }
}
