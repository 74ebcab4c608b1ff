package org.paperlab.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paperlab.core.MethodResult;

/**
 * The outcome of {@link RectifiedFlow#fit}.
 *
 * @param config the training config
 * @param model the trained velocity field (raw and, with EMA, averaged weights)
 * @param traceSteps the steps at which the loss was logged
 * @param traceLoss the batch loss at those steps
 * @param finalLoss the mean batch loss over the last {@code min(steps, 100)} steps
 * @param seconds wall time of the fit
 */
public record FlowFit(
    FlowConfig config, FlowModel model, double[] traceSteps, double[] traceLoss, double finalLoss, double seconds)
    implements MethodResult<FlowConfig> {

  public FlowFit {
    traceSteps = traceSteps.clone();
    traceLoss = traceLoss.clone();
  }

  @Override
  public double[] traceSteps() {
    return traceSteps.clone();
  }

  @Override
  public double[] traceLoss() {
    return traceLoss.clone();
  }

  /** Adam steps per second of wall time. */
  public double stepsPerSecond() {
    return config.steps() / seconds;
  }

  /** {@code final_loss}, {@code steps}, {@code train_seconds}, {@code steps_per_second}, {@code rectification}. */
  @Override
  public Map<String, Object> toMetrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("final_loss", finalLoss);
    m.put("steps", config.steps());
    m.put("rectification", model.rectification());
    m.put("distilled", model.distilled());
    m.put("train_seconds", seconds);
    m.put("steps_per_second", stepsPerSecond());
    return m;
  }
}
