package org.paperlab.flow.experiments;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 8x8 handwritten digits (UCI, Alpaydin and Kaynak 1998; see the NOTICE beside the data):
 * 1,797 images of 64 pixels in 0..16, scaled to {@code [-1, 1]} by {@code p / 8 - 1}.
 */
final class Digits {
  static final int PIXELS = 64;
  static final int COUNT = 1797;

  private Digits() {}

  /** All images, {@code 1797 x 64}, in {@code [-1, 1]}, in file order. */
  static INDArray load() {
    List<float[]> rows = new ArrayList<>();
    try (InputStream raw = Digits.class.getResourceAsStream("digits/digits.csv.gz")) {
      if (raw == null) {
        throw new IllegalStateException("digits/digits.csv.gz is missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        if (f.length != PIXELS + 1) {
          throw new IllegalStateException("digits.csv.gz: a row has " + f.length + " fields, expected 65");
        }
        float[] v = new float[PIXELS];
        for (int k = 0; k < PIXELS; k++) {
          v[k] = Integer.parseInt(f[k]) / 8f - 1f;
        }
        rows.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    float[] flat = new float[rows.size() * PIXELS];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, flat, i * PIXELS, PIXELS);
    }
    return Nd4j.create(flat, new long[] {rows.size(), PIXELS});
  }

  /** A grid of the first {@code cols * rows} images, each 8x8 scaled up {@code scale} times, white on black. */
  static BufferedImage grid(INDArray images, int cols, int rows, int scale) {
    int cell = 8 * scale + 2;
    BufferedImage img = new BufferedImage(cols * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
    INDArray x = images.castTo(DataType.FLOAT);
    int count = (int) Math.min(images.rows(), (long) cols * rows);
    for (int i = 0; i < count; i++) {
      int ox = (i % cols) * cell + 1;
      int oy = (i / cols) * cell + 1;
      for (int p = 0; p < PIXELS; p++) {
        double v = (x.getDouble(i, p) + 1) / 2; // [-1, 1] -> [0, 1]
        int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
        int rgb = (g << 16) | (g << 8) | g;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            img.setRGB(ox + (p % 8) * scale + dx, oy + (p / 8) * scale + dy, rgb);
          }
        }
      }
    }
    return img;
  }
}
