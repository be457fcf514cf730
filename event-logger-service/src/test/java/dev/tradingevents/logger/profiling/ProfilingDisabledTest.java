package dev.tradingevents.logger.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.pyroscope.javaagent.PyroscopeAgent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilingDisabledTest {

  @Test
  void isOffByDefault() {
    try (ApplicationContext context = ProfilingContexts.start(Map.of())) {
      assertThat(context.getBean(ProfilingConfiguration.class).enabled()).isFalse();
      assertThat(context.getBean(ProfilingStarter.class).isRunning()).isFalse();
      assertThat(PyroscopeAgent.isStarted()).isFalse();
    }
  }

  @Test
  void startsNothingAndUploadsNothingWhenDisabled() throws Exception {
    try (IngestRecorder pyroscope = new IngestRecorder();
        ApplicationContext context =
            ProfilingContexts.start(
                Map.of(
                    "trading-events.pyroscope.enabled", false,
                    "trading-events.pyroscope.server-address", pyroscope.baseUrl(),
                    "trading-events.pyroscope.upload-interval", "1s"));
        CpuBurner burner = new CpuBurner()) {
      assertThat(context.getBean(ProfilingStarter.class).isRunning()).isFalse();
      assertThat(PyroscopeAgent.isStarted()).isFalse();

      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> pyroscope.requests().isEmpty());
    }
  }
}
