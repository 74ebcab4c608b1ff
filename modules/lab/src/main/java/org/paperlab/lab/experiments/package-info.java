/** The foundation's own experiment: {@code core-ode-order}, the empirical order of the ODE integrators. */
package org.paperlab.lab.experiments;
