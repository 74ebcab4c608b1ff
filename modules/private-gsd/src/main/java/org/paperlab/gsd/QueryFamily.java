package org.paperlab.gsd;

import java.util.List;
import java.util.Locale;
import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Name;
import org.paperlab.core.config.Variants;

/**
 * A family of workloads of Liu et al. (2023) that {@link Workloads} builds over a schema, by its
 * name: {@code 1way}, {@code 2way}, {@code 3way}, {@code range}, {@code prefix},
 * {@code halfspace} (the order of the {@code permits} clause, which is the canonical order).
 * {@link #parse} is the one rule from a name to a family; an unknown name is an error listing
 * every valid one. A family's name is also what its workloads' {@link Workload#family()} says.
 */
public sealed interface QueryFamily
    permits QueryFamily.OneWay, QueryFamily.TwoWay, QueryFamily.ThreeWay, QueryFamily.Range, QueryFamily.Prefix,
        QueryFamily.Halfspace {
  /** The workloads of this family over {@code schema}. */
  List<Workload> workloads(Schema schema, QueryOptions options);

  /** The family's name, e.g. {@code 2way}. */
  default String label() {
    return Variants.name(this);
  }

  /** The family named {@code name} (case and surrounding spaces ignored). */
  static QueryFamily parse(String name) {
    Checks.notNull("queries", name);
    String n = name.trim().toLowerCase(Locale.ROOT);
    List<String> names = Variants.names(QueryFamily.class);
    if (!names.contains(n)) {
      throw new InvalidArgumentException("queries", ": unknown query family '" + name.trim() + "'; known: "
          + String.join(",", names));
    }
    return Variants.parse(QueryFamily.class, n, "queries");
  }

  /** Every categorical column's 1-way marginal and every numeric column's histogram at the range resolutions. */
  @Name("1way")
  record OneWay() implements QueryFamily {
    @Override
    public List<Workload> workloads(Schema schema, QueryOptions options) {
      return Workloads.oneWay(schema, options);
    }
  }

  /** 2-way marginals over categorical columns with at most {@link QueryOptions#maxCells()} cells. */
  @Name("2way")
  record TwoWay() implements QueryFamily {
    @Override
    public List<Workload> workloads(Schema schema, QueryOptions options) {
      return Workloads.marginals(schema, 2, "2way", options);
    }
  }

  /** 3-way marginals over categorical columns with at most {@link QueryOptions#maxCells()} cells. */
  @Name("3way")
  record ThreeWay() implements QueryFamily {
    @Override
    public List<Workload> workloads(Schema schema, QueryOptions options) {
      return Workloads.marginals(schema, 3, "3way", options);
    }
  }

  /** Range marginals of (categorical, numeric) pairs and (categorical, numeric, numeric) triples. */
  @Name("range")
  record Range() implements QueryFamily {
    @Override
    public List<Workload> workloads(Schema schema, QueryOptions options) {
      return Workloads.ranges(schema, options);
    }
  }

  /** Per categorical column, random {@code x_c = v AND x_j < t}. */
  @Name("prefix")
  record Prefix() implements QueryFamily {
    @Override
    public List<Workload> workloads(Schema schema, QueryOptions options) {
      return Workloads.prefixes(schema, options);
    }
  }

  /** Per categorical column, random {@code x_c = v AND <w, x> > b}. */
  @Name("halfspace")
  record Halfspace() implements QueryFamily {
    @Override
    public List<Workload> workloads(Schema schema, QueryOptions options) {
      return Workloads.halfspaces(schema, options);
    }
  }
}
