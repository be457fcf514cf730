package dev.tradingevents.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

// jnats' Connection.close() declares InterruptedException, which try-with-resources warns about
@SuppressWarnings("try")
class NatsTestServerLifecycleTest {

  @Test
  void closeStopsTheProcessAndRemovesTheStoreDir() throws Exception {
    NatsTestServer server = NatsTestServer.builder().start();
    Path storeDir = server.storeDir();
    int port = server.port();
    assertThat(serverProcessesUsing(storeDir)).isEqualTo(1);

    server.close();

    assertThat(server.isRunning()).isFalse();
    assertThat(serverProcessesUsing(storeDir)).isZero();
    assertThat(storeDir).doesNotExist();
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      }
    }).isInstanceOf(IOException.class);
    server.close(); // a second close does nothing
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void givesEveryServerItsOwnStoreDirAndPort() {
    try (NatsTestServer first = NatsTestServer.builder().start();
        NatsTestServer second = NatsTestServer.builder().start()) {
      assertThat(first.storeDir()).isNotEqualTo(second.storeDir());
      assertThat(first.port()).isNotEqualTo(second.port());
    }
  }

  @Test
  void startsOnTheFixedPortItIsGiven() throws Exception {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0)) {
      freePort = probe.getLocalPort();
    }

    try (NatsTestServer server = NatsTestServer.builder().port(freePort).start();
        Connection nc = server.connect()) {
      assertThat(server.port()).isEqualTo(freePort);
      assertThat(nc.getConnectedUrl()).endsWith(":" + freePort);
    }
  }

  @Test
  void startsWithoutJetStreamWhenAskedTo() throws Exception {
    try (NatsTestServer server = NatsTestServer.builder().jetStream(false).start();
        Connection nc = server.connect()) {
      assertThat(nc.getServerInfo().isJetStreamAvailable()).isFalse();
    }
  }

  @Test
  void rejectsAPortOutsideTheValidRangeAtOnce() {
    assertThatThrownBy(() -> NatsTestServer.builder().port(70000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
  }

  private static long serverProcessesUsing(Path storeDir) {
    return ProcessHandle.current().children()
        .filter(child -> child.info().arguments()
            .map(arguments -> Arrays.asList(arguments).contains(storeDir.toString()))
            .orElse(false))
        .filter(ProcessHandle::isAlive)
        .count();
  }
}
