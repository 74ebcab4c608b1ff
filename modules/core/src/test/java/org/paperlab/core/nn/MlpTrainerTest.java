package org.paperlab.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Seeds;
import org.paperlab.core.Tensors;

/**
 * The fused float trainer ({@link MlpTrainer}, {@link FusedMlpPass}): its gradient against the
 * double-precision ND4J path (whose gradient {@link MlpTest} checks against finite differences)
 * and against float central differences, and the determinism it promises: the same bits for any
 * thread count, tile size, SIMD or scalar kernels, and JIT tier.
 */
class MlpTrainerTest {

  private record Problem(Mlp net, INDArray x, INDArray y) {
    float[] xf() {
      return x.castTo(DataType.FLOAT).ravel().toFloatVector();
    }

    float[] yf() {
      return y.castTo(DataType.FLOAT).ravel().toFloatVector();
    }
  }

  private static Problem problem(int width, int rows, long seed) {
    SplittableRandom rng = Seeds.of(seed).random();
    MlpConfig cfg = MlpConfig.of(2, 2, width, width).withTimeInput(true);
    Mlp net = new Mlp(cfg, rng);
    INDArray x = net.withTime(Tensors.randn(rng, DataType.FLOAT, rows, 2).muli(2),
        Tensors.uniform(rng, DataType.FLOAT, rows, 1, 0, 1));
    INDArray y = Tensors.randn(rng, DataType.FLOAT, rows, 2);
    return new Problem(net, x, y);
  }

