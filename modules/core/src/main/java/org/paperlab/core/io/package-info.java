/** Input files: a numeric CSV reader and {@link org.paperlab.core.io.DataFormatException}, which locates a problem by file, line and column. */
package org.paperlab.core.io;
