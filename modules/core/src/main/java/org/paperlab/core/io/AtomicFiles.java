package org.paperlab.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file by writing a temporary sibling and moving it into place, so a reader (or an
 * interrupted run) never sees a half-written file. On POSIX file systems the file gets the usual
 * {@code rw-r--r--} permissions (a temporary file is created {@code rw-------}).
 *
 * <p>A temporary sibling is named {@code .<name>.<pid>-<random>.paperlab-tmp}: a process killed
 * mid-write (SIGKILL) leaves one behind, and {@link #removeStale} deletes those whose process is
 * gone. Failures are reported with the target's name and the operating system's reason
 * ({@code permission denied}, {@code is a folder}), never the temporary file's name.
 */
public final class AtomicFiles {
  private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)-\\d+\\.paperlab-(tmp|bak)");

  private AtomicFiles() {}

  /** Atomically replaces {@code target} with {@code bytes}. */
  public static void write(Path target, byte[] bytes) {
    Path tmp = null;
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp = stage(target, bytes);
      moveIntoPlace(tmp, target);
    } catch (IOException e) {
      throw failure(target, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file is named for removeStale
        }
      }
    }
  }

  /** Atomically replaces {@code target} with UTF-8 text. */
  public static void writeString(Path target, String text) {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code bytes} to a new temporary sibling of {@code target} (same folder, so that the
   * move into place is a rename) and returns it; the caller moves or deletes it.
   */
  public static Path stage(Path target, byte[] bytes) throws IOException {
    Path tmp = sibling(target, "tmp");
    try {
      Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
      if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      return tmp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** A fresh name for a temporary ({@code kind = "tmp"}) or backup ({@code "bak"}) sibling. */
  public static Path sibling(Path target, String kind) {
    Path abs = target.toAbsolutePath();
    long pid = ProcessHandle.current().pid();
    long r = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40);
    return abs.resolveSibling("." + abs.getFileName() + "." + pid + "-" + r + ".paperlab-" + kind);
  }

  /** Renames {@code from} onto {@code to}, atomically where the file system can. */
  public static void moveIntoPlace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes the temporary and backup siblings in {@code dir} that paperlab processes which are no
   * longer running left behind (a run killed mid-write); returns how many.
   */
  public static int removeStale(Path dir) {
    int removed = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.paperlab-*")) {
      for (Path p : ds) {
        Matcher m = TEMP.matcher(p.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        long pid = Long.parseLong(m.group(2));
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return removed; // best effort
    }
    return removed;
  }

  /** An unchecked failure that names {@code target} and the reason in plain words. */
  public static UncheckedIOException failure(Path target, IOException e) {
    return new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
  }

  /** The reason of a file-system failure in plain words. */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "the folder does not exist";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      String r = fse.getReason();
      return r.isEmpty() ? r : Character.toLowerCase(r.charAt(0)) + r.substring(1);
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
