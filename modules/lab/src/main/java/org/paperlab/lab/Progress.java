package org.paperlab.lab;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long loop on the terminal: a progress bar with rate and ETA when stderr is an
 * interactive terminal, otherwise one log line every few seconds (CI logs, pipes). Use in
 * try-with-resources:
 *
 * <pre>{@code
 * try (Progress p = ctx.progress("training", steps)) {
 *   for (int i = 0; i < steps; i++) { ...; p.step(); p.status("loss %.4f", loss); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
  private static final long LOG_EVERY_NANOS = 5_000_000_000L;

  private final String label;
  private final long total;
  private final ProgressBar bar;
  private final PrintStream log;
  private final long start = System.nanoTime();
  private long lastLog = start;
  private long done;
  private String status = "";

  private Progress(String label, long total, boolean interactive, PrintStream log) {
    this.label = label;
    this.total = total;
    this.log = log;
    this.bar =
        interactive
            ? new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .continuousUpdate()
                .build()
            : null;
  }

  /** A progress display; a bar when the JVM has an interactive console, log lines otherwise. */
  public static Progress start(String label, long total) {
    boolean interactive = System.console() != null && !Boolean.getBoolean("paperlab.plainProgress");
    return new Progress(label, total, interactive, System.err);
  }

  /** A progress display that only writes log lines to {@code log} (tests, non-terminal output). */
  public static Progress logging(String label, long total, PrintStream log) {
    return new Progress(label, total, false, log);
  }

  /** Advances by one unit. */
  public void step() {
    stepBy(1);
  }

  /** Advances by {@code n} units. */
  public void stepBy(long n) {
    done += n;
    if (bar != null) {
      bar.stepBy(n);
      return;
    }
    long now = System.nanoTime();
    if (now - lastLog >= LOG_EVERY_NANOS) {
      lastLog = now;
      log.println(line(now));
    }
  }

  /** Sets a short status (loss, error) shown beside the count. */
  public void status(String format, Object... args) {
    status = String.format(Locale.ROOT, format, args);
    if (bar != null) {
      bar.setExtraMessage(" " + status);
    }
  }

  /**
   * This display as a library's {@link org.paperlab.core.ProgressListener}: each call moves the
   * count to the {@code done} it reports.
   */
  public org.paperlab.core.ProgressListener listener() {
    return (d, total) -> {
      if (d > done) {
        stepBy(d - done);
      }
    };
  }

  /** Units done so far. */
  public long done() {
    return done;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    } else if (System.nanoTime() - start >= LOG_EVERY_NANOS) {
      log.println(line(System.nanoTime()));
    }
  }

  String line(long now) {
    double secs = (now - start) / 1e9;
    double frac = total > 0 ? (double) done / total : 0;
    String eta = done > 0 && total > 0 ? format(Duration.ofMillis((long) (1000 * secs * (1 - frac) / frac))) : "?";
    return String.format(
        Locale.ROOT, "[%s] %d/%d (%.1f%%) elapsed %s eta %s%s",
        label, done, total, 100 * frac, format(Duration.ofMillis((long) (1000 * secs))), eta,
        status.isEmpty() ? "" : " " + status);
  }

  private static String format(Duration d) {
    return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }
}
