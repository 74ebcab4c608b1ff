package org.paperlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Configs;
import org.paperlab.core.io.AtomicFiles;

/**
 * The one writer of the command line: the files a command writes, all or none.
 *
 * <ol>
 *   <li>{@link #declare} every output before the work starts: a folder given as a file, a missing
 *       or unwritable folder, an output that is also an input (compared as real paths, so another
 *       spelling of the same file is caught) or two outputs that are one file are refused at once,
 *       naming the option, with an {@link InvalidArgumentException} (exit code 2);
 *   <li>write each output ({@link #text}, {@link #bytes}, {@link #json}): it goes to a temporary
 *       sibling, so a full disk fails here, before anything of the user's is touched;
 *   <li>{@link #commit}: every output is moved into place together; if one move fails, the files
 *       already moved are put back as they were. Without a commit (an exception, a failed check),
 *       {@link #close} deletes the temporary files and the user's earlier files stay exactly as
 *       they were.
 * </ol>
 *
 * Every JSON file gains a {@code provenance} object ({@link Provenance}) and the whole
 * {@code config} of the method ({@link Configs#toJson}) after the command's own keys.
 *
 * <pre>{@code
 * try (OutputFiles out = OutputFiles.protecting(List.of(x, y))) {
 *   out.declare("--out", result);
 *   SinkhornResult r = Sinkhorn.solve(cfg, ...);
 *   out.json(result, r.toMetrics(), cfg);
 *   out.commit();
 * }
 * }</pre>
 */
public final class OutputFiles implements AutoCloseable {
  private final Map<Path, String> inputs = new LinkedHashMap<>();
  private final Map<Path, Declared> declared = new LinkedHashMap<>();
  private final List<Staged> staged = new ArrayList<>();
  private final List<Path> createdFolders = new ArrayList<>();
  private boolean committed;

  private record Declared(String option, Path target) {}

  private record Staged(Path target, Path temp) {}

  private OutputFiles() {
    prepareInBackground();
  }

  private static volatile boolean prepared;

