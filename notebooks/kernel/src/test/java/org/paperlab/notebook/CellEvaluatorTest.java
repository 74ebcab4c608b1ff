package org.paperlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paperlab.lab.Chart;

/**
 * Cells evaluated by JShell in this JVM. The expected values are Java's own semantics, worked
 * out by hand for each cell (e.g. {@code 2 + 2 * 3 = 8}); the expected traceback lines are the
 * cells' own lines.
 */
class CellEvaluatorTest {
  private CellEvaluator ev;
  private int cell;

  @BeforeEach
  void start() {
    ev = new CellEvaluator(System.getProperty("java.class.path"));
    cell = 0;
  }

  @AfterEach
  void close() {
    ev.close();
  }

  private Optional<CellEvaluator.CellValue> run(String code) {
    return ev.evaluate(code, ++cell);
  }

  private String value(String code) {
    return run(code).orElseThrow(() -> new AssertionError("no value for " + code)).text();
  }

  @Test
  void anExpressionIsTheCellsValueAsTextAndObject() {
    CellEvaluator.CellValue v = run("6 * 7").orElseThrow();
    assertEquals("42", v.text());
    assertEquals(42, v.object());
    assertEquals("\"ab\"", value("\"a\" + \"b\""), "JShell's text of a string is quoted");
  }

  @Test
  void aCellOfSeveralSnippetsRunsThemInOrderAndShowsTheLast() {
    assertEquals("8", value("int a = 2;\nint b = a * 3;\na + b"));
    // a multi-line last expression, and a variable alone
    assertEquals("3", value("Math.max(1,\n    3)"));
    assertEquals("2", value("a"));
    assertEquals("5", value("a = 5"));
  }

  @Test
  void aTrailingSemicolonOrADeclarationGivesNoValue() {
    assertTrue(run("6 * 7;").isEmpty());
    assertTrue(run("int x = 6 * 7;").isEmpty());
    assertTrue(run("int y = 1;\n// a comment at the end\n").isEmpty());
    assertTrue(run("// only a comment").isEmpty());
  }

  @Test
  void importsAndDefinitionsCarryAcrossCells() {
    run("import java.util.concurrent.atomic.AtomicInteger;");
    run("int twice(int n) {\n  return 2 * n;\n}\nrecord P(int x, int y) {}");
    assertEquals("6", value("new AtomicInteger(3).get() * 2"));
    assertEquals("14", value("twice(new P(3, 4).y()) + twice(3)"));
    // the kernel's default imports (JShell's own list)
    assertEquals("[1, 2]", value("List.of(1, 2).stream().collect(Collectors.toList()).toString()").replace("\"", ""));
  }

  @Test
  void theCellsSeeTheProjectsClassesAsTheKernelLoadedThem() {
    Object chart = run("org.paperlab.lab.Chart.line(\"t\", \"x\", \"y\")").orElseThrow().object();
    // the same Class object: the cells' class loader delegates to the kernel's
    assertInstanceOf(Chart.class, chart);
  }

