package org.paperlab.core.nn;

/**
 * A loss on a network's output that is a normalized sum of per-row terms,
 * {@code L = loss(sum_i f(r_i), n, m)} with residual rows {@code r_i = out_i - y_i} ({@code m}
 * outputs, {@code n} rows in the batch): the loss hook of {@link MlpTrainer}. Examples: the mean
 * squared error {@link #mse()} ({@code f(r) = ||r||^2}, {@code L = sum / (n m)}, PyTorch's
 * {@code MSELoss()}), the squared error summed over the outputs and averaged over the rows, or the
 * pseudo-Huber loss {@code sqrt(||r||^2 + c^2) - c} of Song and Dhariwal (2023).
 *
 * <p>{@link MlpTrainer} calls {@link #backward} on blocks of rows of its shards, concurrently from
 * several threads: implementations must be stateless (or immutable). Within a shard the blocks
 * come in row order and the running term sum is passed along, so an implementation that adds
 * its terms one row after the other gives a result that does not depend on the blocking.
 */
public interface OutputLoss {
  /**
   * For {@code rows} residual rows held in {@code r} (row {@code i}, output {@code k} at
   * {@code r[i ld + k]}, {@code k < m}) of a batch of {@code n} rows: overwrites each residual
   * with {@code dL/d(out)} for the whole batch's {@code L} and returns {@code acc} plus the rows'
   * terms {@code f(r_i)}, added in row order.
   */
  double backward(float[] r, int ld, int rows, int m, int n, double acc);

  /** The batch loss {@code L} from the sum of the terms of all {@code n} rows ({@code m} outputs). */
  double loss(double termSum, int n, int m);

  /**
   * The mean squared error over all {@code n m} entries, {@code L = (1/(n m)) sum r^2}: the
   * gradient of an entry is {@code r * (float) (2 / (n m))} in float, the terms are summed in
   * double.
   */
  static OutputLoss mse() {
    return Mse.INSTANCE;
  }

  /** {@link OutputLoss#mse()}. */
  final class Mse implements OutputLoss {
    static final Mse INSTANCE = new Mse();

    private Mse() {}

    @Override
    public double backward(float[] r, int ld, int rows, int m, int n, double acc) {
      float scale = (float) (2.0 / ((double) n * m));
      double sum = acc;
      for (int i = 0; i < rows; i++) {
        int o = i * ld;
        for (int j = 0; j < m; j++) {
          float diff = r[o + j];
          sum += (double) diff * diff;
          r[o + j] = diff * scale;
        }
      }
      return sum;
    }

    @Override
    public double loss(double termSum, int n, int m) {
      return termSum / ((double) n * m);
    }

    @Override
    public String toString() {
      return "mse";
    }
  }
}
