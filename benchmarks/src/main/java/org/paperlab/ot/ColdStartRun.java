package org.paperlab.ot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Cold-start timing of {@link Sinkhorn#solve}: the first solve in this (fresh) JVM, then more
 * solves of the same problem in the same JVM, each with its wall time, iteration count and the
 * bits of its cost, so that a cold and a warm answer can be compared bit for bit. Not a JMH
 * benchmark on purpose: JMH warms up, this measures what a one-shot user gets.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     org.paperlab.ot.ColdStartRun X.csv Y.csv EPS [solves=6] [vectorized=true] [threads=0 (all cores)]
 * </pre>
 *
 * X.csv and Y.csv hold one point per line, comma-separated, no header (what
 * {@code peers/ot_end_to_end.py} writes); EPS is the absolute epsilon; tolerance 1e-9 (L1),
 * squared Euclidean cost, every other setting the library default. One line per solve:
 * {@code solve <k> seconds <t> setup <s> iterations <it> cost <c> bits <hex> kernels <name>}, where
 * {@code setup} is the time to the end of the first iteration (cost matrix, kernel, first sweep).
 */
public final class ColdStartRun {
  private ColdStartRun() {}

  public static void main(String[] args) throws IOException {
    PointCloud x = read(Path.of(args[0]));
    PointCloud y = read(Path.of(args[1]));
    double eps = Double.parseDouble(args[2]);
    int solves = args.length > 3 ? Integer.parseInt(args[3]) : 6;
    boolean vectorized = args.length <= 4 || Boolean.parseBoolean(args[4]);
    int threads = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    SinkhornConfig config = SinkhornConfig.defaults().withEpsilon(eps, EpsilonScale.NONE)
        .withTolerance(1e-9).withVectorized(vectorized).withThreads(threads);
    for (int s = 1; s <= solves; s++) {
      long[] firstIteration = new long[1];
      long t0 = System.nanoTime();
      SinkhornResult r = Sinkhorn.solve(config, x, y, StandardCost.SQEUCLIDEAN, (done, total) -> {
        if (done == 1) {
          firstIteration[0] = System.nanoTime();
        }
      });
      long t1 = System.nanoTime();
      double sec = (t1 - t0) / 1e9;
      // setup = the cost matrix and the kernel (or first exact step) up to the end of the first sweep
      System.out.printf(Locale.ROOT,
          "solve %d seconds %.4f setup %.4f iterations %d cost %.17g bits %016x kernels %s%n",
          s, sec, (firstIteration[0] - t0) / 1e9, r.iterations(), r.cost(), Double.doubleToLongBits(r.cost()),
          r.kernels());
    }
  }

  private static PointCloud read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int d = lines.get(0).split(",").length;
    double[] p = new double[lines.size() * d];
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      for (int k = 0; k < d; k++) {
        p[i * d + k] = Double.parseDouble(f[k].trim());
      }
    }
    return PointCloud.of(p, lines.size(), d);
  }
}
