package org.paperlab.core;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Distances between two point clouds {@code x} ({@code n x d}) and {@code y} ({@code m x d}) with
 * uniform weights.
 *
 * <ul>
 *   <li>Energy distance (Szekely and Rizzo 2013, "Energy statistics", Eq. 2.1), V-statistic form:
 *       {@code E = 2 mean|x_i - y_j| - mean|x_i - x_k| - mean|y_j - y_l|}, which is {@code >= 0}
 *       for any samples and 0 only for identical empirical measures.
 *   <li>Maximum mean discrepancy (Gretton et al. 2012, "A kernel two-sample test", Eq. 3 for the
 *       biased and Eq. 4 for the unbiased estimate) with a sum of Gaussian RBF kernels
 *       {@code k(x, y) = sum_s exp(-|x - y|^2 / (2 s^2))} over the bandwidths {@code s}.
 * </ul>
 *
 * Both form the full {@code n x m} distance matrices; they are meant for evaluation on a few
 * thousand points.
 */
public final class SampleDistances {
  private SampleDistances() {}

  /** Energy distance (V-statistic). */
  public static double energyDistance(INDArray x, INDArray y) {
    double xy = meanEuclidean(x, y);
    double xx = meanEuclidean(x, x);
    double yy = meanEuclidean(y, y);
    return 2 * xy - xx - yy;
  }

  /** Biased (V-statistic) squared MMD with a multi-bandwidth RBF kernel; always {@code >= 0}. */
  public static double mmd2Biased(INDArray x, INDArray y, double... bandwidths) {
    checkBandwidths(bandwidths);
    return meanKernel(x, x, bandwidths, false)
        + meanKernel(y, y, bandwidths, false)
        - 2 * meanKernel(x, y, bandwidths, false);
  }

  /**
   * Unbiased (U-statistic) squared MMD with a multi-bandwidth RBF kernel; may be slightly
   * negative when the distributions agree.
   */
  public static double mmd2Unbiased(INDArray x, INDArray y, double... bandwidths) {
    checkBandwidths(bandwidths);
    Checks.require(x.rows() >= 2 && y.rows() >= 2, "the unbiased MMD needs at least 2 points per cloud");
    return meanKernel(x, x, bandwidths, true)
        + meanKernel(y, y, bandwidths, true)
        - 2 * meanKernel(x, y, bandwidths, false);
  }

  /** The median of the pairwise Euclidean distances between the rows of {@code x} and {@code y}. */
  public static double medianDistance(INDArray x, INDArray y) {
    INDArray d = Transforms.sqrt(Kernels.pairwiseSquaredDistances(x, y), false);
    return d.medianNumber().doubleValue();
  }

  private static double meanEuclidean(INDArray x, INDArray y) {
    INDArray d = Transforms.sqrt(Kernels.pairwiseSquaredDistances(x, y), false);
    return d.meanNumber().doubleValue();
  }

  private static double meanKernel(INDArray x, INDArray y, double[] bandwidths, boolean offDiagonal) {
    INDArray d2 = Kernels.pairwiseSquaredDistances(x, y);
    double total = 0;
    for (double s : bandwidths) {
      total += Transforms.exp(d2.div(-2 * s * s), false).sumNumber().doubleValue();
    }
    long n = d2.rows();
    long m = d2.columns();
    if (offDiagonal) {
      // k(x_i, x_i) = 1 per bandwidth
      total -= (double) n * bandwidths.length;
      return total / ((double) n * (n - 1));
    }
    return total / ((double) n * m);
  }

  private static void checkBandwidths(double[] bandwidths) {
    Checks.require(bandwidths != null && bandwidths.length > 0, "bandwidths must not be empty");
    for (int i = 0; i < bandwidths.length; i++) {
      Checks.positive("bandwidths[" + i + "]", bandwidths[i]);
    }
  }
}
