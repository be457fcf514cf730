package dev.tradingevents.testsupport;

import io.nats.client.Options;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The immutable settings of one test server, as collected by {@link NatsTestServer.Builder}.
 *
 * @param executable an explicit nats-server binary, or {@code null} to look it up
 * @param configFile a nats-server config file, or {@code null}
 * @param jetStream whether to start the server with {@code -js}
 * @param port the client port, or {@code 0} for a free one
 * @param debug whether to run with {@code -DV} and echo the server's output
 * @param connectOptions applied to every connection made by {@link NatsTestServer#connect()}
 */
record ServerSettings(
    Path executable,
    Path configFile,
    boolean jetStream,
    int port,
    boolean debug,
    Consumer<Options.Builder> connectOptions) {

  static ServerSettings defaults() {
    return new ServerSettings(null, null, true, 0, false, options -> { });
  }
}
