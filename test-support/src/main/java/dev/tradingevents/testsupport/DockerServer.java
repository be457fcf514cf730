package dev.tradingevents.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * nats-server in a Docker container, for machines without a local nats-server. Started once and
 * removed on {@link #close()}. What a local process can do and a container here cannot:
 * <ul>
 *   <li>stop and start again on the same port: Docker gives a restarted container a new host port,
 *       so {@link #stop()} and {@link #start()} after the first start throw;</li>
 *   <li>a store directory on this machine: the store lives inside the container, so
 *       {@link #storeDir()} throws;</li>
 *   <li>a fixed port (refused earlier, by {@link ServerLocator});</li>
 *   <li>loopback only: the mapped port is published by Docker on its default interfaces.</li>
 * </ul>
 */
final class DockerServer implements ServerBackend {

  /** The pinned image; the same minor line as the deployment's NATS. */
  static final DockerImageName IMAGE = DockerImageName.parse("nats:2.10.29-alpine");

  private static final int CLIENT_PORT = 4222;
  private static final String CONFIG_IN_CONTAINER = "/etc/nats/test-server.conf";
  private static final String STORE_IN_CONTAINER = "/data";
  private static final String RESTART_UNSUPPORTED = "stop()/start()/restart() need a local nats-server:"
      + " a restarted Docker container gets a new host port, so clients could not reconnect."
      + " Install nats-server (apt-get install -y nats-server, brew install nats-server) to run this test.";

  private final ServerSettings settings;
  private GenericContainer<?> container;

  DockerServer(ServerSettings settings) {
    this.settings = settings;
  }

  /** Asks Testcontainers whether a Docker engine answers; never throws. */
  static boolean isDockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public void start() {
    if (container != null) {
      if (container.isRunning()) {
        return;
      }
      throw new UnsupportedOperationException(RESTART_UNSUPPORTED);
    }
    List<String> command = new ArrayList<>(List.of("nats-server"));
    if (settings.configFile() != null) {
      command.addAll(List.of("--config", CONFIG_IN_CONTAINER));
    }
    command.addAll(List.of("--port", Integer.toString(CLIENT_PORT), "-sd", STORE_IN_CONTAINER));
    if (settings.jetStream()) {
      command.add("-js");
    }
    if (settings.debug()) {
      command.add("-DV");
    }
    GenericContainer<?> created = new GenericContainer<>(IMAGE)
        .withExposedPorts(CLIENT_PORT)
        .withCommand(command.toArray(String[]::new))
        .waitingFor(Wait.forLogMessage(".*Server is ready.*", 1))
        .withStartupTimeout(Duration.ofMinutes(2));
    if (settings.configFile() != null) {
      created.withCopyFileToContainer(MountableFile.forHostPath(settings.configFile()), CONFIG_IN_CONTAINER);
    }
    if (settings.debug()) {
      created.withLogConsumer(frame -> System.err.print(frame.getUtf8String()));
    }
    container = created;
    created.start();
  }

  @Override
  public void stop() {
    throw new UnsupportedOperationException(RESTART_UNSUPPORTED);
  }

  @Override
  public boolean isAlive() {
    return container != null && container.isRunning();
  }

  @Override
  public String host() {
    return container.getHost();
  }

  @Override
  public int port() {
    return container.getMappedPort(CLIENT_PORT);
  }

  @Override
  public Path storeDir() {
    throw new UnsupportedOperationException("The JetStream store of a Docker test server is inside the"
        + " container (" + STORE_IN_CONTAINER + "), not on this machine. Install nats-server"
        + " (apt-get install -y nats-server, brew install nats-server) for a local store directory.");
  }

  @Override
  public String recentOutput() {
    try {
      return container == null ? "" : container.getLogs();
    } catch (RuntimeException e) {
      return "(container logs unavailable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (container != null) {
      container.stop(); // stops and removes the container with its store
    }
  }

  @Override
  public String toString() {
    return "Docker container " + IMAGE + (container != null && container.getContainerId() != null
        ? " " + container.getContainerId().substring(0, Math.min(12, container.getContainerId().length()))
        : "");
  }
}