  @Test
  void printedTextGoesToSystemOutAndErrBeforeTheCellReturns() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, false, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, false, StandardCharsets.UTF_8));
      run("System.out.print(\"out \" + (1 + 1));\nSystem.err.print(\"err\");");
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals("out 2", o.toString(StandardCharsets.UTF_8));
    assertEquals("err", e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCompileErrorNamesTheCellLineAndStopsTheCell() {
    CellException.CompileError e =
        assertThrows(
            CellException.CompileError.class,
            () -> run("int ok = 1;\nint bad = \"text\";\nint after = 3;"));
    List<String> tb = e.traceback();
    assertTrue(tb.get(0).contains("incompatible types"), tb.toString());
    assertEquals("cell [1] line 2: int bad = \"text\";", tb.get(1));
    // the caret spans the string literal: columns 10..15 of the line, after the 17-character prefix
    assertEquals(" ".repeat(17 + 10) + "^----^", tb.get(2));
    assertEquals(String.join("\n", tb), e.getMessage());
    // the snippet before the error ran, the one after it did not
    assertEquals("1", value("ok"));
    CellException.CompileError missing = assertThrows(CellException.CompileError.class, () -> run("after"));
    assertTrue(missing.traceback().get(0).contains("cannot find symbol"), missing.traceback().toString());
  }

  @Test
  void codeThatCannotBeSplitIsReportedOnItsLine() {
    // two expressions without a ';' between them are one erroneous snippet: javac reads "a\na"
    // as the declaration "a a" and expects the ';' after the second a (column 1 of line 3)
    CellException.CompileError e = assertThrows(CellException.CompileError.class, () -> run("int a = 1;\na\na + 1"));
    assertEquals(List.of("';' expected", "cell [1] line 3: a + 1", " ".repeat(17 + 1) + "^"), e.traceback());
    // an unfinished cell
    CellException.CompileError open =
        assertThrows(CellException.CompileError.class, () -> run("int f() {\n  return 1;\n"));
    assertTrue(open.getMessage().contains("cell [2] line "), open.getMessage());
  }

  @Test
  void aRuntimeExceptionNamesItsClassMessageAndTheCellLines() {
    run("int divide(int n, int d) {\n  int q = n / d;\n  return q;\n}");
    CellException.RuntimeError e =
        assertThrows(CellException.RuntimeError.class, () -> run("int zero = 0;\nint r = 1 +\n  divide(1, zero);"));
    List<String> tb = e.traceback();
    assertEquals("java.lang.ArithmeticException: / by zero", tb.get(0));
    assertTrue(tb.get(1).endsWith("cell [1] line 2: int q = n / d;"), tb.toString());
    assertTrue(tb.get(1).contains("divide"), tb.toString());
    assertEquals("    at cell [2] line 3: divide(1, zero);", tb.get(2));
  }

  @Test
  void anExceptionFromProjectCodeKeepsItsFramesAndCauses() {
    CellException.RuntimeError e =
        assertThrows(CellException.RuntimeError.class, () -> run("org.paperlab.core.Checks.positive(\"bins\", 0)"));
    // Checks' message names the argument, its value and the rule
    assertEquals("org.paperlab.core.InvalidArgumentException: bins = 0 must be > 0", e.traceback().get(0));
    assertTrue(e.traceback().get(1).contains("org.paperlab.core.Checks"), e.traceback().toString());
    CellException.RuntimeError chained =
        assertThrows(
            CellException.RuntimeError.class,
            () -> run("throw new IllegalStateException(\"outer\", new java.io.IOException(\"inner\"));"));
    assertEquals("java.lang.IllegalStateException: outer", chained.traceback().get(0));
    assertTrue(chained.traceback().contains("Caused by: java.io.IOException: inner"), chained.traceback().toString());
  }

  @Test
  void aMethodWithAMissingDependencyFailsWhenCalled() {
    run("void g() { h(); }");
    CellException.RuntimeError e = assertThrows(CellException.RuntimeError.class, () -> run("g()"));
    assertTrue(e.traceback().get(0).contains("h()"), e.traceback().toString());
    run("void h() {}");
    assertTrue(run("g();").isEmpty(), "g runs once h exists");
  }

  @Test
  void stopEndsARunningCellWithInterrupted() throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                ev.evaluate("long n = 0;\nwhile (true) { if (++n == 1) System.setProperty(\"paperlab.test.looping\", \"yes\"); }", 1);
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    System.clearProperty("paperlab.test.looping");
    t.start();
    // stop the second snippet, the loop, once it runs (a stop in the first would end the cell at line 1)
    for (int i = 0; i < 400 && t.isAlive() && System.getProperty("paperlab.test.looping") == null; i++) {
      t.join(50);
    }
    // a stop between JShell's steps can miss: repeat it until the cell ends (at most 20 s)
    for (int i = 0; i < 400 && t.isAlive(); i++) {
      ev.stop();
      t.join(50);
    }
    assertTrue(!t.isAlive(), "the cell did not stop");
    assertInstanceOf(CellException.Interrupted.class, thrown.get());
    assertTrue(thrown.get().getMessage().contains("cell [1] line 2"), thrown.get().getMessage());
    // the kernel goes on
    assertEquals("1", value("n > 0 ? 1 : 0"));
  }

  @Test
  void displayInACellSendsAPngBundle() {
    List<DisplayData> shown = new ArrayList<>();
    java.util.function.Consumer<DisplayData> sink = shown::add;
    Notebook.attach(sink);
    try {
      run(
          "import java.awt.image.BufferedImage;\n"
              + "var img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);\n"
              + "display(img);\n"
              + "display(\"text\");");
    } finally {
      Notebook.detach(sink);
    }
    assertEquals(2, shown.size());
    assertTrue(shown.get(0).hasDataForType(MIMEType.IMAGE_PNG));
    assertEquals("<image 3x2>", shown.get(0).getData(MIMEType.TEXT_PLAIN));
    assertEquals("text", shown.get(1).getData(MIMEType.TEXT_PLAIN));
    IllegalStateException outside =
        assertThrows(IllegalStateException.class, () -> Notebook.display("x"));
    assertTrue(outside.getMessage().contains("paperlab notebook kernel"));
  }

  @Test
  void completionAndCompleteness() {
    CellEvaluator.Completion c = ev.complete("int a = 1;\nMath.ma", 18);
    assertTrue(c.replacements().contains("max("), c.replacements().toString());
    assertEquals(16, c.start(), "the replacement starts after 'Math.'");
    assertEquals("complete", ev.completeness("int a = 1;\na"));
    assertEquals("incomplete", ev.completeness("for (int i = 0; i < 3; i++) {"));
  }
}
