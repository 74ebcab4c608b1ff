package org.paperlab.sgd;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;

/**
 * How to run composite stochastic mirror descent (Liu and Zhou 2024, Algorithm 1:
 * {@code x_{t+1} = argmin_{x in X} { h(x) + <g_t, x> + D_psi(x, x_t)/eta_t }}) many times on a
 * {@link StochasticProblem}.
 *
 * @param steps T, the number of steps of each run (1 to 10^12)
 * @param runs R, the number of independent runs (each with its own seed stream)
 * @param schedule step sizes {@code eta_t}
 * @param outputs what each run reports at the checkpoints (distinct names)
 * @param noise additive gradient noise
 * @param clip norm clipping level {@code tau}: {@code g <- g min(1, tau/||g||_2)};
 *     {@code +Infinity} for no clipping
 * @param mirror the mirror map (Euclidean: projected/proximal SGD; entropy: exponentiated gradient)
 * @param deltas the tail levels: quantiles at {@code 1 - delta} are reported
 * @param checkpointsPerDecade density of the geometric checkpoints of t
 * @param bootstrap bootstrap resamples for the slope interval (0: none)
 * @param seed root seed; run r uses {@code Seeds.of(seed).child(r)}
 * @param threads worker threads; 0 (the default) means all available processors, resolved by
 *     {@code Parallel.threads} when a run starts, so a config does not depend on the machine
 *
 * <p>Every component has a text form ({@code Configs.toMap}/{@code Configs.fromMap} of paperlab-core):
 * {@code schedule=sqrt-t(c=1.0)}, {@code outputs=last,shamir-zhang(eta=3.0)}, {@code noise=none},
 * {@code clip=Infinity}, {@code mirror=euclidean}, {@code deltas=0.5,0.1,0.01,0.001}, ...
 */
public record SgdConfig(long steps, int runs, Schedule schedule, List<Output> outputs, NoiseModel noise,
    double clip, MirrorMap mirror, List<Double> deltas, int checkpointsPerDecade, int bootstrap, long seed,
    int threads) {

  /** The largest supported T. */
  public static final long MAX_STEPS = 1_000_000_000_000L;

  public SgdConfig {
    Checks.positive("steps", steps);
    if (steps > MAX_STEPS) {
      throw new InvalidArgumentException("steps", " = " + steps + " must be <= " + MAX_STEPS);
    }
    Checks.positive("runs", runs);
    Checks.notNull("schedule", schedule);
    Checks.nonEmpty("outputs", outputs);
    Set<String> names = new HashSet<>();
    for (Output o : outputs) {
      Checks.notNull("outputs", o);
      if (!names.add(o.name())) {
        throw new InvalidArgumentException("outputs", " must be distinct, '" + o.name() + "' appears twice");
      }
    }
    outputs = List.copyOf(outputs);
    Checks.notNull("noise", noise);
    if (!(clip > 0)) {
      throw new InvalidArgumentException("clip", " = " + clip + " must be > 0 (Infinity for no clipping)");
    }
    Checks.notNull("mirror", mirror);
    Checks.nonEmpty("deltas", deltas);
    for (Double dl : deltas) {
      Checks.inOpen("deltas", Checks.notNull("deltas", dl), 0.0, 1.0);
    }
    deltas = List.copyOf(deltas);
    Checks.positive("checkpointsPerDecade", checkpointsPerDecade);
    Checks.nonNegative("bootstrap", bootstrap);
    Checks.nonNegative("threads", threads);
  }

  /**
   * T = 10^4 steps, 100 runs, {@code 1/sqrt(t)}, last iterate, no noise, no clipping, Euclidean,
   * deltas {0.5, 0.1, 0.01, 0.001}, 10 checkpoints per decade, 1000 bootstrap resamples, seed 0,
   * all cores.
   */
  public static SgdConfig defaults() {
    return new SgdConfig(10_000, 100, new Schedule.InvSqrtT(1.0), List.of(new Output.Last()),
        new NoiseModel.None(), Double.POSITIVE_INFINITY, MirrorMap.EUCLIDEAN, List.of(0.5, 0.1, 0.01, 0.001), 10,
        1000, 0L, 0);
  }

  public SgdConfig withSteps(long v) {
    return new SgdConfig(v, runs, schedule, outputs, noise, clip, mirror, deltas, checkpointsPerDecade, bootstrap,
        seed, threads);
  }

  public SgdConfig withRuns(int v) {
    return new SgdConfig(steps, v, schedule, outputs, noise, clip, mirror, deltas, checkpointsPerDecade, bootstrap,
        seed, threads);
  }

  public SgdConfig withSchedule(Schedule v) {
    return new SgdConfig(steps, runs, v, outputs, noise, clip, mirror, deltas, checkpointsPerDecade, bootstrap,
        seed, threads);
  }

  public SgdConfig withOutputs(List<Output> v) {
    return new SgdConfig(steps, runs, schedule, v, noise, clip, mirror, deltas, checkpointsPerDecade, bootstrap,
        seed, threads);
  }

  public SgdConfig withOutputs(Output... v) {
    return withOutputs(List.of(v));
  }

  public SgdConfig withNoise(NoiseModel v) {
    return new SgdConfig(steps, runs, schedule, outputs, v, clip, mirror, deltas, checkpointsPerDecade, bootstrap,
        seed, threads);
  }

  public SgdConfig withClip(double v) {
    return new SgdConfig(steps, runs, schedule, outputs, noise, v, mirror, deltas, checkpointsPerDecade, bootstrap,
        seed, threads);
  }

  public SgdConfig withMirror(MirrorMap v) {
    return new SgdConfig(steps, runs, schedule, outputs, noise, clip, v, deltas, checkpointsPerDecade, bootstrap,
        seed, threads);
  }

  public SgdConfig withDeltas(List<Double> v) {
    return new SgdConfig(steps, runs, schedule, outputs, noise, clip, mirror, v, checkpointsPerDecade, bootstrap,
        seed, threads);
  }

  public SgdConfig withCheckpointsPerDecade(int v) {
    return new SgdConfig(steps, runs, schedule, outputs, noise, clip, mirror, deltas, v, bootstrap, seed, threads);
  }

  public SgdConfig withBootstrap(int v) {
    return new SgdConfig(steps, runs, schedule, outputs, noise, clip, mirror, deltas, checkpointsPerDecade, v, seed,
        threads);
  }

  public SgdConfig withSeed(long v) {
    return new SgdConfig(steps, runs, schedule, outputs, noise, clip, mirror, deltas, checkpointsPerDecade, bootstrap,
        v, threads);
  }

  public SgdConfig withThreads(int v) {
    return new SgdConfig(steps, runs, schedule, outputs, noise, clip, mirror, deltas, checkpointsPerDecade, bootstrap,
        seed, v);
  }

  /** Whether gradients are clipped. */
  public boolean clipping() {
    return clip != Double.POSITIVE_INFINITY;
  }
}
