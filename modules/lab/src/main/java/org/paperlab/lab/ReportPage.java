package org.paperlab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.paperlab.core.io.AtomicFiles;

/**
 * Builds {@code <outRoot>/index.html}: for every experiment, its newest successful run's metrics
 * table, charts (PNG) and data files (CSV), and every other run (newer failed or interrupted ones
 * included) folded below it with its status. A run whose run.json still says {@code running} but
 * whose process is gone (same host, pid no longer alive, or a run.json without a pid) is shown as
 * {@code interrupted}, and the temporary files such a process left behind are removed. Below the
 * experiments: the executed notebooks of {@code notebooks/run} ({@code <outRoot>/notebooks/<name>.html},
 * a notebook with a log but no page is shown as failed) and the benchmark report of
 * {@code benchmarks/run} ({@code <outRoot>/benchmarks/index.html}), when they are there. The page
 * uses relative links only, so the results folder can be copied or served as it is.
 */
public final class ReportPage {
  private ReportPage() {}

  /** (Re)writes the report page and returns its path. */
  public static Path write(Path outRoot) {
    Map<String, List<Path>> runs = scan(outRoot);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>paperlab results</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px;color:#222}\n")
        .append("h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}\n")
        .append("table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left}\n")
        .append("td.num{text-align:right;font-family:monospace}\n")
        .append(".ok{color:#080}.failed{color:#b00}.running{color:#a60}.interrupted{color:#b60}\n")
        .append("img{max-width:640px;margin:6px;border:1px solid #eee}\n")
        .append("nav a{margin-right:1em}\n</style></head><body>\n")
        .append("<h1>paperlab results</h1>\n");
    Map<String, Boolean> notebooks = notebooks(outRoot);
    boolean benchmarks = Files.isRegularFile(outRoot.resolve("benchmarks").resolve("index.html"));
    if (runs.isEmpty()) {
      h.append("<p>No runs yet. Try <code>./paperlab run all --quick</code>.</p>\n");
    }
    if (!runs.isEmpty() || !notebooks.isEmpty() || benchmarks) {
      h.append("<nav>");
      for (String exp : runs.keySet()) {
        h.append("<a href=\"#").append(esc(exp)).append("\">").append(esc(exp)).append("</a>");
      }
      if (!notebooks.isEmpty()) {
        h.append("<a href=\"#notebooks\">notebooks</a>");
      }
      if (benchmarks) {
        h.append("<a href=\"benchmarks/index.html\">benchmarks</a>");
      }
      h.append("</nav>\n");
    }
    for (Map.Entry<String, List<Path>> e : runs.entrySet()) {
      String exp = e.getKey();
      List<Path> list = e.getValue();
      h.append("<h2 id=\"").append(esc(exp)).append("\">").append(esc(exp)).append("</h2>\n");
      JsonNode newest = readRun(list.get(0));
      if (newest != null && newest.has("description")) {
        h.append("<p>").append(esc(newest.get("description").asText())).append("</p>\n");
      }
      Path shown = list.stream().filter(r -> status(r).equals("ok")).findFirst().orElse(list.get(0));
      runSection(h, outRoot, shown, true);
      List<Path> rest = new ArrayList<>(list);
      rest.remove(shown);
      if (!rest.isEmpty()) {
        h.append("<details><summary>").append(rest.size()).append(" other run(s)</summary>\n");
        for (Path other : rest) {
          runSection(h, outRoot, other, false);
        }
        h.append("</details>\n");
      }
    }
    if (!notebooks.isEmpty()) {
      h.append("<h2 id=\"notebooks\">notebooks</h2>\n<p>Executed by <code>notebooks/run</code> "
          + "(open them interactively with <code>notebooks/run --lab</code>).</p>\n<ul>\n");
      for (Map.Entry<String, Boolean> nb : notebooks.entrySet()) {
        String name = esc(nb.getKey());
        if (nb.getValue()) {
          h.append("<li><a href=\"notebooks/").append(name).append(".html\">").append(name)
              .append("</a> <small>(<a href=\"notebooks/").append(name).append(".ipynb\">ipynb</a>)</small></li>\n");
        } else {
          h.append("<li>").append(name).append(" <span class=\"failed\">failed</span> <small>(<a href=\"notebooks/")
              .append(name).append(".log\">log</a>)</small></li>\n");
        }
      }
      h.append("</ul>\n");
    }
    if (benchmarks) {
      h.append("<h2 id=\"benchmarks\">benchmarks</h2>\n<p><a href=\"benchmarks/index.html\">benchmark report</a> "
          + "(written by <code>benchmarks/run</code>)</p>\n");
    }
    h.append("</body></html>\n");
    Path page = outRoot.resolve("index.html");
    AtomicFiles.writeString(page, h.toString());
    return page;
  }

