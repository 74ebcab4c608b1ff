package org.paperlab.gsd;

import java.util.Arrays;
import org.paperlab.core.Checks;

/**
 * Multinomial logistic regression for ML efficacy ("train on synthetic, test on real", Liu et
 * al. 2023, Section 6): features are the one-hot codes of every categorical column and the
 * scaled values of every numeric column except the target; the model
 * {@code P(y = k | x) = softmax(W^T x + b)_k} is fitted by full-batch Adam on the mean
 * cross-entropy plus {@code (l2 / 2) ||W||^2}. Deterministic: no randomness is involved.
 *
 * <pre>{@code
 * double f1 = LogisticRegression.fit(LogisticRegression.Config.defaults(), synthetic, "income")
 *     .score(realTest).macroF1();
 * }</pre>
 */
public final class LogisticRegression {
  /**
   * Training settings.
   *
   * @param iterations full-batch Adam steps
   * @param learningRate Adam step size
   * @param l2 ridge penalty on the weights (not the intercepts)
   */
  public record Config(int iterations, double learningRate, double l2) {
    public Config {
      Checks.positive("iterations", iterations);
      Checks.positive("learningRate", learningRate);
      Checks.nonNegative("l2", l2);
    }

    /** 300 steps at 0.1 with l2 = 1e-4. */
    public static Config defaults() {
      return new Config(300, 0.1, 1e-4);
    }

    public Config withIterations(int v) {
      return new Config(v, learningRate, l2);
    }

    public Config withLearningRate(double v) {
      return new Config(iterations, v, l2);
    }

    public Config withL2(double v) {
      return new Config(iterations, learningRate, v);
    }
  }

  /**
   * Test-set scores.
   *
   * @param accuracy fraction of correct predictions
   * @param macroF1 mean F1 over the classes that occur in the test labels or the predictions
   *     (scikit-learn's {@code f1_score(average="macro")} convention)
   */
  public record Scores(double accuracy, double macroF1) {}

  private final Schema schema;
  private final int target;
  private final int classes;
  private final int[] featureOffset;
  private final int features;
  private final double[] w;
  private final double[] b;

  private LogisticRegression(Schema schema, int target) {
    this.schema = schema;
    this.target = target;
    this.classes = schema.categorical(target).size();
    this.featureOffset = new int[schema.dc()];
    int f = 0;
    for (int j = 0; j < schema.dc(); j++) {
      featureOffset[j] = f;
      if (j != target) {
        f += schema.categorical(j).size();
      }
    }
    this.features = f + schema.dn();
    this.w = new double[features * classes];
    this.b = new double[classes];
  }

  /** Fits the model to predict categorical column {@code target} of {@code train}. */
  public static LogisticRegression fit(Config config, Table train, String target) {
    Checks.notNull("train", train);
    Checks.notNull("config", config);
    Schema s = train.schema();
    int t = s.catIndex(Checks.notNull("target", target));
    Checks.require(t >= 0, "target '%s' must be a categorical column of %s", target, s.names());
    Checks.positive("rows of the training table", train.n());
    LogisticRegression m = new LogisticRegression(s, t);
    m.train(train, config);
    return m;
  }

