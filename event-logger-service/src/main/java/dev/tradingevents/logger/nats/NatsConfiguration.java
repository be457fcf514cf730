package dev.tradingevents.logger.nats;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * How the service connects to NATS ({@code trading-events.nats.*}, e.g. env {@code
 * TRADING_EVENTS_NATS_SERVERS=nats://a:4222,nats://b:4222}). Credentials are optional and never logged
 * or shown by {@code /health}.
 *
 * @param servers server URLs, without credentials
 * @param connectionName the name the server shows for this connection
 * @param username user for user/password auth
 * @param password its password
 * @param token token auth
 * @param credsFile a {@code .creds} file (JWT + NKey seed)
 * @param nkeyFile a file holding an NKey user seed ({@code SU...})
 * @param tls TLS from PEM files ({@code trading-events.nats.tls.*}); off unless {@code ca-file} or
 *     {@code cert-file} is set
 * @param connectionTimeout how long one connect attempt may take
 * @param reconnectWait pause between reconnect attempts (reconnects are unlimited)
 */
@ConfigurationProperties("trading-events.nats")
public record NatsConfiguration(
    @NotEmpty List<@NotBlank String> servers,
    @NotBlank String connectionName,
    @Nullable String username,
    @Nullable String password,
    @Nullable String token,
    @Nullable String credsFile,
    @Nullable String nkeyFile,
    @Nullable Tls tls,
    @NotNull Duration connectionTimeout,
    @NotNull Duration reconnectWait) {

  /**
   * TLS to NATS ({@code trading-events.nats.tls.*}, env {@code TRADING_EVENTS_NATS_TLS_CA_FILE}, ...).
   *
   * @param caFile PEM file of the CA(s) to trust
   * @param certFile PEM client certificate, for servers that verify clients (mutual TLS)
   * @param keyFile its PKCS#8 PEM key
   */
  @ConfigurationProperties("tls")
  public record Tls(@Nullable String caFile, @Nullable String certFile, @Nullable String keyFile) {
    boolean enabled() {
      return caFile != null || certFile != null;
    }
  }

  /** Without the password and token (a record's own toString would print them if anyone logged it). */
  @Override
  public String toString() {
    return "NatsConfiguration[servers=" + redactedServers() + ", connectionName=" + connectionName
        + ", username=" + username + ", password=" + (password == null ? null : "***")
        + ", token=" + (token == null ? null : "***") + ", credsFile=" + credsFile + ", nkeyFile=" + nkeyFile
        + ", tls=" + tls + ", connectionTimeout=" + connectionTimeout + ", reconnectWait=" + reconnectWait + "]";
  }

  /** The servers as shown in logs and health: no user info, even if someone put it in a URL. */
  public List<String> redactedServers() {
    return servers.stream().map(url -> url.replaceAll("//[^/@]*@", "//***@")).toList();
  }
}
