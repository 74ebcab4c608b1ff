package org.paperlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Every benchmark class in this module extends {@link BenchmarkBase}, so that every JMH fork gets
 * the same JVM settings (the ND4J memory flags, the Vector API module) unless the class says why
 * it differs. Scans the compiled main classes of the module (JMH's generated classes aside).
 */
class BenchmarkBaseTest {
  @Test
  void everyBenchmarkExtendsTheBase() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(BenchmarkBase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> benchmarks = new ArrayList<>();
    List<String> offBase = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.contains("jmh_generated") || name.contains("$")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, getClass().getClassLoader());
        boolean isBenchmark = false;
        for (Method m : c.getDeclaredMethods()) {
          isBenchmark |= m.isAnnotationPresent(Benchmark.class);
        }
        if (isBenchmark) {
          benchmarks.add(c.getSimpleName());
          if (!BenchmarkBase.class.isAssignableFrom(c)) {
            offBase.add(c.getName());
          }
        }
      }
    }
    assertTrue(benchmarks.size() >= 8, "found only " + benchmarks + " under " + root);
    assertEquals(List.of(), offBase, "benchmarks not on BenchmarkBase");
  }
}
