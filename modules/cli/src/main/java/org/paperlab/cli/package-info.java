/** The {@code paperlab} command line (picocli): list, run, report, and one subcommand per method. */
package org.paperlab.cli;
