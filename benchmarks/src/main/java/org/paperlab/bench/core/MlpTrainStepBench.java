package org.paperlab.bench.core;


import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.paperlab.bench.BenchmarkBase;
import org.paperlab.core.Seeds;
import org.paperlab.core.Tensors;
import org.paperlab.core.nn.Losses;
import org.paperlab.core.nn.Mlp;
import org.paperlab.core.nn.MlpConfig;
import org.paperlab.core.nn.MlpTrainer;

/**
 * One Adam training step (forward, MSE loss, backward, update) of a {@code 3-w-w-2} tanh MLP in
 * float at batch {@code batch}: paperlab's fused plain-Java trainer ({@code trainer},
 * {@link MlpTrainer}: SIMD kernels, two row shards on two threads, no ND4J call), its
 * {@link org.paperlab.core.nn.ShardedGradient} ({@code sharded}: the same kernels behind the
 * INDArray gradient API, then {@code Adam.step}), the hand-written backprop over ND4J GEMMs
 * ({@code own}: {@code Mlp.forward}/{@code backward}, one pass), against the same network in ND4J
 * SameDiff ({@code samediff}, {@code sd.fit} on one batch). The PyTorch peer for the same network
 * is benchmarks/peers/mlp_train_step.py.
 */
public class MlpTrainStepBench extends BenchmarkBase {
  @Param({"trainer", "own", "sharded", "samediff"})
  public String impl;

  @Param({"256", "2048", "4096"})
  public int batch;

  @Param({"64", "100", "256"})
  public int width;

  private Mlp mlp;
  private org.paperlab.core.nn.Adam adam;
  private INDArray grad;
  private INDArray x;
  private INDArray y;
  private org.paperlab.core.nn.ShardedGradient sharded;
  private MlpTrainer trainer;
  private SameDiff sd;
  private DataSet data;

  @Setup
  public void setup() {
    SplittableRandom rng = Seeds.of(3).random();
    x = Tensors.randn(rng, DataType.FLOAT, batch, 3);
    y = Tensors.randn(rng, DataType.FLOAT, batch, 2);
    MlpConfig cfg = MlpConfig.of(3, 2, width, width);
    mlp = new Mlp(cfg, rng);
    if (!impl.equals("samediff")) {
      adam = new org.paperlab.core.nn.Adam(1e-3);
      grad = mlp.newGradient();
      if (impl.equals("sharded")) {
        sharded = new org.paperlab.core.nn.ShardedGradient(mlp);
      }
      if (impl.equals("trainer")) {
        trainer = new MlpTrainer(mlp, adam);
      }
    } else {
      sd = SameDiff.create();
      SDVariable in = sd.placeHolder("in", DataType.FLOAT, -1, 3);
      SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 2);
      SDVariable a = in;
      int[] widths = cfg.layerWidths();
      for (int l = 0; l + 1 < widths.length; l++) {
        SDVariable w = sd.var("w" + l, mlp.weight(l).dup());
        SDVariable b = sd.var("b" + l, mlp.bias(l).dup().reshape(widths[l + 1]));
        SDVariable z = a.mmul(w).add(b);
        a = l + 2 < widths.length ? sd.math.tanh(z) : z;
      }
      sd.loss.meanSquaredError("loss", label, a, null);
      sd.setTrainingConfig(
          new TrainingConfig.Builder()
              .updater(new Adam(1e-3))
              .dataSetFeatureMapping("in")
              .dataSetLabelMapping("label")
              .build());
      data = new DataSet(x, y);
    }
  }

  @Benchmark
  public Object step() {
    if (impl.equals("trainer")) {
      return trainer.step(x, y);
    }
    if (impl.equals("own")) {
      Mlp.Trace t = mlp.forward(x);
      Losses.LossAndGradient lg = Losses.mse(t.output(), y);
      mlp.backward(t, lg.gradient(), grad, false);
      adam.step(mlp.params(), grad);
      return lg.loss();
    }
    if (impl.equals("sharded")) {
      double loss = sharded.mse(x, y, grad);
      adam.step(mlp.params(), grad);
      return loss;
    }
    return sd.fit(data);
  }

}
