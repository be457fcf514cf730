package dev.tradingevents.tracing;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.impl.Headers;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventTracingBuilderTest {

  @RegisterExtension final InMemoryTracing otel = new InMemoryTracing();

  @Test
  void spansCarryTheDefaultInstrumentationScopeName() {
    otel.eventTracing()
        .startPublish(Context.root(), "events.market.PriceUpdate", "evt-1", new Headers(), 1)
        .end("TRADING_EVENTS", 1, false);

    assertThat(otel.onlySpan().getInstrumentationScopeInfo().getName())
        .isEqualTo("dev.tradingevents.trace-propagation");
  }

  @Test
  void spansCarryTheConfiguredInstrumentationScope() {
    EventTracing.builder(otel.openTelemetry())
        .instrumentationName("trading-service")
        .instrumentationVersion("1.2.3")
        .build()
        .startProcess("events.market.PriceUpdate", null, null, null, 0)
        .end();

    assertThat(otel.onlySpan())
        .hasInstrumentationScopeInfo(
            InstrumentationScopeInfo.builder("trading-service").setVersion("1.2.3").build());
  }

  @Test
  void rejectsABlankInstrumentationName() {
    assertThatThrownBy(() -> EventTracing.builder(otel.openTelemetry()).instrumentationName(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("instrumentationName");
  }

  @Test
  void rejectsAMissingOpenTelemetry() {
    assertThatThrownBy(() -> EventTracing.create(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("openTelemetry");
  }
}
