package org.paperlab.core.ode;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of an integration.
 *
 * @param state the state at the final time
 * @param nfe number of vector-field evaluations (function evaluations)
 * @param acceptedSteps steps taken
 * @param rejectedSteps steps rejected by the adaptive error control (0 for fixed steps)
 * @param times the time of every recorded state (empty unless a path was requested)
 * @param path the recorded states, {@code path.get(k)} at {@code times.get(k)}
 */
public record OdeResult(
    INDArray state,
    int nfe,
    int acceptedSteps,
    int rejectedSteps,
    List<Double> times,
    List<INDArray> path) {}
