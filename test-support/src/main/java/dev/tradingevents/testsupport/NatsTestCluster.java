package dev.tradingevents.testsupport;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * A JetStream cluster of local {@code nats-server} processes on 127.0.0.1, joined by routes, each node
 * with its own port and store: for tests that kill a node while the others carry on.
 *
 * <pre>{@code
 * try (NatsTestCluster cluster = NatsTestCluster.start(3)) {
 *   Connection nc = Nats.connect(Options.builder().servers(cluster.urls()).build());
 *   ... // an R3 stream, then cluster.node(1).kill()
 * }
 * }</pre>
 *
 * <p>Node {@code i} is named {@code n<i>} (the server name JetStream reports, e.g. as a stream leader).
 * Needs a local nats-server: a cluster in Docker is not supported.
 */
public final class NatsTestCluster implements AutoCloseable {
  private final List<NatsTestServer> nodes;
  private final Path configDir;

  private NatsTestCluster(List<NatsTestServer> nodes, Path configDir) {
    this.nodes = nodes;
    this.configDir = configDir;
  }

  /**
   * Starts {@code size} nodes at once (JetStream needs a quorum before any node serves it) and returns
   * when every one serves JetStream and a stream replicated on all of them can be placed.
   *
   * @throws IllegalArgumentException unless size is 1..9
   * @throws IllegalStateException if a node does not come up
   */
  public static NatsTestCluster start(int size) {
    if (size < 1 || size > 9) {
      throw new IllegalArgumentException("size must be 1..9, got " + size);
    }
    Path configDir;
    try {
      configDir = Files.createTempDirectory("nats-test-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a config directory", e);
    }
    String name = NatsTestServer.uniqueName("cluster");
    int[] clientPorts = new int[size];
    int[] routePorts = new int[size];
    for (int i = 0; i < size; i++) {
      clientPorts[i] = freePort();
      routePorts[i] = freePort();
    }
    String routes = java.util.Arrays.stream(routePorts).mapToObj(p -> "nats-route://127.0.0.1:" + p)
        .collect(Collectors.joining(", "));
    List<CompletableFuture<NatsTestServer>> starting = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      // no "port:" line: the runner rewrites that one; the client port comes from port(...)
      String config = "server_name: n" + i + "\n"
          + "cluster {\n"
          + "  name: " + name + "\n"
          + "  listen: 127.0.0.1:" + routePorts[i] + "\n"
          + "  routes: [" + routes + "]\n"
          + "}\n";
      Path file = configDir.resolve("n" + i + ".conf");
      try {
        Files.writeString(file, config, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int port = clientPorts[i];
      starting.add(CompletableFuture.supplyAsync(() -> NatsTestServer.builder().configFile(file).port(port).start()));
    }
    List<NatsTestServer> nodes = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<NatsTestServer> node : starting) {
      try {
        nodes.add(node.join());
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    NatsTestCluster cluster = new NatsTestCluster(nodes, configDir);
    if (failure != null) {
      cluster.close();
      throw failure;
    }
    try {
      cluster.awaitPlacement(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * Waits until a stream with one replica on every node can be placed. Each node serving JetStream is not
   * enough: until the meta leader has heard from every peer, creating an R{size} stream fails with "no
   * suitable peers for placement" (10005), as a test once did on a loaded machine.
   */
  private void awaitPlacement(Duration timeout) {
    String probe = NatsTestServer.uniqueName("PLACEMENT");
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Connection connection = nodes.get(0).connect()) {
      JetStreamManagement management = connection.jetStreamManagement();
      StreamConfiguration config = StreamConfiguration.builder().name(probe).subjects("_placement." + probe)
          .storageType(StorageType.Memory).replicas(nodes.size()).build();
      while (true) {
        try {
          management.addStream(config);
          management.deleteStream(probe);
          return;
        } catch (JetStreamApiException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the cluster cannot place an R" + nodes.size() + " stream after "
                + timeout + ": " + e.getMessage(), e);
          }
          Thread.sleep(100);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach node n0 of the cluster", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }

  /** Node {@code i} (0-based), named {@code n<i>}. */
  public NatsTestServer node(int i) {
    return nodes.get(i);
  }

  /** The node with this server name ({@code n<i>}). */
  public NatsTestServer node(String serverName) {
    if (!serverName.matches("n\\d")) {
      throw new IllegalArgumentException("not a node of this cluster: " + serverName);
    }
    return node(Integer.parseInt(serverName.substring(1)));
  }

  /** How many nodes it has. */
  public int size() {
    return nodes.size();
  }

  /** Every node's client URL. */
  public String[] urls() {
    return nodes.stream().map(NatsTestServer::url).toArray(String[]::new);
  }

  /** Stops every node, deletes their stores and configs. */
  @Override
  public void close() {
    for (NatsTestServer node : nodes) {
      node.close();
    }
    try (var files = Files.walk(configDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is no reason to fail a test
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }
}
