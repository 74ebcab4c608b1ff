package org.paperlab.flow;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;
import org.paperlab.core.SampleDistances;
import org.paperlab.ot.EpsilonScale;
import org.paperlab.ot.PointCloud;
import org.paperlab.ot.SinkhornConfig;
import org.paperlab.ot.SinkhornDivergence;
import org.paperlab.ot.StandardCost;

/**
 * Figures of a trained flow.
 *
 * <ul>
 *   <li>Straightness (Liu, Gong and Liu 2022, Eq. 5):
 *       {@code S(Z) = int_0^1 E||(Z_1 - Z_0) - dZ_t/dt||^2 dt}, 0 exactly for straight paths. It is
 *       evaluated on the Euler sampling grid {@code t_i = i/N}: the step velocities
 *       {@code v_i = N (Z_{t_{i+1}} - Z_{t_i})}, {@code S = (1/N) sum_i mean_rows ||(Z_1 - Z_0) - v_i||^2},
 *       with {@code Z_1 - Z_0} the Euler path's own displacement. Not divided by the dimension
 *       (rfpp's code does; the per-dimension value is given as well).
 *   <li>Transport cost {@code E||Z_1 - Z_0||^2} of a coupling (non-increasing under reflow,
 *       Theorem 3.5).
 *   <li>Distances between generated and target samples: energy distance, RBF MMD, Sinkhorn
 *       divergence.
 * </ul>
 */
public final class FlowMetrics {
  private FlowMetrics() {}

  /**
   * Straightness of a flow's paths from {@code z0}.
   *
   * @param value {@code S} as defined above
   * @param perDimension {@code S / d}
   * @param steps the Euler steps N of the grid
   * @param transportCost {@code E||Z_1 - Z_0||^2} of the same paths
   */
  public record Straightness(double value, double perDimension, int steps, double transportCost) {}

  /** Straightness on an Euler grid of {@code steps} steps from the starting points {@code z0}. */
  public static Straightness straightness(FlowModel model, INDArray z0, int steps, boolean useEma) {
    Checks.positive("steps", steps);
    SampleResult r = FlowSampler.solve(SamplerConfig.euler(steps).withUseEma(useEma).withRecordPath(true), model, z0);
    List<INDArray> path = r.path();
    int n = (int) z0.rows();
    int d = model.dim();
    double[] first = path.get(0).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
    double[] last = path.get(path.size() - 1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
    double[] disp = new double[n * d];
    double cost = 0;
    for (int q = 0; q < n * d; q++) {
      disp[q] = last[q] - first[q];
      cost += disp[q] * disp[q];
    }
    double s = 0;
    double[] prev = first;
    for (int i = 1; i < path.size(); i++) {
      double[] cur = path.get(i).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
      double sum = 0;
      for (int q = 0; q < n * d; q++) {
        double e = disp[q] - steps * (cur[q] - prev[q]);
        sum += e * e;
      }
      s += sum / n;
      prev = cur;
    }
    s /= steps;
    return new Straightness(s, s / d, steps, cost / n);
  }

  /** {@code E||z1 - z0||^2}, the mean over rows. */
  public static double transportCost(INDArray z0, INDArray z1) {
    Checks.matrix("z0", z0);
    Checks.matrix("z1", z1);
    Checks.require(java.util.Arrays.equals(z0.shape(), z1.shape()), "z0 and z1 must have the same shape");
    double[] a = z0.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    double[] b = z1.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
    double s = 0;
    for (int q = 0; q < a.length; q++) {
      double t = b[q] - a[q];
      s += t * t;
    }
    return s / z0.rows();
  }

  /** Energy distance (Szekely and Rizzo) between samples. */
  public static double energyDistance(INDArray x, INDArray y) {
    return SampleDistances.energyDistance(asDouble(x), asDouble(y));
  }

  /** Biased squared RBF MMD with bandwidths {0.5, 1, 2} times the median distance of the pooled samples. */
  public static double mmd(INDArray x, INDArray y) {
    INDArray a = asDouble(x);
    INDArray b = asDouble(y);
    double med = SampleDistances.medianDistance(a, b);
    return SampleDistances.mmd2Biased(a, b, 0.5 * med, med, 2 * med);
  }

  /** The debiased Sinkhorn divergence, squared Euclidean cost, epsilon {@code eps} times the mean cost. */
  public static double sinkhornDivergence(INDArray x, INDArray y, double eps) {
    SinkhornConfig cfg = SinkhornConfig.defaults().withEpsilon(eps, EpsilonScale.MEAN).withThreads(1);
    return SinkhornDivergence.compute(cfg, PointCloud.of(asDouble(x)), PointCloud.of(asDouble(y)),
        StandardCost.SQEUCLIDEAN).value();
  }

  private static INDArray asDouble(INDArray x) {
    return x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
  }
}
