package org.paperlab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page's links to the executed notebooks and to the benchmark report. */
class ReportPageTest {
  @Test
  void linksEveryExecutedNotebookAndMarksAFailedOne(@TempDir Path out) throws IOException {
    Path nb = Files.createDirectories(out.resolve("notebooks"));
    Files.writeString(nb.resolve("sinkhorn-ot.html"), "<html></html>");
    Files.writeString(nb.resolve("sinkhorn-ot.ipynb"), "{}");
    Files.writeString(nb.resolve("sinkhorn-ot.log"), "ok");
    Files.writeString(nb.resolve("broken.log"), "RuntimeError");
    String html = Files.readString(ReportPage.write(out));
    assertTrue(html.contains("<a href=\"#notebooks\">notebooks</a>"), html);
    assertTrue(html.contains("<a href=\"notebooks/sinkhorn-ot.html\">sinkhorn-ot</a>"), html);
    assertTrue(html.contains("<a href=\"notebooks/sinkhorn-ot.ipynb\">ipynb</a>"), html);
    assertTrue(html.contains("broken <span class=\"failed\">failed</span>"), html);
    assertTrue(html.contains("<a href=\"notebooks/broken.log\">log</a>"), html);
    assertFalse(html.contains("sinkhorn-ot <span class=\"failed\""), html);
    assertFalse(html.contains("benchmarks/index.html"), "no benchmark report yet:\n" + html);
  }

  @Test
  void linksTheBenchmarkReportWhenItIsThere(@TempDir Path out) throws IOException {
    Files.createDirectories(out.resolve("benchmarks"));
    Files.writeString(out.resolve("benchmarks/index.html"), "<html></html>");
    String html = Files.readString(ReportPage.write(out));
    assertTrue(html.contains("<a href=\"benchmarks/index.html\">benchmark report</a>"), html);
    assertFalse(html.contains("id=\"notebooks\""), html);
  }
}
