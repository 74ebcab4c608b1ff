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

  /**
   * The shard count decides the result, and how: with 2 shards of an even batch each shard's
   * gradient is exactly half of a 1-shard pass over its rows (the scales 2 / (n m) and
   * 2 / ((n / 2) m) differ by a power of two, and scaling by a power of two commutes with every
   * rounding), and the shards are added in order, so the 2-shard gradient is bit for bit
   * {@code G(first half) / 2 + G(second half) / 2} of 1-shard passes (a reference computed
   * independently of the sharding code).
   */
  @Test
  void twoShardsAreTheOrderedSumOfTheHalves() {
    int rows = 1200;
    Problem p = problem(37, rows, 12);
    MlpConfig cfg = p.net.config();
    int pc = (int) cfg.parameterCount();
    float[] params = p.net.params().toFloatVector();
    float[] x = p.xf();
    float[] y = p.yf();
    int in = cfg.layerWidths()[0];
    int out = cfg.outputDim();
    int h = rows / 2;
    float[][] halves = new float[2][];
    for (int k = 0; k < 2; k++) {
      FusedMlpPass one = new FusedMlpPass(cfg, 1, 1, FloatKernels.best());
      one.loadParams(params);
      halves[k] = new float[pc];
      one.mse(java.util.Arrays.copyOfRange(x, k * h * in, (k + 1) * h * in),
          java.util.Arrays.copyOfRange(y, k * h * out, (k + 1) * h * out), h, halves[k]);
    }
    float[] expected = new float[pc];
    for (int i = 0; i < pc; i++) {
      expected[i] = halves[0][i] * 0.5f + halves[1][i] * 0.5f;
    }
    FusedMlpPass two = new FusedMlpPass(cfg, 2, 2, FloatKernels.best());
    two.loadParams(params);
    float[] g = new float[pc];
    two.mse(x, y, rows, g);
    assertBitsEqual(expected, g);
    // and one shard over all rows is a different (equally valid) rounding of the same gradient
    FusedMlpPass single = new FusedMlpPass(cfg, 1, 2, FloatKernels.best());
    single.loadParams(params);
    float[] g1 = new float[pc];
    single.mse(x, y, rows, g1);
    double scale = 0;
    boolean differs = false;
    for (int i = 0; i < pc; i++) {
      scale = Math.max(scale, Math.abs(g[i]));
      differs |= Float.floatToRawIntBits(g[i]) != Float.floatToRawIntBits(g1[i]);
    }
    for (int i = 0; i < pc; i++) {
      assertEquals(g1[i], g[i], 1e-5 * scale, "entry " + i);
    }
    assertTrue(differs, "1 and 2 shards sum in different orders: some entry must round differently");
  }

  /**
   * Random shapes with odd widths and batch sizes (padded rows and columns, unequal shards, a
   * batch below one row block): the SIMD and the scalar kernels train to the same bits.
   */
  @Test
  void simdAndScalarKernelsAgreeOnRandomShapes() {
    SplittableRandom rng = new SplittableRandom(2026);
    for (int rep = 0; rep < 12; rep++) {
      int inDim = 1 + rng.nextInt(5);
      int outDim = 1 + rng.nextInt(5);
      int w1 = 1 + rng.nextInt(70);
      int w2 = 1 + rng.nextInt(70);
      int rows = 1 + rng.nextInt(rep < 3 ? 10 : 900);
      int shards = 1 + rng.nextInt(3);
      MlpConfig cfg = MlpConfig.of(inDim, outDim, w1, w2);
      float[][] out = new float[2][];
      long[] losses = new long[2];
      FloatKernels[] ks = {FloatKernels.scalar(), FloatKernels.vector()};
      for (int k = 0; k < 2; k++) {
        SplittableRandom data = new SplittableRandom(rep);
        Mlp net = new Mlp(cfg, data);
        INDArray x = Tensors.randn(data, DataType.FLOAT, rows, inDim);
        INDArray y = Tensors.randn(data, DataType.FLOAT, rows, outDim);
        MlpTrainer t = new MlpTrainer(net, new Adam(1e-2), shards, 2, ks[k]);
        double loss = 0;
        for (int step = 0; step < 2; step++) {
          loss = t.step(x, y);
        }
        out[k] = net.params().toFloatVector();
        losses[k] = Double.doubleToRawLongBits(loss);
      }
      String shape = inDim + "-" + w1 + "-" + w2 + "-" + outDim + " rows " + rows + " shards " + shards;
      assertEquals(losses[0], losses[1], shape);
      assertEquals(out[0].length, out[1].length);
      for (int i = 0; i < out[0].length; i++) {
        assertEquals(Float.floatToRawIntBits(out[0][i]), Float.floatToRawIntBits(out[1][i]), shape + " entry " + i);
      }
    }
  }

  /**
   * Another loss through the hook: the pseudo-Huber loss {@code L = (1/n) sum_i
   * (sqrt(||r_i||^2 + c^2) - c)}, written here as an {@link OutputLoss}, against a reference
   * computed independently: its closed-form output gradient {@code r_i / (n sqrt(||r_i||^2 + c^2))}
   * in double, chained by the double ND4J path (checked against finite differences in MlpTest).
   */
  @Test
  void anotherLossThroughTheHookMatchesTheDoubleReference() {
    double c = 0.3;
    OutputLoss huber = new OutputLoss() {
      @Override
      public double backward(float[] r, int ld, int rows, int m, int n, double acc) {
        for (int i = 0; i < rows; i++) {
          double s = 0;
          for (int k = 0; k < m; k++) {
            s += (double) r[i * ld + k] * r[i * ld + k];
          }
          double root = Math.sqrt(s + c * c);
          acc += root - c;
          for (int k = 0; k < m; k++) {
            r[i * ld + k] = (float) (r[i * ld + k] / (n * root));
          }
        }
        return acc;
      }

      @Override
      public double loss(double termSum, int n, int m) {
        return termSum / n;
      }
    };
    int rows = 777;
    Problem p = problem(37, rows, 13);
    MlpConfig cfg = p.net.config();
    Mlp ref = Mlp.withParams(cfg.withDataType(DataType.DOUBLE), p.net.params());
    Mlp.Trace tr = ref.forward(p.x.castTo(DataType.DOUBLE));
    double[] o = tr.output().dup().ravel().toDoubleVector();
    double[] yv = p.y.castTo(DataType.DOUBLE).ravel().toDoubleVector();
    int m = cfg.outputDim();
    double[] go = new double[o.length];
    double expectedLoss = 0;
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int k = 0; k < m; k++) {
        double r = o[i * m + k] - yv[i * m + k];
        s += r * r;
      }
      double root = Math.sqrt(s + c * c);
      expectedLoss += (root - c) / rows;
      for (int k = 0; k < m; k++) {
        go[i * m + k] = (o[i * m + k] - yv[i * m + k]) / (rows * root);
      }
    }
    INDArray gRef = ref.newGradient();
    ref.backward(tr, Nd4j.createFromArray(go).reshape(rows, m), gRef, false);

    MlpTrainer t = new MlpTrainer(p.net, new Adam(1e-3), 2, 0, huber);
    double loss = t.computeGradient(p.xf(), p.yf(), rows);
    float[] g = new float[(int) cfg.parameterCount()];
    t.gradient(p.xf(), p.yf(), rows, g);
    assertEquals(expectedLoss, loss, 1e-5 * expectedLoss);
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
   * A step in parts (computeGradient, applyStep) is the one-call step bit for bit; clipping
   * returns the norm (computed here in double), scales the gradient to the requested norm, and the
   * step is Adam's on the clipped gradient (replayed here by a fresh Adam on the start parameters
   * with gradients clipped by hand).
   */
  @Test
  void stepInPartsAndClipping() {
    Problem a = problem(16, 400, 14);
    Problem b = problem(16, 400, 14);
    Problem c = problem(16, 400, 14);
    MlpTrainer ta = new MlpTrainer(a.net, new Adam(1e-2));
    MlpTrainer tb = new MlpTrainer(b.net, new Adam(1e-2));
    Adam adamC = new Adam(1e-2);
    MlpTrainer tc = new MlpTrainer(c.net, adamC);
    int pc = (int) a.net.config().parameterCount();
    float[] start = c.net.params().toFloatVector();
    List<float[]> clipped = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      double la = ta.step(a.xf(), a.yf(), 400);
      double lb = tb.computeGradient(b.xf(), b.yf(), 400);
      tb.applyStep();
      assertEquals(Double.doubleToRawLongBits(la), Double.doubleToRawLongBits(lb));

      float[] g = new float[pc];
      tc.gradient(c.xf(), c.yf(), 400, g);
      double ss = 0;
      for (float v : g) {
        ss += (double) v * v;
      }
      double norm = Math.sqrt(ss);
      double max = norm / 3;
      tc.computeGradient(c.xf(), c.yf(), 400);
      assertEquals(norm, tc.clipGradient(max), 1e-12 * norm);
      double clippedSs = 0;
      for (int i = 0; i < pc; i++) {
        g[i] = (float) (g[i] * (max / norm));
        clippedSs += (double) g[i] * g[i];
      }
      assertEquals(max, Math.sqrt(clippedSs), 1e-6 * max);
      clipped.add(g);
      tc.applyStep();
      Adam replay = new Adam(1e-2);
      float[] p = start.clone();
      for (float[] gk : clipped) {
        replay.step(p, gk.clone(), pc);
      }
      assertBitsEqual(p, c.net.params().toFloatVector());
      assertEquals(step + 1, adamC.steps());
    }
    assertBitsEqual(a.net.params().toFloatVector(), b.net.params().toFloatVector());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, tb::applyStep);
    assertTrue(e.getMessage().contains("no gradient to apply"), e.getMessage());
    // a gradient under the limit is left alone: the step is the unclipped one
    ta.step(a.xf(), a.yf(), 400);
    tb.computeGradient(b.xf(), b.yf(), 400);
    double norm = tb.clipGradient(Double.MAX_VALUE);
    assertTrue(norm > 0 && Double.isFinite(norm));
    tb.applyStep();
    assertBitsEqual(a.net.params().toFloatVector(), b.net.params().toFloatVector());
  }

  private static void assertBitsEqual(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "entry " + i);
    }
  }
}
