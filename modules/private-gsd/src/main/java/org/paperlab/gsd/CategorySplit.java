package org.paperlab.gsd;

import org.paperlab.core.Checks;

/**
 * The optional categorical column that range, prefix and halfspace workloads split their queries
 * by: one query per category {@code v} (the condition {@code x_c = v} AND the numeric condition),
 * or a single query when there is no such column.
 *
 * @param index the column's index among categorical columns, or -1 for none
 * @param column the column, or null for none
 * @param size the number of categories, 1 without a column
 */
record CategorySplit(int index, Column column, int size) {
  /** The split by categorical column {@code catCol} of {@code schema}, -1 for none. */
  static CategorySplit of(Schema schema, int catCol) {
    Checks.require(catCol >= -1 && catCol < schema.dc(), "categorical column index %d out of range [-1, %d)", catCol, schema.dc());
    Column c = catCol >= 0 ? schema.categorical(catCol) : null;
    return new CategorySplit(catCol, c, c != null ? c.size() : 1);
  }

  /** The categorical columns read: the column's index, or none. */
  int[] columnsRead() {
    return index >= 0 ? new int[] {index} : new int[0];
  }

  /** The category of the row {@code cat[catOff ..]}, 0 without a column. */
  int category(int[] cat, int catOff) {
    return index >= 0 ? cat[catOff + index] : 0;
  }

  /** {@code "<column> x "} for workload names, empty without a column. */
  String namePrefix() {
    return column != null ? column.name() + " x " : "";
  }

  /** {@code "<column>=<category v> AND "} for query descriptions, empty without a column. */
  String describePrefix(int v) {
    return column != null ? column.name() + "=" + column.categories().get(v) + " AND " : "";
  }
}
