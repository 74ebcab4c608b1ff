package org.paperlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.core.Fits;
import org.paperlab.core.io.AtomicFiles;

class FilesAndChartsTest {
  @TempDir Path dir;

  @Test
  void csvQuotesFieldsThatNeedIt() {
    CsvTable t = new CsvTable("name", "value").addRow("a,b", 1.5).addRow("say \"hi\"", 1e20);
    assertEquals("name,value\n\"a,b\",1.5\n\"say \"\"hi\"\"\",1.0E20\n", t.toCsv());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.add(1, 2, 3));
    assertTrue(e.getMessage().contains("row has 3 values, the table has 2 columns"));
  }

  @Test
  void atomicWriteReplacesWholeFile() throws Exception {
    Path f = dir.resolve("x.json");
    AtomicFiles.writeString(f, "first version, long text");
    AtomicFiles.writeString(f, "second");
    assertEquals("second", Files.readString(f));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void atomicWriteLeavesTheFileReadableByOthers() throws Exception {
    Path f = dir.resolve("shared.csv");
    AtomicFiles.writeString(f, "a,b\n");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.getFileStore(f).supportsFileAttributeView("posix"));
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
  }

  @Test
  void logLogChartFitsSlopeAndSkipsNonPositivePoints() {
    Chart c = Chart.logLog("t", "x", "y");
    double[] x = {0, 1, 10, 100, 1000};
    double[] y = {5, 1, 0.1, 0.01, 0.001};
    Fits.Line fit = c.seriesWithFit("y", x, y);
    assertEquals(-1.0, fit.slope(), 1e-12);
    assertEquals(4, c.xy().getSeries("y").getXData().length, "x = 0 cannot be drawn on a log axis");
    assertTrue(c.xy().getSeries("y fit: slope -1.000") != null);
    assertTrue(c.png().length > 1000);
  }

  @Test
  void histogramCountsEveryFiniteValue() {
    Chart h = Chart.histogram("h", "v", "values", new double[] {0, 0.1, 0.5, 0.9, 1.0, Double.NaN}, 2);
    double[] counts = h.xy().getSeries("values").getYData();
    assertEquals(2 + 3, counts[0] + counts[2], 0.0); // bins [0,0.5) and [0.5,1]
  }

  @Test
  void progressLogsWithEtaWhenNotATerminal() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Progress p = Progress.logging("train", 200, new PrintStream(buf, true, StandardCharsets.UTF_8));
    p.stepBy(50);
    p.status("loss %.2f", 0.25);
    String line = p.line(System.nanoTime());
    assertTrue(line.startsWith("[train] 50/200 (25.0%) elapsed"), line);
    assertTrue(line.endsWith("loss 0.25"), line);
    assertTrue(line.contains("eta"), line);
  }

  @Test
  void experimentsAreDiscovered() {
    assertTrue(Experiments.find("core-ode-order").isPresent());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiments.require("nope"));
    assertTrue(e.getMessage().contains("unknown experiment 'nope'; known: core-ode-order"), e.getMessage());
  }
}
