package dev.tradingevents.testsupport;

import io.nats.client.Options;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one {@link NatsTestServer} per test class, before the first test,
 * and stops it (deleting its store) after the last. Tests get it as a parameter of test methods,
 * constructors, {@code @BeforeAll}/{@code @BeforeEach}/{@code @AfterEach}/{@code @AfterAll} methods;
 * {@code @Nested} classes share their outer class's server.
 *
 * <pre>{@code
 * @ExtendWith(NatsServerExtension.class)
 * class PublisherTest {
 *     @Test
 *     void publishes(NatsTestServer nats) throws Exception {
 *         try (Connection nc = nats.connect()) { ... }
 *     }
 * }
 *
 * class AuthTest {
 *     @RegisterExtension
 *     static NatsServerExtension nats = NatsServerExtension.builder()
 *             .configFile(Path.of("src/test/resources/token.conf"))
 *             .connectOptions(o -> o.token("s3cret".toCharArray()))
 *             .build();
 *     ...
 * }
 * }</pre>
 *
 * <p>When no server can be had, the test class fails (it is not skipped), with a message that says
 * how to install nats-server. Register at most one instance per test class: two would both offer a
 * {@code NatsTestServer} parameter, which JUnit rejects as ambiguous.
 *
 * <p>The server lives in JUnit's {@link ExtensionContext.Store} of the test class; this extension
 * holds no state of its own.
 */
public final class NatsServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(NatsServerExtension.class);

  private final ServerSettings settings;

  /** The extension with the default server: JetStream, a free port, nats-server from the environment. */
  public NatsServerExtension() {
    this(ServerSettings.defaults());
  }

  private NatsServerExtension(ServerSettings settings) {
    this.settings = settings;
  }

  /** A builder for an extension registered with {@code @RegisterExtension}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // remove() looks at this class's own store only: a @Nested class leaves its outer class's server alone
    StartedServer started = classContext(context).getStore(NAMESPACE).remove(this, StartedServer.class);
    if (started != null) {
      started.server().close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == NatsTestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return server(extensionContext);
  }

  /**
   * The class's server, started on first use: in {@code beforeAll}, or earlier for a constructor
   * parameter of a {@code PER_CLASS} test instance. Found in an outer class's store for a nested class.
   */
  private NatsTestServer server(ExtensionContext context) {
    return classContext(context).getStore(NAMESPACE)
        .getOrComputeIfAbsent(this, key -> new StartedServer(NatsTestServer.startWith(settings)),
            StartedServer.class)
        .server();
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** Closed by JUnit with the class's store, should {@link #afterAll} not have run. */
  private record StartedServer(NatsTestServer server) implements ExtensionContext.Store.CloseableResource {

    @Override
    public void close() {
      server.close();
    }
  }

  /** Options of the server the extension starts; see {@link NatsTestServer.Builder}. */
  public static final class Builder {

    private final NatsTestServer.Builder server = NatsTestServer.builder();

    private Builder() {
    }

    /** See {@link NatsTestServer.Builder#configFile(Path)}. */
    public Builder configFile(Path configFile) {
      server.configFile(configFile);
      return this;
    }

    /** See {@link NatsTestServer.Builder#executable(Path)}. */
    public Builder executable(Path executable) {
      server.executable(executable);
      return this;
    }

    /** See {@link NatsTestServer.Builder#jetStream(boolean)}. */
    public Builder jetStream(boolean jetStream) {
      server.jetStream(jetStream);
      return this;
    }

    /** See {@link NatsTestServer.Builder#port(int)}. */
    public Builder port(int port) {
      server.port(port);
      return this;
    }

    /** See {@link NatsTestServer.Builder#debug(boolean)}. */
    public Builder debug(boolean debug) {
      server.debug(debug);
      return this;
    }

    /** See {@link NatsTestServer.Builder#connectOptions(Consumer)}. */
    public Builder connectOptions(Consumer<Options.Builder> connectOptions) {
      server.connectOptions(connectOptions);
      return this;
    }

    /** The extension; it starts nothing until a test class uses it. */
    public NatsServerExtension build() {
      return new NatsServerExtension(server.settings());
    }
  }
}
