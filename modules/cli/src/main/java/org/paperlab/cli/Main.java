package org.paperlab.cli;

import java.io.PrintWriter;
import org.paperlab.core.io.DataFormatException;
import picocli.CommandLine;

/**
 * The {@code paperlab} command line. Exit codes: 0 success; 1 a run or an operation failed (one
 * line on stderr, the stack trace with {@code --verbose}): also a request refused because its
 * memory estimate exceeds the heap ({@link Memory}), an {@link OutOfMemoryError}, and a solve that
 * broke down numerically; 2 a usage or input error (bad option, unknown experiment, invalid value,
 * malformed input file located by file:line:column), before any output is written.
 */
public final class Main {
  /** The command line's SIMD warm-up delay (ms): 3 s after the first solve asks (the library's default: 0.5 s). */
  static final long SIMD_WARMUP_DELAY_MILLIS = 3000;

  private Main() {}

  public static void main(String[] args) {
    oneShotDefaults();
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * The process-wide settings of a process that runs one command, where the user gave none: the
   * SIMD warm-up of the Sinkhorn kernels starts {@value #SIMD_WARMUP_DELAY_MILLIS} ms after the
   * first solve asks ({@link org.paperlab.ot.Sinkhorn#SIMD_WARMUP_DELAY_PROPERTY}). A solve that
   * ends within a few seconds finishes sooner on the plain-loop twins alone than with the warm-up
   * (about a second of JIT compiles) competing for the cores: on 2 cores, {@code ot solve} end to end
   * took 0.98 against 1.09 s (n = 2000, d = 2) and 2.69 against 2.90 s (n = 5000); a longer solve
   * still switches to the SIMD code. Results are the same bits either way.
   */
  static void oneShotDefaults() {
    if (System.getProperty(org.paperlab.ot.Sinkhorn.SIMD_WARMUP_DELAY_PROPERTY) == null) {
      System.setProperty(org.paperlab.ot.Sinkhorn.SIMD_WARMUP_DELAY_PROPERTY, Long.toString(SIMD_WARMUP_DELAY_MILLIS));
    }
  }

  /** Runs the command line and returns the exit code (for tests: no System.exit). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    System.setProperty("java.awt.headless", "true");
    org.paperlab.lab.Provenance.commandLine("paperlab", args);
    if (Boolean.getBoolean("paperlab.cdsTraining")) {
      // the launcher's class-data-sharing training run: load every command's classes too
      PaperlabCommand.commandLine(new String[0]);
    }
    CommandLine cl = PaperlabCommand.commandLine(args);
    // wide enough for the one-line command summaries and the options' descriptions (the default
    // 80 columns break them mid-phrase); applies to every subcommand
    cl.setUsageHelpWidth(110);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose = PaperlabCommand.verbose(parseResult);
          String name = commandLine.getCommandSpec().qualifiedName();
          if (ex instanceof org.paperlab.core.InvalidArgumentException iae && commandLine.getCommand() instanceof OptionNames names) {
            ex = names.inOptionTerms(iae);
          }
          if (ex instanceof UsageError
              || ex instanceof IllegalArgumentException
              || ex instanceof DataFormatException) {
            commandLine.getErr().println(name + ": " + ex.getMessage());
            if (verbose) {
              ex.printStackTrace(commandLine.getErr());
            } else {
              commandLine.getErr().println("Try '" + name + " --help' for usage.");
            }
            return CommandLine.ExitCode.USAGE;
          }
          commandLine.getErr().println(name + ": " + oneLine(ex));
          if (verbose) {
            ex.printStackTrace(commandLine.getErr());
          }
          return CommandLine.ExitCode.SOFTWARE;
        });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli lets Errors through; the command's OutputFiles has rolled back on the way out
      err.println(commandName(args) + ": " + Memory.outOfMemory(e));
      if (java.util.Arrays.asList(args).contains("--verbose")) {
        e.printStackTrace(err);
      }
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  /** {@code paperlab} and the subcommand words of {@code args} (those before the first option). */
  static String commandName(String[] args) {
    StringBuilder s = new StringBuilder("paperlab");
    for (int i = 0; i < args.length && i < 2 && !args[i].startsWith("-"); i++) {
      s.append(' ').append(args[i]);
    }
    return s.toString();
  }

  /** The cause chain's most specific message on one line. */
  static String oneLine(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof java.lang.reflect.InvocationTargetException)) {
      t = t.getCause();
    }
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return msg.replace('\n', ' ');
  }

  /** A usage error raised by a command after parsing (exit code 2). */
  public static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
      super(message);
    }
  }
}
