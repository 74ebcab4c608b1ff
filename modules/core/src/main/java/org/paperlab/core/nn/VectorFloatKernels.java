package org.paperlab.core.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatKernels} on the JDK's incubating Vector API (loaded only when the module is
 * present): register-blocked products for the small shapes of {@link FusedMlpPass}.
 *
 * <p>A block of 6 rows by up to 4 vectors of {@code C} is summed in registers (24 accumulators of
 * the preferred width; on AVX-512, 6 rows by 64 columns), broadcasting one {@code P} entry per row
 * and loading one row of {@code Q} per step of the reduction: 10 loads for 24 fused
 * multiply-adds (6 x 4 ran faster than 4 x 4 and 8 x 2 here). {@code Q} is first copied into
 * contiguous panels (the columns of one block, up to {@link #T_CHUNK} reduction rows), which every
 * row block then reuses; {@code P} is read in place when its rows are contiguous in {@code t}
 * ({@code ts = 1}), else copied strip by strip ({@link #STRIP} rows, one vector copy per step) into
 * a packed {@code t}-major strip. Every index in the inner loops is then the loop counter times a
 * constant plus an invariant, which lets the JIT drop most bounds checks from the loop. A strided
 * product with few rows (a thin gradient such as the 2 x 101 one of a 2-wide output layer) reads
 * {@code Q} in place instead: there a copy would cost more than it saves. Long reductions run in
 * chunks, each continuing the previous chunk's sums from {@code C} (the same chain of operations
 * per entry, so the same bits as one pass). The epilogue runs on each block right after its sums,
 * while it is in the L1 cache. Only exactly rounded lanewise operations are used (fused
 * multiply-add, add, multiply, and the tanh of {@link VectorTanh#tanh}); no lane reductions, whose
 * order the API leaves open.
 *
 * <p>This file is over 400 lines on purpose: it is the SIMD twin of {@link FloatKernels}, one
 * method per scalar reference method, and the two are kept side by side (and cross-tested bit for
 * bit in {@code FloatKernelsTest}) rather than split by product shape.
 */
final class VectorFloatKernels extends FloatKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Rows of {@code P} packed together in a strided product (a multiple of the row block and of L). */
  private static final int STRIP = 48;
  /** Row count from which a strided product packs {@code Q} into panels (below: read in place). */
  private static final int PACK_Q_ROWS = 4 * ROW_BLOCK;
  /** Floats of packed {@code Q} panels per reduction chunk of a strided product (32 KB). */
  private static final int PANEL_FLOATS = 8192;

  @Override
  boolean simd() {
    // a column block must be a whole number of vectors
    return L >= 4 && COL_BLOCK % L == 0;
  }

  @Override
  void gemm(float[] p, int pOff, int rs, int ts, float[] q, int qOff, int ldq, int kt,
      float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate, Epilogue epilogue,
      float[] aux, int auxOff, Work work) {
    checkShape(rows, cols);
    if (ts == 1) {
      rowsProduct(p, pOff, rs, q, qOff, ldq, kt, c, cOff, ldc, rows, cols, accumulate, epilogue, aux, auxOff,
          work);
    } else {
      packedProduct(p, pOff, rs, ts, q, qOff, ldq, kt, c, cOff, ldc, rows, cols, accumulate, epilogue, aux, auxOff,
          work);
    }
  }

  /**
   * {@code P} rows contiguous in {@code t}: column panel by column panel, the panel of {@code Q}
   * packed once and the rows of {@code C} streaming past it.
   */
  private static void rowsProduct(float[] p, int pOff, int rs, float[] q, int qOff, int ldq, int kt,
      float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate, Epilogue epilogue,
      float[] aux, int auxOff, Work work) {
    float[] qp = work.panel(Math.min(kt, T_CHUNK) * 4 * L);
    int t0 = 0;
    do {
      int tk = Math.min(T_CHUNK, kt - t0);
      boolean load = accumulate || t0 > 0;
      boolean last = t0 + tk >= kt;
      for (int c0 = 0; c0 < cols; c0 += 4 * L) {
        int nv = Math.min(4, (cols - c0) / L);
        int width = nv * L;
        for (int t = 0; t < tk; t++) {
          System.arraycopy(q, qOff + (t0 + t) * ldq + c0, qp, t * width, width);
        }
        for (int r0 = 0; r0 < rows; r0 += ROW_BLOCK) {
          int co = cOff + r0 * ldc + c0;
          int po = pOff + r0 * rs + t0;
          switch (nv) {
            case 4 -> rows4(p, po, rs, qp, tk, c, co, ldc, load);
            case 3 -> rows3(p, po, rs, qp, tk, c, co, ldc, load);
            case 2 -> rows2(p, po, rs, qp, tk, c, co, ldc, load);
            default -> rows1(p, po, rs, qp, tk, c, co, ldc, load);
          }
          if (last) {
            epilogue(c, co, ldc, width, epilogue, aux, auxOff + r0 * ldc + c0);
          }
        }
      }
      t0 += tk;
    } while (t0 < kt);
  }

  /**
   * {@code P} strided in {@code t} (a transposed operand, e.g. {@code A^T} of {@code A^T B}): per
   * chunk of the reduction, every column panel of {@code Q} is packed once (a chunk short enough
   * for the panels to stay in the L1 cache), then each strip of {@link #STRIP} rows of {@code P}
   * is packed {@code t}-major (one vector copy per step when the rows are adjacent,
   * {@code rs = 1}) and its row blocks are multiplied with every panel.
   */
  private static void packedProduct(float[] p, int pOff, int rs, int ts, float[] q, int qOff, int ldq, int kt,
      float[] c, int cOff, int ldc, int rows, int cols, boolean accumulate, Epilogue epilogue,
      float[] aux, int auxOff, Work work) {
    // with few row blocks a packed copy of Q would cost more than it saves: read Q in place
    boolean packQ = rows >= PACK_Q_ROWS;
    int chunk = packQ ? Math.max(16, Math.min(T_CHUNK, PANEL_FLOATS / cols)) : T_CHUNK;
    float[] qp = packQ ? work.panel(Math.min(kt, chunk) * cols) : null;
    float[] pp = work.block(Math.min(kt, chunk) * STRIP);
    int t0 = 0;
    do {
      int tk = Math.min(chunk, kt - t0);
      boolean load = accumulate || t0 > 0;
      boolean last = t0 + tk >= kt;
      // panel of columns [c0, c0 + width) at qp[tk c0 ...], t-major
      for (int c0 = 0; packQ && c0 < cols; c0 += 4 * L) {
        int width = Math.min(4 * L, cols - c0);
        int base = tk * c0;
        for (int t = 0; t < tk; t++) {
          System.arraycopy(q, qOff + (t0 + t) * ldq + c0, qp, base + t * width, width);
        }
      }
      for (int s0 = 0; s0 < rows; s0 += STRIP) {
        int sr = Math.min(STRIP, rows - s0);
        int po = pOff + s0 * rs + t0 * ts;
        if (rs == 1 && sr == STRIP) {
          for (int t = 0; t < tk; t++) {
            int src = po + t * ts;
            for (int j = 0; j < STRIP; j += L) {
              FloatVector.fromArray(S, p, src + j).intoArray(pp, STRIP * t + j);
            }
          }
        } else {
          for (int t = 0; t < tk; t++) {
            int src = po + t * ts;
            for (int r = 0; r < sr; r++) {
              pp[STRIP * t + r] = p[src + r * rs];
            }
          }
        }
        for (int rb = 0; rb < sr; rb += ROW_BLOCK) {
          int r0 = s0 + rb;
          for (int c0 = 0; c0 < cols; c0 += 4 * L) {
            int nv = Math.min(4, (cols - c0) / L);
            int co = cOff + r0 * ldc + c0;
            if (packQ) {
              int base = tk * c0;
              switch (nv) {
                case 4 -> packed4(pp, rb, qp, base, tk, c, co, ldc, load);
                case 3 -> packed3(pp, rb, qp, base, tk, c, co, ldc, load);
                case 2 -> packed2(pp, rb, qp, base, tk, c, co, ldc, load);
                default -> packed1(pp, rb, qp, base, tk, c, co, ldc, load);
              }
            } else {
              int qo = qOff + t0 * ldq + c0;
              switch (nv) {
                case 4 -> inplace4(pp, rb, q, qo, ldq, tk, c, co, ldc, load);
                case 3 -> inplace3(pp, rb, q, qo, ldq, tk, c, co, ldc, load);
                case 2 -> inplace2(pp, rb, q, qo, ldq, tk, c, co, ldc, load);
                default -> inplace1(pp, rb, q, qo, ldq, tk, c, co, ldc, load);
              }
            }
            if (last) {
              epilogue(c, co, ldc, nv * L, epilogue, aux, auxOff + r0 * ldc + c0);
            }
          }
        }
      }
      t0 += tk;
    } while (t0 < kt);
  }

  private static void epilogue(float[] c, int co, int ldc, int width, Epilogue epilogue, float[] aux, int ao) {
    switch (epilogue) {
      case NONE -> {}
      case TANH -> {
        for (int r = 0; r < ROW_BLOCK; r++) {
          tanhInPlace(c, co + r * ldc, width);
        }
      }
      case TANH_BACKWARD -> {
        for (int r = 0; r < ROW_BLOCK; r++) {
          tanhBackward(c, co + r * ldc, aux, ao + r * ldc, width);
        }
      }
      default -> throw new AssertionError(epilogue);
    }
  }

  /** {@code c[off, off + len) = tanh(c)}; {@code len} a multiple of the vector length. */
  private static void tanhInPlace(float[] c, int off, int len) {
    for (int j = 0; j < len; j += L) {
      VectorTanh.tanh(FloatVector.fromArray(S, c, off + j)).intoArray(c, off + j);
    }
  }

  /** {@code c *= 1 - a^2} over {@code len} entries (a multiple of the vector length). */
  private static void tanhBackward(float[] c, int off, float[] a, int aOff, int len) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int j = 0; j < len; j += L) {
      FloatVector av = FloatVector.fromArray(S, a, aOff + j);
      FloatVector.fromArray(S, c, off + j).mul(one.sub(av.mul(av))).intoArray(c, off + j);
    }
  }

  /** A 6-row by 4-vector block, {@code P[r, t] = p[po + r rs + t]}, {@code Q} a packed panel of 4 vectors. */
  private static void rows4(float[] p, int po, int rs, float[] q, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33, a40, a41, a42, a43, a50, a51, a52, a53;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a02 = FloatVector.fromArray(S, c, co + 2 * L);
      a03 = FloatVector.fromArray(S, c, co + 3 * L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a12 = FloatVector.fromArray(S, c, co + ldc + 2 * L);
      a13 = FloatVector.fromArray(S, c, co + ldc + 3 * L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
      a23 = FloatVector.fromArray(S, c, co + 2 * ldc + 3 * L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
      a33 = FloatVector.fromArray(S, c, co + 3 * ldc + 3 * L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
      a43 = FloatVector.fromArray(S, c, co + 4 * ldc + 3 * L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
      a52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
      a53 = FloatVector.fromArray(S, c, co + 5 * ldc + 3 * L);
    } else {
      a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = a40 = a41 = a42 = a43 = a50 = a51 = a52 = a53 = FloatVector.zero(S);
    }
    int p1 = po + rs;
    int p2 = po + 2 * rs;
    int p3 = po + 3 * rs;
    int p4 = po + 4 * rs;
    int p5 = po + 5 * rs;
    for (int t = 0; t < kt; t++) {
      int qt = t * 4 * L;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector q2 = FloatVector.fromArray(S, q, qt + 2 * L);
      FloatVector q3 = FloatVector.fromArray(S, q, qt + 3 * L);
      FloatVector b = FloatVector.broadcast(S, p[po + t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01); a02 = q2.fma(b, a02); a03 = q3.fma(b, a03);
      b = FloatVector.broadcast(S, p[p1 + t]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11); a12 = q2.fma(b, a12); a13 = q3.fma(b, a13);
      b = FloatVector.broadcast(S, p[p2 + t]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21); a22 = q2.fma(b, a22); a23 = q3.fma(b, a23);
      b = FloatVector.broadcast(S, p[p3 + t]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31); a32 = q2.fma(b, a32); a33 = q3.fma(b, a33);
      b = FloatVector.broadcast(S, p[p4 + t]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41); a42 = q2.fma(b, a42); a43 = q3.fma(b, a43);
      b = FloatVector.broadcast(S, p[p5 + t]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51); a52 = q2.fma(b, a52); a53 = q3.fma(b, a53);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a02.intoArray(c, co + 2 * L);
    a03.intoArray(c, co + 3 * L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a12.intoArray(c, co + ldc + 2 * L);
    a13.intoArray(c, co + ldc + 3 * L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a22.intoArray(c, co + 2 * ldc + 2 * L);
    a23.intoArray(c, co + 2 * ldc + 3 * L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a32.intoArray(c, co + 3 * ldc + 2 * L);
    a33.intoArray(c, co + 3 * ldc + 3 * L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a42.intoArray(c, co + 4 * ldc + 2 * L);
    a43.intoArray(c, co + 4 * ldc + 3 * L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
    a52.intoArray(c, co + 5 * ldc + 2 * L);
    a53.intoArray(c, co + 5 * ldc + 3 * L);
  }

  /** A 6-row by 3-vector block, {@code P[r, t] = p[po + r rs + t]}, {@code Q} a packed panel of 3 vectors. */
  private static void rows3(float[] p, int po, int rs, float[] q, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32, a40, a41, a42, a50, a51, a52;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a02 = FloatVector.fromArray(S, c, co + 2 * L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a12 = FloatVector.fromArray(S, c, co + ldc + 2 * L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
      a52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
    } else {
      a00 = a01 = a02 = a10 = a11 = a12 = a20 = a21 = a22 = a30 = a31 = a32 = a40 = a41 = a42 = a50 = a51 = a52 = FloatVector.zero(S);
    }
    int p1 = po + rs;
    int p2 = po + 2 * rs;
    int p3 = po + 3 * rs;
    int p4 = po + 4 * rs;
    int p5 = po + 5 * rs;
    for (int t = 0; t < kt; t++) {
      int qt = t * 3 * L;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector q2 = FloatVector.fromArray(S, q, qt + 2 * L);
      FloatVector b = FloatVector.broadcast(S, p[po + t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01); a02 = q2.fma(b, a02);
      b = FloatVector.broadcast(S, p[p1 + t]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11); a12 = q2.fma(b, a12);
      b = FloatVector.broadcast(S, p[p2 + t]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21); a22 = q2.fma(b, a22);
      b = FloatVector.broadcast(S, p[p3 + t]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31); a32 = q2.fma(b, a32);
      b = FloatVector.broadcast(S, p[p4 + t]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41); a42 = q2.fma(b, a42);
      b = FloatVector.broadcast(S, p[p5 + t]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51); a52 = q2.fma(b, a52);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a02.intoArray(c, co + 2 * L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a12.intoArray(c, co + ldc + 2 * L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a22.intoArray(c, co + 2 * ldc + 2 * L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a32.intoArray(c, co + 3 * ldc + 2 * L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a42.intoArray(c, co + 4 * ldc + 2 * L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
    a52.intoArray(c, co + 5 * ldc + 2 * L);
  }

  /** A 6-row by 2-vector block, {@code P[r, t] = p[po + r rs + t]}, {@code Q} a packed panel of 2 vectors. */
  private static void rows2(float[] p, int po, int rs, float[] q, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
    } else {
      a00 = a01 = a10 = a11 = a20 = a21 = a30 = a31 = a40 = a41 = a50 = a51 = FloatVector.zero(S);
    }
    int p1 = po + rs;
    int p2 = po + 2 * rs;
    int p3 = po + 3 * rs;
    int p4 = po + 4 * rs;
    int p5 = po + 5 * rs;
    for (int t = 0; t < kt; t++) {
      int qt = t * 2 * L;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector b = FloatVector.broadcast(S, p[po + t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01);
      b = FloatVector.broadcast(S, p[p1 + t]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11);
      b = FloatVector.broadcast(S, p[p2 + t]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21);
      b = FloatVector.broadcast(S, p[p3 + t]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31);
      b = FloatVector.broadcast(S, p[p4 + t]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41);
      b = FloatVector.broadcast(S, p[p5 + t]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
  }

  /** A 6-row by 1-vector block, {@code P[r, t] = p[po + r rs + t]}, {@code Q} a packed panel of 1 vectors. */
  private static void rows1(float[] p, int po, int rs, float[] q, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a10, a20, a30, a40, a50;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
    } else {
      a00 = a10 = a20 = a30 = a40 = a50 = FloatVector.zero(S);
    }
    int p1 = po + rs;
    int p2 = po + 2 * rs;
    int p3 = po + 3 * rs;
    int p4 = po + 4 * rs;
    int p5 = po + 5 * rs;
    for (int t = 0; t < kt; t++) {
      int qt = t * L;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector b = FloatVector.broadcast(S, p[po + t]);
      a00 = q0.fma(b, a00);
      b = FloatVector.broadcast(S, p[p1 + t]);
      a10 = q0.fma(b, a10);
      b = FloatVector.broadcast(S, p[p2 + t]);
      a20 = q0.fma(b, a20);
      b = FloatVector.broadcast(S, p[p3 + t]);
      a30 = q0.fma(b, a30);
      b = FloatVector.broadcast(S, p[p4 + t]);
      a40 = q0.fma(b, a40);
      b = FloatVector.broadcast(S, p[p5 + t]);
      a50 = q0.fma(b, a50);
    }
    a00.intoArray(c, co);
    a10.intoArray(c, co + ldc);
    a20.intoArray(c, co + 2 * ldc);
    a30.intoArray(c, co + 3 * ldc);
    a40.intoArray(c, co + 4 * ldc);
    a50.intoArray(c, co + 5 * ldc);
  }

  /** A 6-row by 4-vector block, {@code P[r, t] = p[po + t STRIP + r]} (a packed strip), {@code Q} a packed panel of 4 vectors at {@code qo}. */
  private static void packed4(float[] p, int po, float[] q, int qo, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33, a40, a41, a42, a43, a50, a51, a52, a53;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a02 = FloatVector.fromArray(S, c, co + 2 * L);
      a03 = FloatVector.fromArray(S, c, co + 3 * L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a12 = FloatVector.fromArray(S, c, co + ldc + 2 * L);
      a13 = FloatVector.fromArray(S, c, co + ldc + 3 * L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
      a23 = FloatVector.fromArray(S, c, co + 2 * ldc + 3 * L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
      a33 = FloatVector.fromArray(S, c, co + 3 * ldc + 3 * L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
      a43 = FloatVector.fromArray(S, c, co + 4 * ldc + 3 * L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
      a52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
      a53 = FloatVector.fromArray(S, c, co + 5 * ldc + 3 * L);
    } else {
      a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = a40 = a41 = a42 = a43 = a50 = a51 = a52 = a53 = FloatVector.zero(S);
    }
    for (int t = 0; t < kt; t++) {
      int qt = qo + t * 4 * L;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector q2 = FloatVector.fromArray(S, q, qt + 2 * L);
      FloatVector q3 = FloatVector.fromArray(S, q, qt + 3 * L);
      FloatVector b = FloatVector.broadcast(S, p[po + STRIP * t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01); a02 = q2.fma(b, a02); a03 = q3.fma(b, a03);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 1]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11); a12 = q2.fma(b, a12); a13 = q3.fma(b, a13);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 2]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21); a22 = q2.fma(b, a22); a23 = q3.fma(b, a23);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 3]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31); a32 = q2.fma(b, a32); a33 = q3.fma(b, a33);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 4]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41); a42 = q2.fma(b, a42); a43 = q3.fma(b, a43);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 5]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51); a52 = q2.fma(b, a52); a53 = q3.fma(b, a53);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a02.intoArray(c, co + 2 * L);
    a03.intoArray(c, co + 3 * L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a12.intoArray(c, co + ldc + 2 * L);
    a13.intoArray(c, co + ldc + 3 * L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a22.intoArray(c, co + 2 * ldc + 2 * L);
    a23.intoArray(c, co + 2 * ldc + 3 * L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a32.intoArray(c, co + 3 * ldc + 2 * L);
    a33.intoArray(c, co + 3 * ldc + 3 * L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a42.intoArray(c, co + 4 * ldc + 2 * L);
    a43.intoArray(c, co + 4 * ldc + 3 * L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
    a52.intoArray(c, co + 5 * ldc + 2 * L);
    a53.intoArray(c, co + 5 * ldc + 3 * L);
  }

  /** A 6-row by 3-vector block, {@code P[r, t] = p[po + t STRIP + r]} (a packed strip), {@code Q} a packed panel of 3 vectors at {@code qo}. */
  private static void packed3(float[] p, int po, float[] q, int qo, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32, a40, a41, a42, a50, a51, a52;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a02 = FloatVector.fromArray(S, c, co + 2 * L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a12 = FloatVector.fromArray(S, c, co + ldc + 2 * L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
      a52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
    } else {
      a00 = a01 = a02 = a10 = a11 = a12 = a20 = a21 = a22 = a30 = a31 = a32 = a40 = a41 = a42 = a50 = a51 = a52 = FloatVector.zero(S);
    }
    for (int t = 0; t < kt; t++) {
      int qt = qo + t * 3 * L;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector q2 = FloatVector.fromArray(S, q, qt + 2 * L);
      FloatVector b = FloatVector.broadcast(S, p[po + STRIP * t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01); a02 = q2.fma(b, a02);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 1]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11); a12 = q2.fma(b, a12);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 2]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21); a22 = q2.fma(b, a22);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 3]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31); a32 = q2.fma(b, a32);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 4]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41); a42 = q2.fma(b, a42);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 5]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51); a52 = q2.fma(b, a52);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a02.intoArray(c, co + 2 * L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a12.intoArray(c, co + ldc + 2 * L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a22.intoArray(c, co + 2 * ldc + 2 * L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a32.intoArray(c, co + 3 * ldc + 2 * L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a42.intoArray(c, co + 4 * ldc + 2 * L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
    a52.intoArray(c, co + 5 * ldc + 2 * L);
  }

  /** A 6-row by 2-vector block, {@code P[r, t] = p[po + t STRIP + r]} (a packed strip), {@code Q} a packed panel of 2 vectors at {@code qo}. */
  private static void packed2(float[] p, int po, float[] q, int qo, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
    } else {
      a00 = a01 = a10 = a11 = a20 = a21 = a30 = a31 = a40 = a41 = a50 = a51 = FloatVector.zero(S);
    }
    for (int t = 0; t < kt; t++) {
      int qt = qo + t * 2 * L;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector b = FloatVector.broadcast(S, p[po + STRIP * t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 1]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 2]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 3]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 4]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 5]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
  }

  /** A 6-row by 1-vector block, {@code P[r, t] = p[po + t STRIP + r]} (a packed strip), {@code Q} a packed panel of 1 vectors at {@code qo}. */
  private static void packed1(float[] p, int po, float[] q, int qo, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a10, a20, a30, a40, a50;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
    } else {
      a00 = a10 = a20 = a30 = a40 = a50 = FloatVector.zero(S);
    }
    for (int t = 0; t < kt; t++) {
      int qt = qo + t * L;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector b = FloatVector.broadcast(S, p[po + STRIP * t]);
      a00 = q0.fma(b, a00);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 1]);
      a10 = q0.fma(b, a10);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 2]);
      a20 = q0.fma(b, a20);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 3]);
      a30 = q0.fma(b, a30);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 4]);
      a40 = q0.fma(b, a40);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 5]);
      a50 = q0.fma(b, a50);
    }
    a00.intoArray(c, co);
    a10.intoArray(c, co + ldc);
    a20.intoArray(c, co + 2 * ldc);
    a30.intoArray(c, co + 3 * ldc);
    a40.intoArray(c, co + 4 * ldc);
    a50.intoArray(c, co + 5 * ldc);
  }

  /** A 6-row by 4-vector block, {@code P[r, t] = p[po + t STRIP + r]} (a packed strip), {@code Q[t, c] = q[qo + t ldq + c]} in place. */
  private static void inplace4(float[] p, int po, float[] q, int qo, int ldq, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33, a40, a41, a42, a43, a50, a51, a52, a53;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a02 = FloatVector.fromArray(S, c, co + 2 * L);
      a03 = FloatVector.fromArray(S, c, co + 3 * L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a12 = FloatVector.fromArray(S, c, co + ldc + 2 * L);
      a13 = FloatVector.fromArray(S, c, co + ldc + 3 * L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
      a23 = FloatVector.fromArray(S, c, co + 2 * ldc + 3 * L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
      a33 = FloatVector.fromArray(S, c, co + 3 * ldc + 3 * L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
      a43 = FloatVector.fromArray(S, c, co + 4 * ldc + 3 * L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
      a52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
      a53 = FloatVector.fromArray(S, c, co + 5 * ldc + 3 * L);
    } else {
      a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = a40 = a41 = a42 = a43 = a50 = a51 = a52 = a53 = FloatVector.zero(S);
    }
    for (int t = 0; t < kt; t++) {
      int qt = qo + t * ldq;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector q2 = FloatVector.fromArray(S, q, qt + 2 * L);
      FloatVector q3 = FloatVector.fromArray(S, q, qt + 3 * L);
      FloatVector b = FloatVector.broadcast(S, p[po + STRIP * t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01); a02 = q2.fma(b, a02); a03 = q3.fma(b, a03);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 1]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11); a12 = q2.fma(b, a12); a13 = q3.fma(b, a13);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 2]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21); a22 = q2.fma(b, a22); a23 = q3.fma(b, a23);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 3]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31); a32 = q2.fma(b, a32); a33 = q3.fma(b, a33);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 4]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41); a42 = q2.fma(b, a42); a43 = q3.fma(b, a43);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 5]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51); a52 = q2.fma(b, a52); a53 = q3.fma(b, a53);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a02.intoArray(c, co + 2 * L);
    a03.intoArray(c, co + 3 * L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a12.intoArray(c, co + ldc + 2 * L);
    a13.intoArray(c, co + ldc + 3 * L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a22.intoArray(c, co + 2 * ldc + 2 * L);
    a23.intoArray(c, co + 2 * ldc + 3 * L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a32.intoArray(c, co + 3 * ldc + 2 * L);
    a33.intoArray(c, co + 3 * ldc + 3 * L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a42.intoArray(c, co + 4 * ldc + 2 * L);
    a43.intoArray(c, co + 4 * ldc + 3 * L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
    a52.intoArray(c, co + 5 * ldc + 2 * L);
    a53.intoArray(c, co + 5 * ldc + 3 * L);
  }

  /** A 6-row by 3-vector block, {@code P[r, t] = p[po + t STRIP + r]} (a packed strip), {@code Q[t, c] = q[qo + t ldq + c]} in place. */
  private static void inplace3(float[] p, int po, float[] q, int qo, int ldq, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32, a40, a41, a42, a50, a51, a52;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a02 = FloatVector.fromArray(S, c, co + 2 * L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a12 = FloatVector.fromArray(S, c, co + ldc + 2 * L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
      a52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
    } else {
      a00 = a01 = a02 = a10 = a11 = a12 = a20 = a21 = a22 = a30 = a31 = a32 = a40 = a41 = a42 = a50 = a51 = a52 = FloatVector.zero(S);
    }
    for (int t = 0; t < kt; t++) {
      int qt = qo + t * ldq;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector q2 = FloatVector.fromArray(S, q, qt + 2 * L);
      FloatVector b = FloatVector.broadcast(S, p[po + STRIP * t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01); a02 = q2.fma(b, a02);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 1]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11); a12 = q2.fma(b, a12);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 2]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21); a22 = q2.fma(b, a22);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 3]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31); a32 = q2.fma(b, a32);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 4]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41); a42 = q2.fma(b, a42);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 5]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51); a52 = q2.fma(b, a52);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a02.intoArray(c, co + 2 * L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a12.intoArray(c, co + ldc + 2 * L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a22.intoArray(c, co + 2 * ldc + 2 * L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a32.intoArray(c, co + 3 * ldc + 2 * L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a42.intoArray(c, co + 4 * ldc + 2 * L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
    a52.intoArray(c, co + 5 * ldc + 2 * L);
  }

  /** A 6-row by 2-vector block, {@code P[r, t] = p[po + t STRIP + r]} (a packed strip), {@code Q[t, c] = q[qo + t ldq + c]} in place. */
  private static void inplace2(float[] p, int po, float[] q, int qo, int ldq, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a01 = FloatVector.fromArray(S, c, co + L);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a11 = FloatVector.fromArray(S, c, co + ldc + L);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
      a51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
    } else {
      a00 = a01 = a10 = a11 = a20 = a21 = a30 = a31 = a40 = a41 = a50 = a51 = FloatVector.zero(S);
    }
    for (int t = 0; t < kt; t++) {
      int qt = qo + t * ldq;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector q1 = FloatVector.fromArray(S, q, qt + L);
      FloatVector b = FloatVector.broadcast(S, p[po + STRIP * t]);
      a00 = q0.fma(b, a00); a01 = q1.fma(b, a01);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 1]);
      a10 = q0.fma(b, a10); a11 = q1.fma(b, a11);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 2]);
      a20 = q0.fma(b, a20); a21 = q1.fma(b, a21);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 3]);
      a30 = q0.fma(b, a30); a31 = q1.fma(b, a31);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 4]);
      a40 = q0.fma(b, a40); a41 = q1.fma(b, a41);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 5]);
      a50 = q0.fma(b, a50); a51 = q1.fma(b, a51);
    }
    a00.intoArray(c, co);
    a01.intoArray(c, co + L);
    a10.intoArray(c, co + ldc);
    a11.intoArray(c, co + ldc + L);
    a20.intoArray(c, co + 2 * ldc);
    a21.intoArray(c, co + 2 * ldc + L);
    a30.intoArray(c, co + 3 * ldc);
    a31.intoArray(c, co + 3 * ldc + L);
    a40.intoArray(c, co + 4 * ldc);
    a41.intoArray(c, co + 4 * ldc + L);
    a50.intoArray(c, co + 5 * ldc);
    a51.intoArray(c, co + 5 * ldc + L);
  }

  /** A 6-row by 1-vector block, {@code P[r, t] = p[po + t STRIP + r]} (a packed strip), {@code Q[t, c] = q[qo + t ldq + c]} in place. */
  private static void inplace1(float[] p, int po, float[] q, int qo, int ldq, int kt, float[] c, int co, int ldc,
      boolean load) {
    FloatVector a00, a10, a20, a30, a40, a50;
    if (load) {
      a00 = FloatVector.fromArray(S, c, co);
      a10 = FloatVector.fromArray(S, c, co + ldc);
      a20 = FloatVector.fromArray(S, c, co + 2 * ldc);
      a30 = FloatVector.fromArray(S, c, co + 3 * ldc);
      a40 = FloatVector.fromArray(S, c, co + 4 * ldc);
      a50 = FloatVector.fromArray(S, c, co + 5 * ldc);
    } else {
      a00 = a10 = a20 = a30 = a40 = a50 = FloatVector.zero(S);
    }
    for (int t = 0; t < kt; t++) {
      int qt = qo + t * ldq;
      FloatVector q0 = FloatVector.fromArray(S, q, qt);
      FloatVector b = FloatVector.broadcast(S, p[po + STRIP * t]);
      a00 = q0.fma(b, a00);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 1]);
      a10 = q0.fma(b, a10);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 2]);
      a20 = q0.fma(b, a20);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 3]);
      a30 = q0.fma(b, a30);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 4]);
      a40 = q0.fma(b, a40);
      b = FloatVector.broadcast(S, p[po + STRIP * t + 5]);
      a50 = q0.fma(b, a50);
    }
    a00.intoArray(c, co);
    a10.intoArray(c, co + ldc);
    a20.intoArray(c, co + 2 * ldc);
    a30.intoArray(c, co + 3 * ldc);
    a40.intoArray(c, co + 4 * ldc);
    a50.intoArray(c, co + 5 * ldc);
  }
}
