package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path tmp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void listShowsEveryExperimentWithADescription() {
    CliRun o = run("list");
    assertEquals(0, o.code());
    assertTrue(o.out().contains("core-ode-order"), o.out());
    assertTrue(o.out().contains("Empirical order"), o.out());
  }

  @Test
  void helpIsClear() {
    CliRun o = run("--help");
    assertEquals(0, o.code());
    for (String s : new String[] {"list", "run", "report", "--verbose"}) {
      assertTrue(o.out().contains(s), s + " in " + o.out());
    }
  }

  /** A command line that names a subcommand gets only that one; any other gets them all (usage, typos). */
  @Test
  void onlyTheNamedSubcommandIsBuilt() {
    assertEquals(java.util.List.of("ot"),
        java.util.List.copyOf(PaperlabCommand.commandLine(new String[] {"ot", "solve", "--help"}).getSubcommands().keySet()));
    assertEquals(java.util.List.of("list", "run", "report", "gsd", "sgd", "ot", "flow", "help"),
        java.util.List.copyOf(PaperlabCommand.commandLine(new String[] {"--verbose", "ot"}).getSubcommands().keySet()));
    CliRun typo = run("sovle");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("sovle"), typo.err());
    CliRun help = run("help", "ot");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().contains("solve"), help.out());
    CliRun sub = run("ot", "solve", "--help");
    assertEquals(0, sub.code(), sub.err());
    assertTrue(sub.out().contains("Usage: paperlab ot solve"), sub.out());
  }

  @Test
  void usageErrorsExitTwoWithAMessage() {
    CliRun unknown = run("run", "no-such-experiment");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown experiment 'no-such-experiment'"), unknown.err());
    CliRun badOption = run("run", "all", "--sed", "3");
    assertEquals(2, badOption.code());
    assertTrue(badOption.err().contains("--sed"), badOption.err());
    CliRun badSeed = run("run", "core-ode-order", "--seed", "abc");
    assertEquals(2, badSeed.code());
    assertTrue(badSeed.err().contains("abc"), badSeed.err());
    CliRun noResults = run("report", "--out", tmp.resolve("missing").toString());
    assertEquals(2, noResults.code());
    assertTrue(noResults.err().contains("does not exist"), noResults.err());
  }

  @Test
  void runWritesTheRunAndTheReport() {
    CliRun o = run("run", "core-ode-order", "--quick", "--seed", "5", "--out", tmp.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(Files.exists(tmp.resolve("index.html")));
    assertTrue(o.out().contains("core-ode-order") && o.out().contains(" ok "), o.out());
    CliRun report = run("report", "--out", tmp.toString());
    assertEquals(0, report.code());
  }

  /**
   * The command line's one-shot default: the SIMD warm-up waits 3 s unless the user set the
   * delay (a -D on the JVM, PAPERLAB_JAVA_OPTS); the value is the library's own property.
   */
  @Test
  void theSimdWarmupWaitsThreeSecondsUnlessTheUserSaidOtherwise() {
    String key = "paperlab.ot.simdWarmup.delayMillis"; // as documented in the sinkhorn-ot README
    assertEquals(key, org.paperlab.ot.Sinkhorn.SIMD_WARMUP_DELAY_PROPERTY);
    String before = System.getProperty(key);
    try {
      System.clearProperty(key);
      Main.oneShotDefaults();
      assertEquals("3000", System.getProperty(key));
      System.setProperty(key, "42");
      Main.oneShotDefaults();
      assertEquals("42", System.getProperty(key), "a delay the user gave is kept");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
