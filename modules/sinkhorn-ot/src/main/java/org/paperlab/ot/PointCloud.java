package org.paperlab.ot;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;
import org.paperlab.core.Tensors;

/**
 * A discrete measure {@code sum_i w_i delta_{x_i}} on {@code R^d}: {@code n} points stored row-major
 * in {@code points} ({@code n * d} values) with positive weights (uniform {@code 1/n} when built
 * without weights). Arrays are copied in and out, so a cloud never changes.
 *
 * @param points row-major coordinates, point {@code i} at {@code [i*d, (i+1)*d)}
 * @param n number of points ({@code >= 1})
 * @param d dimension ({@code >= 1})
 * @param weights positive weights of length {@code n} (balanced OT also needs them to sum to 1);
 *     one rule for every entry point: each {@code > 0} and finite
 */
public record PointCloud(double[] points, int n, int d, double[] weights) {
  public PointCloud {
    Checks.notNull("points", points);
    Checks.positive("n", n);
    Checks.positive("d", d);
    Checks.require(
        points.length == (long) n * d,
        "points has %d values, expected n*d = %d*%d", points.length, n, d);
    for (int i = 0; i < points.length; i++) {
      if (!Double.isFinite(points[i])) {
        throw new IllegalArgumentException(
            "points[" + (i / d) + ", " + (i % d) + "] = " + points[i] + " must be finite");
      }
    }
    points = points.clone();
    if (weights == null) {
      weights = new double[n];
      java.util.Arrays.fill(weights, 1.0 / n);
    } else {
      Checks.require("length of weights", weights.length == n, " (%d) must equal number of points (%d)",
          weights.length, n);
      weights = Weights.positive("weights", weights);
    }
  }

  /** Uniform weights over row-major points. */
  public static PointCloud of(double[] rowMajor, int n, int d) {
    return new PointCloud(rowMajor, n, d, null);
  }

  /** Uniform weights over the rows of a Java matrix. */
  public static PointCloud of(double[][] rows) {
    double[] flat = flatten(rows, "points", "row");
    return new PointCloud(flat, rows.length, rows[0].length, null);
  }

  /**
   * Row-major copy of a Java matrix whose rows all have the same length; {@code name} names the
   * matrix in the error for no rows, {@code rowName} its rows in the error for a row of another
   * length.
   */
  static double[] flatten(double[][] rows, String name, String rowName) {
    Checks.require(rows != null && rows.length > 0, "%s must have at least one row", name);
    int d = rows[0].length;
    double[] flat = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      Checks.require(rows[i].length == d, "%s %d has %d columns, row 0 has %d", rowName, i, rows[i].length, d);
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    return flat;
  }

  /** Uniform weights over the rows of an {@code n x d} matrix. */
  public static PointCloud of(INDArray x) {
    Checks.matrix("x", x);
    return new PointCloud(Tensors.toDoubles(x), (int) x.rows(), (int) x.columns(), null);
  }

  /** The same points with the given weights. */
  public PointCloud withWeights(double[] w) {
    Checks.notNull("weights", w);
    return new PointCloud(points, n, d, w);
  }

  /** A copy of the coordinates (row-major). */
  @Override
  public double[] points() {
    return points.clone();
  }

  /** A copy of the weights. */
  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** Coordinate {@code k} of point {@code i}. */
  public double get(int i, int k) {
    return points[i * d + k];
  }

  /** Sum of the weights. */
  public double mass() {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s;
  }

  double[] pointsRef() {
    return points;
  }

  double[] weightsRef() {
    return weights;
  }
}
