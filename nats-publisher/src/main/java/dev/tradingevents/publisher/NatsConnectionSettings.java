package dev.tradingevents.publisher;

import io.nats.client.AuthHandler;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.NKey;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach NATS, in one place for every process that connects: servers, one way to authenticate
 * (user/password, token, a {@code .creds} file, or an NKey seed file) and TLS from PEM files (the CA
 * to trust; a client certificate and key for mutual TLS).
 *
 * <pre>{@code
 * NatsConnectionSettings settings = NatsConnectionSettings.fromEnvironment();  // NATS_URL, NATS_USER, ...
 * try (Connection nc = settings.connect()) { ... }
 * Options options = settings.toOptionsBuilder().errorListener(myListener).build();
 * }</pre>
 *
 * <p>Secrets never leave this object in text: {@link #toString()} and every error message say which
 * kind of credential is used, never its value. A refused credential fails {@link #connect()} at once
 * with a message that says so; the first connect is tried once per server, never in a loop.
 *
 * @param servers server URLs ({@code nats://} or {@code tls://}), at least one
 * @param connectionName the name the server shows for this connection
 * @param username user for user/password auth, or null
 * @param password its password, or null
 * @param token token auth, or null
 * @param credsFile a {@code .creds} file (JWT + NKey seed), or null
 * @param nkeyFile a file holding an NKey user seed ({@code SU...}), or null
 * @param tlsCa PEM file of the CA(s) to trust; setting it turns TLS on
 * @param tlsCert PEM client certificate for mutual TLS, with {@code tlsKey}
 * @param tlsKey PKCS#8 PEM key of {@code tlsCert}
 * @param connectionTimeout how long one connect attempt may take
 * @param reconnectWait pause between reconnect attempts once connected (reconnects are unlimited)
 */
public record NatsConnectionSettings(
    List<String> servers,
    String connectionName,
    String username,
    String password,
    String token,
    Path credsFile,
    Path nkeyFile,
    Path tlsCa,
    Path tlsCert,
    Path tlsKey,
    Duration connectionTimeout,
    Duration reconnectWait) {

  /** The server of a local development setup. */
  public static final String DEFAULT_URL = "nats://127.0.0.1:4222";

  /** Checks the combination at once, so a wrong setting fails before any connection attempt. */
  public NatsConnectionSettings {
    servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
    if (servers.isEmpty() || servers.stream().anyMatch(s -> s == null || s.isBlank())) {
      throw new IllegalArgumentException("servers must name at least one URL and no blank one");
    }
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(reconnectWait, "reconnectWait");
    if (connectionTimeout.isNegative() || connectionTimeout.isZero() || reconnectWait.isNegative()) {
      throw new IllegalArgumentException("connectionTimeout must be positive and reconnectWait not negative");
    }
    int methods = (username != null ? 1 : 0) + (token != null ? 1 : 0) + (credsFile != null ? 1 : 0)
        + (nkeyFile != null ? 1 : 0);
    if (methods > 1) {
      throw new IllegalArgumentException("give one way to authenticate (user/password, token, creds file or"
          + " NKey seed file), not " + methods);
    }
    if (password != null && username == null) {
      throw new IllegalArgumentException("a password needs a username (NATS_USER)");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("a TLS client certificate and its key go together (NATS_TLS_CERT and NATS_TLS_KEY)");
    }
  }

  /** A builder with the defaults: {@value #DEFAULT_URL}, no auth, no TLS, 5 s connect timeout, 1 s reconnect wait. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads the process environment: see {@link #fromEnvironment(Map)}. */
  public static NatsConnectionSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads {@code NATS_URL} (comma-separated; default {@value #DEFAULT_URL}), {@code NATS_USER} and
   * {@code NATS_PASSWORD}, {@code NATS_TOKEN}, {@code NATS_CREDS} (a .creds file), {@code NATS_NKEY} (a
   * file with an NKey seed), {@code NATS_TLS_CA}, {@code NATS_TLS_CERT}, {@code NATS_TLS_KEY} (PEM
   * files). Empty values count as unset.
   *
   * @throws IllegalArgumentException naming the variable when a value cannot work (a missing file, two
   *     ways to authenticate)
   */
  public static NatsConnectionSettings fromEnvironment(Map<String, String> environment) {
    Builder builder = builder();
    String url = value(environment, "NATS_URL");
    if (url != null) {
      builder.servers(Arrays.stream(url.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new));
    }
    if (value(environment, "NATS_USER") != null) {
      builder.userInfo(value(environment, "NATS_USER"), value(environment, "NATS_PASSWORD"));
    } else if (value(environment, "NATS_PASSWORD") != null) {
      throw new IllegalArgumentException("NATS_PASSWORD is set but NATS_USER is not");
    }
    if (value(environment, "NATS_TOKEN") != null) {
      builder.token(value(environment, "NATS_TOKEN"));
    }
    builder.credsFile(file(environment, "NATS_CREDS"));
    builder.nkeyFile(file(environment, "NATS_NKEY"));
    builder.tls(file(environment, "NATS_TLS_CA"), file(environment, "NATS_TLS_CERT"), file(environment, "NATS_TLS_KEY"));
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("NATS_* environment: " + e.getMessage(), e);
    }
  }

  private static String value(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Path file(Map<String, String> environment, String name) {
    String value = value(environment, name);
    if (value == null) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(name + ": cannot read " + path);
    }
    return path;
  }

  /**
   * jnats options for these settings: servers, name, timeouts, unlimited reconnects, the credential and
   * TLS. Add listeners and the like, then {@code build()}.
   *
   * @throws IOException when a key, certificate or seed file cannot be read (the message names it)
   */
  public Options.Builder toOptionsBuilder() throws IOException {
    Options.Builder options = new Options.Builder()
        .servers(servers.toArray(String[]::new))
        .connectionName(connectionName)
        .connectionTimeout(connectionTimeout)
        .reconnectWait(reconnectWait)
        .maxReconnects(-1);
    if (username != null) {
      options.userInfo(username, password == null ? "" : password);
    }
    if (token != null) {
      options.token(token.toCharArray());
    }
    if (credsFile != null) {
      options.authHandler(Nats.credentials(credsFile.toString()));
    }
    if (nkeyFile != null) {
      options.authHandler(nkeyAuth(nkeyFile));
    }
    if (tlsCa != null || tlsCert != null) {
      try {
        options.sslContext(PemTls.context(tlsCa, tlsCert, tlsKey));
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot set up TLS from " + tlsFiles() + ": " + e.getMessage(), e);
      }
    }
    return options;
  }

  /**
   * Connects, or fails with a message that names the servers (without credentials) and the kind of
   * credential when the server refused it. One attempt per server: a wrong password is not retried.
   */
  public Connection connect() throws IOException, InterruptedException {
    Options options = toOptionsBuilder().build();
    try {
      return Nats.connect(options);
    } catch (AuthenticationException e) {
      throw new AuthenticationException("NATS " + redactedServers() + " refused " + credentialKind() + ": "
          + e.getMessage());
    } catch (IOException e) {
      throw new IOException("cannot connect to NATS " + redactedServers() + " (" + credentialKind()
          + (tlsCa != null ? ", TLS" : "") + "): " + e.getMessage(), e);
    }
  }

  /** These settings with other servers (e.g. from a command-line flag). */
  public NatsConnectionSettings withServers(List<String> otherServers) {
    return new NatsConnectionSettings(otherServers, connectionName, username, password, token, credsFile, nkeyFile,
        tlsCa, tlsCert, tlsKey, connectionTimeout, reconnectWait);
  }

  /** These settings with another connection name. */
  public NatsConnectionSettings withConnectionName(String name) {
    return new NatsConnectionSettings(servers, name, username, password, token, credsFile, nkeyFile,
        tlsCa, tlsCert, tlsKey, connectionTimeout, reconnectWait);
  }

  /** The servers without any user info a URL may carry. */
  public List<String> redactedServers() {
    return servers.stream().map(url -> url.replaceAll("(?<=://)[^@/]*@", "***@")).toList();
  }

  /** Which credential is used, never its value: e.g. "user 'trader' with a password". */
  public String credentialKind() {
    if (username != null) {
      return "user '" + username + "'" + (password != null ? " with a password" : "");
    }
    if (token != null) {
      return "a token";
    }
    if (credsFile != null) {
      return "the creds file " + credsFile;
    }
    if (nkeyFile != null) {
      return "the NKey seed in " + nkeyFile;
    }
    return "no credentials";
  }

  private String tlsFiles() {
    List<String> files = new ArrayList<>();
    if (tlsCa != null) {
      files.add("CA " + tlsCa);
    }
    if (tlsCert != null) {
      files.add("certificate " + tlsCert + " and key " + tlsKey);
    }
    return String.join(", ", files);
  }

  /** No secret in it: safe to log. */
  @Override
  public String toString() {
    return "NatsConnectionSettings[servers=" + redactedServers() + ", connectionName=" + connectionName
        + ", auth=" + credentialKind() + ", tls=" + (tlsCa != null || tlsCert != null ? tlsFiles() : "off")
        + ", connectionTimeout=" + connectionTimeout + ", reconnectWait=" + reconnectWait + "]";
  }

  /** Signs the server's nonce with the seed; the seed is read once and kept only inside the NKey. */
  private static AuthHandler nkeyAuth(Path seedFile) throws IOException {
    String seed = Files.readString(seedFile, StandardCharsets.US_ASCII).trim();
    NKey key;
    try {
      key = NKey.fromSeed(seed.toCharArray());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException(seedFile + " does not hold an NKey seed (SU...)");
    }
    char[] publicKey;
    try {
      publicKey = key.getPublicKey();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot derive the public key of the seed in " + seedFile, e);
    }
    return new AuthHandler() {
      @Override
      public byte[] sign(byte[] nonce) {
        try {
          return key.sign(nonce);
        } catch (GeneralSecurityException | IOException e) {
          throw new IllegalStateException("cannot sign the server's nonce with the NKey", e);
        }
      }

      @Override
      public char[] getID() {
        return publicKey;
      }

      @Override
      public char[] getJWT() {
        return null;
      }
    };
  }

  /** Builds {@link NatsConnectionSettings}; {@link #build()} checks the combination. */
  public static final class Builder {
    private List<String> servers = List.of(DEFAULT_URL);
    private String connectionName = "trading-events";
    private String username;
    private String password;
    private String token;
    private Path credsFile;
    private Path nkeyFile;
    private Path tlsCa;
    private Path tlsCert;
    private Path tlsKey;
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Duration reconnectWait = Duration.ofSeconds(1);

    private Builder() {}

    /** Server URLs; {@value NatsConnectionSettings#DEFAULT_URL} unless set. */
    public Builder servers(String... servers) {
      this.servers = List.of(servers);
      return this;
    }

    /** The name the server shows for this connection. */
    public Builder connectionName(String connectionName) {
      this.connectionName = connectionName;
      return this;
    }

    /** User/password auth; the password may be null. */
    public Builder userInfo(String username, String password) {
      this.username = username;
      this.password = password;
      return this;
    }

    /** Token auth. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** A {@code .creds} file (JWT and NKey seed), or null. */
    public Builder credsFile(Path credsFile) {
      this.credsFile = credsFile;
      return this;
    }

    /** A file with an NKey user seed, or null. */
    public Builder nkeyFile(Path nkeyFile) {
      this.nkeyFile = nkeyFile;
      return this;
    }

    /** TLS from PEM files: the CA to trust (null: the JVM's), and a client certificate and key (both or neither). */
    public Builder tls(Path ca, Path cert, Path key) {
      this.tlsCa = ca;
      this.tlsCert = cert;
      this.tlsKey = key;
      return this;
    }

    /** How long one connect attempt may take; 5 s unless set. */
    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /** Pause between reconnect attempts; 1 s unless set. */
    public Builder reconnectWait(Duration reconnectWait) {
      this.reconnectWait = reconnectWait;
      return this;
    }

    /** @throws IllegalArgumentException when the combination cannot work, saying why */
    public NatsConnectionSettings build() {
      return new NatsConnectionSettings(servers, connectionName, username, password, token, credsFile, nkeyFile,
          tlsCa, tlsCert, tlsKey, connectionTimeout, reconnectWait);
    }
  }
}
