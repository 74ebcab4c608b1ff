package org.paperlab.notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Evaluates notebook cells of Java with JShell, in this JVM: the cells' code sees this JVM's
 * classpath and static state, and definitions and imports carry from one cell to the next.
 *
 * <p>A cell is split into JShell snippets (statements, declarations, expressions, imports) and
 * they run in order. Every snippet but the last ends with {@code ;} or {@code }}, as in a Java
 * method body; the last may omit it. When the last snippet is an expression without a trailing
 * {@code ;}, its value is the cell's value ({@link CellValue}); with the {@code ;} the cell has
 * no value (as in IPython), so {@code chart.series(...);} does not show the chart again.
 * The first snippet that fails stops the cell with a {@link CellException} that names the cell,
 * the line in it and its source.
 */
public final class CellEvaluator implements AutoCloseable {
  /** The imports every cell starts with: JShell's own defaults and {@link Notebook}'s helpers. */
  public static final List<String> IMPORTS =
      List.of(
          "java.io.*",
          "java.math.*",
          "java.net.*",
          "java.nio.file.*",
          "java.util.*",
          "java.util.concurrent.*",
          "java.util.function.*",
          "java.util.regex.*",
          "java.util.stream.*",
          "static org.paperlab.notebook.Notebook.*");

  private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[$.]");
  private static final int MAX_FRAMES = 40;

  private final InProcessControl control = new InProcessControl();
  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  /** Where each snippet came from, by snippet id (stack traces name snippets as "#id"). */
  private final Map<String, Origin> origins = new HashMap<>();
  /** The wrapper class that holds each variable, by variable name. */
  private final Map<String, String> variableClasses = new HashMap<>();

  /** A cell's value: JShell's text of it, and the object itself where it could be read. */
  public record CellValue(String text, Object object) {}

  private record Origin(int cell, int firstLine, String cellSource) {}

