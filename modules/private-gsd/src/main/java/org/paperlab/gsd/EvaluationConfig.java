package org.paperlab.gsd;

import java.util.List;
import org.paperlab.core.Checks;

/**
 * The settings of an evaluation of a synthetic table against a real one ({@link Evaluation}, and
 * the ML efficacy of a {@link LogisticRegression} trained on the synthetic table): what
 * {@code paperlab gsd evaluate} records with its results.
 *
 * @param queries the query families (names of {@link QueryFamily}, canonical spelling, no
 *     repeats); empty for the schema's default ({@link Workloads#defaultFamilies})
 * @param queryOptions how the families are built
 * @param classifier the classifier of the ML efficacy
 */
public record EvaluationConfig(List<String> queries, QueryOptions queryOptions, LogisticRegression.Config classifier) {
  public EvaluationConfig {
    Checks.notNull("queries", queries);
    queries = queries.isEmpty() ? List.of() : Workloads.parseFamilies(String.join(",", queries));
    Checks.notNull("queryOptions", queryOptions);
    Checks.notNull("classifier", classifier);
  }

  /** The schema's default families, the default query options and classifier. */
  public static EvaluationConfig defaults() {
    return new EvaluationConfig(List.of(), QueryOptions.defaults(), LogisticRegression.Config.defaults());
  }

  /** The families for {@code schema}: {@link #queries()}, or the schema's default when empty. */
  public List<String> families(Schema schema) {
    return queries.isEmpty() ? Workloads.defaultFamilies(schema) : queries;
  }

  /** This config with the families resolved for {@code schema} (what an evaluation of it used). */
  public EvaluationConfig resolved(Schema schema) {
    return withQueries(families(schema));
  }

  /** The workloads of the families for {@code schema}. */
  public WorkloadSet workloads(Schema schema) {
    return Workloads.build(schema, families(schema), queryOptions);
  }

  public EvaluationConfig withQueries(List<String> v) {
    return new EvaluationConfig(v, queryOptions, classifier);
  }

  public EvaluationConfig withQueryOptions(QueryOptions v) {
    return new EvaluationConfig(queries, v, classifier);
  }

  public EvaluationConfig withClassifier(LogisticRegression.Config v) {
    return new EvaluationConfig(queries, queryOptions, v);
  }
}
