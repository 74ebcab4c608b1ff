/**
 * Experiment plumbing shared by every method: the {@link org.paperlab.lab.Experiment} contract
 * and its registry, the {@link org.paperlab.lab.Runner} that gives each run a folder with
 * run.json (config, seed, provenance, times) and metrics.json, CSV tables, XChart charts, a
 * terminal progress display, atomic file writes, and the results report page.
 */
package org.paperlab.lab;
