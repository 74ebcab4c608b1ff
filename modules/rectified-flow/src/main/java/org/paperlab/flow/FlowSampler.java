package org.paperlab.flow;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Checks;
import org.paperlab.core.ode.Ode;
import org.paperlab.core.ode.OdeResult;

/**
 * Samples a rectified flow: integrates {@code dZ_t/dt = v(Z_t, t)} from {@code t = 0} to 1
 * (source to target) or, {@code backward}, from 1 to 0, for every row of the starting points at
 * once (one ODE for the whole batch, as the official code integrates the flattened batch), and
 * counts the velocity-field evaluations (NFE). A distilled model is meant for one Euler step.
 */
public final class FlowSampler {
  private FlowSampler() {}

  /** Integrates from {@code start} ({@code n x d}). */
  public static SampleResult solve(SamplerConfig config, FlowModel model, INDArray start) {
    Checks.notNull("config", config);
    Checks.notNull("model", model);
    INDArray z = TrainingData.floatMatrix("start", start);
    Checks.sameSize("columns of the starting points", z.columns(), "the model's dimension", model.dim());
    long t0 = System.nanoTime();
    boolean ema = config.useEma();
    double from = config.backward() ? 1 : 0;
    double to = config.backward() ? 0 : 1;
    OdeResult r = Ode.solve((t, x) -> model.velocity(x, t, ema), z, from, to, config.method(), config.recordPath());
    INDArray out = r.state().castTo(DataType.FLOAT);
    Checks.allFinite("the samples (the flow diverged)", out);
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<INDArray> path = r.path();
    return new SampleResult(config, z, out, r.nfe(), r.times(), path, seconds);
  }
}
