package org.paperlab.sgd;

import java.util.Arrays;
import org.paperlab.core.Checks;

/**
 * Geometric checkpoints {@code t = round(10^(k/m))} in {@code [1, T]}, always ending at T: the
 * grid on which the gap of a run is recorded and on which log-log rates ({@link SlopeEstimate})
 * are fitted.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** The distinct values {@code round(10^(k/perDecade))} up to T, and T itself. */
  public static long[] geometric(long horizon, int perDecade) {
    Checks.positive("T", horizon);
    Checks.positive("checkpointsPerDecade", perDecade);
    long[] out = new long[64 * perDecade + 2];
    int n = 0;
    long prev = 0;
    for (int k = 0; ; k++) {
      long t = Math.round(Math.pow(10, (double) k / perDecade));
      if (t >= horizon) {
        break;
      }
      if (t > prev) {
        out[n++] = t;
        prev = t;
      }
    }
    out[n++] = horizon;
    return Arrays.copyOf(out, n);
  }

  /** Geometric horizons in the last decade {@code [T/10, T]}: {@code T 10^(-k/perDecade)}, k = perDecade..0. */
  public static long[] lastDecade(long horizon, int perDecade) {
    Checks.positive("T", horizon);
    Checks.positive("perDecade", perDecade);
    long[] out = new long[perDecade + 1];
    int n = 0;
    long prev = 0;
    for (int k = perDecade; k >= 0; k--) {
      long t = Math.max(1, Math.round(horizon * Math.pow(10, -(double) k / perDecade)));
      if (t > prev) {
        out[n++] = t;
        prev = t;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
