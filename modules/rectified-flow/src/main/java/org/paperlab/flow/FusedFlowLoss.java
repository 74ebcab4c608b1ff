package org.paperlab.flow;

import org.paperlab.core.nn.OutputLoss;

/**
 * A {@link FlowLoss} as the loss hook of core's fused trainer ({@link org.paperlab.core.nn.MlpTrainer}):
 * the same arithmetic per row as {@link FlowLoss#lossAndGradient} (the same gradient bits), the
 * terms summed per shard and the shards' sums added (so the loss value may differ from the
 * one-pass sum in its last bits).
 */
final class FusedFlowLoss implements OutputLoss {
  private final FlowLoss loss;

  FusedFlowLoss(FlowLoss loss) {
    this.loss = loss;
  }

  @Override
  public double backward(float[] r, int ld, int rows, int m, int n, double acc) {
    if (loss instanceof FlowLoss.SquaredL2 l2) {
      return FlowLoss.SquaredL2.rows(r, ld, rows, m, l2.scale(n, m), r, acc);
    }
    FlowLoss.PseudoHuber h = (FlowLoss.PseudoHuber) loss;
    return FlowLoss.PseudoHuber.rows(r, ld, rows, m, n, h.constant(m), r, acc);
  }

  @Override
  public double loss(double termSum, int n, int m) {
    if (loss instanceof FlowLoss.SquaredL2 l2) {
      return termSum * l2.scale(n, m);
    }
    return termSum / n;
  }

  @Override
  public String toString() {
    return loss.toString();
  }
}
