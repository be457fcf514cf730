package dev.tradingevents.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// jnats' Connection.close() declares InterruptedException, which try-with-resources warns about
/** Each test stops its own server, so each gets one (usage without JUnit's extension). */
@SuppressWarnings("try")
class NatsTestServerRestartTest {

  private NatsTestServer server;

  @BeforeEach
  void startServer() {
    server = NatsTestServer.builder().start();
  }

  @AfterEach
  void closeServer() {
    server.close();
  }

  @Test
  void keepsAFileStorageStreamAndItsMessagesAcrossStopAndStartOnTheSamePort() throws Exception {
    String stream = NatsTestServer.uniqueName("SURVIVOR");
    try (Connection nc = server.connect()) {
      nc.jetStreamManagement().addStream(fileStream(stream));
      JetStream js = nc.jetStream();
      for (int i = 1; i <= 3; i++) {
        js.publish(stream + ".event", ("event-" + i).getBytes(StandardCharsets.UTF_8));
      }
    }
    int port = server.port();

    server.stop();
    assertThat(server.isRunning()).isFalse();
    server.start();

    assertThat(server.isRunning()).isTrue();
    assertThat(server.port()).isEqualTo(port);
    try (Connection nc = server.connect()) {
      JetStreamManagement jsm = nc.jetStreamManagement();
      assertThat(jsm.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(3);
      for (int seq = 1; seq <= 3; seq++) {
        MessageInfo message = jsm.getMessage(stream, seq);
        assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("event-" + seq);
      }
    }
  }

  @Test
  void reconnectsAConnectionOpenedBeforeStopOnceTheServerIsStartedAgain() throws Exception {
    String stream = NatsTestServer.uniqueName("RECONNECT");
    try (Connection nc = server.connect()) {
      nc.jetStreamManagement().addStream(fileStream(stream));
      nc.jetStream().publish(stream + ".before", "before".getBytes(StandardCharsets.UTF_8));

      server.stop();
      await().atMost(Duration.ofSeconds(5))
          .until(() -> nc.getStatus() != Connection.Status.CONNECTED);
      server.start();
      await().atMost(Duration.ofSeconds(5))
          .until(() -> nc.getStatus() == Connection.Status.CONNECTED);

      nc.jetStream().publish(stream + ".after", "after".getBytes(StandardCharsets.UTF_8));
      assertThat(nc.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount())
          .isEqualTo(2);
    }
  }

  @Test
  void restartsOnTheSamePortWithTheSameStoreDir() throws Exception {
    int port = server.port();
    var storeDir = server.storeDir();

    server.restart();

    assertThat(server.isRunning()).isTrue();
    assertThat(server.port()).isEqualTo(port);
    assertThat(server.storeDir()).isEqualTo(storeDir).isDirectory();
    try (Connection nc = server.connect()) {
      assertThat(nc.jetStreamManagement().getAccountStatistics()).isNotNull();
    }
  }

  @Test
  void keepsTheStoreDirWhenStopped() {
    server.stop();

    assertThat(server.isRunning()).isFalse();
    assertThat(server.storeDir()).isDirectory();
  }

  private static StreamConfiguration fileStream(String name) {
    return StreamConfiguration.builder()
        .name(name)
        .subjects(name + ".>")
        .storageType(StorageType.File)
        .build();
  }
}
