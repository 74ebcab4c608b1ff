package org.paperlab.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.Seeds;

class RectifiedFlowTest {
  /** A short version of the notebook's training (the experiment runs 10,000 steps at batch 2048). */
  static final FlowConfig QUICK = FlowConfig.defaults().withSteps(1500).withBatchSize(512).withHidden(64, 64);

  static INDArray x0;
  static INDArray x1;
  static FlowFit rf1;
  static FlowFit rf2;

  @BeforeAll
  static void trainTheToy() {
    SplittableRandom rng = Seeds.of(1).child("toy").random();
    x0 = Toys.mixtureSource(4000, rng);
    x1 = Toys.mixtureTarget(4000, rng);
    rf1 = RectifiedFlow.fit(QUICK, new TrainingData.Unpaired(x0, x1));
    TrainingData.Paired pairs = Reflow.pairs(SamplerConfig.euler(100), rf1.model(), x0);
    rf2 = RectifiedFlow.fit(QUICK.withSeed(1), pairs, rf1.model(), null);
  }

  @Test
  void independentCouplingCostIsTheClosedForm() {
    assertEquals(184.93220427624718, Toys.MIXTURE_INDEPENDENT_COST, 1e-12);
  }

  @Test
  void reflowDoesNotIncreaseTheTransportCostAndStraightensThePaths() {
    assertEquals(1, rf1.model().rectification());
    assertEquals(2, rf2.model().rectification());
    FlowMetrics.Straightness s1 = FlowMetrics.straightness(rf1.model(), x0, 100, true);
    FlowMetrics.Straightness s2 = FlowMetrics.straightness(rf2.model(), x0, 100, true);
    // Liu et al., Theorem 3.5: every learned coupling's cost stays under the independent
    // coupling's closed form, and reflow does not increase it
    assertTrue(s1.transportCost() < Toys.MIXTURE_INDEPENDENT_COST, "1-RF cost " + s1.transportCost());
    assertTrue(s2.transportCost() <= s1.transportCost(), "2-RF " + s2.transportCost() + " vs 1-RF " + s1.transportCost());
    assertTrue(s2.value() < 0.5 * s1.value(), "straightness 2-RF " + s2.value() + " vs 1-RF " + s1.value());
    assertEquals(s1.value() / 2, s1.perDimension(), 1e-15);
  }

  @Test
  void aTranslationIsLearnedStraightAndTransportedInOneStep() {
    // pairs (z, z + mu): the velocity field is the constant mu, the flow exactly straight, so one
    // Euler step must carry fresh points to z + mu
    SplittableRandom rng = Seeds.of(2).random();
    INDArray z = Toys.gaussian(4000, 2, rng);
    INDArray mu = Nd4j.createFromArray(new float[][] {{3f, -2f}});
    TrainingData.Paired pairs = TrainingData.Paired.given(z, z.addRowVector(mu));
    FlowFit fit = RectifiedFlow.fit(QUICK.withSteps(800), pairs);
    INDArray fresh = Toys.gaussian(1000, 2, rng);
    INDArray out = FlowSampler.solve(SamplerConfig.euler(1), fit.model(), fresh).samples();
    double err = out.sub(fresh.addRowVector(mu)).norm2Number().doubleValue() / Math.sqrt(1000);
    assertTrue(err < 0.05, "RMS error of one Euler step: " + err);
    assertEquals(1, FlowSampler.solve(SamplerConfig.euler(1), fit.model(), fresh).nfe());
  }

  @Test
  void theSameCallGivesTheSameModelBitForBit() {
    FlowConfig c = QUICK.withSteps(50);
    FlowFit a = RectifiedFlow.fit(c, TrainingData.Unpaired.fromGaussian(x1));
    FlowFit b = RectifiedFlow.fit(c, TrainingData.Unpaired.fromGaussian(x1));
    assertArrayEquals(a.model().rawWeights(), b.model().rawWeights());
    FlowFit other = RectifiedFlow.fit(c.withSeed(9), TrainingData.Unpaired.fromGaussian(x1));
    assertTrue(!java.util.Arrays.equals(a.model().rawWeights(), other.model().rawWeights()));
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    // the OT pairing runs its blocks on the threads with one stream per block; the gradient is
    // always two shards: one thread, two threads and "all cores" give the same weights
    FlowConfig c = QUICK.withSteps(20).withBatchSize(256).withCoupling(new Coupling.MinibatchOt(0.01, 64));
    TrainingData data = new TrainingData.Unpaired(x0, x1);
    float[] one = RectifiedFlow.fit(c.withThreads(1), data).model().rawWeights();
    assertArrayEquals(one, RectifiedFlow.fit(c.withThreads(2), data).model().rawWeights());
    assertArrayEquals(one, RectifiedFlow.fit(c.withThreads(0), data).model().rawWeights());
  }

  @Test
  void samplersCountTheirEvaluations() {
    INDArray z = x0.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 200), org.nd4j.linalg.indexing.NDArrayIndex.all());
    FlowModel m = rf2.model();
    assertEquals(8, FlowSampler.solve(SamplerConfig.euler(8), m, z).nfe());
    assertEquals(16, FlowSampler.solve(SamplerConfig.defaults().withMethod(
        org.paperlab.core.ode.OdeMethod.fixed(org.paperlab.core.ode.Scheme.HEUN, 8)), m, z).nfe());
    SampleResult a = FlowSampler.solve(SamplerConfig.adaptive(1e-4), m, z);
    assertTrue(a.nfe() > 2, "adaptive NFE " + a.nfe());
    // forward then backward returns close to the start (the flow map is invertible)
    INDArray there = FlowSampler.solve(SamplerConfig.adaptive(1e-6), m, z).samples();
    INDArray back = FlowSampler.solve(SamplerConfig.adaptive(1e-6).withBackward(true), m, there).samples();
    double err = back.sub(z).norm2Number().doubleValue() / Math.sqrt(200);
    assertTrue(err < 1e-2, "round trip error " + err);
  }

  @Test
  void couplingAndDataMustAgree() {
    var e = assertThrows(IllegalArgumentException.class, () -> RectifiedFlow.fit(
        QUICK.withCoupling(new Coupling.MinibatchOt(0.01, 64)), TrainingData.Paired.given(x0, x1)));
    assertTrue(e.getMessage().startsWith("coupling"), e.getMessage());
    var dims = assertThrows(IllegalArgumentException.class,
        () -> FlowSampler.solve(SamplerConfig.euler(2), rf1.model(), Nd4j.zeros(3, 5)));
    assertTrue(dims.getMessage().contains("(5) must equal the model's dimension (2)"), dims.getMessage());
  }
}
