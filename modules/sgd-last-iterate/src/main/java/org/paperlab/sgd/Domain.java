package org.paperlab.sgd;

import org.paperlab.core.Checks;

/**
 * The closed convex feasible set {@code X} of composite stochastic mirror descent (Liu and Zhou
 * 2024, "Revisiting the Last-Iterate Convergence of Stochastic Gradient Methods", ICLR, the
 * constraint {@code x in X} of the CSMD update), with its Euclidean projection
 * ({@link Projections}).
 */
public sealed interface Domain
    permits Domain.RealSpace, Domain.L2Ball, Domain.Box, Domain.Simplex, Domain.L1Ball {

  /** Projects {@code x} onto the set in place; {@code scratch} is a work array (may be null). */
  void project(double[] x, double[] scratch);

  /** Whether {@code x} lies in the set up to {@code tol}. */
  boolean contains(double[] x, double tol);

  /** A short name, e.g. {@code l2-ball(r=1)}. */
  String name();

  /** The whole space {@code R^d} (no constraint). */
  record RealSpace() implements Domain {
    @Override
    public void project(double[] x, double[] scratch) {}

    @Override
    public boolean contains(double[] x, double tol) {
      for (double v : x) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String name() {
      return "R^d";
    }
  }

  /** The ball {@code {||x||_2 <= radius}}. */
  record L2Ball(double radius) implements Domain {
    public L2Ball {
      Checks.positive("radius", radius);
    }

    @Override
    public void project(double[] x, double[] scratch) {
      Projections.l2Ball(x, radius);
    }

    @Override
    public boolean contains(double[] x, double tol) {
      double n2 = 0;
      for (double v : x) {
        n2 += v * v;
      }
      return Math.sqrt(n2) <= radius + tol;
    }

    @Override
    public String name() {
      return "l2-ball(r=" + radius + ")";
    }
  }

  /** The box {@code [lo, hi]^d}. */
  record Box(double lo, double hi) implements Domain {
    public Box {
      Checks.finite("lo", lo);
      Checks.finite("hi", hi);
      Checks.require(lo <= hi, "box bounds must satisfy lo <= hi, got lo = %s, hi = %s", lo, hi);
    }

    @Override
    public void project(double[] x, double[] scratch) {
      Projections.box(x, lo, hi);
    }

    @Override
    public boolean contains(double[] x, double tol) {
      for (double v : x) {
        if (!(v >= lo - tol && v <= hi + tol)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String name() {
      return "box[" + lo + "," + hi + "]";
    }
  }

  /** The simplex {@code {x >= 0, sum x = radius}} (the probability simplex for radius 1). */
  record Simplex(double radius) implements Domain {
    public Simplex {
      Checks.positive("radius", radius);
    }

    /** The probability simplex. */
    public static Simplex probability() {
      return new Simplex(1.0);
    }

    @Override
    public void project(double[] x, double[] scratch) {
      Projections.simplex(x, radius, scratch);
    }

    @Override
    public boolean contains(double[] x, double tol) {
      double s = 0;
      for (double v : x) {
        if (!(v >= -tol)) {
          return false;
        }
        s += v;
      }
      return Math.abs(s - radius) <= tol * Math.max(1, x.length);
    }

    @Override
    public String name() {
      return radius == 1.0 ? "simplex" : "simplex(r=" + radius + ")";
    }
  }

  /** The L1 ball {@code {||x||_1 <= radius}}. */
  record L1Ball(double radius) implements Domain {
    public L1Ball {
      Checks.positive("radius", radius);
    }

    @Override
    public void project(double[] x, double[] scratch) {
      Projections.l1Ball(x, radius, scratch);
    }

    @Override
    public boolean contains(double[] x, double tol) {
      double s = 0;
      for (double v : x) {
        s += Math.abs(v);
      }
      return s <= radius + tol;
    }

    @Override
    public String name() {
      return "l1-ball(r=" + radius + ")";
    }
  }
}
