package dev.tradingevents.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class NoServerTest {

  private static final Path MISSING = Path.of("/nonexistent/bin/nats-server");

  @Test
  void failsWithInstallInstructionsWhenTheExecutableIsMissing() {
    assertThatThrownBy(() -> NatsTestServer.builder().executable(MISSING).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nats-server")
        .hasMessageContaining(MISSING.toString())
        .hasMessageContaining("apt-get install -y nats-server")
        .hasMessageContaining("brew install nats-server")
        .hasMessageContaining("Docker");
  }

  @Test
  void failsWithInstallInstructionsWhenNothingIsOnThePathAndDockerIsMissing(@TempDir Path emptyDir) {
    Map<String, String> env = Map.of("PATH", emptyDir.toString());
    ServerSettings defaults = ServerSettings.defaults();

    assertThatThrownBy(() -> ServerLocator.locate(defaults, env::get, () -> false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nats-server is not on the PATH")
        .hasMessageContaining("apt-get install -y nats-server")
        .hasMessageContaining("brew install nats-server")
        .hasMessageContaining("Docker");
  }

  @Test
  void fallsBackToDockerOnlyWhenNothingIsOnThePath(@TempDir Path dir) throws IOException {
    Path executable = Files.createFile(dir.resolve("nats-server"));
    assertThat(executable.toFile().setExecutable(true)).isTrue();
    ServerSettings defaults = ServerSettings.defaults();

    assertThat(ServerLocator.locate(defaults, Map.of("PATH", dir.toString())::get, () -> true).executable())
        .contains(executable);
    assertThat(ServerLocator.locate(defaults, Map.of("PATH", "/nonexistent")::get, () -> true).executable())
        .isEmpty();
    assertThat(ServerLocator.locate(defaults,
        Map.of("PATH", "/nonexistent", ServerLocator.NATS_SERVER_PATH_ENV, executable.toString())::get,
        () -> false).executable())
        .contains(executable);
  }

  @Test
  void failsWithTheServersOwnErrorWhenItRejectsTheConfig(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("broken.conf"), "authorization { token: \n");

    assertThatThrownBy(() -> NatsTestServer.builder().configFile(config).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited")
        .hasMessageContaining(config.toString())
        .hasMessageContaining("Parse error");
  }

  @Test
  void failsTheTestClassInsteadOfSkippingItWhenNoServerCanBeStarted() {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ClassNeedingAMissingServer.class))
        .execute();

    results.containerEvents().assertThatEvents().haveExactly(1, event(
        container(ClassNeedingAMissingServer.class),
        finishedWithFailure(message(text -> text.contains("apt-get install -y nats-server")))));
    assertThat(results.allEvents().skipped().count()).isZero();
    assertThat(results.allEvents().aborted().count()).isZero();
    assertThat(results.testEvents().succeeded().count()).isZero();
  }

  /** Run only through EngineTestKit above: Surefire leaves out nested classes. */
  static class ClassNeedingAMissingServer {

    @RegisterExtension
    static final NatsServerExtension NATS = NatsServerExtension.builder().executable(MISSING).build();

    @Test
    void needsAServer(NatsTestServer nats) {
      assertThat(nats.isRunning()).isTrue();
    }
  }
}
