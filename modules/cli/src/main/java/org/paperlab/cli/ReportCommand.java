package org.paperlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.paperlab.lab.ReportPage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code paperlab report [--out DIR]}: rebuild DIR/index.html from the run folders. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Rebuild DIR/index.html from the runs in DIR.")
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", defaultValue = "results", paramLabel = "DIR", description = "Results folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new Main.UsageError("--out '" + out + "' is a file; --out names the results folder (DIR) whose"
          + " index.html is rebuilt, e.g. --out results");
    }
    if (!Files.isDirectory(out)) {
      throw new Main.UsageError("results folder '" + out + "' does not exist; run an experiment first");
    }
    Path page = ReportPage.write(out);
    spec.commandLine().getOut().println(page.toAbsolutePath().normalize());
    return 0;
  }
}