  /** A JShell whose compiler sees {@code classpath} (entries joined by the path separator). */
  public CellEvaluator(String classpath) {
    ExecutionControlProvider inProcess =
        new ExecutionControlProvider() {
          @Override
          public String name() {
            return "paperlab-in-process";
          }

          @Override
          public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
          }
        };
    shell =
        JShell.builder()
            .executionEngine(inProcess, Map.of())
            .compilerOptions("--class-path", classpath)
            .build();
    analysis = shell.sourceCodeAnalysis();
    for (String imp : IMPORTS) {
      for (SnippetEvent e : shell.eval("import " + imp + ";")) {
        if (e.status() == Snippet.Status.REJECTED) {
          throw new IllegalStateException("the kernel's import " + imp + " failed: " + diagnostics(e.snippet()));
        }
      }
    }
  }

  /**
   * Runs {@code code} as cell number {@code cell} (the number Jupyter shows as {@code In [n]}) and
   * returns its value, if it has one.
   *
   * @throws CellException if a snippet does not compile, throws, or is interrupted; the snippets
   *     before it have run, the ones after it have not
   */
  public Optional<CellValue> evaluate(String code, int cell) {
    Optional<CellValue> value = Optional.empty();
    int offset = 0;
    while (true) {
      while (offset < code.length() && Character.isWhitespace(code.charAt(offset))) {
        offset++;
      }
      String rest = code.substring(offset);
      if (rest.isEmpty()) {
        break;
      }
      CompletionInfo info = analysis.analyzeCompletion(rest);
      if (info.completeness() == Completeness.EMPTY) {
        break; // only comments are left
      }
      String source;
      String remaining;
      if (info.completeness().isComplete() || info.completeness() == Completeness.UNKNOWN) {
        source = info.source();
        remaining = info.remaining();
      } else {
        // unfinished code: let the compiler say what is missing
        source = rest;
        remaining = "";
      }
      int length = rest.length() - remaining.length();
      boolean last =
          remaining.isBlank()
              || analysis.analyzeCompletion(remaining.strip()).completeness() == Completeness.EMPTY;
      boolean showsValue = last && !rest.substring(0, length).strip().endsWith(";");
      value = run(source, new Origin(cell, lineOf(code, offset), code), offset, showsValue);
      offset += length;
    }
    return value;
  }

  /** Stops the snippet that is running (from another thread); its cell ends with {@link CellException.Interrupted}. */
  public void stop() {
    shell.stop();
  }

  /** Completions at {@code cursor} in {@code code}: the replacements and the start of the text they replace. */
  public Completion complete(String code, int cursor) {
    int start = snippetStart(code, cursor);
    int[] anchor = new int[1];
    List<String> names =
        analysis.completionSuggestions(code.substring(start, cursor), cursor - start, anchor).stream()
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .collect(Collectors.toList());
    return new Completion(names, start + anchor[0], cursor);
  }

  /** Replacements for {@code [start, end)} of a cell. */
  public record Completion(List<String> replacements, int start, int end) {}

  /** Signatures (and javadoc where the JDK has it) of what is at {@code cursor}, or an empty list. */
  public List<String> documentation(String code, int cursor, boolean javadoc) {
    int start = snippetStart(code, cursor);
    return analysis.documentation(code.substring(start, cursor), cursor - start, javadoc).stream()
        .map(d -> d.javadoc() == null || d.javadoc().isBlank() ? d.signature() : d.signature() + "\n" + d.javadoc())
        .collect(Collectors.toList());
  }

  /** Whether {@code code} is complete: "complete", "incomplete" or "invalid". */
  public String completeness(String code) {
    String rest = code.strip();
    while (!rest.isEmpty()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      switch (info.completeness()) {
        case EMPTY:
          return "complete";
        case UNKNOWN:
          return "invalid";
        case DEFINITELY_INCOMPLETE:
        case CONSIDERED_INCOMPLETE:
          return "incomplete";
        default:
          rest = info.remaining().strip();
      }
    }
    return "complete";
  }

  @Override
  public void close() {
    shell.close();
  }

  private Optional<CellValue> run(String source, Origin origin, int offset, boolean showsValue) {
    control.reset();
    List<SnippetEvent> events = shell.eval(source);
    SnippetEvent event = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
    flushStreams();
    if (event == null) {
      throw new CellException.CompileError(
          List.of("JShell did not accept the snippet", where(origin, 1) + firstLine(source)));
    }
    Snippet snippet = event.snippet();
    origins.put(snippet.id(), origin);
    if (control.stopped()) {
      throw new CellException.Interrupted(List.of("interrupted in " + where(origin, 1) + firstLine(source)));
    }
    if (event.status() == Snippet.Status.REJECTED) {
      throw compileError(snippet, origin, offset);
    }
    if (event.exception() != null) {
      throw runtimeError(event.exception());
    }
    if (snippet instanceof VarSnippet v && control.lastClass() != null) {
      variableClasses.put(v.name(), control.lastClass());
    }
    if (snippet instanceof DeclarationSnippet d
        && (event.status() == Snippet.Status.RECOVERABLE_DEFINED
            || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
      String missing = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
      System.err.println(
          "note: " + d.name() + " refers to " + missing + ", not defined yet; it cannot be used until they are");
      System.err.flush();
    }
    if (!showsValue) {
      return Optional.empty();
    }
    if (snippet instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      return Optional.of(new CellValue(event.value(), control.value(control.lastClass(), v.name(), null)));
    }
    if (snippet instanceof ExpressionSnippet x) {
      return Optional.of(new CellValue(event.value(), control.value(variableClasses.get(x.name()), x.name(), null)));
    }
    return Optional.empty();
  }

  /** Each error: its message, then the cell line it is on with a caret under it. */
  private CellException compileError(Snippet snippet, Origin origin, int offset) {
    List<String> lines = new ArrayList<>();
    String cellSource = origin.cellSource();
    for (Diag d : shell.diagnostics(snippet).collect(Collectors.toList())) {
      if (!d.isError()) {
        continue;
      }
      lines.addAll(d.getMessage(Locale.ROOT).lines().collect(Collectors.toList()));
      long start = d.getStartPosition();
      if (start < 0) {
        lines.add(where(origin, 1) + firstLine(snippet.source()));
        continue;
      }
      int at = (int) Math.min(offset + start, cellSource.length());
      int end = (int) Math.min(offset + Math.max(d.getEndPosition(), start + 1), cellSource.length());
      int lineStart = cellSource.lastIndexOf('\n', at - 1) + 1;
      int lineEnd = cellSource.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = cellSource.length();
      }
      String head = where(origin.cell(), lineOf(cellSource, at));
      lines.add(head + cellSource.substring(lineStart, lineEnd));
      int width = Math.max(1, Math.min(end, lineEnd) - at);
      lines.add(" ".repeat(head.length() + at - lineStart) + "^" + (width > 1 ? "-".repeat(width - 2) + "^" : ""));
    }
    if (lines.isEmpty()) {
      lines.add("the compiler rejected the snippet");
      lines.add(where(origin, 1) + firstLine(snippet.source()));
    }
    return new CellException.CompileError(lines);
  }

  private CellException runtimeError(JShellException e) {
    if (e instanceof UnresolvedReferenceException u) {
      DeclarationSnippet d = u.getSnippet();
      String missing = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
      List<String> lines = new ArrayList<>();
      lines.add(d.name() + " cannot be used: it refers to " + missing + ", not defined");
      lines.addAll(frames(e.getStackTrace()));
      return new CellException.RuntimeError(lines);
    }
    List<String> lines = new ArrayList<>();
    lines.add(describe(e));
    lines.addAll(frames(e.getStackTrace()));
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      lines.add("Caused by: " + describe(c));
      lines.addAll(frames(c.getStackTrace()));
    }
    return new CellException.RuntimeError(lines);
  }

  private static String describe(Throwable t) {
    String name = t instanceof EvalException ev ? ev.getExceptionClassName() : t.getClass().getName();
    String message = t.getMessage();
    return message == null ? name : name + ": " + WRAPPER.matcher(message).replaceAll("");
  }

  private List<String> frames(StackTraceElement[] trace) {
    List<String> lines = new ArrayList<>();
    int n = Math.min(trace.length, MAX_FRAMES);
    for (int i = 0; i < n; i++) {
      StackTraceElement f = trace[i];
      String file = f.getFileName();
      Origin o = file != null && file.startsWith("#") ? origins.get(file.substring(1)) : null;
      if (o == null) {
        lines.add("    at " + WRAPPER.matcher(f.toString()).replaceAll(""));
        continue;
      }
      int line = o.firstLine() + Math.max(f.getLineNumber(), 1) - 1;
      String type = WRAPPER.matcher(f.getClassName()).replaceAll("");
      String method = f.getMethodName().isEmpty() ? "" : (type.isEmpty() ? "" : type + ".") + f.getMethodName() + ", ";
      lines.add("    at " + method + where(o.cell(), line) + lineText(o.cellSource(), line));
    }
    if (trace.length > n) {
      lines.add("    ... " + (trace.length - n) + " more");
    }
    return lines;
  }

  private String diagnostics(Snippet s) {
    return shell.diagnostics(s).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; "));
  }

  /** The start of the snippet of {@code code} that contains {@code cursor}. */
  private int snippetStart(String code, int cursor) {
    int start = 0;
    while (start < cursor) {
      String rest = code.substring(start, cursor);
      CompletionInfo info = analysis.analyzeCompletion(rest);
      if (!info.completeness().isComplete() || info.remaining().isBlank()) {
        break;
      }
      start += rest.length() - info.remaining().length();
    }
    return start;
  }

  private static String where(Origin origin, int lineInSnippet) {
    return where(origin.cell(), origin.firstLine() + lineInSnippet - 1);
  }

  private static String where(int cell, int line) {
    return "cell [" + cell + "] line " + line + ": ";
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String lineText(String text, int line) {
    return text.lines().skip(line - 1L).findFirst().map(String::strip).orElse("");
  }

  private static String firstLine(String source) {
    return source.strip().lines().findFirst().orElse("");
  }

  private static void flushStreams() {
    System.out.flush();
    System.err.flush();
  }
}
