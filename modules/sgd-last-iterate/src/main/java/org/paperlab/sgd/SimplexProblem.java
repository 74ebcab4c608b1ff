package org.paperlab.sgd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;

/**
 * A stochastic linear objective on the probability simplex with an optional entropy regularizer:
 * {@code F(x) = <c, x> + lambda sum_i x_i ln x_i}, {@code x in Delta_d}, oracle {@code c} (the
 * solver adds the noise), {@code x_1 = (1/d, ..., 1/d)}, costs {@code c_i = (i - 1)/(d - 1)}.
 *
 * <p>Optimum: for {@code lambda = 0}, {@code F* = min_i c_i = 0} at the vertex {@code e_1}; for
 * {@code lambda > 0}, {@code x* = softmax(-c/lambda)} and
 * {@code F* = -lambda ln sum_i exp(-c_i/lambda)}. The L1 geometry of the simplex is where the
 * entropy mirror map pays: gradients are bounded in {@code ||.||_inf} and the KL diameter is
 * {@code ln d}, against {@code ||.||_2} norms growing like {@code sqrt(d)} for projected SGD.
 */
public final class SimplexProblem implements StochasticProblem {
  private final int d;
  private final double lambda;
  private final double[] c;
  private final double fStar;

  /**
   * @param d dimension (&gt;= 2)
   * @param lambda entropy weight (&gt;= 0; &gt; 0 needs the entropy mirror map)
   */
  public SimplexProblem(int d, double lambda) {
    this.d = Checks.inRange("dim", d, 2, Integer.MAX_VALUE);
    this.lambda = Checks.nonNegative("lambda", lambda);
    this.c = new double[d];
    for (int i = 0; i < d; i++) {
      c[i] = (double) i / (d - 1);
    }
    if (lambda == 0) {
      fStar = 0;
    } else {
      // -lambda ln sum exp(-c/lambda), stable: the largest exponent is -c_1/lambda = 0
      double s = 0;
      for (double ci : c) {
        s += Math.exp(-ci / lambda);
      }
      fStar = -lambda * Math.log(s);
    }
  }

  @Override
  public String name() {
    return "simplex";
  }

  @Override
  public int dimension() {
    return d;
  }

  @Override
  public double[] initialPoint() {
    double[] x = new double[d];
    Arrays.fill(x, 1.0 / d);
    return x;
  }

  @Override
  public Domain domain() {
    return Domain.Simplex.probability();
  }

  @Override
  public Regularizer regularizer() {
    return lambda > 0 ? new Regularizer.Entropy(lambda) : new Regularizer.None();
  }

  /** The optimal value {@code F*}. */
  public double optimalValue() {
    return fStar;
  }

  @Override
  public void gradient(double[] x, SplittableRandom rng, double[] out) {
    System.arraycopy(c, 0, out, 0, d);
  }

  @Override
  public double gap(double[] x) {
    double v = 0;
    for (int i = 0; i < d; i++) {
      v += c[i] * x[i];
      if (lambda > 0 && x[i] > 0) {
        v += lambda * x[i] * Math.log(x[i]);
      }
    }
    return Math.max(v - fStar, 0.0);
  }

  @Override
  public String description() {
    return "simplex: <c,x> + " + lambda + " sum x ln x on Delta_" + d + ", c_i = (i-1)/(d-1), x1 uniform";
  }
}
