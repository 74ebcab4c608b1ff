package org.paperlab.gsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdultDataTest {
  /** Row counts and columns as documented by the sources (dp-data, private-pgm). */
  @Test
  void bundledFilesHaveTheDocumentedShape() {
    AdultData.Split raw = AdultData.raw();
    assertEquals(32561, raw.train().n());
    assertEquals(16281, raw.test().n());
    assertEquals(List.of("age", "workclass", "education", "marital-status", "occupation", "relationship", "race",
        "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income>50K"), raw.schema().names());
    assertEquals(4, raw.schema().dn());
    assertEquals(List.of("<=50K", ">50K"), raw.schema().categorical(raw.schema().catIndex("income>50K")).categories());
    assertEquals(17, raw.schema().numeric(0).min());
    assertEquals(90, raw.schema().numeric(0).max());
    Table binned = AdultData.binned();
    assertEquals(48842, binned.n());
    assertEquals(14, binned.schema().dc());
    assertEquals(85, binned.schema().categorical(0).size());
  }
}
