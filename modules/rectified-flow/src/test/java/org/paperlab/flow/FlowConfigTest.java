package org.paperlab.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperlab.core.config.Configs;
import org.paperlab.core.config.Variants;
import org.paperlab.core.nn.Activation;
import org.paperlab.core.ode.OdeMethod;
import org.paperlab.core.ode.Scheme;

class FlowConfigTest {
  @Test
  void configsRoundTripThroughTheFlatMap() {
    FlowConfig c = FlowConfig.defaults().withHidden(32, 8).withActivation(Activation.SILU)
        .withTimeDistribution(new TimeDistribution.UShaped(4)).withLoss(new FlowLoss.PseudoHuber(0.01))
        .withCoupling(new Coupling.MinibatchOt(0.02, 128)).withEmaDecay(0.999).withClipNorm(1).withSeed(-5);
    assertEquals(c, Configs.fromMap(FlowConfig.class, Configs.toMap(c)));
    assertEquals("u-shaped(a=4.0)", Configs.toMap(c).get("timeDistribution"));
    assertEquals("ot(epsilon=0.02, blockSize=128)", Configs.toMap(c).get("coupling"));
    assertEquals("l2(reduction=sum)", Configs.toMap(FlowConfig.defaults()).get("loss"));
    SamplerConfig s = SamplerConfig.defaults().withMethod(OdeMethod.fixed(Scheme.RK4, 4)).withBackward(true);
    assertEquals(s, Configs.fromMap(SamplerConfig.class, Configs.toMap(s)));
    assertEquals("fixed(scheme=rk4, steps=4)", Configs.toMap(s).get("method"));
  }

  @Test
  void everyVariantNameParsesAndUnknownNamesAreListed() {
    assertEquals(List.of("uniform", "u-shaped", "zero"), Variants.names(TimeDistribution.class));
    assertEquals(List.of("l2", "huber"), Variants.names(FlowLoss.class));
    assertEquals(List.of("independent", "ot"), Variants.names(Coupling.class));
    assertEquals(new FlowLoss.SquaredL2(FlowLoss.Reduction.MEAN), FlowLoss.parse("l2(mean)"));
    assertEquals(new TimeDistribution.Zero(), TimeDistribution.parse("zero"));
    var e = assertThrows(IllegalArgumentException.class, () -> Coupling.parse("sinkhorn"));
    assertEquals("coupling = 'sinkhorn' is not one of independent, ot", e.getMessage());
  }

  @Test
  void badSettingsNameTheSetting() {
    var e = assertThrows(IllegalArgumentException.class, () -> FlowConfig.defaults().withEmaDecay(1.0));
    assertTrue(e.getMessage().startsWith("emaDecay = 1.0"), e.getMessage());
    var t = assertThrows(IllegalArgumentException.class, () -> Configs.with(FlowConfig.defaults(), "timeDistribution", "u-shaped(a=-1)"));
    assertTrue(t.getMessage().startsWith("timeDistribution.a = -1.0"), t.getMessage());
  }
}
