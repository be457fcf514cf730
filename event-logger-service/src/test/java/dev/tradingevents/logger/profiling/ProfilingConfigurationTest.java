package dev.tradingevents.logger.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.pyroscope.javaagent.PyroscopeAgent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilingConfigurationTest {

  @Test
  void bindsDefaults() {
    try (ApplicationContext context = ProfilingContexts.start(Map.of())) {
      ProfilingConfiguration configuration = context.getBean(ProfilingConfiguration.class);

      assertThat(configuration.enabled()).isFalse();
      assertThat(configuration.applicationName()).isEqualTo("event-logger-service");
      assertThat(configuration.uploadInterval()).isEqualTo(Duration.ofSeconds(10));
      assertThat(configuration.profilingEvent()).isEqualTo("itimer");
      assertThat(configuration.authToken()).isNull();
    }
  }

  @Test
  void bindsEverySetting() {
    try (ApplicationContext context =
        ProfilingContexts.start(
            Map.of(
                "trading-events.pyroscope.server-address", "http://pyroscope:4040",
                "trading-events.pyroscope.application-name", "logger-a",
                "trading-events.pyroscope.tags.env", "demo",
                "trading-events.pyroscope.upload-interval", "15s",
                "trading-events.pyroscope.profiling-event", "WALL",
                "trading-events.pyroscope.auth-token", "t0ken"))) {
      ProfilingConfiguration configuration = context.getBean(ProfilingConfiguration.class);

      assertThat(configuration.serverAddress()).isEqualTo("http://pyroscope:4040");
      assertThat(configuration.applicationName()).isEqualTo("logger-a");
      assertThat(configuration.tags()).containsExactly(Map.entry("env", "demo"));
      assertThat(configuration.uploadInterval()).isEqualTo(Duration.ofSeconds(15));
      assertThat(configuration.profilingEvent()).isEqualTo("wall");
      assertThat(configuration.authToken()).isEqualTo("t0ken");
      assertThat(configuration.toString()).doesNotContain("t0ken");
    }
  }

  @Test
  void failsStartupOnAnUnknownProfilingEventNamingTheSettingAndTheChoices() {
    assertThatThrownBy(
            () ->
                ProfilingContexts.start(
                    Map.of("trading-events.pyroscope.profiling-event", "cycles")))
        .rootCause()
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("trading-events.pyroscope.profiling-event")
        .hasMessageContaining("'cycles'")
        .hasMessageContaining("itimer")
        .hasMessageContaining("cpu")
        .hasMessageContaining("wall")
        .hasMessageContaining("alloc");
    assertThat(PyroscopeAgent.isStarted()).isFalse();
  }

  @Test
  void failsStartupWhenEnabledWithoutAServerAddress() {
    assertThatThrownBy(
            () -> ProfilingContexts.start(Map.of("trading-events.pyroscope.enabled", true)))
        .rootCause()
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("trading-events.pyroscope.server-address")
        .hasMessageContaining("required");
    assertThat(PyroscopeAgent.isStarted()).isFalse();
  }

  @Test
  void failsStartupOnAServerAddressThatIsNotAnHttpUrl() {
    assertThatThrownBy(
            () ->
                ProfilingContexts.start(
                    Map.of(
                        "trading-events.pyroscope.enabled", true,
                        "trading-events.pyroscope.server-address", "pyroscope:4040")))
        .rootCause()
        .hasMessageContaining("trading-events.pyroscope.server-address");
  }

  @Test
  void failsStartupOnATagThePyroscopeNameCannotCarry() {
    assertThatThrownBy(
            () ->
                ProfilingContexts.start(
                    Map.of("trading-events.pyroscope.tags.team", "a,b")))
        .rootCause()
        .hasMessageContaining("trading-events.pyroscope.tags")
        .hasMessageContaining("team=a,b");
  }
}
