package dev.tradingevents.testsupport;

import java.nio.file.Path;

/** One way of running nats-server: a local process or a Docker container. */
interface ServerBackend {

  /** Launches the server; returns once the process runs (readiness is checked by the caller). */
  void start();

  /** Stops the server and keeps its store. Does nothing when it is not running. */
  void stop();

  /** Kills the server (SIGKILL: no clean shutdown) and keeps its store. Does nothing when it is not running. */
  default void kill() {
    throw new UnsupportedOperationException("kill() needs a local nats-server; " + this + " cannot");
  }

  /** Whether the server process (or container) is alive. */
  boolean isAlive();

  /** The host clients connect to. */
  String host();

  /** The client port; stays the same across {@link #stop()} and {@link #start()}. */
  int port();

  /** The JetStream store directory on this machine. */
  Path storeDir();

  /** The last lines the server wrote, for failure messages. */
  String recentOutput();

  /** Stops the server and deletes everything it left on disk. */
  void close();
}
