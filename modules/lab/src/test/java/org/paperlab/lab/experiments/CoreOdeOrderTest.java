package org.paperlab.lab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperlab.lab.Json;
import org.paperlab.lab.RunOptions;
import org.paperlab.lab.Runner;

class CoreOdeOrderTest {
  @TempDir Path out;

  @Test
  void quickRunReportsTheTheoreticalOrders() {
    Runner.Result r = Runner.run(new CoreOdeOrder(), new RunOptions(out, 0, true), new PrintStream(new ByteArrayOutputStream()));
    assertTrue(r.ok(), r.error());
    JsonNode m = Json.read(r.dir().resolve("metrics.json"));
    // Theory: global error O(h^p) with p = 1, 2, 4, 5. Fitted over h = 1/4..1/64 the slopes lie
    // within 0.3 of p (pre-asymptotic terms at h = 1/4 bias them slightly).
    String[] schemes = {"euler", "heun", "rk4", "dopri5"};
    int[] order = {1, 2, 4, 5};
    for (int i = 0; i < 4; i++) {
      for (String problem : new String[] {"decay", "rotation"}) {
        double slope = m.get("slope_" + schemes[i] + "_" + problem).asDouble();
        assertEquals(order[i], slope, 0.3, schemes[i] + " " + problem);
      }
    }
    assertTrue(m.get("adaptive_nfe_rtol1e-9").asInt() > m.get("adaptive_nfe_rtol1e-3").asInt());
    assertTrue(Files.exists(r.dir().resolve("order-decay.png")));
    assertTrue(Files.exists(r.dir().resolve("errors.csv")));
  }
}