  private void train(Table data, Config c) {
    int n = data.n();
    double[] mW = new double[w.length];
    double[] vW = new double[w.length];
    double[] mB = new double[b.length];
    double[] vB = new double[b.length];
    double[] gW = new double[w.length];
    double[] gB = new double[b.length];
    double[] z = new double[classes];
    double b1 = 0.9;
    double b2 = 0.999;
    for (int it = 1; it <= c.iterations(); it++) {
      Arrays.fill(gW, 0);
      Arrays.fill(gB, 0);
      for (int r = 0; r < n; r++) {
        logits(data, r, z);
        softmaxInPlace(z);
        int y = data.cat(r, target);
        z[y] -= 1;
        for (int k = 0; k < classes; k++) {
          gB[k] += z[k];
        }
        for (int j = 0; j < schema.dc(); j++) {
          if (j != target) {
            int f = featureOffset[j] + data.cat(r, j);
            for (int k = 0; k < classes; k++) {
              gW[f * classes + k] += z[k];
            }
          }
        }
        int base = features - schema.dn();
        for (int j = 0; j < schema.dn(); j++) {
          double xv = data.num(r, j);
          for (int k = 0; k < classes; k++) {
            gW[(base + j) * classes + k] += z[k] * xv;
          }
        }
      }
      double bc1 = 1 - Math.pow(b1, it);
      double bc2 = 1 - Math.pow(b2, it);
      for (int i = 0; i < w.length; i++) {
        double g = gW[i] / n + c.l2() * w[i];
        mW[i] = b1 * mW[i] + (1 - b1) * g;
        vW[i] = b2 * vW[i] + (1 - b2) * g * g;
        w[i] -= c.learningRate() * (mW[i] / bc1) / (Math.sqrt(vW[i] / bc2) + 1e-8);
      }
      for (int k = 0; k < classes; k++) {
        double g = gB[k] / n;
        mB[k] = b1 * mB[k] + (1 - b1) * g;
        vB[k] = b2 * vB[k] + (1 - b2) * g * g;
        b[k] -= c.learningRate() * (mB[k] / bc1) / (Math.sqrt(vB[k] / bc2) + 1e-8);
      }
    }
  }

  private void logits(Table data, int r, double[] z) {
    System.arraycopy(b, 0, z, 0, classes);
    for (int j = 0; j < schema.dc(); j++) {
      if (j != target) {
        int f = featureOffset[j] + data.cat(r, j);
        for (int k = 0; k < classes; k++) {
          z[k] += w[f * classes + k];
        }
      }
    }
    int base = features - schema.dn();
    for (int j = 0; j < schema.dn(); j++) {
      double xv = data.num(r, j);
      for (int k = 0; k < classes; k++) {
        z[k] += w[(base + j) * classes + k] * xv;
      }
    }
  }

  private static void softmaxInPlace(double[] z) {
    double mx = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      mx = Math.max(mx, v);
    }
    double s = 0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - mx);
      s += z[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] /= s;
    }
  }

  /** The most probable class of row {@code r} of {@code data}. */
  public int predict(Table data, int r) {
    double[] z = new double[classes];
    logits(data, r, z);
    int best = 0;
    for (int k = 1; k < classes; k++) {
      if (z[k] > z[best]) {
        best = k;
      }
    }
    return best;
  }

  /** Accuracy and macro F1 on {@code test} (same schema as the training table). */
  public Scores score(Table test) {
    Checks.require(test.schema().columns().equals(schema.columns()), "the test table's schema differs from the training schema");
    int[] pred = new int[test.n()];
    int[] truth = new int[test.n()];
    for (int r = 0; r < test.n(); r++) {
      pred[r] = predict(test, r);
      truth[r] = test.cat(r, target);
    }
    return scores(truth, pred, classes);
  }

  /** Accuracy and macro F1 of predictions {@code pred} against labels {@code truth}. */
  public static Scores scores(int[] truth, int[] pred, int classes) {
    Checks.sameSize("predictions", pred.length, "labels", truth.length);
    Checks.positive("number of labels", truth.length);
    long[] tp = new long[classes];
    long[] fp = new long[classes];
    long[] fn = new long[classes];
    boolean[] present = new boolean[classes];
    int correct = 0;
    for (int i = 0; i < truth.length; i++) {
      present[truth[i]] = true;
      present[pred[i]] = true;
      if (truth[i] == pred[i]) {
        correct++;
        tp[truth[i]]++;
      } else {
        fp[pred[i]]++;
        fn[truth[i]]++;
      }
    }
    double f1 = 0;
    int counted = 0;
    for (int k = 0; k < classes; k++) {
      if (!present[k]) {
        continue;
      }
      counted++;
      double denom = 2.0 * tp[k] + fp[k] + fn[k];
      f1 += denom == 0 ? 0 : 2.0 * tp[k] / denom;
    }
    return new Scores(correct / (double) truth.length, f1 / counted);
  }
}
