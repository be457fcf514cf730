package dev.tradingevents.logger.profiling;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.pyroscope.http.Format;
import io.pyroscope.javaagent.PyroscopeAgent;
import io.pyroscope.javaagent.config.Config;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Pyroscope agent with the application context when {@code trading-events.pyroscope.enabled}
 * is true and stops it when the context closes; does nothing otherwise.
 *
 * <p>The agent is one per JVM (its own static state). If something else started it first (a {@code
 * -javaagent:pyroscope.jar}), this bean leaves it alone: it neither reconfigures nor stops it. If the
 * agent cannot start (for example the native profiler does not load for the chosen event), startup
 * fails: profiling was asked for, so silently running without it would hide the problem.
 */
@Context
public final class ProfilingStarter {
  private static final Logger LOG = LoggerFactory.getLogger(ProfilingStarter.class);

  private final ProfilingConfiguration configuration;
  private boolean running;

  ProfilingStarter(ProfilingConfiguration configuration) {
    this.configuration = configuration;
  }

  @PostConstruct
  synchronized void start() {
    if (!configuration.enabled()) {
      LOG.debug("Pyroscope profiling disabled ({}.enabled=false)", ProfilingConfiguration.PREFIX);
      return;
    }
    if (PyroscopeAgent.isStarted()) {
      LOG.warn(
          "Pyroscope agent already running in this JVM (-javaagent or other code); {}.* not applied",
          ProfilingConfiguration.PREFIX);
      return;
    }
    try {
      PyroscopeAgent.start(
          new PyroscopeAgent.Options.Builder(agentConfig(configuration))
              .setLogger(new AgentLogger())
              .build());
    } catch (RuntimeException | LinkageError e) {
      throw notStarted(e);
    }
    // start() reports its own failures only through the agent's logger and leaves it stopped
    if (!PyroscopeAgent.isStarted()) {
      throw notStarted(null);
    }
    running = true;
    LOG.info(
        "Pyroscope profiling started: server {}, application {}, tags {}, event {}, upload every {}",
        configuration.redactedServerAddress(),
        configuration.applicationName(),
        configuration.tags(),
        configuration.profilingEvent(),
        configuration.uploadInterval().toString().substring(2).toLowerCase(Locale.ROOT));
  }

  @PreDestroy
  synchronized void stop() {
    if (running) {
      running = false;
      PyroscopeAgent.stop();
      LOG.info("Pyroscope profiling stopped");
    }
  }

  /** Whether this bean started the agent and has not stopped it yet. */
  public synchronized boolean isRunning() {
    return running;
  }

  static Config agentConfig(ProfilingConfiguration configuration) {
    return new Config.Builder()
        .setAgentEnabled(true)
        .setApplicationName(configuration.applicationName())
        .setServerAddress(configuration.serverAddress())
        .setLabels(configuration.tags())
        .setUploadInterval(configuration.uploadInterval())
        .setProfilingEvent(configuration.agentProfilingEvent())
        .setFormat(Format.JFR)
        .setAuthToken(configuration.authToken())
        .build();
  }

  private ConfigurationException notStarted(Throwable cause) {
    String message =
        "Pyroscope agent did not start with "
            + ProfilingConfiguration.PREFIX
            + ".profiling-event="
            + configuration.profilingEvent()
            + (cause == null ? " (see the ERROR from io.pyroscope above)" : ": " + cause)
            + "; try "
            + ProfilingConfiguration.PREFIX
            + ".profiling-event=itimer, or set "
            + ProfilingConfiguration.PREFIX
            + ".enabled=false";
    return cause == null
        ? new ConfigurationException(message)
        : new ConfigurationException(message, cause);
  }
}
