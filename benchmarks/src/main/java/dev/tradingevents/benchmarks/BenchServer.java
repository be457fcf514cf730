package dev.tradingevents.benchmarks;

import dev.tradingevents.testsupport.NatsTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

  /** Where the server came from, for the report; for one the benchmark started, with its Go GC settings. */
  String source() {
    if (started == null) {
      return "NATS_URL " + url;
    }
    String hugePages = hugePages(); // reads /proc once
    return "nats-server started by the benchmark (NatsTestServer, " + goGc()
        + (hugePages == null ? "" : ", " + hugePages) + "), " + url;
  }

  /**
   * Whether a nats-server started here may use transparent huge pages: it inherits this JVM's setting, which
   * {@code bin/trading-events bench} turns off (why: there). Null for a server the benchmark did not start, or
   * when the kernel does not say.
   */
  String hugePages() {
    if (started == null) {
      return null;
    }
    try {
      return hugePagesSetting(Files.readAllLines(Path.of("/proc/self/status")));
    } catch (IOException e) {
      return null;
    }
  }

  /** The {@code THP_enabled} line of a {@code /proc/<pid>/status}, as the report names it; null without it. */
  static String hugePagesSetting(List<String> status) {
    for (String line : status) {
      if (line.startsWith("THP_enabled:")) {
        return line.substring("THP_enabled:".length()).strip().equals("0") ? "transparent huge pages off"
            : "transparent huge pages on";
      }
    }
    return null;
  }

  /**
   * The Go GC settings a nats-server started here runs with: its environment is this JVM's. {@code
   * bin/trading-events bench} sets those of the deployment ({@code GOGC=off}, {@code GOMEMLIMIT}); with Go's
   * defaults the server collects about once a second under load, and its tail latency is the end-to-end
   * tail (docs/benchmarks.md). Null for a server the benchmark did not start.
   */
  String goGc() {
    return started == null ? null : goGcSettings(System.getenv());
  }

  /** The Go GC settings a process started with this environment runs with, as the report names them. */
  static String goGcSettings(Map<String, String> environment) {
    String gogc = environment.get("GOGC");
    String limit = environment.get("GOMEMLIMIT");
    return gogc == null && limit == null ? "Go GC defaults"
        : "GOGC=" + (gogc == null ? "100" : gogc) + " GOMEMLIMIT=" + (limit == null ? "none" : limit);
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
