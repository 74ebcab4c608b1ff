package org.paperlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.core.config.Configs;
import org.paperlab.flow.FlowConfig;
import org.paperlab.flow.FlowModel;

class FlowCommandTest {
  @TempDir Path tmp;

  private Path moons() throws Exception {
    StringBuilder sb = new StringBuilder();
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < 600; i++) {
      double a = Math.PI * r.nextDouble();
      sb.append(Math.cos(a)).append(',').append(Math.sin(a)).append('\n');
    }
    Path p = tmp.resolve("t.csv");
    Files.writeString(p, sb.toString());
    return p;
  }

  @Test
  void helpShowsTheConfigsOwnDefaults() {
    CliRun r = CliRun.of("flow", "train", "--help");
    assertEquals(0, r.code());
    Map<String, String> defaults = Configs.toMap(FlowConfig.defaults());
    int checked = 0;
    for (var e : FlowCommand.TRAINING.entrySet()) {
      // the option's own row (not the usage line), then its description up to "(default: X)" at a line end
      Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(e.getKey()) + "=\\S+(?s:.*?)\\(default: (.*)\\)\\.?\\s*$")
          .matcher(r.out());
      assertTrue(m.find(), e.getKey() + " in\n" + r.out());
      assertEquals(defaults.get(e.getValue()), m.group(1), e.getKey());
      checked++;
    }
    assertEquals(12, checked);
  }

  @Test
  void trainSampleReflowEndToEnd() throws Exception {
    Path t = moons();
    Path m1 = tmp.resolve("rf1.model");
    CliRun train = CliRun.of("flow", "train", "--target", t.toString(), "--steps", "60", "--batch", "128",
        "--hidden", "16,16", "--model", m1.toString());
    assertEquals(0, train.code(), train.err());
    FlowModel model = FlowModel.load(m1);
    assertEquals(1, model.rectification());
    assertEquals(60, model.config().steps());
    assertEquals(java.util.List.of(16, 16), model.network().hidden());

    Path s = tmp.resolve("s.csv");
    CliRun sample = CliRun.of("flow", "sample", "--model", m1.toString(), "--n", "50", "--steps", "4", "--out", s.toString());
    assertEquals(0, sample.code(), sample.err());
    assertEquals(50, Files.readAllLines(s).size());
    assertTrue(sample.out().contains("NFE 4"), sample.out());
    CliRun heun = CliRun.of("flow", "sample", "--model", m1.toString(), "--n", "50", "--steps", "4", "--scheme", "heun",
        "--out", tmp.resolve("h.csv").toString());
    assertTrue(heun.out().contains("NFE 8"), heun.out());
    // the same command twice gives the same file
    Path s2 = tmp.resolve("s2.csv");
    CliRun.of("flow", "sample", "--model", m1.toString(), "--n", "50", "--steps", "4", "--out", s2.toString());
    assertArrayEquals(Files.readAllBytes(s), Files.readAllBytes(s2));

    Path m2 = tmp.resolve("rf2.model");
    CliRun reflow = CliRun.of("flow", "reflow", "--model", m1.toString(), "--n", "300", "--pairs-steps", "10",
        "--steps", "40", "--model-out", m2.toString());
    assertEquals(0, reflow.code(), reflow.err());
    FlowModel two = FlowModel.load(m2);
    assertEquals(2, two.rectification());
    assertEquals(40, two.config().steps());
    assertEquals(model.config().batchSize(), two.config().batchSize(), "untouched options keep the input's config");
  }

  @Test
  void badInputsAreRefusedInTheUsersTerms() throws Exception {
    Path t = moons();
    Path m = tmp.resolve("m.model");
    CliRun zero = CliRun.of("flow", "train", "--target", t.toString(), "--batch", "0", "--model", m.toString());
    assertEquals(2, zero.code());
    assertTrue(zero.err().contains("--batch = 0 must be > 0"), zero.err());
    assertFalse(Files.exists(m));
    CliRun unknown = CliRun.of("flow", "train", "--target", t.toString(), "--coupling", "emd", "--model", m.toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("--coupling = 'emd' is not one of independent, ot"), unknown.err());
    CliRun notAModel = CliRun.of("flow", "sample", "--model", t.toString(), "--n", "3", "--out", tmp.resolve("o.csv").toString());
    assertEquals(2, notAModel.code());
    assertTrue(notAModel.err().contains("is not a paperlab flow model"), notAModel.err());
    Path ragged = tmp.resolve("r.csv");
    Files.writeString(ragged, "1,2\n3\n");
    CliRun bad = CliRun.of("flow", "train", "--target", ragged.toString(), "--model", m.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("r.csv:2"), bad.err());
    CliRun both = CliRun.of("flow", "sample", "--model", m.toString(), "--out", tmp.resolve("o.csv").toString());
    assertEquals(2, both.code());
  }
}
