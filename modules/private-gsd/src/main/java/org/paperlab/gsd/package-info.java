/**
 * Private-GSD: differentially private synthetic tables by a genetic algorithm (Terrance Liu,
 * Jingwu Tang, Giuseppe Vietri, Zhiwei Steven Wu, "Generating Private Synthetic Data with Genetic
 * Algorithms", ICML 2023; official JAX code giusevtr/private_gsd).
 *
 * <p>Entry points (static, config first, an optional {@link org.paperlab.core.ProgressListener}
 * last; every random choice from the config's {@code seed}):
 * {@link org.paperlab.gsd.PrivateSynthesis#fit} (a whole synthesis under a
 * {@link org.paperlab.gsd.SynthesisConfig}, giving a {@link org.paperlab.gsd.SynthesisResult}),
 * {@link org.paperlab.gsd.PrivateSynthesis#measure} (its one-shot measure step alone,
 * {@link org.paperlab.gsd.Measurements}), and the generators {@link org.paperlab.gsd.Gsd#fit} (the
 * genetic algorithm, with the incremental scoring of {@link org.paperlab.gsd.IncrementalAnswers})
 * and {@link org.paperlab.gsd.RelaxedProjection#fit} (the first-order baseline), each giving a
 * {@link org.paperlab.gsd.FitResult}. The generator of a synthesis is a config component, the
 * sealed family {@link org.paperlab.gsd.GeneratorConfig} ({@code gsd}, {@code rap}); the budget
 * mode is {@link org.paperlab.gsd.BudgetMode}.
 *
 * <p>Data: {@link org.paperlab.gsd.Schema}, {@link org.paperlab.gsd.Table},
 * {@link org.paperlab.gsd.TableCsv}. Queries: {@link org.paperlab.gsd.Workload} and its four kinds,
 * built by {@link org.paperlab.gsd.Workloads} per {@link org.paperlab.gsd.QueryFamily}. Privacy:
 * {@link org.paperlab.gsd.Zcdp}, {@link org.paperlab.gsd.GaussianMechanism},
 * {@link org.paperlab.gsd.ExponentialMechanism}, {@link org.paperlab.gsd.PrivacyLedger}.
 * Evaluation: {@link org.paperlab.gsd.Evaluation}, {@link org.paperlab.gsd.LogisticRegression} and
 * their settings {@link org.paperlab.gsd.EvaluationConfig}.
 */
package org.paperlab.gsd;
