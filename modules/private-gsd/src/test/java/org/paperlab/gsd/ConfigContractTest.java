package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Configs;
import org.paperlab.core.config.Variants;

/** The method contract of the module: configs <-> flat text maps, and the names of every family. */
class ConfigContractTest {
  private static <R extends Record> void assertRoundTrip(R config) {
    @SuppressWarnings("unchecked")
    Class<R> type = (Class<R>) config.getClass();
    Map<String, String> flat = Configs.toMap(config);
    assertEquals(config, Configs.fromMap(type, flat), flat.toString());
  }

  /** Every config survives toMap / fromMap, defaults and values away from the defaults alike. */
  @Test
  void configsRoundTripThroughTheFlatMap() {
    GsdConfig gsd = GsdConfig.defaults().withRows(123).withCrossoverNoise(0.1 + 0.2).withThreads(3).withSeed(-9_007_199_254_740_993L);
    RapConfig rap = RapConfig.defaults().withRows(7).withSlopes(1.5, 1e300).withThreads(2).withSeed(Long.MAX_VALUE);
    assertRoundTrip(GsdConfig.defaults());
    assertRoundTrip(gsd);
    assertRoundTrip(RapConfig.defaults());
    assertRoundTrip(rap);
    assertRoundTrip(SynthesisConfig.defaults());
    assertRoundTrip(SynthesisConfig.of(0.3, 1e-9).withMode(BudgetMode.HYBRID).withRounds(3).withPerRound(4).withGenerator(gsd).withSeed(5));
    assertRoundTrip(SynthesisConfig.defaults().withGenerator(rap).withMode(BudgetMode.ADAPTIVE).withSeed(-1));
    assertRoundTrip(LogisticRegression.Config.defaults());
    assertRoundTrip(new LogisticRegression.Config(7, 1.0 / 3, 0));
    assertRoundTrip(QueryOptions.defaults().withRangeResolutions2(List.of()).withSeed(3));
    assertRoundTrip(EvaluationConfig.defaults());
    assertRoundTrip(EvaluationConfig.defaults().withQueries(List.of("range", "2way")).withClassifier(new LogisticRegression.Config(5, 0.5, 1)));
  }

  /** The flat keys and the text of the generator variant, by hand from the component names. */
  @Test
  void synthesisConfigIsOneFlatMapWithTheGeneratorAsAVariant() {
    SynthesisConfig c = SynthesisConfig.defaults().withGenerator(RapConfig.defaults().withRows(200)).withSeed(4);
    Map<String, String> m = Configs.toMap(c);
    assertEquals(List.of("epsilon", "delta", "mode", "rounds", "perRound", "generator", "seed"), List.copyOf(m.keySet()));
    assertEquals("NaN", m.get("delta"));
    assertEquals("one-shot", m.get("mode"));
    assertEquals("rap(rows=200, iterations=1000, learningRate=0.2, numericLearningRate=0.02, slopeStart=8.0, "
        + "slopeEnd=1024.0, samplesPerRow=10, threads=0, seed=4)", m.get("generator"));
    // a bare name is the generator's defaults; its seed is the synthesis' seed
    SynthesisConfig g = Configs.with(c, Map.of("generator", "gsd"));
    assertEquals(GsdConfig.defaults().withSeed(4), g.generator());
    SynthesisConfig s = Configs.with(c, Map.of("seed", "11"));
    assertEquals(11, s.generator().seed());
    assertEquals(GsdConfig.defaults().withRows(9), GeneratorConfig.parse("gsd(rows=9)"));
    // a bad component of the generator is named under its key
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Configs.with(c, Map.of("generator", "gsd(rows=0)")));
    assertTrue(e.getMessage().startsWith("generator.rows = 0"), e.getMessage());
  }

  /** Every family lists its names in declaration order, each parses, an unknown one is refused with the list. */
  @Test
  void everyFamilyNameParsesAndUnknownNamesListTheValidOnes() {
    assertEquals(List.of("one-shot", "adaptive", "hybrid"), Variants.names(BudgetMode.class));
    for (BudgetMode m : BudgetMode.values()) {
      assertEquals(m, BudgetMode.parse(Variants.name(m)));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetMode.parse("twice"));
    assertEquals("mode = 'twice' is not one of one-shot, adaptive, hybrid", e.getMessage());

    assertEquals(List.of("1way", "2way", "3way", "range", "prefix", "halfspace"), Variants.names(QueryFamily.class));
    assertEquals(Variants.names(QueryFamily.class), Workloads.FAMILIES);
    for (String f : Workloads.FAMILIES) {
      QueryFamily q = QueryFamily.parse(f);
      assertEquals(f, q.label());
      assertEquals(List.of(f), Workloads.parseFamilies(f));
    }
    assertInstanceOf(QueryFamily.TwoWay.class, QueryFamily.parse(" 2WAY "));
    e = assertThrows(IllegalArgumentException.class, () -> QueryFamily.parse("4way"));
    assertEquals("queries: unknown query family '4way'; known: 1way,2way,3way,range,prefix,halfspace", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Workloads.family(Fixtures.schema(), "cubes", QueryOptions.defaults()));
    assertTrue(e.getMessage().contains("known: 1way,2way,3way,range,prefix,halfspace"), e.getMessage());

    assertEquals(List.of("gsd", "rap"), Variants.names(GeneratorConfig.class));
    assertInstanceOf(GsdConfig.class, GeneratorConfig.parse("gsd"));
    assertInstanceOf(RapConfig.class, GeneratorConfig.parse("rap"));
    e = assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.parse("pgm"));
    assertEquals("generator = 'pgm' is not one of gsd, rap", e.getMessage());

    assertEquals(List.of("categorical", "numeric"), Variants.names(Column.Kind.class));
  }

  /** The workloads of each family, built by name, are the family's own (their family() is the name). */
  @Test
  void familiesBuildTheirOwnWorkloads() {
    Schema s = IncrementalAnswersTest.mixedSchema();
    QueryOptions o = QueryOptions.defaults().withPrefixesPerColumn(2).withHalfspacesPerColumn(2);
    for (String f : Workloads.FAMILIES) {
      List<Workload> w = Workloads.family(s, f, o);
      assertTrue(!w.isEmpty(), f);
      for (Workload x : w) {
        assertEquals(f, x.family());
      }
    }
    assertEquals(List.of("2way", "3way"), Workloads.defaultFamilies(Schema.of(List.of(
        Column.categorical("a", List.of("x", "y")), Column.categorical("b", List.of("x")), Column.categorical("c", List.of("z"))))));
    assertEquals(List.of("2way", "range"), Workloads.defaultFamilies(s));
    assertEquals(List.of("1way", "range"), Workloads.defaultFamilies(Schema.of(List.of(
        Column.categorical("a", List.of("x", "y")), Column.numeric("u", 0, 1, false)))));
  }

  /** threads: 0 is all cores and valid in every config; negative is refused. */
  @Test
  void threadsZeroIsTheDefaultEverywhere() {
    assertEquals(0, GsdConfig.defaults().threads());
    assertEquals(0, RapConfig.defaults().threads());
    assertThrows(IllegalArgumentException.class, () -> GsdConfig.defaults().withThreads(-1));
    assertThrows(IllegalArgumentException.class, () -> RapConfig.defaults().withThreads(-2));
    assertNotEquals(GsdConfig.defaults(), GsdConfig.defaults().withSeed(1));
  }
}
