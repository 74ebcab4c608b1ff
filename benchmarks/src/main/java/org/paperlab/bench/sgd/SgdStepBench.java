package org.paperlab.bench.sgd;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.paperlab.bench.BenchmarkBase;
import org.paperlab.sgd.L1CompositeProblem;
import org.paperlab.sgd.LadProblem;
import org.paperlab.sgd.MirrorMap;
import org.paperlab.sgd.NoiseModel;
import org.paperlab.sgd.Output;
import org.paperlab.sgd.Schedule;
import org.paperlab.sgd.Sgd;
import org.paperlab.sgd.SgdConfig;
import org.paperlab.sgd.SimplexProblem;
import org.paperlab.sgd.StochasticProblem;

/**
 * Steps per second of composite stochastic mirror descent ({@link Sgd#trajectory}) on one thread,
 * for d in {10, 1000}: each invocation is a run of {@value #STEPS} steps (oracle, noise, CSMD
 * update, uniform average; one gap evaluation at the end), reported per step.
 *
 * <ul>
 *   <li>{@code lad}: LAD oracle (d Gaussian draws), Euclidean step on R^d;
 *   <li>{@code l1-prox}: L1-composite least squares, Gaussian noise, soft-threshold prox;
 *   <li>{@code simplex-eg}: linear objective on the simplex, Gaussian noise, exponentiated gradient;
 *   <li>{@code simplex-pgd}: the same with projected SGD (Duchi et al. expected-linear projection).
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SgdStepBench}. The NumPy / PyTorch peer
 * of the {@code lad} step is {@code benchmarks/peers/sgd_steps.py}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SgdStepBench extends BenchmarkBase {
  static final int STEPS = 1000;

  @Param({"10", "1000"})
  int d;

  @Param({"lad", "l1-prox", "simplex-eg", "simplex-pgd"})
  String kind;

  StochasticProblem problem;
  SgdConfig config;
  long[] checkpoints = {STEPS};
  SplittableRandom rng;

  @Setup
  public void setup() {
    SgdConfig base = SgdConfig.defaults().withSteps(STEPS).withRuns(1).withOutputs(List.of(new Output.Last(),
        new Output.Uniform()));
    switch (kind) {
      case "lad" -> {
        problem = new LadProblem(d, 0.0);
        config = base.withSchedule(new Schedule.InvSqrtT(1 / Math.sqrt(d)));
      }
      case "l1-prox" -> {
        problem = new L1CompositeProblem(d, 1.0, 0.5, true);
        config = base.withSchedule(new Schedule.InvSqrtT(0.5)).withNoise(new NoiseModel.Gaussian(1));
      }
      case "simplex-eg" -> {
        problem = new SimplexProblem(d, 0.0);
        config = base.withSchedule(new Schedule.InvSqrtT(0.3)).withNoise(new NoiseModel.Gaussian(1))
            .withMirror(MirrorMap.ENTROPY);
      }
      default -> {
        problem = new SimplexProblem(d, 0.0);
        config = base.withSchedule(new Schedule.InvSqrtT(0.3 / Math.sqrt(d))).withNoise(new NoiseModel.Gaussian(1));
      }
    }
    rng = new SplittableRandom(1);
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public double[][] run() {
    return Sgd.trajectory(problem, config, checkpoints, rng, 0).gaps();
  }
}
