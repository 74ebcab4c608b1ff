package org.paperlab.cli;

import java.util.Locale;

/**
 * The memory a command needs, estimated from its sizes before it allocates anything, against the
 * JVM's heap limit ({@code -Xmx}, set for {@code ./paperlab} by {@code PAPERLAB_JAVA_OPTS}; 4 GiB
 * by default). A request that cannot fit is refused at once with the estimate, the heap and the
 * way out ({@link NotEnoughMemory}, exit 1); what an estimate misses is caught as
 * {@link OutOfMemoryError} at the command boundary ({@link Main}), also exit 1 with one line.
 *
 * <p>The estimates count the large arrays of the work (matrices, tables, per-run series) and the
 * text of the outputs; they are meant to be within a small factor, refusing only what cannot fit.
 */
final class Memory {
  private static final double GIB = 1024.0 * 1024 * 1024;

  private Memory() {}

  /** The JVM's heap limit in bytes. */
  static long heapLimit() {
    return Runtime.getRuntime().maxMemory();
  }

  /**
   * Fails with {@link NotEnoughMemory} when {@code bytes} (an estimate, may be huge or infinite) is
   * more than the heap can hold.
   *
   * @param what what needs the memory, e.g. {@code "the stored 40000 x 40000 cost and kernel"}
   * @param wayOut what the user can change, e.g. {@code "use --lazy"}; may be empty
   */
  static void require(double bytes, String what, String wayOut) {
    long heap = heapLimit();
    if (bytes > heap) {
      long suggest = (long) Math.ceil(bytes * 1.25 / GIB) + 1;
      String more = bytes * 1.25 < 1e15 ? "PAPERLAB_JAVA_OPTS=-Xmx" + suggest + "g" : "PAPERLAB_JAVA_OPTS=-Xmx... (more than this machine is likely to have)";
      throw new NotEnoughMemory(String.format(Locale.ROOT,
          "not enough memory: %s needs about %s but the Java heap is at most %s; %sor give Java a larger heap: %s",
          what, size(bytes), size(heap), wayOut.isEmpty() ? "" : wayOut + ", ", more));
    }
  }

  /** The one line that an {@link OutOfMemoryError} becomes. */
  static String outOfMemory(OutOfMemoryError e) {
    return String.format(Locale.ROOT,
        "out of memory (%s; the Java heap is at most %s): ask for less (fewer rows, runs, points),"
            + " or give Java a larger heap, e.g. PAPERLAB_JAVA_OPTS=-Xmx%dg; nothing was written",
        e.getMessage() == null ? "OutOfMemoryError" : e.getMessage(), size(heapLimit()),
        Math.max(2, (long) Math.ceil(2 * heapLimit() / GIB)));
  }

  /** A byte count as {@code 12.8 GB} (GiB), {@code 512 MB} (MiB) or {@code 4.1e+12 GB}. */
  static String size(double bytes) {
    if (bytes >= 1e6 * GIB) {
      return String.format(Locale.ROOT, "%.2g GB", bytes / GIB);
    }
    if (bytes >= GIB) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / GIB);
    }
    return String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / (1024.0 * 1024)));
  }

  /** A request refused because its estimate does not fit in the heap (exit 1). */
  static final class NotEnoughMemory extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotEnoughMemory(String message) {
      super(message);
    }
  }
}
