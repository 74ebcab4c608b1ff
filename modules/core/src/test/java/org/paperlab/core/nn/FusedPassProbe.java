package org.paperlab.core.nn;

import java.util.SplittableRandom;

/**
 * A few fused training steps on seeded data, printed as raw bits: run in a child JVM with
 * {@code -Xint} (interpreter only) by {@link MlpTrainerTest} and compared with the same steps in
 * the test JVM after the JIT compiled them. Uses no ND4J (the pass and Adam's array step work on
 * Java arrays), so the child starts fast.
 */
final class FusedPassProbe {
  private FusedPassProbe() {}

  /** The steps' losses and the final parameters, as hex bit patterns, one per line. */
  static String run(FloatKernels kernels, int shards, int threads) {
    MlpConfig cfg = MlpConfig.of(2, 2, 20, 20).withTimeInput(true);
    int pc = (int) cfg.parameterCount();
    SplittableRandom rng = new SplittableRandom(42);
    float[] params = new float[pc];
    for (int i = 0; i < pc; i++) {
      params[i] = (float) (0.4 * (2 * rng.nextDouble() - 1));
    }
    int n = 203;
    float[] x = new float[n * 3];
    float[] y = new float[n * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) rng.nextGaussian();
    }
    FusedMlpPass pass = new FusedMlpPass(cfg, shards, threads, kernels, 64);
    Adam adam = new Adam(1e-2);
    float[] grad = new float[pc];
    StringBuilder sb = new StringBuilder();
    for (int step = 0; step < 3; step++) {
      pass.loadParams(params);
      double loss = pass.mse(x, y, n, grad);
      adam.step(params, grad, pc);
      sb.append(Long.toHexString(Double.doubleToRawLongBits(loss))).append('\n');
    }
    for (float p : params) {
      sb.append(Integer.toHexString(Float.floatToRawIntBits(p))).append('\n');
    }
    return sb.toString();
  }

  public static void main(String[] args) {
    FloatKernels k = args[0].equals("simd") ? FloatKernels.vector() : FloatKernels.scalar();
    System.out.print(run(k, Integer.parseInt(args[1]), Integer.parseInt(args[2])));
  }
}
