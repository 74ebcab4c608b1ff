package org.paperlab.notebook;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.BitmapEncoder;
import org.paperlab.lab.Chart;

/**
 * Turns a value into a Jupyter display bundle: images and charts as {@code image/png} (base64, as
 * the notebook format stores them) with a short {@code text/plain} alternative, anything else
 * as {@code text/plain}.
 */
final class Displays {
  static final String PNG = "image/png";
  static final String TEXT = "text/plain";

  private Displays() {}

  /** Whether {@code value} is shown as an image: a {@link RenderedImage}, an XChart or a paperlab chart. */
  static boolean isImage(Object value) {
    return value instanceof RenderedImage
        || value instanceof Chart
        || value instanceof org.knowm.xchart.internal.chartpart.Chart<?, ?>;
  }

  /**
   * The bundle for {@code value}; {@code text} is its text form when the caller has one (JShell's,
   * which quotes strings), else {@code String.valueOf(value)} is used.
   */
  static DisplayData of(Object value, String text) {
    DisplayData d = new DisplayData();
    if (value instanceof Chart c) {
      putPng(d, c.png(), "chart", c.xy().getWidth(), c.xy().getHeight());
    } else if (value instanceof org.knowm.xchart.internal.chartpart.Chart<?, ?> c) {
      putPng(d, png(BitmapEncoder.getBufferedImage(c)), c.getClass().getSimpleName(), c.getWidth(), c.getHeight());
    } else if (value instanceof RenderedImage img) {
      putPng(d, png(img), "image", img.getWidth(), img.getHeight());
    } else {
      d.putText(text != null ? text : String.valueOf(value));
    }
    return d;
  }

  /** {@code image} encoded as PNG. */
  static byte[] png(RenderedImage image) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", buf)) {
        throw new IllegalArgumentException("no PNG writer for an image of type " + image.getClass().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }

  private static void putPng(DisplayData d, byte[] png, String what, int width, int height) {
    d.putData(PNG, Base64.getEncoder().encodeToString(png));
    d.putText(String.format(Locale.ROOT, "<%s %dx%d>", what, width, height));
  }
}
