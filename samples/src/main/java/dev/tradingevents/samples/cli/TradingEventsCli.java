package dev.tradingevents.samples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trading-events}: the command line of the samples jar, run by {@code bin/trading-events}.
 * Exit codes: 0 success, 1 failure, 2 invalid usage.
 */
@Command(
    name = "trading-events",
    mixinStandardHelpOptions = true,
    versionProvider = Versions.class,
    usageHelpWidth = 100,
    description = {
        "Typed trading events over NATS JetStream, made visible in Grafana.",
        "Run the one-command demo, or publish simulated market data to a NATS server.%n"},
    subcommands = {DemoCommand.class, SimulateCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
        "  bin/trading-events demo                     # 20 s at 200 events/s, then a summary",
        "  bin/trading-events demo --seconds 5 --rate 500",
        "  NATS_URL=nats://127.0.0.1:4222 bin/trading-events simulate --rate 100",
        "  bin/trading-events demo --help"})
public final class TradingEventsCli implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: demo or simulate (see --help)");
  }

  /** The command line with this CLI's error handling: a failure prints its message, not a stack trace. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TradingEventsCli());
    commandLine.setParameterExceptionHandler((exception, args) -> {
      CommandLine command = exception.getCommandLine();
      command.getErr().println("error: " + exception.getMessage());
      command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
      command.getErr().flush();
      return CommandLine.ExitCode.USAGE;
    });
    commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
      command.getErr().println("error: " + (exception.getMessage() == null ? exception : exception.getMessage()));
      command.getErr().flush();
      return CommandLine.ExitCode.SOFTWARE;
    });
    return commandLine;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
