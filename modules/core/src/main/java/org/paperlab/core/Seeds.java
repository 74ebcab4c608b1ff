package org.paperlab.core;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One seed in a config gives every run, worker and component its own reproducible stream.
 *
 * <p>A {@code Seeds} is an immutable node in a tree of seeds. {@link #child(String)} and
 * {@link #child(long)} derive a node for a named component or an indexed worker; the derived seed
 * is a SplitMix64 mix (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number
 * generators") of the parent seed and a 64-bit FNV-1a hash of the name, so it depends only on the
 * path from the root, never on the order in which streams are created or on thread timing.
 * {@link #random()} returns a fresh generator positioned at the start of the node's stream.
 *
 * <pre>{@code
 * Seeds root = Seeds.of(config.seed());
 * SplittableRandom init = root.child("mlp-init").random();
 * SplittableRandom worker3 = root.child("runs").child(3).random();
 * }</pre>
 *
 * <p>Nothing in paperlab uses {@code new Random()} or {@code Nd4j.getRandom()} without a seed from
 * here.
 */
public final class Seeds {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  private final long seed;

  private Seeds(long seed) {
    this.seed = seed;
  }

  /** The root of a seed tree. */
  public static Seeds of(long seed) {
    return new Seeds(seed);
  }

  /** This node's seed. */
  public long seed() {
    return seed;
  }

  /** The node for a named component (stable across runs and JVMs). */
  public Seeds child(String name) {
    Checks.notNull("name", name);
    return new Seeds(mix64(seed ^ mix64(fnv1a(name))));
  }

  /** The node for the {@code index}-th worker, run or repetition. */
  public Seeds child(long index) {
    return new Seeds(mix64(seed + GOLDEN_GAMMA * (index + 1)));
  }

  /** A fresh generator at the start of this node's stream. */
  public SplittableRandom random() {
    return new SplittableRandom(seed);
  }

  /** A fresh generator for the named component: {@code child(name).random()}. */
  public SplittableRandom random(String name) {
    return child(name).random();
  }

  /** SplitMix64's output function: a bijective 64-bit mixer. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public String toString() {
    return "Seeds(" + seed + ")";
  }
}
