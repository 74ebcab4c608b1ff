/**
 * Private-GSD: differentially private synthetic tables by a genetic algorithm (Terrance Liu,
 * Jingwu Tang, Giuseppe Vietri, Zhiwei Steven Wu, "Generating Private Synthetic Data with Genetic
 * Algorithms", ICML 2023; official JAX code giusevtr/private_gsd).
 *
 * <p>Data: {@link org.paperlab.gsd.Schema}, {@link org.paperlab.gsd.Table},
 * {@link org.paperlab.gsd.TableCsv}. Queries: {@link org.paperlab.gsd.Workload} and its four kinds,
 * built by {@link org.paperlab.gsd.Workloads}. Privacy: {@link org.paperlab.gsd.Zcdp},
 * {@link org.paperlab.gsd.GaussianMechanism}, {@link org.paperlab.gsd.ExponentialMechanism},
 * {@link org.paperlab.gsd.PrivacyLedger}, driven by {@link org.paperlab.gsd.PrivateSynthesis}.
 * Generators: {@link org.paperlab.gsd.Gsd} (the genetic algorithm, with the incremental scoring of
 * {@link org.paperlab.gsd.IncrementalAnswers}) and the first-order baseline
 * {@link org.paperlab.gsd.RelaxedProjection}. Evaluation: {@link org.paperlab.gsd.Evaluation} and
 * {@link org.paperlab.gsd.LogisticRegression}.
 */
package org.paperlab.gsd;
