package dev.tradingevents.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// jnats' Connection.close() declares InterruptedException, which try-with-resources warns about
@SuppressWarnings("try")
@ExtendWith(NatsServerExtension.class)
class NatsServerExtensionTest {

  private static NatsTestServer fromBeforeAll;
  private final NatsTestServer fromConstructor;
  private NatsTestServer fromBeforeEach;

  NatsServerExtensionTest(NatsTestServer nats) {
    this.fromConstructor = nats;
  }

  @BeforeAll
  static void rememberServer(NatsTestServer nats) {
    fromBeforeAll = nats;
  }

  @BeforeEach
  void rememberServerAgain(NatsTestServer nats) {
    fromBeforeEach = nats;
  }

  @Test
  void startsAJetStreamServerOnLoopbackWithAFreshStoreDir(NatsTestServer nats) throws Exception {
    assertThat(nats.isRunning()).isTrue();
    assertThat(nats.url()).isEqualTo("nats://127.0.0.1:" + nats.port());

    try (Connection nc = nats.connect()) {
      assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      assertThat(nc.getServerInfo().getHost()).isEqualTo("127.0.0.1");
      assertThat(nc.getServerInfo().isJetStreamAvailable()).isTrue();
      JetStreamManagement jsm = nc.jetStreamManagement();
      AccountStatistics statistics = jsm.getAccountStatistics();
      assertThat(statistics.getStreams()).isNotNegative();

      String stream = NatsTestServer.uniqueName("STORE");
      jsm.addStream(StreamConfiguration.builder()
          .name(stream).subjects(stream + ".>").storageType(StorageType.File).build());

      Path storeDir = nats.storeDir();
      assertThat(storeDir).isDirectory();
      assertThat(storeDir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
      assertThat(storeDir.getFileName().toString()).startsWith("nats-test-store-");
      assertThat(storeDir.normalize().startsWith(Path.of("/tmp/nats"))).isFalse();
      assertThat(storeDir.resolve("jetstream").resolve("$G").resolve("streams").resolve(stream)).isDirectory();
    }
  }

  @Test
  void acceptsConnectionsOnLoopbackOnly(NatsTestServer nats) throws Exception {
    try (Socket loopback = new Socket()) {
      loopback.connect(new InetSocketAddress("127.0.0.1", nats.port()), 1000);
      assertThat(loopback.isConnected()).isTrue();
    }
    for (InetAddress address : nonLoopbackAddresses()) {
      assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, nats.port()), 1000);
        }
      }).as("connecting via %s", address).isInstanceOf(IOException.class);
    }
  }

  @Test
  void injectsOneServerPerClassIntoConstructorLifecycleMethodsAndTests(NatsTestServer nats) {
    assertThat(fromConstructor).isSameAs(nats);
    assertThat(fromBeforeAll).isSameAs(nats);
    assertThat(fromBeforeEach).isSameAs(nats);
  }

  @Test
  void givesEachCallOfUniqueNameItsOwnNameUsableAsAStreamName() {
    String first = NatsTestServer.uniqueName("ORDERS");
    String second = NatsTestServer.uniqueName("ORDERS");

    assertThat(first).startsWith("ORDERS_").matches("[A-Za-z0-9_-]+").isNotEqualTo(second);
    assertThatThrownBy(() -> NatsTestServer.uniqueName("events.>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("events.>");
  }

  private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(networkInterface -> {
          try {
            return networkInterface.isUp();
          } catch (SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
        .toList();
  }
}
