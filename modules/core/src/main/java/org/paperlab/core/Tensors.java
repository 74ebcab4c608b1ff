package org.paperlab.core;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small helpers to move between ND4J arrays and flat Java arrays, and to draw seeded random
 * arrays without touching ND4J's global generator.
 *
 * <p>Random arrays are filled in Java from a caller-supplied generator (see {@link Seeds}), so a
 * result depends only on the seed, never on which ND4J backend or thread count is active.
 */
public final class Tensors {
  private Tensors() {}

  /** A {@code rows x cols} matrix of standard normal draws. */
  public static INDArray randn(RandomGenerator rng, DataType type, int rows, int cols) {
    double[] v = new double[Math.multiplyExact(rows, cols)];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    return matrix(v, rows, cols, type);
  }

  /** A {@code rows x cols} matrix of uniform draws on {@code [lo, hi)}. */
  public static INDArray uniform(
      RandomGenerator rng, DataType type, int rows, int cols, double lo, double hi) {
    double[] v = new double[Math.multiplyExact(rows, cols)];
    for (int i = 0; i < v.length; i++) {
      v[i] = lo + (hi - lo) * rng.nextDouble();
    }
    return matrix(v, rows, cols, type);
  }

  /** A matrix from row-major values. */
  public static INDArray matrix(double[] rowMajor, int rows, int cols, DataType type) {
    Checks.require(
        rowMajor.length == (long) rows * cols,
        "values has %d entries, expected rows*cols = %d*%d", rowMajor.length, rows, cols);
    INDArray a = Nd4j.createFromArray(rowMajor).reshape('c', rows, cols);
    return type == DataType.DOUBLE ? a : a.castTo(type);
  }

  /** A matrix from row-major float values (no copy through double). */
  public static INDArray matrix(float[] rowMajor, int rows, int cols) {
    Checks.require(
        rowMajor.length == (long) rows * cols,
        "values has %d entries, expected rows*cols = %d*%d", rowMajor.length, rows, cols);
    return Nd4j.createFromArray(rowMajor).reshape('c', rows, cols);
  }

  /** A matrix from a Java 2-D array (rows must all have the same length). */
  public static INDArray matrix(double[][] rows, DataType type) {
    Checks.require(rows.length > 0, "rows must not be empty");
    int cols = rows[0].length;
    double[] flat = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      Checks.require(
          rows[i].length == cols, "row %d has %d columns, row 0 has %d", i, rows[i].length, cols);
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return matrix(flat, rows.length, cols, type);
  }

  /** Row-major copy of the array's values as doubles. */
  public static double[] toDoubles(INDArray a) {
    return a.dup('c').data().asDouble();
  }

  /** Row-major copy of the array's values as floats. */
  public static float[] toFloats(INDArray a) {
    return a.dup('c').data().asFloat();
  }

  /** A Java 2-D array copy of a matrix. */
  public static double[][] toRows(INDArray a) {
    Checks.matrix("a", a);
    int r = (int) a.rows();
    int c = (int) a.columns();
    double[] flat = toDoubles(a);
    double[][] out = new double[r][c];
    for (int i = 0; i < r; i++) {
      System.arraycopy(flat, i * c, out[i], 0, c);
    }
    return out;
  }
}
