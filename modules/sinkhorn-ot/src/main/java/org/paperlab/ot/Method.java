package org.paperlab.ot;

import org.paperlab.core.config.Variants;

/**
 * Which Sinkhorn iteration runs.
 *
 * <ul>
 *   <li>{@code AUTO}: the stabilized kernel-domain solver (Schmitzer 2019, "Stabilized sparse
 *       scaling algorithms for entropy regularized transport problems", Alg. 2): scalings on a
 *       kernel {@code exp((f~_i + g~_j - C_ij)/eps)} whose potentials absorb every scaling that
 *       leaves {@code [e^-theta, e^theta]}, with a log-domain step whenever a kernel row or column
 *       underflows. For lazy point clouds (no stored cost) it runs {@code LOG}.
 *   <li>{@code KERNEL}: plain kernel scaling (Cuturi 2013, "Sinkhorn distances", Alg. 1) on
 *       {@code K = exp(-C/eps)}: fastest per iteration, fails (reported, never NaN) when K
 *       underflows at small eps.
 *   <li>{@code LOG}: log-domain updates of the dual potentials by soft-min (Peyre and Cuturi 2019,
 *       Eq. 4.43), stable at any eps, one exponential per matrix entry per iteration.
 * </ul>
 *
 * <p>Names ({@link Variants}): {@code auto}, {@code kernel}, {@code log}.
 */
public enum Method {
  AUTO,
  KERNEL,
  LOG;

  /**
   * Parses {@code auto|kernel|log} (case-insensitive) through {@link Variants}.
   *
   * @throws IllegalArgumentException naming {@code method} and listing the valid names
   */
  public static Method parse(String s) {
    return Variants.parse(Method.class, s, "method");
  }
}
