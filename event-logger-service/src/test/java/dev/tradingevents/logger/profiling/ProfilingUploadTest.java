package dev.tradingevents.logger.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.pyroscope.javaagent.PyroscopeAgent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The real agent, started by the context, uploading to a real HTTP endpoint. */
class ProfilingUploadTest {
  private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(30);

  private IngestRecorder pyroscope;

  @BeforeEach
  void startServer() throws Exception {
    pyroscope = new IngestRecorder();
  }

  @AfterEach
  void stopServer() {
    pyroscope.close();
    assertThat(PyroscopeAgent.isStarted()).as("agent left running by a test").isFalse();
  }

  @Test
  void uploadsAJfrProfileToIngestNamedByApplicationAndTags() throws Exception {
    try (ApplicationContext context = ProfilingContexts.start(enabledProperties());
        CpuBurner burner = new CpuBurner()) {
      assertThat(context.getBean(ProfilingStarter.class).isRunning()).isTrue();

      await()
          .atMost(UPLOAD_TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(pyroscope.requests())
                      .anySatisfy(
                          request -> {
                            assertThat(request.method()).isEqualTo("POST");
                            assertThat(request.path()).isEqualTo("/ingest");
                            assertThat(request.query())
                                .containsEntry("name", "event-logger-service{env=test,region=local}")
                                .containsEntry("format", "jfr")
                                .containsEntry("spyName", "javaspy")
                                .containsKeys("from", "until", "sampleRate");
                            assertThat(Long.parseLong(request.query().get("until")))
                                .isGreaterThanOrEqualTo(Long.parseLong(request.query().get("from")));
                            assertThat(request.contentType()).startsWith("multipart/form-data");
                            assertThat(request.bodyBytes()).isPositive();
                          }));
      IngestRecorder.Request first = pyroscope.requests().get(0);
      System.out.printf(
          "captured upload: %s %s?%s body=%d bytes content-type=%s%n",
          first.method(), first.path(), first.rawQuery(), first.bodyBytes(), first.contentType());
    }
  }

  @Test
  void sendsTheAuthTokenAsBearerAndNeverLogsIt() throws Exception {
    String token = "s3cr3t-pyroscope-token";
    Map<String, Object> properties = enabledProperties();
    properties.put("trading-events.pyroscope.auth-token", token);
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (ApplicationContext context = ProfilingContexts.start(properties);
        CpuBurner burner = new CpuBurner()) {
      await()
          .atMost(UPLOAD_TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(pyroscope.requests())
                      .anySatisfy(
                          request ->
                              assertThat(request.authorization()).isEqualTo("Bearer " + token)));
      assertThat(context.getBean(ProfilingConfiguration.class).toString())
          .doesNotContain(token);
    } finally {
      releaseLogs(logs);
    }
    List<String> messages = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages)
        .as("the start line")
        .anySatisfy(
            message ->
                assertThat(message)
                    .startsWith("Pyroscope profiling started")
                    .contains(pyroscope.baseUrl(), "event-logger-service"));
    assertThat(messages).as("agent DEBUG lines were captured too").anyMatch(m -> m.startsWith("Config:"));
    assertThat(messages).noneMatch(message -> message.contains(token));
  }

  @Test
  void usesUserInfoInTheServerAddressAsBasicAuthAndNeverLogsIt() throws Exception {
    String password = "s3cr3t-password";
    Map<String, Object> properties = enabledProperties();
    properties.put(
        "trading-events.pyroscope.server-address",
        pyroscope.baseUrl().replace("http://", "http://agent:" + password + "@"));
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (ApplicationContext context = ProfilingContexts.start(properties);
        CpuBurner burner = new CpuBurner()) {
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("agent:" + password).getBytes(StandardCharsets.UTF_8));
      await()
          .atMost(UPLOAD_TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(pyroscope.requests())
                      .anySatisfy(request -> assertThat(request.authorization()).isEqualTo(basic)));
    } finally {
      releaseLogs(logs);
    }
    List<String> messages = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(messages)
        .as("agent DEBUG upload lines were captured too")
        .anyMatch(m -> m.startsWith("Upload attempt") && m.contains("//***@127.0.0.1"));
    assertThat(messages).noneMatch(message -> message.contains(password));
  }

  @Test
  void stopsTheAgentWhenTheContextCloses() {
    ApplicationContext context = ProfilingContexts.start(enabledProperties());
    assertThat(PyroscopeAgent.isStarted()).isTrue();

    context.close();

    assertThat(PyroscopeAgent.isStarted()).isFalse();
  }

  private Map<String, Object> enabledProperties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("trading-events.pyroscope.enabled", true);
    properties.put("trading-events.pyroscope.server-address", pyroscope.baseUrl());
    properties.put("trading-events.pyroscope.upload-interval", "1s");
    properties.put("trading-events.pyroscope.tags.env", "test");
    properties.put("trading-events.pyroscope.tags.region", "local");
    return properties;
  }

  private static final String[] CAPTURED = {
    ProfilingStarter.class.getName(), "io.pyroscope.javaagent"
  };

  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    for (String name : CAPTURED) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      logger.setLevel(Level.DEBUG);
      logger.addAppender(appender);
    }
    return appender;
  }

  private static void releaseLogs(ListAppender<ILoggingEvent> appender) {
    for (String name : CAPTURED) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      logger.detachAppender(appender);
      logger.setLevel(null);
    }
    appender.stop();
  }
}
