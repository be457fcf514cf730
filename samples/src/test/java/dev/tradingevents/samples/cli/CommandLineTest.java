package dev.tradingevents.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Help, versions and invalid options (bad input at the command line: usage errors, exit code 2): no server needed. */
@org.junit.jupiter.api.Tag("fault")
class CommandLineTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return TradingEventsCli.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void helpListsTheSubcommandsWithExamples() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("demo", "simulate", "Examples:", "bin/trading-events demo");
  }

  @Test
  void eachSubcommandHasHelpWithExamples() {
    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString()).contains("--seconds", "--rate", "--nats-url", "NATS_URL", "Examples:", "jq ");
    assertThat(run("simulate", "--help")).isZero();
    assertThat(out.toString()).contains("--nats-url", "--rate", "--seconds", "OTEL_", "Examples:");
  }

  @Test
  void anInvalidValueIsAUsageErrorWithExitCodeTwo() {
    assertThat(run("demo", "--seconds", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--seconds': 'x' is not an int")
        .contains("Try 'trading-events demo --help'");
  }

  @Test
  void outOfRangeValuesAndUnknownOptionsAreUsageErrors() {
    assertThat(run("demo", "--seconds", "0")).isEqualTo(2);
    assertThat(run("demo", "--rate", "-5")).isEqualTo(2);
    assertThat(run("simulate", "--rate", "0")).isEqualTo(2);
    assertThat(run("simulate", "--bogus")).isEqualTo(2);
    assertThat(err.toString()).contains("--seconds must be at least 1").contains("--rate must be above 0")
        .contains("Unknown option: '--bogus'");
  }

  @Test
  void noSubcommandIsAUsageError() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
  }

  @Test
  void simulateSaysWhenItCannotReachNats() {
    // port 1 on loopback: nothing listens there
    assertThat(run("simulate", "--nats-url", "nats://127.0.0.1:1", "--seconds", "1")).isEqualTo(1);
    assertThat(err.toString()).contains("cannot connect to NATS [nats://127.0.0.1:1]");
  }

  @Test
  void theDemoSaysWhenTheLoggerJarIsMissing() {
    assertThat(run("demo", "--seconds", "1", "--logger-jar", "/nonexistent/event-logger-service.jar",
        "--nats-url", "nats://127.0.0.1:1", "--output-dir", System.getProperty("java.io.tmpdir") + "/te-demo-missing"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("/nonexistent/event-logger-service.jar does not exist")
        .contains("mvn -q -B package -DskipTests");
  }
}
