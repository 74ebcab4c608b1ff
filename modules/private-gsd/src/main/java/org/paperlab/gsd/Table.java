package org.paperlab.gsd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.paperlab.core.Checks;

/**
 * A typed table: {@code n} rows over a {@link Schema}, categorical values as int codes and
 * numeric values as floats scaled to {@code [0, 1]}, each stored row-major in one flat array
 * ({@code cat[row * dc + j]}, {@code num[row * dn + j]}). Immutable: the arrays are copied in and
 * out.
 */
public final class Table {
  private final Schema schema;
  private final int n;
  private final int[] cat;
  private final float[] num;

  /**
   * A table over {@code schema} with {@code n} rows; {@code cat} has {@code n * dc} codes in
   * range, {@code num} has {@code n * dn} finite values in {@code [0, 1]}. Both are copied.
   */
  public Table(Schema schema, int n, int[] cat, float[] num) {
    this(schema, n, cat.clone(), num.clone(), true);
  }

  private Table(Schema schema, int n, int[] cat, float[] num, boolean validate) {
    Checks.notNull("schema", schema);
    Checks.nonNegative("n", n);
    this.schema = schema;
    this.n = n;
    this.cat = cat;
    this.num = num;
    if (validate) {
      int dc = schema.dc();
      int dn = schema.dn();
      Checks.sameSize("cat length", cat.length, "n * dc", (long) n * dc);
      Checks.sameSize("num length", num.length, "n * dn", (long) n * dn);
      int[] sizes = schema.catSizes();
      for (int i = 0; i < cat.length; i++) {
        int j = i % Math.max(1, dc);
        if (cat[i] < 0 || cat[i] >= sizes[j]) {
          throw new IllegalArgumentException(
              "cat[" + i + "] (row " + i / dc + ", column '" + schema.categorical(j).name() + "') = " + cat[i]
                  + " must be in [0, " + (sizes[j] - 1) + "]");
        }
      }
      for (int i = 0; i < num.length; i++) {
        if (!(num[i] >= 0f && num[i] <= 1f)) {
          throw new IllegalArgumentException(
              "num[" + i + "] (row " + i / dn + ", column '" + schema.numeric(i % dn).name() + "') = " + num[i]
                  + " must be in [0, 1]");
        }
      }
    }
  }

  /** Wraps arrays the caller promises are valid and will not modify (package use). */
  static Table wrap(Schema schema, int n, int[] cat, float[] num) {
    return new Table(schema, n, cat, num, false);
  }

  /**
   * {@code n} rows drawn uniformly from the domain (categories uniform, numerics U[0,1)), from
   * {@code new SplittableRandom(seed)}.
   */
  public static Table random(Schema schema, int n, long seed) {
    return random(schema, n, new SplittableRandom(seed));
  }

  /** {@link #random(Schema, int, long)} from the stream {@code rng} (package use). */
  static Table random(Schema schema, int n, SplittableRandom rng) {
    Checks.notNull("schema", schema);
    Checks.nonNegative("n", n);
    Checks.notNull("rng", rng);
    int dc = schema.dc();
    int dn = schema.dn();
    int[] sizes = schema.catSizes();
    int[] c = new int[n * dc];
    float[] x = new float[n * dn];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < dc; j++) {
        c[r * dc + j] = rng.nextInt(sizes[j]);
      }
      for (int j = 0; j < dn; j++) {
        x[r * dn + j] = (float) rng.nextDouble();
      }
    }
    return wrap(schema, n, c, x);
  }

  public Schema schema() {
    return schema;
  }

  /** Number of rows. */
  public int n() {
    return n;
  }

  /** Code of categorical column {@code j} in {@code row}. */
  public int cat(int row, int j) {
    return cat[row * schema.dc() + j];
  }

  /** Scaled value of numeric column {@code j} in {@code row}. */
  public float num(int row, int j) {
    return num[row * schema.dn() + j];
  }

  /** A copy of the categorical codes, row-major. */
  public int[] catCodes() {
    return cat.clone();
  }

  /** A copy of the scaled numeric values, row-major. */
  public float[] numValues() {
    return num.clone();
  }

  /** The internal arrays (package use: read only). */
  int[] catArray() {
    return cat;
  }

  float[] numArray() {
    return num;
  }

  /** The rows at {@code rows} (repeats allowed), in that order. */
  public Table rows(int[] rows) {
    int dc = schema.dc();
    int dn = schema.dn();
    int[] c = new int[rows.length * dc];
    float[] x = new float[rows.length * dn];
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      Checks.require(r >= 0 && r < n, "row index %d out of range [0, %d)", r, n);
      System.arraycopy(cat, r * dc, c, i * dc, dc);
      System.arraycopy(num, r * dn, x, i * dn, dn);
    }
    return wrap(schema, rows.length, c, x);
  }

  /**
   * A seeded random split into two tables: the first gets {@code round(fraction * n)} rows (a
   * uniform permutation from {@code new SplittableRandom(seed)}).
   */
  public Table[] split(double fraction, long seed) {
    return split(fraction, new SplittableRandom(seed));
  }

  /** {@link #split(double, long)} from the stream {@code rng} (package use). */
  Table[] split(double fraction, SplittableRandom rng) {
    Checks.inOpen("fraction", fraction, 0, 1);
    int[] perm = permutation(n, rng);
    int k = (int) Math.round(fraction * n);
    return new Table[] {rows(Arrays.copyOfRange(perm, 0, k)), rows(Arrays.copyOfRange(perm, k, n))};
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
  static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Table t && t.schema.equals(schema) && t.n == n && Arrays.equals(t.cat, cat) && Arrays.equals(t.num, num);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cat) * 31 + Arrays.hashCode(num);
  }

  @Override
  public String toString() {
    return "Table(" + n + " rows, " + schema + ")";
  }
}
