/**
 * Explicit Runge-Kutta ODE integrators on batches of states: Euler, Heun, RK4 and Dormand-Prince
 * (fixed-step or adaptive with rtol/atol), each counting function evaluations.
 */
package org.paperlab.core.ode;
