package org.paperlab.sgd;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One output's running state during a run of {@link Sgd}: the last iterate (nothing to keep), a
 * running weighted average {@code avg += rho_t (x - avg)} (uniform: {@code rho_t = 1/t};
 * Shamir-Zhang: {@code (eta+1)/(t+eta)}; weights {@code (s+1)^beta}: {@code 1/(W_t/w_t)} with
 * {@code W_t/w_t = 1 + (W_{t-1}/w_{t-1}) (t/(t+1))^beta}), or the suffix averages of every
 * checkpoint at once. Not API.
 */
abstract class OutputTracker {
  abstract void accept(long t, double[] x);

  /** The output's point at checkpoint k (may return x or fill scratch). */
  abstract double[] view(double[] x, int k, double[] scratch);

  static OutputTracker of(Output o, int d, long[] checkpoints) {
    if (o instanceof Output.Last) {
      return new OutputTracker() {
        @Override
        void accept(long t, double[] x) {}

        @Override
        double[] view(double[] x, int k, double[] scratch) {
          return x;
        }
      };
    } else if (o instanceof Output.Suffix) {
      return new SuffixTracker(d, checkpoints);
    } else if (o instanceof Output.Uniform) {
      return new AverageTracker(d) {
        @Override
        double rho(long t) {
          return 1.0 / t;
        }
      };
    } else if (o instanceof Output.ShamirZhang sz) {
      double eta = sz.eta();
      return new AverageTracker(d) {
        @Override
        double rho(long t) {
          return (eta + 1.0) / (t + eta);
        }
      };
    } else {
      double beta = ((Output.Weighted) o).beta();
      return new AverageTracker(d) {
        double ratio; // W_t / w_t = 1 + (W_{t-1}/w_{t-1}) (t/(t+1))^beta

        @Override
        double rho(long t) {
          ratio = 1.0 + ratio * Math.pow((double) t / (t + 1), beta);
          return 1.0 / ratio;
        }
      };
    }
  }

  /** A running weighted average {@code avg += rho_t (x - avg)}. */
  private abstract static class AverageTracker extends OutputTracker {
    final double[] avg;

    AverageTracker(int d) {
      avg = new double[d];
    }

    abstract double rho(long t);

    @Override
    void accept(long t, double[] x) {
      double r = rho(t);
      for (int i = 0; i < avg.length; i++) {
        avg[i] += r * (x[i] - avg[i]);
      }
    }

    @Override
    double[] view(double[] x, int k, double[] scratch) {
      return avg;
    }
  }

  /** The suffix average for every checkpoint c: the iterates of steps {@code (c - ceil(c/2), c]}. */
  private static final class SuffixTracker extends OutputTracker {
    final long[] cps;
    final long[] open; // first step of checkpoint k's window
    final ArrayDeque<double[]> pool = new ArrayDeque<>();
    final ArrayDeque<double[]> active = new ArrayDeque<>(); // oldest first
    final int d;
    int nextOpen;

    SuffixTracker(int d, long[] checkpoints) {
      this.d = d;
      this.cps = checkpoints;
      this.open = new long[checkpoints.length];
      for (int k = 0; k < checkpoints.length; k++) {
        long c = checkpoints[k];
        open[k] = c - (c + 1) / 2 + 1;
      }
    }

    @Override
    void accept(long t, double[] x) {
      while (nextOpen < cps.length && open[nextOpen] <= t) {
        double[] acc = pool.isEmpty() ? new double[d] : pool.pop();
        Arrays.fill(acc, 0);
        active.addLast(acc);
        nextOpen++;
      }
      for (double[] acc : active) {
        for (int i = 0; i < d; i++) {
          acc[i] += x[i];
        }
      }
    }

    @Override
    double[] view(double[] x, int k, double[] scratch) {
      double[] acc = active.pollFirst(); // windows close in checkpoint order
      double n = (cps[k] + 1) / 2; // ceil(c/2) iterates
      for (int i = 0; i < d; i++) {
        scratch[i] = acc[i] / n;
      }
      pool.push(acc);
      return scratch;
    }
  }
}
