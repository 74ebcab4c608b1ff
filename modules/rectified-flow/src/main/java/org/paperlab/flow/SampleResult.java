package org.paperlab.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.MethodResult;

/**
 * The outcome of {@link FlowSampler#solve}.
 *
 * @param config how it was integrated
 * @param start the starting points {@code Z_0} (or {@code Z_1} when backward)
 * @param samples the end points, {@code n x d}
 * @param nfe velocity-field evaluations (the cost of the sample, for every row at once)
 * @param times the times of the recorded states (empty without {@code recordPath})
 * @param path the recorded states (empty without {@code recordPath})
 * @param seconds wall time
 */
public record SampleResult(
    SamplerConfig config, INDArray start, INDArray samples, int nfe, List<Double> times, List<INDArray> path,
    double seconds) implements MethodResult<SamplerConfig> {

  public SampleResult {
    times = List.copyOf(times);
    path = List.copyOf(path);
  }

  /** Rows per second of wall time. */
  public double samplesPerSecond() {
    return samples.rows() / seconds;
  }

  /** {@code nfe}, {@code sample_seconds}, {@code samples_per_second}. */
  @Override
  public Map<String, Object> toMetrics() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nfe", nfe);
    m.put("sample_seconds", seconds);
    m.put("samples_per_second", samplesPerSecond());
    return m;
  }
}
