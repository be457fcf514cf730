package dev.tradingevents.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleTelemetryTest {
  @Test
  void exportsNothingUnlessAnExporterOrEndpointIsSet() {
    Map<String, String> defaults = SampleTelemetry.defaults("scanner", name -> null);
    assertThat(defaults).containsEntry("otel.service.name", "scanner").containsEntry("otel.traces.exporter", "none")
        .containsEntry("otel.metrics.exporter", "none").containsEntry("otel.logs.exporter", "none");
  }

  @Test
  void anOtlpEndpointTurnsTraceExportOn() {
    Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://tempo:4318");
    assertThat(SampleTelemetry.defaults("scanner", env::get)).containsEntry("otel.traces.exporter", "otlp");
  }
}
