package org.paperlab.cli;

import java.util.concurrent.Callable;
import org.paperlab.lab.Experiment;
import org.paperlab.lab.Experiments;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code paperlab list}: every registered experiment with its one-line description. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments.")
final class ListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    int width = Experiments.all().stream().mapToInt(e -> e.name().length()).max().orElse(10);
    for (Experiment e : Experiments.all()) {
      out.printf("%-" + width + "s  %s%n", e.name(), e.description());
    }
    return 0;
  }
}
