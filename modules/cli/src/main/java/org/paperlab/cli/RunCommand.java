package org.paperlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Experiments;
import org.paperlab.lab.ReportPage;
import org.paperlab.lab.RunOptions;
import org.paperlab.lab.Runner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code paperlab run <experiment>|all [--quick] [--seed N] [--out DIR]}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run one experiment, or all of them, into DIR/<experiment>/<run-id>/ and rebuild DIR/index.html.",
      "Exit code 1 if any run failed (its run.json says why; earlier runs are untouched)."
    })
final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<experiment>|all", description = "An experiment name (see 'paperlab list') or 'all'.")
  String target;

  @Option(names = "--quick", description = "Quick size: seconds to a minute per experiment on 2 cores.")
  boolean quick;

  @Option(names = "--seed", defaultValue = "0", description = "Root seed of every random stream (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "results", paramLabel = "DIR", description = "Results folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    List<Experiment> todo = new ArrayList<>();
    if (target.equals("all")) {
      todo.addAll(Experiments.all());
    } else {
      todo.add(Experiments.require(target));
    }
    RunOptions options = new RunOptions(out, seed, quick);
    var err = spec.commandLine().getErr();
    List<Runner.Result> results = new ArrayList<>();
    for (Experiment e : todo) {
      Runner.Result r = Runner.run(e, options);
      results.add(r);
      if (!r.ok() && PaperlabCommand.verbose(spec.commandLine().getParseResult()) && r.cause() != null) {
        r.cause().printStackTrace(err);
      }
    }
    Path page = ReportPage.write(out);
    var o = spec.commandLine().getOut();
    int failed = 0;
    for (Runner.Result r : results) {
      o.printf("%-28s %-6s %7.1f s  %s%n", r.experiment(), r.ok() ? "ok" : "FAILED", r.seconds(), r.ok() ? r.dir() : r.error());
      failed += r.ok() ? 0 : 1;
    }
    o.println("report: " + page.toAbsolutePath().normalize());
    if (failed > 0) {
      err.println("paperlab run: " + failed + " of " + results.size() + " run(s) failed");
      return 1;
    }
    return 0;
  }
}
