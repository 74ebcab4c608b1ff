package org.paperlab.gsd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The UCI Adult (Census Income) data bundled with this module (Becker and Kohavi 1996, UCI
 * Machine Learning Repository, CC BY 4.0; provenance and checksums in
 * {@code org/paperlab/gsd/data/adult/NOTICE.md}):
 *
 * <ul>
 *   <li>{@link #raw()}: the mixed-type train (32,561 rows) and test (16,281 rows) splits of
 *       terranceliu/dp-data with its attributes file (9 categorical columns including the target
 *       {@code income>50K}, 4 numeric: age, capital-gain, capital-loss, hours-per-week); the
 *       domain (categories, numeric ranges) is taken from both splits together, as a public
 *       domain;
 *   <li>{@link #binned()}: private-pgm's fully integer-coded version (48,842 rows, 14 columns,
 *       domain from its domain file), target {@code income>50K}.
 * </ul>
 */
public final class AdultData {
  private static final String DIR = "/org/paperlab/gsd/data/adult/";
  /** The target column of both versions. */
  public static final String TARGET = "income>50K";

  private AdultData() {}

  /** The raw mixed-type splits over one schema. */
  public record Split(Schema schema, Table train, Table test) {}

  /** The raw mixed-type train and test splits. */
  public static Split raw() {
    Attributes attrs = Attributes.parse(text("adult-attrs.json"), "adult-attrs.json");
    try (InputStream tr = stream("adult-train.csv.gz"); InputStream te = stream("adult-test.csv.gz")) {
      TableCsv.Loaded[] both = TableCsv.readTogether(tr, "adult-train.csv.gz", te, "adult-test.csv.gz", attrs);
      return new Split(both[0].schema(), both[0].table(), both[1].table());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The binned table (all 48,842 rows; split it with {@link Table#split}). */
  public static Table binned() {
    Schema schema = Schema.parseJson(text("adult-binned-domain.json"), "adult-binned-domain.json")
        .withTarget(Optional.of(TARGET));
    try (InputStream in = stream("adult-binned.csv.gz")) {
      return TableCsv.read(in, "adult-binned.csv.gz", schema).table();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String name) {
    InputStream in = AdultData.class.getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IllegalStateException("bundled resource " + DIR + name + " is missing from the class path");
    }
    return in;
  }

  private static String text(String name) {
    try (InputStream in = stream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
