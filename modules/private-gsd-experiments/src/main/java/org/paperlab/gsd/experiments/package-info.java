/**
 * The Private-GSD experiments on UCI Adult: {@code gsd-adult-marginals} (binned, categorical 2-way
 * and 3-way marginals) and {@code gsd-adult-mixed} (raw mixed-type, range, prefix and halfspace
 * queries), each comparing Private-GSD, a RAP-style first-order baseline and non-private GSD.
 */
package org.paperlab.gsd.experiments;
