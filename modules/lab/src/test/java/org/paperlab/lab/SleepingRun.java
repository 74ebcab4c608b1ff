package org.paperlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;

/** A child process for RunnerTest: runs an experiment that records a config value, then waits. */
final class SleepingRun {
  private SleepingRun() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path marker = Path.of(args[1]);
    Runner.run(new Experiment() {
      @Override
      public String name() {
        return "sleeping";
      }

      @Override
      public String description() {
        return "waits to be stopped";
      }

      @Override
      public void run(RunContext ctx) throws Exception {
        ctx.config("n", 7);
        Files.writeString(marker, "started");
        Thread.sleep(120_000);
      }
    }, new RunOptions(out, 0, true), System.err);
  }
}
