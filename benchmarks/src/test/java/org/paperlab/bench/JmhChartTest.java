package org.paperlab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.paperlab.lab.Json;

/** benchmarks/chart.sh draws visible bars, however long the benchmark and parameter names are. */
class JmhChartTest {
  /**
   * Two results with 90-character labels, scores 1 and 2: the taller bar must span a good part of
   * the plot (at least 150 px of bar color in one pixel column; the plot area is 420 px and the
   * taller bar reaches near its top). With a fixed 400 px image the rotated names took the whole
   * height and the bars had no pixels.
   */
  @Test
  void barsStayVisibleUnderLongRotatedNames() throws Exception {
    String params = "\"params\": {\"precision\": \"double\", \"method\": \"stabilized-kernel\", \"threads\": \"2\", \"n\": \"10000\"}";
    String json = "[{\"benchmark\": \"org.paperlab.ot.SinkhornSweepBench.kernelSweepWithAVeryLongName\", " + params
        + ", \"primaryMetric\": {\"score\": 1.0, \"scoreError\": 0.1, \"scoreUnit\": \"ms/op\"}},"
        + "{\"benchmark\": \"org.paperlab.ot.SinkhornSweepBench.logSweepWithAnEvenLongerNameThanThat\", " + params
        + ", \"primaryMetric\": {\"score\": 2.0, \"scoreError\": \"NaN\", \"scoreUnit\": \"ms/op\"}}]";
    JsonNode root = Json.mapper().readTree(json);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(JmhChart.png(root, "t")));
    int tallest = 0;
    for (int x = 0; x < img.getWidth(); x++) {
      int run = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        if ((img.getRGB(x, y) & 0xffffff) == (JmhChart.BAR.getRGB() & 0xffffff)) {
          run++;
        }
      }
      tallest = Math.max(tallest, run);
    }
    assertTrue(tallest >= 150, "tallest bar " + tallest + " px in a " + img.getWidth() + " x " + img.getHeight() + " image");
  }
}
