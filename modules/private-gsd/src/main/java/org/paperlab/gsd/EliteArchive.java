package org.paperlab.gsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Gsd}'s elite archive: the {@code E} fittest datasets seen, sorted by fitness, each a full
 * table (the initial datasets) or a one-row edit of a past best dataset (a candidate: "the best
 * dataset at version v with row r replaced"), whose other rows are read from the best dataset and
 * its {@link RowHistory}.
 */
final class EliteArchive {
  private final int capacity;
  private final int dc;
  private final int dn;
  private final IncrementalAnswers best;
  private final RowHistory history;
  private final List<Entry> entries = new ArrayList<>();

  /** A dataset of the archive: {@code full}, or row {@code row} of the best dataset at {@code version} replaced. */
  private record Entry(double fitness, Table full, long version, int row, int[] cat, float[] num) {}

  /** An empty archive of {@code capacity} datasets whose edits refer to {@code best} and {@code history}. */
  EliteArchive(int capacity, int dc, int dn, IncrementalAnswers best, RowHistory history) {
    this.capacity = capacity;
    this.dc = dc;
    this.dn = dn;
    this.best = best;
    this.history = history;
  }

  int size() {
    return entries.size();
  }

  /** Adds a full dataset, keeping the fittest {@code capacity}. */
  void addFull(double fitness, Table t) {
    entries.add(new Entry(fitness, t, -1, -1, null, null));
    entries.sort((a, b) -> Double.compare(a.fitness(), b.fitness()));
    while (entries.size() > capacity) {
      entries.remove(entries.size() - 1);
    }
  }

  /** Keeps the fittest of the archive and the scored candidates of {@code pop}, edits of {@code version} (archive first on ties). */
  void offer(Population pop, long version) {
    double[] fit = pop.fit;
    double worst = entries.size() < capacity ? Double.POSITIVE_INFINITY : entries.get(entries.size() - 1).fitness();
    for (int i = 0; i < fit.length; i++) {
      if (fit[i] < worst) {
        Entry e = new Entry(fit[i], null, version, pop.row[i],
            Arrays.copyOfRange(pop.cat, i * dc, (i + 1) * dc), Arrays.copyOfRange(pop.num, i * dn, (i + 1) * dn));
        int pos = entries.size();
        while (pos > 0 && entries.get(pos - 1).fitness() > fit[i]) {
          pos--;
        }
        entries.add(pos, e);
        if (entries.size() > capacity) {
          entries.remove(entries.size() - 1);
        }
        worst = entries.size() < capacity ? Double.POSITIVE_INFINITY : entries.get(entries.size() - 1).fitness();
      }
    }
  }

  /** Categorical value {@code j} of row {@code s} of dataset {@code e}. */
  int cat(int e, int s, int j) {
    Entry en = entries.get(e);
    if (en.full() != null) {
      return en.full().cat(s, j);
    }
    if (s == en.row()) {
      return en.cat()[j];
    }
    int k = history.find(en.version(), s);
    return k < 0 ? best.cat(s, j) : history.oldCat(k, j);
  }

  /** Numeric value {@code j} of row {@code s} of dataset {@code e}. */
  float num(int e, int s, int j) {
    Entry en = entries.get(e);
    if (en.full() != null) {
      return en.full().num(s, j);
    }
    if (s == en.row()) {
      return en.num()[j];
    }
    int k = history.find(en.version(), s);
    return k < 0 ? best.num(s, j) : history.oldNum(k, j);
  }
}
