package org.paperlab.flow;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;

/**
 * What a flow is fit on: samples of the source and the target, paired by the config's
 * {@link Coupling} at every batch ({@link Unpaired}), or given pairs {@code (Z_0, Z_1)} such as
 * the reflow pairs of a trained flow ({@link Paired}). Arrays are {@code n x d} matrices (any
 * data type: they are copied to float once); every value must be finite.
 */
public sealed interface TrainingData permits TrainingData.Unpaired, TrainingData.Paired {
  /** The data's dimension {@code d}. */
  int dim();

  /** Source samples {@code X_0} (or none: the standard Gaussian {@code N(0, I_d)}) and target samples {@code X_1}. */
  record Unpaired(INDArray source, INDArray target) implements TrainingData {
    public Unpaired {
      target = floatMatrix("target", target);
      if (source != null) {
        source = floatMatrix("source", source);
        Checks.sameSize("columns of source", source.columns(), "columns of target", target.columns());
      }
    }

    /** The standard Gaussian source {@code N(0, I_d)} to the target samples. */
    public static Unpaired fromGaussian(INDArray target) {
      return new Unpaired(null, target);
    }

    /** Whether the source is the standard Gaussian (drawn fresh for every batch). */
    public boolean gaussianSource() {
      return source == null;
    }

    @Override
    public int dim() {
      return (int) target.columns();
    }
  }

  /**
   * Pairs: row i of {@code z0} goes with row i of {@code z1}.
   *
   * @param z0 the sources
   * @param z1 the targets
   * @param from k of the k-rectified flow that drew the pairs ({@link Reflow#pairs}), or 0 for
   *     pairs given by the user; a flow fit on them is the (k + 1)-rectified flow
   */
  record Paired(INDArray z0, INDArray z1, int from) implements TrainingData {
    public Paired {
      Checks.nonNegative("from", from);
      z0 = floatMatrix("z0", z0);
      z1 = floatMatrix("z1", z1);
      Checks.sameSize("rows of z1", z1.rows(), "rows of z0", z0.rows());
      Checks.sameSize("columns of z1", z1.columns(), "columns of z0", z0.columns());
    }

    /** Pairs given by the user (a coupling of their own). */
    public static Paired given(INDArray z0, INDArray z1) {
      return new Paired(z0, z1, 0);
    }

    /** The number of pairs. */
    public int size() {
      return (int) z0.rows();
    }

    @Override
    public int dim() {
      return (int) z0.columns();
    }
  }

  /** A finite float copy of a non-empty matrix. */
  static INDArray floatMatrix(String name, INDArray x) {
    Checks.matrix(name, x);
    Checks.require(x.rows() > 0 && x.columns() > 0, "%s is empty", name);
    Checks.allFinite(name, x);
    return x.castTo(DataType.FLOAT).dup('c');
  }
}
