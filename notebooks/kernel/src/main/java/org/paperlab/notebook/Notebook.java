package org.paperlab.notebook;

import java.util.Objects;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * What a notebook cell can call besides the project's own API; every cell starts with
 * {@code import static org.paperlab.notebook.Notebook.*}.
 *
 * <pre>{@code
 * Chart c = Chart.line("Loss", "step", "loss").series("train", steps, loss);
 * display(c);                          // the chart, inline, as PNG
 * display(new BufferedImage(...));     // any java.awt image
 * display(xchart);                     // any org.knowm.xchart chart (XYChart, CategoryChart, ...)
 * }</pre>
 *
 * A cell's last expression, when it has no trailing {@code ;}, is shown the same way.
 */
public final class Notebook {
  private static volatile Consumer<DisplayData> sink;

  private Notebook() {}

  /**
   * Shows {@code value} in the cell's output: a {@link java.awt.image.RenderedImage}, an XChart
   * chart or an {@link org.paperlab.lab.Chart} as a PNG image, anything else as its
   * {@code toString()}. Output printed before it appears before it.
   *
   * @throws IllegalStateException outside the paperlab kernel
   */
  public static void display(Object value) {
    Consumer<DisplayData> s = sink;
    if (s == null) {
      throw new IllegalStateException("display(...) works in a cell of the paperlab notebook kernel only");
    }
    DisplayData data = Displays.of(value, null);
    System.out.flush();
    System.err.flush();
    s.accept(data);
  }

  /** Sends what {@link #display} shows to {@code target} (the kernel's display stream). */
  static void attach(Consumer<DisplayData> target) {
    sink = target;
  }

  /** Detaches {@code target} if it is the one attached. */
  static void detach(Consumer<DisplayData> target) {
    Objects.requireNonNull(target, "target");
    if (sink == target) {
      sink = null;
    }
  }
}
