package org.paperlab.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Configs;

/** SgdConfig through the one config <-> text map conversion of paperlab-core. */
class SgdConfigTest {
  @Test
  void roundTripsThroughTheTextMapWithEveryVariantSet() {
    SgdConfig c = SgdConfig.defaults().withSteps(12_345).withRuns(7)
        .withSchedule(new Schedule.HeavyTail(1 / Math.sqrt(10), 1.5))
        .withOutputs(new Output.Last(), new Output.ShamirZhang(3), new Output.Weighted(2), new Output.Suffix())
        .withNoise(new NoiseModel.Pareto(2.5, 0.1)).withClip(10).withMirror(MirrorMap.ENTROPY)
        .withDeltas(List.of(0.2, 0.05)).withCheckpointsPerDecade(4).withBootstrap(0).withSeed(-3).withThreads(2);
    Map<String, String> m = Configs.toMap(c);
    assertEquals(c, Configs.fromMap(SgdConfig.class, m));
    // the text forms, written out by hand
    assertEquals("heavy-tail(eta=" + (1 / Math.sqrt(10)) + ", p=1.5)", m.get("schedule"));
    assertEquals("last,shamir-zhang(eta=3.0),weighted(beta=2.0),suffix", m.get("outputs"));
    assertEquals("pareto(alpha=2.5, sigma=0.1)", m.get("noise"));
    assertEquals("10.0", m.get("clip"));
    assertEquals("entropy", m.get("mirror"));
    assertEquals("0.2,0.05", m.get("deltas"));
    assertEquals(List.of("steps", "runs", "schedule", "outputs", "noise", "clip", "mirror", "deltas",
        "checkpointsPerDecade", "bootstrap", "seed", "threads"), List.copyOf(m.keySet()));
    // the step constant 1/sqrt(10) comes back to the same bits
    assertEquals(Double.doubleToRawLongBits(1 / Math.sqrt(10)),
        Double.doubleToRawLongBits(((Schedule.HeavyTail) Configs.fromMap(SgdConfig.class, m).schedule()).eta()));
  }

  @Test
  void defaultsAsText() {
    Map<String, String> d = Configs.toMap(SgdConfig.defaults());
    assertEquals("10000", d.get("steps"));
    assertEquals("sqrt-t(c=1.0)", d.get("schedule"));
    assertEquals("last", d.get("outputs"));
    assertEquals("none", d.get("noise"));
    assertEquals("Infinity", d.get("clip"));
    assertEquals("euclidean", d.get("mirror"));
    assertEquals("0", d.get("threads"));
    assertEquals(SgdConfig.defaults(), Configs.fromMap(SgdConfig.class, d));
    // "inf" is the project's spelling of no clipping too (core Numbers)
    assertEquals(SgdConfig.defaults(), Configs.with(SgdConfig.defaults(), "clip", "inf"));
  }

  @Test
  void invalidTextIsNamedByItsKey() {
    InvalidArgumentException runs = assertThrows(InvalidArgumentException.class,
        () -> Configs.with(SgdConfig.defaults(), "runs", "0"));
    assertEquals("runs", runs.argument());
    InvalidArgumentException dup = assertThrows(InvalidArgumentException.class,
        () -> Configs.with(SgdConfig.defaults(), "outputs", "last,uniform,last"));
    assertEquals("outputs", dup.argument());
    assertTrue(dup.getMessage().contains("'last' appears twice"), dup.getMessage());
    InvalidArgumentException steps = assertThrows(InvalidArgumentException.class,
        () -> SgdConfig.defaults().withSteps(SgdConfig.MAX_STEPS + 1));
    assertEquals("steps", steps.argument());
    InvalidArgumentException clip = assertThrows(InvalidArgumentException.class,
        () -> Configs.with(SgdConfig.defaults(), "clip", "-1"));
    assertEquals("clip", clip.argument());
    InvalidArgumentException sched = assertThrows(InvalidArgumentException.class,
        () -> Configs.with(SgdConfig.defaults(), "schedule", "cosine(c=1)"));
    assertEquals("schedule", sched.argument());
    assertTrue(sched.getMessage().contains("is not one of constant, sqrt-t"), sched.getMessage());
  }
}
