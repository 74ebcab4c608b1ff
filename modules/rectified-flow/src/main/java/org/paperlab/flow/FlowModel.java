package org.paperlab.flow;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Checks;
import org.paperlab.core.nn.Mlp;
import org.paperlab.core.nn.MlpConfig;

/**
 * A trained velocity field {@code v(x, t)} of a rectified flow in {@code d} dimensions: the raw
 * weights of the last fit and, when the fit kept one, their exponential moving average (EMA),
 * which the samplers use by default (as the official code generates with the EMA weights); the
 * config that trained it; and which flow it is: {@code rectification} k of k-rectified flow
 * (1 for a first fit on an independent or OT coupling, k + 1 for a fit on the pairs of a k-flow),
 * and whether it is a one-step distillation.
 *
 * <p>An instance is immutable: fits and loads make new ones. {@link #save} and {@link #load} keep
 * everything in one file ({@link ModelFile}).
 */
public final class FlowModel {
  private final MlpConfig network;
  private final float[] raw;
  private final float[] ema;
  private final FlowConfig config;
  private final int rectification;
  private final boolean distilled;
  private transient Mlp rawNet;
  private transient Mlp emaNet;

  FlowModel(MlpConfig network, float[] raw, float[] ema, FlowConfig config, int rectification, boolean distilled) {
    Checks.notNull("network", network);
    Checks.require(network.timeInput(), "a flow's network takes a time input");
    Checks.sameSize("output width", network.outputDim(), "input width", network.inputDim());
    Checks.sameSize("weights", raw.length, "parameters of the network", network.parameterCount());
    if (ema != null) {
      Checks.sameSize("EMA weights", ema.length, "parameters of the network", network.parameterCount());
    }
    Checks.positive("rectification", rectification);
    this.network = network;
    this.raw = raw.clone();
    this.ema = ema == null ? null : ema.clone();
    this.config = Checks.notNull("config", config);
    this.rectification = rectification;
    this.distilled = distilled;
  }

  /** The model of a fit: the raw network, its EMA (or null). */
  static FlowModel of(Mlp net, INDArray emaParams, FlowConfig config, int rectification, boolean distilled) {
    float[] r = net.params().castTo(DataType.FLOAT).toFloatVector();
    float[] e = emaParams == null ? null : emaParams.castTo(DataType.FLOAT).toFloatVector();
    return new FlowModel(net.config(), r, e, config, rectification, distilled);
  }

  /** The dimension {@code d} of the data. */
  public int dim() {
    return network.outputDim();
  }

  /** The network's shape: {@code d + 1} inputs (the time last), the hidden layers, {@code d} outputs. */
  public MlpConfig network() {
    return network;
  }

  /** The config of the fit that made this model. */
  public FlowConfig config() {
    return config;
  }

  /** k of k-rectified flow. */
  public int rectification() {
    return rectification;
  }

  /** Whether this is a one-step distillation (sample it with one Euler step). */
  public boolean distilled() {
    return distilled;
  }

  /** Whether the model holds EMA weights. */
  public boolean hasEma() {
    return ema != null;
  }

  /** A copy of the raw weights (flat, {@link Mlp#params()} layout). */
  public float[] rawWeights() {
    return raw.clone();
  }

  /** A copy of the EMA weights, or null. */
  public float[] emaWeights() {
    return ema == null ? null : ema.clone();
  }

  /**
   * The velocity {@code v(x, t)} for every row of {@code x} ({@code n x d}) at one time {@code t},
   * with the EMA weights when {@code useEma} and the model has them, else the raw ones. A new
   * {@code n x d} float array.
   */
  public INDArray velocity(INDArray x, double t, boolean useEma) {
    Checks.matrix("x", x);
    Checks.sameSize("columns of x", x.columns(), "the model's dimension", dim());
    Checks.finite("t", t);
    INDArray xf = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
    Mlp net = net(useEma && ema != null);
    synchronized (net) {
      return net.predict(xf, Nd4j.scalar(DataType.FLOAT, (float) t));
    }
  }

  /** A fresh trainable network with the raw weights (a warm start for the next fit). */
  Mlp rawNetworkCopy() {
    return Mlp.withParams(network, Nd4j.createFromArray(raw.clone()));
  }

  private Mlp net(boolean useEma) {
    if (useEma) {
      if (emaNet == null) {
        emaNet = Mlp.withParams(network, Nd4j.createFromArray(ema.clone()));
      }
      return emaNet;
    }
    if (rawNet == null) {
      rawNet = Mlp.withParams(network, Nd4j.createFromArray(raw.clone()));
    }
    return rawNet;
  }

  /** The model file's bytes ({@link ModelFile}), e.g. to write through a writer of one's own. */
  public byte[] toBytes() {
    return ModelFile.bytes(this);
  }

  /** A model from the bytes of a model file; {@code name} names it in errors. */
  public static FlowModel fromBytes(byte[] bytes, Path name) {
    return ModelFile.parse(bytes, name);
  }

  /** Writes the model to {@code file} (one file: format version, config, weights, checksum). */
  public void save(Path file) {
    ModelFile.write(this, file);
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @throws org.paperlab.core.io.DataFormatException naming the file and the problem for a file
   *     that is not a flow model, of another format version, truncated, corrupt (checksum) or
   *     inconsistent
   */
  public static FlowModel load(Path file) {
    return ModelFile.read(file);
  }

  @Override
  public String toString() {
    return (distilled ? "distilled " : "") + rectification + "-rectified flow in " + dim() + " dimensions, "
        + network.hidden() + " " + network.activation().name().toLowerCase(java.util.Locale.ROOT)
        + (ema != null ? ", with EMA weights" : "");
  }
}
