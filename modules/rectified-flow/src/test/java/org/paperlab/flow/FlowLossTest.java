package org.paperlab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The losses' values by hand and their gradients against central finite differences. */
class FlowLossTest {
  @Test
  void valuesByHand() {
    // two rows of residuals (3, 4) and (0, 1): squared norms 25 and 1
    float[] r = {3, 4, 0, 1};
    float[] g = new float[4];
    assertEquals((25 + 1) / 2.0, new FlowLoss.SquaredL2(FlowLoss.Reduction.SUM).lossAndGradient(r, 2, 2, g), 1e-12);
    assertEquals((25 + 1) / 4.0, new FlowLoss.SquaredL2(FlowLoss.Reduction.MEAN).lossAndGradient(r, 2, 2, g), 1e-12);
    // pseudo-Huber with c = 1: (sqrt(26) - 1 + sqrt(2) - 1) / 2
    assertEquals((Math.sqrt(26) - 1 + Math.sqrt(2) - 1) / 2, new FlowLoss.PseudoHuber(1).lossAndGradient(r, 2, 2, g), 1e-12);
    // c = 0 selects 0.00054 sqrt(d): d = 4 gives 0.00108
    assertEquals(0.00108, new FlowLoss.PseudoHuber(0).constant(4), 1e-15);
    assertEquals(0.25, new FlowLoss.PseudoHuber(0.25).constant(4));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 7;
    int d = 3;
    for (FlowLoss loss : new FlowLoss[] {
        new FlowLoss.SquaredL2(FlowLoss.Reduction.SUM), new FlowLoss.SquaredL2(FlowLoss.Reduction.MEAN),
        new FlowLoss.PseudoHuber(0.3), new FlowLoss.PseudoHuber(0)}) {
      float[] r = new float[n * d];
      for (int q = 0; q < r.length; q++) {
        r[q] = (float) (2 * rng.nextDouble() - 1);
      }
      float[] g = new float[n * d];
      loss.lossAndGradient(r, n, d, g);
      float[] scratch = new float[n * d];
      for (int q = 0; q < r.length; q++) {
        float keep = r[q];
        float h = 1e-2f;
        r[q] = keep + h;
        double up = loss.lossAndGradient(r, n, d, scratch);
        r[q] = keep - h;
        double down = loss.lossAndGradient(r, n, d, scratch);
        r[q] = keep;
        double fd = (up - down) / ((double) (keep + h) - (keep - h));
        // the squared losses are quadratic (central differences exact up to rounding); the
        // pseudo-Huber's third derivative is bounded by 3/c^2 over the row, so the O(h^2) error
        // stays far below 1e-3 here
        assertEquals(fd, g[q], 1e-3 * Math.max(1, Math.abs(fd)), loss + " entry " + q);
      }
    }
  }
}
