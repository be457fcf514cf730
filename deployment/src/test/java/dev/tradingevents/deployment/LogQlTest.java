package dev.tradingevents.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The LogQL reader the dashboard tests rely on. */
class LogQlTest {

  @Test
  void readsTheSelectorParserFiltersAndTemplateFieldsOfASeedQuery() {
    LogQl.Query query = LogQl.parse(EventsDashboardTest.SEED_QUERIES.get(3));

    assertThat(query.selector()).containsExactly(new LogQl.Matcher("service", "=", "event-logger-service", false));
    assertThat(query.parsers()).containsExactly("json");
    assertThat(query.filters()).containsExactly(new LogQl.Matcher("level", "=~", "error|fatal|critical", true));
    assertThat(query.templateFields()).containsExactly("timestamp", "level", "event_type", "msg");
  }

  @Test
  void readsGroupingsInsideAndOutsideRangeAggregationsAndUnwrap() {
    LogQl.Query query = LogQl.parse("sum by (dex) (max_over_time({service=\"a\", event_type=\"LiquidityUpdate\"}"
        + " | json | unwrap liquidity_usd | __error__=\"\" [$__interval]) by (dex, pool_address))");

    assertThat(query.grouping()).containsExactly("dex", "pool_address");
    assertThat(query.unwrapped()).containsExactly("liquidity_usd");
    assertThat(query.filters()).extracting(LogQl.Matcher::name).containsExactly("__error__");
  }

  @Test
  void readsChainedFiltersAndKnowsWhichComeBeforeTheParser() {
    LogQl.Query query = LogQl.parse("{service=\"a\"} | trace_id=\"abc\" | json | kind=\"TRIANGULAR\" and dex!=\"orca\"");

    assertThat(query.filters()).containsExactly(
        new LogQl.Matcher("trace_id", "=", "abc", false),
        new LogQl.Matcher("kind", "=", "TRIANGULAR", true),
        new LogQl.Matcher("dex", "!=", "orca", true));
  }

  @Test
  void failsOnAStageItDoesNotKnowRatherThanSkippingIt() {
    assertThatThrownBy(() -> LogQl.parse("{service=\"a\"} | json | label_format x=y"))
        .hasMessageContaining("label_format");
    assertThatThrownBy(() -> LogQl.parse("sum(rate(x[5m]))")).hasMessageContaining("no stream selector");
  }
}
