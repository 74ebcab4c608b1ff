package org.paperlab.flow.experiments;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.lab.Chart;

/** The 2-D pictures of the flow experiments: samples over the target, and trajectories. */
final class Plots {
  private Plots() {}

  /** Generated samples (points) over the target samples (grey), at most {@code max} of each. */
  static Chart samples(String title, INDArray generated, INDArray target, int max) {
    Chart c = Chart.scatter(title, "x", "y");
    XYSeries t = c.xy().addSeries("target", col(target, 0, max), col(target, 1, max));
    t.setMarkerColor(new Color(0xbbbbbb));
    t.setMarker(SeriesMarkers.CIRCLE);
    XYSeries g = c.xy().addSeries("generated", col(generated, 0, max), col(generated, 1, max));
    g.setMarkerColor(new Color(0x1f77b4));
    g.setMarker(SeriesMarkers.CIRCLE);
    c.xy().getStyler().setMarkerSize(3);
    return c;
  }

  /**
   * The paths of the first {@code count} starting points (the recorded states of a sampler run),
   * with their start (blue) and end (red).
   */
  static Chart trajectories(String title, List<INDArray> path, int count) {
    Chart c = Chart.line(title, "x", "y");
    int steps = path.size();
    int n = (int) Math.min(count, path.get(0).rows());
    double[][] xs = new double[steps][];
    double[][] ys = new double[steps][];
    for (int k = 0; k < steps; k++) {
      xs[k] = col(path.get(k), 0, n);
      ys[k] = col(path.get(k), 1, n);
    }
    for (int i = 0; i < n; i++) {
      double[] px = new double[steps];
      double[] py = new double[steps];
      for (int k = 0; k < steps; k++) {
        px[k] = xs[k][i];
        py[k] = ys[k][i];
      }
      XYSeries s = c.xy().addSeries("path " + i, px, py);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(new Color(0x55, 0x55, 0x55, 0x60));
      s.setShowInLegend(false);
    }
    for (int k : new int[] {0, steps - 1}) {
      XYSeries s = c.xy().addSeries(k == 0 ? "start" : "end", xs[k], ys[k]);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(k == 0 ? new Color(0x1f77b4) : new Color(0xd62728));
    }
    return c;
  }

  static double[] col(INDArray a, int k, int max) {
    int n = (int) Math.min(max, a.rows());
    double[] out = new double[n];
    INDArray d = a.castTo(DataType.DOUBLE);
    for (int i = 0; i < n; i++) {
      out[i] = d.getDouble(i, k);
    }
    return out;
  }
}
