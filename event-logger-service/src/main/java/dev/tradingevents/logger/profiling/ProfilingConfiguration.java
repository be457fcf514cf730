package dev.tradingevents.logger.profiling;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.pyroscope.javaagent.EventType;
import io.pyroscope.javaagent.config.AppName;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Continuous profiling with the Pyroscope Java agent ({@code trading-events.pyroscope.*}, e.g. env
 * {@code TRADING_EVENTS_PYROSCOPE_ENABLED=true}, {@code
 * TRADING_EVENTS_PYROSCOPE_SERVER_ADDRESS=http://pyroscope:4040}, {@code
 * TRADING_EVENTS_PYROSCOPE_TAGS_ENV=demo}). Off unless enabled. Every setting is checked when the
 * configuration is bound, so a typo fails startup with a message naming the setting; the auth token is
 * never logged ({@link #toString()} hides it).
 *
 * @param enabled start the agent at startup
 * @param serverAddress base URL of the Pyroscope server (profiles go to {@code <server>/ingest});
 *     required when enabled
 * @param applicationName the profile's name in Pyroscope ({@code service_name})
 * @param tags static labels on every profile, e.g. {@code env=demo}
 * @param uploadInterval how often a profile is cut and uploaded
 * @param profilingEvent what the profiler samples: one of the agent's events (itimer, cpu, wall,
 *     alloc, lock, ctimer)
 * @param authToken sent as {@code Authorization: Bearer <token>}; optional
 */
@ConfigurationProperties(ProfilingConfiguration.PREFIX)
public record ProfilingConfiguration(
    @Bindable(defaultValue = "false") boolean enabled,
    @Nullable String serverAddress,
    @Bindable(defaultValue = DEFAULT_APPLICATION_NAME) String applicationName,
    @Nullable Map<String, String> tags,
    @Bindable(defaultValue = "10s") Duration uploadInterval,
    @Bindable(defaultValue = DEFAULT_PROFILING_EVENT) String profilingEvent,
    @Nullable String authToken) {

  /** Where these settings live. */
  public static final String PREFIX = "trading-events.pyroscope";

  public static final String DEFAULT_APPLICATION_NAME = "event-logger-service";
  public static final String DEFAULT_PROFILING_EVENT = "itimer";
  public static final Duration DEFAULT_UPLOAD_INTERVAL = Duration.ofSeconds(10);

  // what Pyroscope's "name{k=v,...}" series name can carry (AppName.isValidLabel)
  private static final String LABEL_RULE =
      "must be non-empty, without '{', '}', ',', '=' or spaces";

  /** Validates each setting and the ones that depend on each other. */
  public ProfilingConfiguration {
    applicationName = applicationName == null ? DEFAULT_APPLICATION_NAME : applicationName.trim();
    if (applicationName.isEmpty() || !AppName.isValidLabel(applicationName)) {
      throw invalid(
          "application-name",
          "'" + applicationName + "' is not a valid name: " + LABEL_RULE);
    }
    tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    tags.forEach(
        (key, value) -> {
          if (!AppName.isValidLabel(key) || value == null || !AppName.isValidLabel(value)) {
            throw invalid(
                "tags",
                "tag '" + key + "=" + value + "' is not valid: key and value " + LABEL_RULE);
          }
        });
    uploadInterval = uploadInterval == null ? DEFAULT_UPLOAD_INTERVAL : uploadInterval;
    if (uploadInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw invalid("upload-interval", uploadInterval + " is too short: use at least 1s");
    }
    profilingEvent =
        profilingEvent == null || profilingEvent.isBlank()
            ? DEFAULT_PROFILING_EVENT
            : profilingEvent.trim().toLowerCase(Locale.ROOT);
    parseEvent(profilingEvent);
    serverAddress = serverAddress == null || serverAddress.isBlank() ? null : serverAddress.trim();
    if (serverAddress != null) {
      checkServerAddress(serverAddress);
    } else if (enabled) {
      throw invalid(
          "server-address",
          "is required when " + PREFIX + ".enabled=true (e.g. http://pyroscope:4040)");
    }
    authToken = authToken == null || authToken.isBlank() ? null : authToken;
  }

  /** The events the agent accepts, as written in configuration. */
  public static String allowedProfilingEvents() {
    return Arrays.stream(EventType.values()).map(e -> e.id).collect(Collectors.joining(", "));
  }

  /** The server address as it may be logged: user info in the URL is masked. */
  public @Nullable String redactedServerAddress() {
    return serverAddress == null ? null : serverAddress.replaceAll("//[^/@]*@", "//***@");
  }

  /** The agent's event for {@link #profilingEvent()}. */
  EventType agentProfilingEvent() {
    return parseEvent(profilingEvent);
  }

  @Override
  public String toString() {
    return "ProfilingConfiguration[enabled="
        + enabled
        + ", serverAddress="
        + redactedServerAddress()
        + ", applicationName="
        + applicationName
        + ", tags="
        + tags
        + ", uploadInterval="
        + uploadInterval
        + ", profilingEvent="
        + profilingEvent
        + ", authToken="
        + (authToken == null ? "none" : "***")
        + "]";
  }

  private static EventType parseEvent(String id) {
    try {
      return EventType.fromId(id);
    } catch (IllegalArgumentException e) {
      throw invalid(
          "profiling-event",
          "'" + id + "' is not a profiling event; allowed: " + allowedProfilingEvents());
    }
  }

  private static void checkServerAddress(String address) {
    URI uri;
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      throw invalid("server-address", "'" + address + "' is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw invalid(
          "server-address",
          "'"
              + address.replaceAll("//[^/@]*@", "//***@")
              + "' is not an http(s) URL with a host (e.g. http://pyroscope:4040)");
    }
  }

  private static ConfigurationException invalid(String setting, String problem) {
    return new ConfigurationException(PREFIX + "." + setting + ": " + problem);
  }
}
