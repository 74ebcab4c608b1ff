package org.paperlab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hidden-layer activations with their derivatives, applied elementwise to ND4J arrays.
 *
 * <ul>
 *   <li>{@code TANH}: {@code tanh z}, derivative {@code 1 - tanh^2 z};
 *   <li>{@code RELU}: {@code max(z, 0)}, derivative {@code 1[z > 0]};
 *   <li>{@code GELU}: the tanh form of Hendrycks and Gimpel (2016), "Gaussian Error Linear Units",
 *       {@code 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))} (PyTorch's
 *       {@code GELU(approximate='tanh')}); it differs from the erf form by less than 1e-3;
 *   <li>{@code SILU}: {@code z sigmoid(z)} (Elfwing et al. 2018), derivative
 *       {@code s (1 + z (1 - s))} with {@code s = sigmoid(z)};
 *   <li>{@code IDENTITY}: for completeness; the output layer is always linear.
 * </ul>
 */
public enum Activation {
  TANH,
  RELU,
  GELU,
  SILU,
  IDENTITY;

  private static final double GELU_C = Math.sqrt(2.0 / Math.PI);
  private static final double GELU_A = 0.044715;

  /** {@code act(z)} as a new array. */
  public INDArray apply(INDArray z) {
    switch (this) {
      case TANH:
        return Transforms.tanh(z, true);
      case RELU:
        return Transforms.relu(z, true);
      case GELU:
        {
          INDArray inner = geluInner(z);
          Transforms.tanh(inner, false);
          return inner.addi(1.0).muli(z).muli(0.5);
        }
      case SILU:
        return Transforms.sigmoid(z, true).muli(z);
      case IDENTITY:
        return z.dup();
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Multiplies {@code upstream} in place by {@code act'(z)}, given the pre-activation {@code z}
   * and the activation {@code a = act(z)}; returns {@code upstream}.
   */
  public INDArray backpropInPlace(INDArray upstream, INDArray z, INDArray a) {
    switch (this) {
      case TANH:
        // 1 - a^2
        return upstream.muli(a.mul(a).rsubi(1.0));
      case RELU:
        return upstream.muli(Transforms.step(z));
      case GELU:
        {
          // d/dz 0.5 z (1 + tanh u) = 0.5 (1 + tanh u) + 0.5 z (1 - tanh^2 u) u',
          // u = c (z + a z^3), u' = c (1 + 3 a z^2)
          INDArray t = Transforms.tanh(geluInner(z), false);
          INDArray z2 = z.mul(z);
          INDArray du = z2.muli(3 * GELU_A * GELU_C).addi(GELU_C); // u'
          INDArray sech2 = t.mul(t).rsubi(1.0);
          INDArray d = sech2.muli(du).muli(z).addi(t).addi(1.0).muli(0.5);
          return upstream.muli(d);
        }
      case SILU:
        {
          INDArray s = Transforms.sigmoid(z, true);
          // s (1 + z (1 - s))
          INDArray d = s.rsub(1.0).muli(z).addi(1.0).muli(s);
          return upstream.muli(d);
        }
      case IDENTITY:
        return upstream;
      default:
        throw new AssertionError(this);
    }
  }

  /** Parses {@code tanh|relu|gelu|silu|identity} (case-insensitive). */
  public static Activation parse(String name) {
    for (Activation a : values()) {
      if (a.name().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "activation = " + name + " is unknown; allowed: tanh, relu, gelu, silu, identity");
  }

  private static INDArray geluInner(INDArray z) {
    // c (z + a z^3)
    return z.mul(z).muli(z).muli(GELU_A).addi(z).muli(GELU_C);
  }
}
