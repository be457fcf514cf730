package dev.tradingevents.benchmarks;

import dev.tradingevents.testsupport.NatsTestServer;

/**
 * The nats-server a harness measures against: the one {@code --nats-url} (or {@code NATS_URL}) names, shared
 * with others, or one the harness starts on 127.0.0.1 with a temp store (via {@link NatsTestServer}) and stops
 * when closed.
 */
final class BenchServer implements AutoCloseable {
  private final NatsTestServer started;
  private final String url;

  private BenchServer(NatsTestServer started, String url) {
    this.started = started;
    this.url = url;
  }

  /** The server at {@code natsUrl}, or a new one when it is null. */
  static BenchServer at(String natsUrl) {
    if (natsUrl != null) {
      return new BenchServer(null, natsUrl);
    }
    NatsTestServer server = NatsTestServer.builder().start();
    return new BenchServer(server, server.url());
  }

  String url() {
    return url;
  }

  /** Where the server came from, for the report. */
  String source() {
    return started == null ? "NATS_URL " + url : "nats-server started by the benchmark (NatsTestServer), " + url;
  }

  /** Whether others may use it too: then a harness removes what it created; its own server goes away whole. */
  boolean shared() {
    return started == null;
  }

  @Override
  public void close() {
    if (started != null) {
      started.close();
    }
  }
}
