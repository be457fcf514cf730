package dev.tradingevents.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingevents.testsupport.NatsServerExtension;
import dev.tradingevents.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NatsServerExtension.class)
class StreamSetupTest {

  @Test
  void createsTheStreamWithTheDesignsDefaults(NatsTestServer nats) throws Exception {
    String name = NatsTestServer.uniqueName("EVENTS");
    String prefix = "t" + name.toLowerCase();
    try (Connection connection = nats.connect()) {
      StreamInfo info = StreamSetup.builder().name(name).subjects(prefix + ".>").build().ensure(connection);

      StreamConfiguration config = info.getConfiguration();
      assertThat(config.getSubjects()).containsExactly(prefix + ".>");
      assertThat(config.getStorageType()).isEqualTo(StorageType.File);
      assertThat(config.getDuplicateWindow()).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.getMaxAge()).isEqualTo(Duration.ofDays(7));
    }
  }

  /**
   * Found by the cluster fault test: the logger's own setup (no replica count given) used to update an
   * R3 stream to R1 at startup, and killing the one remaining copy's node then stopped the stream.
   */
  @Test
  @org.junit.jupiter.api.Tag("fault")
  void aSetupWithoutAReplicaCountKeepsTheReplicasOfAnExistingStream() throws Exception {
    String name = NatsTestServer.uniqueName("EVENTS");
    try (dev.tradingevents.testsupport.NatsTestCluster cluster = dev.tradingevents.testsupport.NatsTestCluster.start(3);
        Connection connection = io.nats.client.Nats.connect(io.nats.client.Options.builder().servers(cluster.urls())
            .build())) {
      StreamSetup.builder().name(name).subjects("r" + name + ".>").replicas(3).build().ensure(connection);

      StreamInfo after = StreamSetup.builder().name(name).subjects("r" + name + ".>", "more" + name + ".>").build()
          .ensure(connection);

      assertThat(after.getConfiguration().getReplicas()).isEqualTo(3);
      assertThat(after.getConfiguration().getSubjects()).contains("more" + name + ".>");
    }
  }

  /** The logger's setup gives no window: it must not shrink one that a publisher's longer retries rely on. */
  @Test
  void aSetupWithoutADuplicateWindowKeepsTheWindowOfAnExistingStream(NatsTestServer nats) throws Exception {
    String name = NatsTestServer.uniqueName("EVENTS");
    try (Connection connection = nats.connect()) {
      StreamSetup.builder().name(name).subjects("w" + name + ".>").duplicateWindow(Duration.ofMinutes(3)).build()
          .ensure(connection);

      StreamInfo kept = StreamSetup.builder().name(name).subjects("w" + name + ".>").build().ensure(connection);
      StreamInfo given = StreamSetup.builder().name(name).subjects("w" + name + ".>")
          .duplicateWindow(Duration.ofSeconds(45)).build().ensure(connection);

      assertThat(kept.getConfiguration().getDuplicateWindow()).isEqualTo(Duration.ofMinutes(3));
      assertThat(given.getConfiguration().getDuplicateWindow()).isEqualTo(Duration.ofSeconds(45));
    }
  }

  @Test
  void ensuringTwiceChangesNothing(NatsTestServer nats) throws Exception {
    String name = NatsTestServer.uniqueName("EVENTS");
    StreamSetup setup = StreamSetup.builder().name(name).subjects("a" + name + ".>").build();
    try (Connection connection = nats.connect()) {
      StreamInfo first = setup.ensure(connection);
      StreamInfo second = setup.ensure(connection);

      assertThat(second.getCreateTime()).isEqualTo(first.getCreateTime());
      assertThat(second.getConfiguration().toJson()).isEqualTo(first.getConfiguration().toJson());
    }
  }

  @Test
  void keepsSubjectsItDoesNotOwnWhileAddingItsOwnAndApplyingLimits(NatsTestServer nats) throws Exception {
    String name = NatsTestServer.uniqueName("EVENTS");
    try (Connection connection = nats.connect()) {
      JetStreamManagement management = connection.jetStreamManagement();
      management.addStream(StreamConfiguration.builder().name(name).subjects("other" + name + ".>")
          .storageType(StorageType.File).build());

      StreamInfo info = StreamSetup.builder().name(name).subjects("ev" + name + ".>")
          .maxAge(Duration.ofHours(1)).maxMessages(1_000_000).duplicateWindow(Duration.ofMinutes(5))
          .build().ensure(connection);

      assertThat(info.getConfiguration().getSubjects()).containsExactlyInAnyOrder("other" + name + ".>", "ev" + name + ".>");
      assertThat(info.getConfiguration().getMaxAge()).isEqualTo(Duration.ofHours(1));
      assertThat(info.getConfiguration().getMaxMsgs()).isEqualTo(1_000_000);
      assertThat(info.getConfiguration().getDuplicateWindow()).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void refusesToChangeTheStorageTypeAndSaysWhy(NatsTestServer nats) throws Exception {
    String name = NatsTestServer.uniqueName("EVENTS");
    try (Connection connection = nats.connect()) {
      connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(name)
          .subjects("m" + name + ".>").storageType(StorageType.Memory).build());

      assertThatThrownBy(() -> StreamSetup.builder().name(name).subjects("m" + name + ".>").build().ensure(connection))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("uses memory storage and this setup asks for file");
    }
  }

  @Test
  void rejectsOptionsThatCannotWork() {
    assertThatThrownBy(() -> StreamSetup.builder().name("has space")).hasMessageContaining("stream name");
    assertThatThrownBy(() -> StreamSetup.builder().maxBytes(0)).hasMessageContaining("maxBytes must be -1 (no limit) or positive");
    assertThatThrownBy(() -> StreamSetup.builder().maxAge(Duration.ofSeconds(20)).build())
        .hasMessageContaining("duplicateWindow PT30S must not be longer than maxAge PT20S");
  }
}
