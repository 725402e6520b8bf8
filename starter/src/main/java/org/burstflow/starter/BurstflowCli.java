package org.burstflow.starter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code burstflow} command line. */
@Command(
    name = "burstflow",
    mixinStandardHelpOptions = true,
    version = "burstflow 0.1.0",
    description = "Inspect and operate burstflow job lifecycles.",
    subcommands = {StatusCommand.class, BudgetCommand.class, GpuParseCommand.class, AnalyzeCommand.class,
        HistoryCommands.History.class, HistoryCommands.Insights.class, NodeGroupsCommand.class})
public class BurstflowCli {
  public static void main(String[] args) {
    System.exit(new CommandLine(new BurstflowCli()).execute(args));
  }
}
