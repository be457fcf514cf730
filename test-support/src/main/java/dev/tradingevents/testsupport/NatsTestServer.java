package dev.tradingevents.testsupport;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A real nats-server with JetStream, started for tests: a local {@code nats-server} process when one
 * is installed, else a Docker container, else a failure that says how to install nats-server.
 *
 * <p>A local server listens on {@code 127.0.0.1} only, on a free port, and keeps its JetStream store
 * in a fresh temp directory. It can be {@linkplain #stop() stopped} and {@linkplain #start() started}
 * again on the same port with the same store, so file-storage streams survive and open connections
 * reconnect, the way nats.java tests reconnects. {@link #close()} stops it and deletes the store.
 *
 * <pre>{@code
 * try (NatsTestServer server = NatsTestServer.builder().start();
 *      Connection nc = server.connect()) {
 *     nc.jetStreamManagement().addStream(...);
 * }
 * }</pre>
 *
 * <p>In JUnit 5 tests, let {@link NatsServerExtension} start and stop it. A server started in Docker
 * supports neither {@link #stop()}/{@link #start()}/{@link #restart()} nor {@link #storeDir()}: they
 * throw {@link UnsupportedOperationException} saying so.
 *
 * <p>Instances are thread-safe.
 */
public final class NatsTestServer implements AutoCloseable {

  /** Connection timeout of {@link #connect()}. */
  public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  /** Wait between reconnect attempts of {@link #connect()}, short so restart tests stay short. */
  public static final Duration RECONNECT_WAIT = Duration.ofMillis(250);

  /** How long {@link #start()} waits for the server to accept connections and serve JetStream. */
  public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration PROBE_CONNECTION_TIMEOUT = Duration.ofSeconds(1);
  private static final long PROBE_INTERVAL_MILLIS = 50;
  private static final Pattern NAME_PREFIX = Pattern.compile("[A-Za-z0-9_-]+");

  private final ServerSettings settings;
  private final ServerBackend backend;
  private boolean closed;

  private NatsTestServer(ServerSettings settings, ServerBackend backend) {
    this.settings = settings;
    this.backend = backend;
  }

  /** A builder with the defaults: JetStream on, a free port, nats-server from the environment. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A name for a stream, consumer or subject token that no other test uses, e.g.
   * {@code uniqueName("ORDERS")} gives {@code ORDERS_3f9c0a1b2c4d}. Tests sharing a server stay
   * independent by each using their own names.
   *
   * @param prefix letters, digits, {@code _} or {@code -}
   * @throws IllegalArgumentException if the prefix is empty or holds other characters
   */
  public static String uniqueName(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!NAME_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("uniqueName prefix must be letters, digits, '_' or '-'"
          + " (valid in stream names and subjects), got: '" + prefix + "'");
    }
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static NatsTestServer startWith(ServerSettings settings) {
    ServerLocator.Choice choice = ServerLocator.locate(settings);
    ServerBackend backend = choice.executable()
        .<ServerBackend>map(executable -> new LocalServerProcess(executable, settings))
        .orElseGet(() -> new DockerServer(settings));
    NatsTestServer server = new NatsTestServer(settings, backend);
    try {
      server.start();
    } catch (RuntimeException e) {
      try {
        backend.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return server;
  }

  /** The client URL, {@code nats://127.0.0.1:<port>} for a local server. */
  public String url() {
    return "nats://" + backend.host() + ":" + port();
  }

  /** The client port; the same after {@link #stop()} and {@link #start()}. */
  public synchronized int port() {
    return backend.port();
  }

  /**
   * The JetStream store directory, a fresh temp directory of this server, kept across
   * {@link #stop()} and {@link #start()} and deleted by {@link #close()}.
   *
   * @throws UnsupportedOperationException for a server running in Docker
   */
  public Path storeDir() {
    return backend.storeDir();
  }

  /**
   * Connects with test-friendly options: this server's URL, a {@linkplain #CONNECTION_TIMEOUT
   * connection timeout}, unlimited reconnects every {@linkplain #RECONNECT_WAIT 250 ms} (a connection
   * survives {@link #stop()} and {@link #start()}), an error listener that does not print stack
   * traces for expected disconnects, and the builder's
   * {@link Builder#connectOptions(Consumer) connectOptions}. Close the connection when done.
   */
  public Connection connect() throws IOException, InterruptedException {
    return connect(options -> { });
  }

  /**
   * Connects like {@link #connect()}, then lets {@code customizer} change the options, e.g.
   * {@code connect(o -> o.token("s3cret".toCharArray()))}.
   */
  public Connection connect(Consumer<Options.Builder> customizer) throws IOException, InterruptedException {
    Objects.requireNonNull(customizer, "customizer");
    Options.Builder options = Options.builder()
        .server(url())
        .connectionTimeout(CONNECTION_TIMEOUT)
        .reconnectWait(RECONNECT_WAIT)
        .maxReconnects(-1)
        .errorListener(new QuietErrorListener());
    settings.connectOptions().accept(options);
    customizer.accept(options);
    return Nats.connect(options.build());
  }

  /**
   * Stops the server process and keeps the store directory, so {@link #start()} brings back the
   * same streams. Connections see a disconnect and keep trying to reconnect. Does nothing if the
   * server is already stopped.
   *
   * @throws UnsupportedOperationException for a server running in Docker
   */
  public synchronized void stop() {
    ensureOpen();
    backend.stop();
  }

  /**
   * Starts the server again on the same port with the same store directory, and returns once it
   * accepts connections and serves JetStream. Does nothing if it is running.
   *
   * @throws IllegalStateException if it does not come up within {@link #STARTUP_TIMEOUT}
   * @throws UnsupportedOperationException for a server running in Docker that was stopped
   */
  public synchronized void start() {
    ensureOpen();
    if (backend.isAlive()) {
      return;
    }
    backend.start();
    try {
      awaitReady();
    } catch (RuntimeException e) {
      if (backend instanceof LocalServerProcess) {
        backend.stop();
      }
      throw e;
    }
  }

  /**
   * Kills the server process with SIGKILL, the way a crash or the OOM killer ends it, and keeps the
   * store directory: {@link #start()} brings it back with what it had written. Does nothing if the
   * server is already stopped.
   *
   * @throws UnsupportedOperationException for a server running in Docker
   */
  public synchronized void kill() {
    ensureOpen();
    backend.kill();
  }

  /** The last lines the server wrote (about 60), e.g. to count how often it refused a client. */
  public String recentOutput() {
    return backend.recentOutput();
  }

  /** {@link #stop()} then {@link #start()}. */
  public synchronized void restart() {
    stop();
    start();
  }

  /** Whether the server process is alive. */
  public synchronized boolean isRunning() {
    return !closed && backend.isAlive();
  }

  /** Stops the server and deletes its store directory. Calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    backend.close();
  }

  @Override
  public String toString() {
    return "NatsTestServer[" + backend + (isRunning() ? ", running" : ", stopped") + "]";
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  /**
   * Connects until the server answers, and, when JetStream is on, until its API answers: a process
   * listening is not yet a server that stores messages.
   */
  @SuppressWarnings("try") // the probe connection is only opened and closed
  private void awaitReady() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    Exception lastFailure = null;
    while (true) {
      if (!backend.isAlive()) {
        throw new IllegalStateException("nats-server (" + backend + ") exited during startup:"
            + System.lineSeparator() + backend.recentOutput(), lastFailure);
      }
      try (Connection nc = connect(options -> options
          .connectionTimeout(PROBE_CONNECTION_TIMEOUT)
          .maxReconnects(0))) {
        if (settings.jetStream() || nc.getServerInfo().isJetStreamAvailable()) {
          nc.jetStreamManagement().getAccountStatistics();
        }
        return;
      } catch (AuthenticationException e) {
        throw new IllegalStateException("nats-server (" + backend + ") runs but refused the readiness"
            + " check's connection: " + e.getMessage() + ". Give the credentials its config requires"
            + " with connectOptions(...), e.g. connectOptions(o -> o.token(\"...\".toCharArray())).", e);
      } catch (IOException | JetStreamApiException | RuntimeException e) {
        lastFailure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + backend, e);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("nats-server (" + backend + ") did not become ready within "
            + STARTUP_TIMEOUT.toSeconds() + " s; last failure: " + lastFailure
            + System.lineSeparator() + backend.recentOutput(), lastFailure);
      }
      try {
        Thread.sleep(PROBE_INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + backend, e);
      }
    }
  }

  /**
   * Options of a {@link NatsTestServer}. Setters check their argument at once;
   * {@link #start()} starts the server.
   */
  public static final class Builder {

    private Path executable;
    private Path configFile;
    private boolean jetStream = true;
    private int port;
    private boolean debug;
    private Consumer<Options.Builder> connectOptions = options -> { };

    private Builder() {
    }

    /**
     * Starts nats-server with this config file. The server still gets its port from the builder
     * (jnats-server-runner rewrites a {@code port:} line of the config to it, or appends one), is
     * bound to 127.0.0.1 and gets its own store directory: command-line options win over the
     * config. If the config requires authentication or TLS, give the client side with
     * {@link #connectOptions(Consumer)}.
     *
     * @throws IllegalArgumentException if the file does not exist
     */
    public Builder configFile(Path configFile) {
      Objects.requireNonNull(configFile, "configFile");
      if (!Files.isRegularFile(configFile)) {
        throw new IllegalArgumentException("configFile " + configFile + " is not a file");
      }
      this.configFile = configFile;
      return this;
    }

    /**
     * The nats-server binary to run. Without it: {@code $NATS_SERVER_PATH} if set, else
     * {@code nats-server} on the PATH, else Docker. A missing executable given here fails the start
     * (no fallback to Docker).
     */
    public Builder executable(Path executable) {
      this.executable = Objects.requireNonNull(executable, "executable");
      return this;
    }

    /** Whether to enable JetStream ({@code -js}); default {@code true}. */
    public Builder jetStream(boolean jetStream) {
      this.jetStream = jetStream;
      return this;
    }

    /**
     * A fixed client port; default: a free port picked at start. Restarts keep the port either way.
     * Needs a local nats-server (Docker is refused).
     *
     * @throws IllegalArgumentException unless 1..65535
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Runs the server with {@code -DV} and echoes its output to stderr; default {@code false}. */
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /**
     * Client options every connection of {@link NatsTestServer#connect()} gets, including the one
     * that checks the server is ready: credentials or TLS a config file requires.
     */
    public Builder connectOptions(Consumer<Options.Builder> connectOptions) {
      this.connectOptions = Objects.requireNonNull(connectOptions, "connectOptions");
      return this;
    }

    /**
     * Starts the server and returns once it accepts connections and serves JetStream.
     *
     * @throws IllegalStateException if no nats-server can be had (the message says how to install
     *     one) or it does not come up
     */
    public NatsTestServer start() {
      return NatsTestServer.startWith(settings());
    }

    ServerSettings settings() {
      return new ServerSettings(executable, configFile, jetStream, port, debug, connectOptions);
    }
  }
}