  /**
   * Reference: the same parameters in a double network on the ND4J path. Widths 5 and 37 leave
   * padded columns, 100 is the rectified-flow toy's; 1000 rows over 3 shards cut unequal shards
   * and 2-tile shards; 257 rows leave a padded row block; 100 rows fall back to one shard.
   */
  @ParameterizedTest
  @CsvSource({"5, 257, 2", "37, 1000, 3", "100, 2048, 2", "100, 100, 2", "16, 300, 1"})
  void gradientMatchesTheDoublePrecisionReference(int width, int rows, int shards) {
    Problem p = problem(width, rows, 31);
    MlpConfig cfg = p.net.config();
    Mlp ref = Mlp.withParams(cfg.withDataType(DataType.DOUBLE), p.net.params());
    Mlp.Trace tr = ref.forward(p.x.castTo(DataType.DOUBLE));
    Losses.LossAndGradient lr = Losses.mse(tr.output(), p.y.castTo(DataType.DOUBLE));
    INDArray gRef = ref.newGradient();
    ref.backward(tr, lr.gradient(), gRef, false);

    MlpTrainer t = new MlpTrainer(p.net, new Adam(1e-3), shards, 0);
    float[] g = new float[(int) cfg.parameterCount()];
    double loss = t.gradient(p.xf(), p.yf(), rows, g);

    assertEquals(lr.loss(), loss, 1e-5 * lr.loss());
    double[] a = gRef.toDoubleVector();
    double scale = 0;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], g[i], 1e-4 * scale, "gradient entry " + i);
    }
  }

  /**
   * Every parameter of a small network against float central differences of the trainer's own
   * loss ({@code h = 1e-2}: truncation error {@code O(h^2)}, float rounding of the loss about
   * {@code 1e-7 / h}).
   */
  @Test
  void gradientMatchesCentralDifferencesOfItsOwnLoss() {
    Problem p = problem(6, 150, 7);
    MlpTrainer t = new MlpTrainer(p.net, new Adam(1e-3), 2, 0);
    float[] xf = p.xf();
    float[] yf = p.yf();
    int pc = (int) p.net.config().parameterCount();
    float[] g = new float[pc];
    float[] scratch = new float[pc];
    t.gradient(xf, yf, 150, g);
    INDArray params = p.net.params();
    double h = 1e-2;
    for (int i = 0; i < pc; i++) {
      double orig = params.getDouble(i);
      params.putScalar(i, orig + h);
      double up = t.gradient(xf, yf, 150, scratch);
      params.putScalar(i, orig - h);
      double down = t.gradient(xf, yf, 150, scratch);
      params.putScalar(i, orig);
      double fd = (up - down) / (2 * h);
      assertEquals(fd, g[i], 2e-4 + 1e-2 * Math.abs(fd), "param " + i);
    }
  }

  /** Threads only decide how many shards run at once: the same bits for 1, 2 and 3 threads. */
  @Test
  void sameBitsForAnyThreadCount() {
    List<float[]> runs = new ArrayList<>();
    for (int threads : new int[] {1, 2, 3}) {
      Problem p = problem(37, 1000, 3);
      MlpTrainer t = new MlpTrainer(p.net, new Adam(1e-2), 3, threads);
      for (int step = 0; step < 3; step++) {
        t.step(p.x, p.y);
      }
      runs.add(p.net.params().toFloatVector());
    }
    assertBitsEqual(runs.get(0), runs.get(1));
    assertBitsEqual(runs.get(0), runs.get(2));
  }

  /** The SIMD and the scalar kernels train to the same bits. */
  @Test
  void simdAndScalarKernelsGiveTheSameBits() {
    float[][] out = new float[2][];
    FloatKernels[] ks = {FloatKernels.scalar(), FloatKernels.vector()};
    for (int k = 0; k < 2; k++) {
      Problem p = problem(37, 517, 4);
      MlpTrainer t = new MlpTrainer(p.net, new Adam(1e-2), 2, 2, ks[k]);
      for (int step = 0; step < 3; step++) {
        t.step(p.x, p.y);
      }
      out[k] = p.net.params().toFloatVector();
    }
    assertBitsEqual(out[0], out[1]);
  }

  /** Tiles continue the gradient sums and the loss sum: the same bits for any tile size. */
  @Test
  void sameBitsForAnyTileSize() {
    Problem p = problem(37, 1000, 5);
    MlpConfig cfg = p.net.config();
    int pc = (int) cfg.parameterCount();
    float[] params = p.net.params().toFloatVector();
    float[] first = null;
    long firstLoss = 0;
    for (int tile : new int[] {FusedMlpPass.TILE_ROWS, 100, 7}) {
      FusedMlpPass pass = new FusedMlpPass(cfg, 2, 2, FloatKernels.best(), tile);
      pass.loadParams(params);
      float[] g = new float[pc];
      long loss = Double.doubleToRawLongBits(pass.mse(p.xf(), p.yf(), 1000, g));
      if (first == null) {
        first = g;
        firstLoss = loss;
      } else {
        assertBitsEqual(first, g);
        assertEquals(firstLoss, loss);
      }
    }
  }

  /** The first steps (interpreter, first JIT tiers) give the bits of the same steps compiled by C2. */
  @Test
  void sameBitsBeforeAndAfterTheJitCompilesThePass() {
    String cold = FusedPassProbe.run(FloatKernels.vector(), 2, 2);
    String warm = cold;
    for (int rep = 0; rep < 400; rep++) {
      warm = FusedPassProbe.run(FloatKernels.vector(), 2, 2);
    }
    assertEquals(cold, warm);
  }

  /**
   * The strongest form of the check above: a child JVM running only the interpreter
   * ({@code -Xint}, so no compiled code at all), SIMD and scalar kernels, against this JVM's
   * compiled result.
   */
  @Test
  void interpreterOnlyJvmGivesTheSameBits() throws IOException, InterruptedException {
    String warm = null;
    for (int rep = 0; rep < 400; rep++) {
      warm = FusedPassProbe.run(FloatKernels.vector(), 2, 2);
    }
    for (String kernels : new String[] {"simd", "scalar"}) {
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder pb = new ProcessBuilder(java, "-Xint", "--add-modules", "jdk.incubator.vector",
          "-cp", System.getProperty("java.class.path"), FusedPassProbe.class.getName(), kernels, "2", "1");
      pb.redirectErrorStream(false);
      Process proc = pb.start();
      byte[] out = proc.getInputStream().readAllBytes();
      assertTrue(proc.waitFor(300, TimeUnit.SECONDS), "child JVM timed out");
      assertEquals(0, proc.exitValue(), new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(warm, new String(out, StandardCharsets.UTF_8), kernels + " kernels under -Xint");
    }
  }

  /**
   * A few steps of the trainer against the same steps on the ND4J path (Mlp.forward, Losses.mse,
   * Mlp.backward, Adam.step) from the same start: the same trajectory up to float rounding.
   */
  @Test
  void stepsFollowTheNd4jPath() {
    Problem p = problem(37, 600, 8);
    Mlp other = p.net.copy();
    MlpTrainer t = new MlpTrainer(p.net, new Adam(1e-2));
    Adam adam = new Adam(1e-2);
    INDArray grad = other.newGradient();
    for (int step = 0; step < 5; step++) {
      double loss = t.step(p.x, p.y);
      Mlp.Trace tr = other.forward(p.x);
      Losses.LossAndGradient lg = Losses.mse(tr.output(), p.y);
      other.backward(tr, lg.gradient(), grad, false);
      adam.step(other.params(), grad);
      assertEquals(lg.loss(), loss, 1e-5 * lg.loss(), "loss at step " + step);
    }
    assertEquals(5, t.optimizer().steps());
    // after 5 Adam steps of 1e-2 the parameters moved by up to 5e-2; float rounding differences
    // in the gradients move them by far less
    assertArrayEquals(other.params().toFloatVector(), p.net.params().toFloatVector(), 2e-4f);
  }

  @Test
  void trainingFitsASmoothFunction() {
    // y = sin(3x) on [-1, 1]: a 1-32-32-1 tanh MLP reaches MSE < 1e-3 (variance of y is ~0.5)
    SplittableRandom rng = Seeds.of(5).random();
    Mlp net = new Mlp(MlpConfig.of(1, 1, 32, 32), rng);
    MlpTrainer t = new MlpTrainer(net, new Adam(1e-2));
    INDArray x = Tensors.uniform(rng, DataType.FLOAT, 256, 1, -1, 1);
    INDArray y = org.nd4j.linalg.ops.transforms.Transforms.sin(x.mul(3), true);
    double loss = Double.NaN;
    for (int step = 0; step < 1500; step++) {
      loss = t.step(x, y);
    }
    assertTrue(loss < 1e-3, "final MSE " + loss);
    // the network the trainer updated predicts what the trainer measured
    INDArray diff = net.predict(x).sub(y);
    double mse = diff.mul(diff).meanNumber().doubleValue();
    assertTrue(mse < 1e-3, "MSE of predict " + mse);
  }

  /** ShardedGradient runs float tanh networks on the same fused passes: the trainer's bits. */
  @Test
  void shardedGradientUsesTheFusedPasses() {
    Problem p = problem(37, 1000, 9);
    INDArray g = p.net.newGradient();
    double loss;
    try (ShardedGradient sg = new ShardedGradient(p.net, 2)) {
      loss = sg.mse(p.x, p.y, g);
    }
    MlpTrainer t = new MlpTrainer(p.net, new Adam(1e-3), 2, 2);
    float[] expected = new float[(int) p.net.config().parameterCount()];
    double expectedLoss = t.gradient(p.xf(), p.yf(), 1000, expected);
    assertEquals(Double.doubleToRawLongBits(expectedLoss), Double.doubleToRawLongBits(loss));
    assertBitsEqual(expected, g.toFloatVector());
  }

  /** The parameters are read at every step: edits between steps are seen. */
  @Test
  void parameterEditsBetweenStepsAreSeen() {
    Problem p = problem(5, 200, 10);
    MlpTrainer t = new MlpTrainer(p.net, new Adam(1e-3));
    float[] g1 = new float[(int) p.net.config().parameterCount()];
    float[] g2 = g1.clone();
    double before = t.gradient(p.xf(), p.yf(), 200, g1);
    p.net.params().muli(0.5);
    double after = t.gradient(p.xf(), p.yf(), 200, g2);
    assertTrue(before != after);
    Mlp.Trace tr = p.net.forward(p.x);
    assertEquals(Losses.mse(tr.output(), p.y).loss(), after, 1e-5 * after);
  }

  @Test
  void badArgumentsAreReported() {
    Mlp dbl = new Mlp(MlpConfig.of(3, 2, 4).withDataType(DataType.DOUBLE), Seeds.of(1).random());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MlpTrainer(dbl, new Adam(1e-3)));
    assertTrue(e.getMessage().contains("float tanh network, got DOUBLE TANH"), e.getMessage());
    Mlp relu = new Mlp(MlpConfig.of(3, 2, 4).withActivation(Activation.RELU), Seeds.of(1).random());
    e = assertThrows(IllegalArgumentException.class, () -> new MlpTrainer(relu, new Adam(1e-3)));
    assertTrue(e.getMessage().contains("got FLOAT RELU"), e.getMessage());
    Mlp net = new Mlp(MlpConfig.of(3, 2, 4), Seeds.of(1).random());
    e = assertThrows(IllegalArgumentException.class, () -> new MlpTrainer(net, new Adam(1e-3), 0, 0));
    assertTrue(e.getMessage().contains("shards must be >= 1"), e.getMessage());
    MlpTrainer t = new MlpTrainer(net, new Adam(1e-3));
    e = assertThrows(IllegalArgumentException.class,
        () -> t.step(Nd4j.zeros(DataType.FLOAT, 10, 2), Nd4j.zeros(DataType.FLOAT, 10, 2)));
    assertTrue(e.getMessage().contains("columns of x (2) must equal network input width (3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> t.step(Nd4j.zeros(DataType.FLOAT, 10, 3), Nd4j.zeros(DataType.FLOAT, 9, 2)));
    assertTrue(e.getMessage().contains("rows of y"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.step(new float[29], new float[20], 10));
    assertTrue(e.getMessage().contains("x holds 29 floats, need 10 x 3"), e.getMessage());
  }

  private static void assertBitsEqual(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "entry " + i);
    }
  }
}