  private static void runSection(StringBuilder h, Path root, Path runDir, boolean charts) {
    JsonNode run = readRun(runDir);
    String rel = root.relativize(runDir).toString().replace('\\', '/');
    String status = status(runDir);
    h.append("<h3>").append(esc(runDir.getFileName().toString())).append(" <span class=\"")
        .append(esc(status)).append("\">").append(esc(status)).append("</span>");
    if (run != null && run.has("duration_seconds")) {
      h.append(String.format(java.util.Locale.ROOT, " <small>%.1f s</small>", run.get("duration_seconds").asDouble()));
    }
    h.append("</h3>\n");
    if (run != null && run.has("error")) {
      h.append("<p class=\"failed\">").append(esc(run.get("error").asText())).append("</p>\n");
    }
    Path metricsFile = runDir.resolve("metrics.json");
    if (Files.exists(metricsFile)) {
      try {
        JsonNode m = Json.read(metricsFile);
        if (m.size() > 0) {
          h.append("<table><tr><th>metric</th><th>value</th></tr>\n");
          for (Map.Entry<String, JsonNode> f : m.properties()) {
            h.append("<tr><td>").append(esc(f.getKey())).append("</td><td class=\"num\">")
                .append(esc(f.getValue().isNumber() ? fmt(f.getValue().asDouble()) : f.getValue().asText()))
                .append("</td></tr>\n");
          }
          h.append("</table>\n");
        }
      } catch (UncheckedIOException ex) {
        h.append("<p class=\"failed\">metrics.json unreadable</p>\n");
      }
    }
    List<String> pngs = new ArrayList<>();
    List<String> data = new ArrayList<>();
    try (Stream<Path> files = Files.list(runDir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().forEach(n -> {
        if (n.endsWith(".png")) {
          pngs.add(n);
        } else {
          data.add(n);
        }
      });
    } catch (IOException ex) {
      return;
    }
    if (charts) {
      h.append("<div>");
      for (String p : pngs) {
        h.append("<a href=\"").append(esc(rel + "/" + p)).append("\"><img src=\"")
            .append(esc(rel + "/" + p)).append("\" alt=\"").append(esc(p)).append("\"></a>");
      }
      h.append("</div>\n");
    }
    h.append("<p>files: ");
    List<String> all = new ArrayList<>(data);
    if (!charts) {
      all.addAll(pngs);
    }
    for (String d : all) {
      h.append("<a href=\"").append(esc(rel + "/" + d)).append("\">").append(esc(d)).append("</a> ");
    }
    h.append("</p>\n");
  }

  /**
   * The notebooks of {@code <root>/notebooks}, by name: {@code true} when its page
   * {@code <name>.html} is there, {@code false} for a log without a page (a failed notebook).
   */
  private static Map<String, Boolean> notebooks(Path root) {
    Map<String, Boolean> out = new TreeMap<>();
    Path dir = root.resolve("notebooks");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (n.endsWith(".html")) {
          out.put(n.substring(0, n.length() - 5), true);
        } else if (n.endsWith(".log") && !n.equals("html.log")) {
          out.putIfAbsent(n.substring(0, n.length() - 4), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Experiment name to its run folders, newest first. */
  private static Map<String, List<Path>> scan(Path root) {
    Map<String, List<Path>> out = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> exps = Files.list(root)) {
      for (Path exp : exps.filter(Files::isDirectory).toList()) {
        try (Stream<Path> rs = Files.list(exp)) {
          List<Path> list = new ArrayList<>(rs.filter(r -> Files.isRegularFile(r.resolve("run.json"))).toList());
          list.sort(Comparator.comparing(ReportPage::startTime).thenComparing(Path::toString).reversed());
          if (!list.isEmpty()) {
            out.put(exp.getFileName().toString(), list);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot scan results folder " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The run's status as the page shows it: run.json's, except that a {@code running} run whose
   * process is gone is {@code interrupted} (and its stale temporary files are removed).
   */
  static String status(Path runDir) {
    JsonNode run = readRun(runDir);
    if (run == null) {
      return "unreadable";
    }
    String status = run.path("status").asText("unknown");
    if (!status.equals("running")) {
      return status;
    }
    boolean gone;
    if (!run.has("pid")) {
      gone = true; // written before runs recorded their process: it cannot still be running
    } else if (!run.path("host").asText("").equals(Runner.host())) {
      return status; // another machine's run: cannot tell
    } else {
      gone = ProcessHandle.of(run.get("pid").asLong()).map(ProcessHandle::isAlive).map(a -> !a).orElse(true);
    }
    if (gone) {
      AtomicFiles.removeStale(runDir);
      return "interrupted";
    }
    return status;
  }

  private static String startTime(Path runDir) {
    JsonNode n = readRun(runDir);
    return n == null ? "" : n.path("start_time").asText("");
  }

  private static JsonNode readRun(Path runDir) {
    try {
      return Json.read(runDir.resolve("run.json"));
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
