package org.paperlab.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The kernel's command line.
 *
 * <pre>
 * java -cp CLASSPATH org.paperlab.notebook.Main CONNECTION_FILE      run the kernel (Jupyter does this)
 * java -cp CLASSPATH org.paperlab.notebook.Main install KERNEL_DIR PROJECT_ROOT
 *                                  write KERNEL_DIR/kernel.json for this JVM and CLASSPATH
 * java -cp CLASSPATH org.paperlab.notebook.Main report RESULTS_DIR
 *                                  rewrite RESULTS_DIR/index.html (lab's ReportPage: the runs,
 *                                  the executed notebooks in RESULTS_DIR/notebooks, the benchmarks)
 * </pre>
 *
 * The kernel's cells compile against this JVM's classpath. Exit codes: 0 after a shutdown
 * request, 1 when the process that started it ended first, 2 for a usage error.
 */
public final class Main {
  private Main() {}

  /** Runs the kernel or installs its spec, see the class comment. */
  public static void main(String[] args) throws IOException, GeneralSecurityException {
    if (args.length == 3 && args[0].equals("install")) {
      Path kernelDir = Path.of(args[1]);
      KernelSpec.forProject(
              Path.of(args[2]),
              Path.of(System.getProperty("java.home"), "bin", "java"),
              System.getProperty("java.class.path"),
              System.getenv("PAPERLAB_JAVA_OPTS"),
              System.getenv())
          .writeTo(kernelDir);
      System.out.println("installed kernel " + PaperlabKernel.NAME + " in " + kernelDir);
      return;
    }
    if (args.length == 2 && args[0].equals("report")) {
      System.out.println("wrote " + org.paperlab.lab.ReportPage.write(Path.of(args[1])));
      return;
    }
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println("usage: Main CONNECTION_FILE | Main install KERNEL_DIR PROJECT_ROOT | Main report RESULTS_DIR");
      System.exit(2);
    }
    exitWithParent();
    Running running = start(KernelConnectionProperties.parse(Files.readString(Path.of(args[0]))));
    running.connection().waitUntilClose();
    // ND4J's native threads would keep the JVM alive after the connection closed
    System.exit(0);
  }

  /**
   * Ends this JVM when the process that started it (Jupyter) ends, as IPython's kernel does: a
   * front end that was killed cannot send a shutdown request, and its kernel would run on.
   */
  private static void exitWithParent() {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          System.err.println("paperlab kernel: the process that started it ended; exiting");
                          System.exit(1);
                        }));
  }

  /** A kernel serving a connection. */
  record Running(PaperlabKernel kernel, JupyterConnection connection) {}

  /** Starts a kernel on {@code properties} (its sockets bound, its loops running). */
  static Running start(KernelConnectionProperties properties) throws GeneralSecurityException {
    JupyterConnection connection = new JupyterConnection(properties);
    PaperlabKernel kernel = new PaperlabKernel(System.getProperty("java.class.path"));
    kernel.onStartup();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    return new Running(kernel, connection);
  }
}
