package org.paperlab.lab;

/**
 * A runnable experiment: reproduces a paper's figure or table and writes it to a run folder.
 *
 * <p>Implementations are registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/org.paperlab.lab.Experiment}, which is how {@code paperlab list} and
 * {@code paperlab run} find them. An experiment reads its sizes from {@link RunContext#quick()}
 * (seconds to a minute on 2 cores) or the default (the paper's setup as far as a CPU allows),
 * draws all randomness from {@link RunContext#seeds()}, and writes through the context: metrics,
 * CSV tables and charts.
 */
public interface Experiment {
  /** Stable name used on the command line and as the results folder, e.g. {@code ot-sinkhorn}. */
  String name();

  /** One line for {@code paperlab list}. */
  String description();

  /** Runs the experiment; any exception marks the run as failed (earlier results stay). */
  void run(RunContext ctx) throws Exception;
}
