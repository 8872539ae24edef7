package org.lanternfish.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lanternfish} command: entry point of the embedded, single-process deployment. */
@Command(
    name = "lanternfish",
    mixinStandardHelpOptions = true,
    version = "Lanternfish 0.1.0",
    description = "Self-learning network detection and response over Zeek and Suricata metadata.",
    subcommands = {
      DemoCommand.class,
      AnalyzeCommand.class,
      IngestCommand.class,
      ImportPcapCommand.class,
      SearchCommand.class,
      BreachesCommand.class,
      ActionsCommand.class,
      ServeCommand.class,
      IncidentsCommand.class,
      InvestigateCommand.class,
      StatsCommand.class,
      SimulateCommand.class,
      EvalCommand.class,
      ImplantCommand.class,
      ModelsCommand.class,
      MicrosoftCommand.class,
      DefenderMachinesCommand.class,
      BenchCommand.class,
      ShipCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (malformed input lines are reported, not failures)",
      "1:internal error",
      "2:usage error: bad option, argument or search query",
      "3:input error: a path is missing, unreadable or holds no logs",
      "4:store error: the data directory is in use by another process or unreadable",
      "5:a required external tool is missing"
    })
public final class LanternfishCommand {

  /** Runs the command line and exits with its documented exit code. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new LanternfishCommand());
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    return commandLine;
  }
}