  /**
   * Loads the JSON writer (Jackson: 0.1-0.3 s of class loading and set-up in a fresh JVM) and
   * collects the provenance (two {@code git} processes) on a daemon thread while the command does
   * its work, so that writing the results at the end does not wait for them. Output unchanged:
   * both are computed the same way when the files are written, from caches or anew.
   */
  private static void prepareInBackground() {
    if (prepared) {
      return;
    }
    prepared = true;
    Thread t = new Thread(() -> {
      try {
        Provenance.collect();
        Json.toString(Map.of("warm", List.of(1.0, 2)));
      } catch (RuntimeException ignored) {
        // the foreground write does the same and reports any failure itself
      }
    }, "paperlab-output-prepare");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** A writer whose outputs may not be any of {@code inputs} (option name -> file). */
  public static OutputFiles protecting(Map<String, Path> inputs) {
    OutputFiles o = new OutputFiles();
    inputs.forEach((option, p) -> {
      if (p != null) {
        o.inputs.put(real(p), option);
      }
    });
    return o;
  }

  /** A writer with no inputs to protect. */
  public static OutputFiles create() {
    return new OutputFiles();
  }

  /**
   * Declares an output given by {@code option} and checks at once that it can be written.
   *
   * @return {@code target}
   * @throws InvalidArgumentException naming {@code option} when it cannot be
   */
  public Path declare(String option, Path target) {
    if (target == null) {
      return null;
    }
    Path abs = target.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      throw new InvalidArgumentException(option, ": " + target + " is a folder; give a file name");
    }
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new InvalidArgumentException(option, ": the folder " + (dir == null ? "/" : target.toAbsolutePath().getParent())
          + " does not exist (create it first)");
    }
    Path key = real(abs);
    String input = inputs.get(key);
    if (input != null) {
      throw new InvalidArgumentException(option, ": " + target + " is the input of " + input
          + "; writing it would replace your data (choose another file)");
    }
    Declared other = declared.get(key);
    if (other != null) {
      throw new InvalidArgumentException(option, ": " + target + " is also the output of " + other.option());
    }
    if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isWritable(abs)) {
      throw new InvalidArgumentException(option, ": cannot write " + target + ": permission denied");
    }
    AtomicFiles.removeStale(dir);
    try {
      Files.delete(AtomicFiles.stage(abs, new byte[0]));
    } catch (IOException e) {
      throw new InvalidArgumentException(option, ": cannot write in " + dir + ": " + AtomicFiles.reason(e));
    }
    declared.put(key, new Declared(option, abs));
    return target;
  }

  /**
   * Declares an output folder given by {@code option} (e.g. a run's {@code --out DIR}), creating
   * it and its missing parents now; the folders this created are removed again if the command
   * ends without a {@link #commit}. Files inside it are then {@link #declare}d as usual.
   *
   * @throws InvalidArgumentException naming {@code option} when it is a file or cannot be created
   */
  public Path declareFolder(String option, Path folder) {
    Path abs = folder.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new InvalidArgumentException(option, ": " + folder + " is a file; give a folder");
    }
    List<Path> missing = new ArrayList<>();
    for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p);
        createdFolders.add(p);
      } catch (IOException e) {
        throw new InvalidArgumentException(option, ": cannot create " + p + ": " + AtomicFiles.reason(e));
      }
    }
    return folder;
  }

  /** Stages UTF-8 text for {@code target} (declared before). */
  public void text(Path target, String text) {
    bytes(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Stages bytes for {@code target} (declared before). */
  public void bytes(Path target, byte[] bytes) {
    Path abs = target.toAbsolutePath().normalize();
    if (!declared.containsKey(real(abs))) {
      throw new IllegalStateException(target + " was not declared before the work started");
    }
    if (committed) {
      throw new IllegalStateException("the outputs are committed already");
    }
    try {
      staged.add(new Staged(abs, AtomicFiles.stage(abs, bytes)));
    } catch (IOException e) {
      throw AtomicFiles.failure(target, e);
    }
  }

  /**
   * Stages a JSON file: the command's keys in {@code body}, then {@code config} (the whole
   * configuration of the method, flat keys; omitted when null) and {@code provenance}.
   */
  public void json(Path target, Map<String, ?> body, Record config) {
    Map<String, Object> m = new LinkedHashMap<>(body);
    if (config != null) {
      m.put("config", Configs.toJson(config));
    }
    m.put("provenance", Provenance.collect());
    text(target, Json.toString(m));
  }

  /** Moves every staged file into place, all or none. */
  public void commit() {
    if (committed) {
      return;
    }
    List<Path[]> done = new ArrayList<>(); // {target, backup or null}
    try {
      for (Staged s : staged) {
        Path backup = null;
        if (Files.exists(s.target(), LinkOption.NOFOLLOW_LINKS)) {
          backup = AtomicFiles.sibling(s.target(), "bak");
          Files.move(s.target(), backup, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        done.add(new Path[] {s.target(), backup});
        AtomicFiles.moveIntoPlace(s.temp(), s.target());
      }
    } catch (IOException e) {
      rollBack(done);
      Path failed = done.isEmpty() ? staged.get(0).target() : done.get(done.size() - 1)[0];
      throw AtomicFiles.failure(failed, e);
    }
    committed = true;
    for (Path[] d : done) {
      if (d[1] != null) {
        try {
          Files.deleteIfExists(d[1]);
        } catch (IOException ignored) {
          // a leftover backup is named for AtomicFiles.removeStale
        }
      }
    }
  }

  private static void rollBack(List<Path[]> done) {
    for (int k = done.size() - 1; k >= 0; k--) {
      Path target = done.get(k)[0];
      Path backup = done.get(k)[1];
      try {
        if (backup != null) {
          AtomicFiles.moveIntoPlace(backup, target);
        } else {
          Files.deleteIfExists(target);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not restore " + target + " (its previous content is in " + backup + ")", e);
      }
    }
  }

  /** Deletes whatever was staged and not committed. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    for (Staged s : staged) {
      try {
        Files.deleteIfExists(s.temp());
      } catch (IOException ignored) {
        // named for AtomicFiles.removeStale
      }
    }
    staged.clear();
    for (int k = createdFolders.size() - 1; k >= 0; k--) {
      try {
        Files.deleteIfExists(createdFolders.get(k)); // only when still empty
      } catch (IOException ignored) {
        // not empty (the user put something there) or gone: leave it
      }
    }
    createdFolders.clear();
  }

  /** The real path of {@code p}, or of its folder plus its name when it does not exist yet. */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      Path parent = abs.getParent();
      if (parent == null) {
        return abs;
      }
      try {
        return parent.toRealPath().resolve(abs.getFileName());
      } catch (IOException e2) {
        return abs;
      }
    }
  }
}
