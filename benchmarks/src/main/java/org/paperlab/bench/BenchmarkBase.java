package org.paperlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shared JMH settings for paperlab benchmarks: average time per operation, one fork with the
 * JVM settings every ND4J process gets (no per-allocation physical-memory syscall, explicit
 * off-heap cap, native libraries cached inside the project), 3 warmup and 5 measurement
 * iterations of 1 s. Override on the command line ({@code -f}, {@code -wi}, {@code -i}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules=jdk.incubator.vector",
      "-Xmx4g",
      "-XX:+UseParallelGC",
      "-Dorg.bytedeco.javacpp.maxphysicalbytes=0",
      "-Dorg.bytedeco.javacpp.maxbytes=8g",
      "-Dorg.bytedeco.javacpp.cachedir=.cache/javacpp"
    })
@State(Scope.Benchmark)
public abstract class BenchmarkBase {}
