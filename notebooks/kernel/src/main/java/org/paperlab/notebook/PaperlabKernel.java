package org.paperlab.notebook;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.paperlab.lab.Provenance;

/**
 * The paperlab Jupyter kernel: Java cells evaluated by {@link CellEvaluator} in the kernel's
 * JVM, over jjava-jupyter's implementation of the Jupyter messaging protocol.
 *
 * <p>For each {@code execute_request} the protocol layer publishes what the cell prints to
 * {@code System.out} and {@code System.err} as {@code stream} messages, {@link Notebook#display}
 * calls as {@code display_data}, the cell's value as {@code execute_result} (images and charts
 * as {@code image/png}), and a {@link CellException} as an {@code error} whose traceback names
 * the cell's line. An {@code interrupt_request} stops the running snippet.
 */
public final class PaperlabKernel extends BaseKernel {
  /** The kernel's name in its spec and in the notebooks' metadata. */
  public static final String NAME = "paperlab-java";

  /** Started in the background, so the kernel answers Jupyter's handshake while JShell warms up. */
  private final CompletableFuture<CellEvaluator> evaluator = new CompletableFuture<>();
  private final Consumer<DisplayData> displaySink = this::display;

  /** A kernel whose cells compile against {@code classpath} (this JVM's, normally). */
  public PaperlabKernel(String classpath) {
    super(
        NAME,
        Provenance.version(),
        new LanguageInfo(
            "java",
            Runtime.version().toString(),
            "text/x-java-source",
            ".jshell",
            "java",
            "text/x-java",
            "script"),
        List.of(),
        null,
        new JupyterIO(StandardCharsets.UTF_8),
        new CommManager(),
        new Renderer(),
        null,
        new MagicsRegistry(),
        false,
        new StringStyler.Builder().build());
    Thread start =
        new Thread(
            () -> {
              try {
                evaluator.complete(new CellEvaluator(classpath));
              } catch (RuntimeException | Error e) {
                evaluator.completeExceptionally(e);
              }
            },
            "paperlab-jshell-start");
    start.setDaemon(true);
    start.start();
  }

  /** The evaluator, once JShell has started. */
  private CellEvaluator evaluator() {
    try {
      return evaluator.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("JShell did not start: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void onStartup() {
    super.onStartup();
    Notebook.attach(displaySink);
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    Notebook.detach(displaySink);
    evaluator.thenAccept(CellEvaluator::close);
    super.onShutdown(isRestarting);
  }

  /** The cell's value as a display bundle, or null when it has none. */
  @Override
  public Object evalRaw(String code) {
    int cell = executionCount.get() - 1; // the protocol layer counted this request already
    return evaluator().evaluate(code, cell).map(v -> Displays.of(v.object(), v.text())).orElse(null);
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    List<String> docs = evaluator().documentation(code, at, extraDetail);
    return docs.isEmpty() ? null : new DisplayData(String.join("\n\n", docs));
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    CellEvaluator.Completion c = evaluator().complete(code, at);
    return new ReplacementOptions(c.replacements(), c.start(), c.end());
  }

  @Override
  public String isComplete(String code) {
    switch (evaluator().completeness(code)) {
      case "complete":
        return IS_COMPLETE_YES;
      case "invalid":
        return IS_COMPLETE_BAD;
      default:
        return ""; // incomplete, no indent
    }
  }

  @Override
  public void interrupt() {
    CellEvaluator e = evaluator.getNow(null);
    if (e != null) {
      e.stop();
    }
  }

  /** A cell's failure as its own traceback lines; anything else (a kernel bug) with its stack trace. */
  @Override
  public List<String> formatError(Throwable e) {
    return e instanceof CellException c ? c.traceback() : super.formatError(e);
  }
}
