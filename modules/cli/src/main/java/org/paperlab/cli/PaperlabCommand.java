package org.paperlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code paperlab} command: a subcommand per task and per method. */
@Command(
    name = "paperlab",
    mixinStandardHelpOptions = true,
    versionProvider = PaperlabCommand.Version.class,
    description = {
      "Runnable, tested Java reference implementations of recent ML papers.",
      "",
      "  paperlab list                       the experiments, one line each",
      "  paperlab run all --quick            every experiment at quick size, then results/index.html",
      "  paperlab run <experiment> [--seed N] [--out DIR]",
      "  paperlab report                     rebuild results/index.html",
      "  paperlab gsd synthesize|evaluate    private synthetic data for your CSV (Private-GSD)",
      "  paperlab sgd run --problem lad ...  your own last-iterate SGD runs (see 'paperlab sgd run --help')",
      "  paperlab ot solve --x X.csv --y Y.csv --out result.json   entropic OT on your point clouds",
      "  paperlab flow train|reflow|sample   rectified flows on your data (see 'paperlab flow --help')",
      ""
    },
    subcommands = {
      ListCommand.class,
      RunCommand.class,
      ReportCommand.class,
      GsdCommand.class,
      SgdCommand.class,
      OtCommand.class,
      FlowCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PaperlabCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static boolean verbose(CommandLine.ParseResult pr) {
    for (CommandLine.ParseResult r = pr; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** Version from the jar manifest when packaged. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PaperlabCommand.class.getPackage().getImplementationVersion();
      return new String[] {"paperlab " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
