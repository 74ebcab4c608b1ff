package org.paperlab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
    })
public final class PaperlabCommand implements Runnable {
  /**
   * The subcommands, in the order the usage lists them. Registered by {@link Main} rather than in
   * the annotation: picocli builds a command's model by reflection when it is added (about 0.1 s
   * for all seven in a fresh JVM), so a command line that names one of them gets only that one.
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("list", ListCommand::new);
    m.put("run", RunCommand::new);
    m.put("report", ReportCommand::new);
    m.put("gsd", GsdCommand::new);
    m.put("sgd", SgdCommand::new);
    m.put("ot", OtCommand::new);
    m.put("flow", FlowCommand::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The root command with the subcommand {@code args} start with, or with all of them (and
   * {@code help}) when the first word is none of them (no arguments, an option, a typo).
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new PaperlabCommand());
    Supplier<Object> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (only != null) {
      cl.addSubcommand(only.get());
    } else {
      SUBCOMMANDS.values().forEach(s -> cl.addSubcommand(s.get()));
      cl.addSubcommand(new CommandLine.HelpCommand());
    }
    return cl;
  }

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
