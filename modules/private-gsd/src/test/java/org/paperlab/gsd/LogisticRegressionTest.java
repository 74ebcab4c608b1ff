package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
  /** Reference: scikit-learn 1.2.1 {@code f1_score(average="macro")} and {@code accuracy_score}. */
  @Test
  void scoresMatchScikitLearn() {
    var s = LogisticRegression.scores(new int[] {0, 0, 1, 1, 2, 2, 2, 1, 3}, new int[] {0, 1, 1, 1, 2, 0, 2, 2, 0}, 4);
    assertEquals(0.43333333333333335, s.macroF1(), 1e-15);
    assertEquals(0.5555555555555556, s.accuracy(), 1e-15);
    // a class only predicted counts, a class in neither does not
    var t = LogisticRegression.scores(new int[] {0, 0, 0, 1}, new int[] {0, 0, 2, 0}, 5);
    assertEquals(0.2222222222222222, t.macroF1(), 1e-15);
    assertEquals(0.5, t.accuracy(), 0);
  }

  /** A label that is a function of the features is learned perfectly. */
  @Test
  void learnsASeparableRule() {
    Schema s = Schema.of(List.of(
        Column.categorical("a", List.of("0", "1", "2")),
        Column.numeric("x", 0, 1, false),
        Column.categorical("y", List.of("no", "yes"))));
    SplittableRandom rng = new SplittableRandom(1);
    int n = 600;
    int[] cat = new int[2 * n];
    float[] num = new float[n];
    for (int r = 0; r < n; r++) {
      cat[2 * r] = rng.nextInt(3);
      num[r] = (float) rng.nextDouble();
      cat[2 * r + 1] = (cat[2 * r] == 2 || num[r] > 0.7f) ? 1 : 0;
    }
    Table t = new Table(s, n, cat, num);
    var m = LogisticRegression.fit(new LogisticRegression.Config(2000, 0.1, 0), t, "y");
    assertEquals(1.0, m.score(t).accuracy(), 0.02);
    assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(LogisticRegression.Config.defaults(), t, "x"));
    assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(LogisticRegression.Config.defaults(), t, "z"));
    assertThrows(IllegalArgumentException.class, () -> new LogisticRegression.Config(0, 0.1, 0));
  }
}
