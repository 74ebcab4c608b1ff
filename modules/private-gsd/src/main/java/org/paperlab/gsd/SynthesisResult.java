package org.paperlab.gsd;

import java.util.List;

/**
 * The outcome of a private synthesis.
 *
 * @param config the privacy settings
 * @param rho the zCDP budget ({@link SynthesisConfig#rho()})
 * @param synthetic the synthetic table
 * @param workloads the workloads considered (in hybrid mode including the added 1-way ones)
 * @param measurements every measured workload with its noisy answers
 * @param ledger every mechanism call and its rho; they sum to {@code rho}
 * @param fits the generator's fit of every round (one for one-shot)
 * @param seconds wall time
 */
public record SynthesisResult(
    SynthesisConfig config,
    double rho,
    Table synthetic,
    WorkloadSet workloads,
    List<Measurement> measurements,
    PrivacyLedger ledger,
    List<FitResult> fits,
    double seconds) {}
