package org.paperlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.paperlab.core.Seeds;
import org.paperlab.core.io.DataFormatException;

class FlowModelFileTest {
  @TempDir static Path dir;
  static FlowModel model;
  static Path file;

  @BeforeAll
  static void train() throws Exception {
    var rng = Seeds.of(4).random();
    FlowConfig c = FlowConfig.defaults().withSteps(60).withBatchSize(256).withHidden(16, 16).withEmaDecay(0.99);
    model = RectifiedFlow.fit(c, TrainingData.Unpaired.fromGaussian(Toys.twoMoons(1000, rng))).model();
    file = dir.resolve("m.model");
    model.save(file);
  }

  @Test
  void aSavedModelReloadsToIdenticalSamples() {
    FlowModel back = FlowModel.load(file);
    assertArrayEquals(model.rawWeights(), back.rawWeights());
    assertArrayEquals(model.emaWeights(), back.emaWeights());
    assertEquals(model.config(), back.config());
    assertEquals(model.rectification(), back.rectification());
    INDArray z = Toys.gaussian(300, 2, Seeds.of(5).random());
    for (SamplerConfig s : new SamplerConfig[] {SamplerConfig.euler(10), SamplerConfig.euler(10).withUseEma(false)}) {
      float[] a = FlowSampler.solve(s, model, z).samples().data().asFloat();
      float[] b = FlowSampler.solve(s, back, z).samples().data().asFloat();
      assertArrayEquals(a, b);
    }
  }

  @Test
  void damagedFilesGetClearErrors() throws Exception {
    byte[] good = Files.readAllBytes(file);
    assertProblem(Arrays.copyOf(good, good.length - 20), "truncated");
    assertProblem(Arrays.copyOf(good, 30), "truncated");
    byte[] flipped = good.clone();
    flipped[good.length - 40] ^= 0x10; // inside the EMA weights
    assertProblem(flipped, "checksum mismatch");
    byte[] magic = good.clone();
    magic[0] = 'X';
    assertProblem(magic, "is not a paperlab flow model");
    byte[] version = good.clone();
    version[ModelFile.MAGIC.length + 3] = 9;
    assertProblem(version, "model format version 9");
    byte[] longer = Arrays.copyOf(good, good.length + 4);
    assertProblem(longer, "bytes after the end");
    assertProblem("PAPERLAB-FLOW\n".getBytes(), "truncated");
    var missing = assertThrows(DataFormatException.class, () -> FlowModel.load(dir.resolve("none.model")));
    assertEquals("file not found", missing.problem());
  }

  private static void assertProblem(byte[] bytes, String expected) throws Exception {
    Path p = dir.resolve("bad-" + System.nanoTime() + ".model");
    Files.write(p, bytes);
    DataFormatException e = assertThrows(DataFormatException.class, () -> FlowModel.load(p));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
