/**
 * Input files: a numeric CSV reader, the line reading every CSV reader shares
 * ({@link org.paperlab.core.io.TextLines}), and {@link org.paperlab.core.io.DataFormatException},
 * which locates a problem by file, line and column.
 */
package org.paperlab.core.io;
