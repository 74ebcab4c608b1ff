/**
 * The method contract's config plumbing: one conversion between config records and flat text maps
 * ({@link org.paperlab.core.config.Configs}) and one way to name and parse the variants of an enum
 * or a sealed family of records ({@link org.paperlab.core.config.Variants},
 * {@link org.paperlab.core.config.Name}). The command line and run.json use them; no config is
 * converted by hand.
 */
package org.paperlab.core.config;
