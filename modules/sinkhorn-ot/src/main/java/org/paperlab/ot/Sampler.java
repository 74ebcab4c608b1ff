package org.paperlab.ot;

import java.util.random.RandomGenerator;
import org.paperlab.core.Checks;

/** Draws {@code n} points of a distribution on {@code R^d}, row-major, from a seeded generator. */
public interface Sampler {
  /** The dimension {@code d}. */
  int dimension();

  /** {@code n} samples, row-major ({@code n * d} values). */
  double[] sample(int n, RandomGenerator rng);

  /**
   * The Gaussian {@code N(mean, L L^T)} for a row-major {@code d x d} factor {@code l}, with
   * {@code d} the length of {@code mean}: every sample is {@code mean + L z}, {@code z ~ N(0, I_d)}
   * drawn coordinate by coordinate.
   */
  static Sampler gaussian(double[] mean, double[] l) {
    Checks.allFinite("mean", mean);
    Checks.allFinite("l", l);
    int d = mean.length;
    Checks.sameSize("length of l", l.length, "d * d", (long) d * d);
    double[] mu = mean.clone();
    double[] factor = l.clone();
    return new Sampler() {
      @Override
      public int dimension() {
        return d;
      }

      @Override
      public double[] sample(int n, RandomGenerator rng) {
        double[] out = new double[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
          for (int k = 0; k < d; k++) {
            z[k] = rng.nextGaussian();
          }
          for (int r = 0; r < d; r++) {
            double s = mu[r];
            for (int k = 0; k < d; k++) {
              s += factor[r * d + k] * z[k];
            }
            out[i * d + r] = s;
          }
        }
        return out;
      }
    };
  }
}
