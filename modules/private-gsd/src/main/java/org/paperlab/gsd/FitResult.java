package org.paperlab.gsd;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paperlab.core.Checks;
import org.paperlab.core.MethodResult;

/**
 * The outcome of fitting a synthetic table to target answers ({@link Gsd#fit},
 * {@link RelaxedProjection#fit}).
 *
 * @param config the generator's settings of the fit
 * @param table the synthetic table
 * @param loss final objective: squared L2 distance between the table's exact answers and the
 *     targets (for RAP, of the rounded table)
 * @param iterations generations (GSD) or optimizer steps (RAP) run
 * @param converged stopped by the early-stopping rule before the iteration cap
 * @param seconds wall time
 * @param traceIteration iteration numbers of the loss trace (copied in and out)
 * @param traceLoss the objective along the run (GSD: best fitness; RAP: relaxed loss; copied in
 *     and out)
 * @param <C> the generator's config type
 */
public record FitResult<C extends Record & GeneratorConfig>(
    C config,
    Table table,
    double loss,
    long iterations,
    boolean converged,
    double seconds,
    double[] traceIteration,
    double[] traceLoss) implements MethodResult<C> {
  public FitResult {
    Checks.notNull("config", config);
    Checks.notNull("table", table);
    Checks.sameSize("traceIteration length", traceIteration.length, "traceLoss length", traceLoss.length);
    traceIteration = traceIteration.clone();
    traceLoss = traceLoss.clone();
  }

  @Override
  public double[] traceIteration() {
    return traceIteration.clone();
  }

  @Override
  public double[] traceLoss() {
    return traceLoss.clone();
  }

  /**
   * {@code generations} (GSD generations or RAP Adam steps), {@code early_stop} (stopped by the
   * early-stopping rule), {@code fitness} (the final loss), {@code seconds}: the keys of every fit
   * in the privacy report of {@code paperlab gsd synthesize}.
   */
  @Override
  public Map<String, Object> toMetrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generations", iterations);
    m.put("early_stop", converged);
    m.put("fitness", loss);
    m.put("seconds", seconds);
    return m;
  }
}
