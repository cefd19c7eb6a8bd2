package io.tivaspark.common.math;

import io.tivaspark.common.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition of the rows into domestic blocks with their local inverses: {@code rows[q]} the
 * rows of block q, {@code linv[q]} its (I − A_qq)⁻¹ (column-major), {@code member[q]} the
 * countries it contains, {@code blockOf[k]} the block of row k.
 */
final class GvcPartition {
  final int[][] rows;
  final double[][] linv;
  final boolean[][] member;
  final int[] blockOf;

  GvcPartition(int n, int[][] rows, double[][] linv, boolean[][] member) {
    this.rows = rows;
    this.linv = linv;
    this.member = member;
    this.blockOf = new int[n];
    for (int q = 0; q < rows.length; q++) {
      for (int k : rows[q]) {
        blockOf[k] = q;
      }
    }
  }

  static GvcPartition countries(YearSystem sys) {
    int g = sys.g();
    int[][] rows = new int[g][];
    boolean[][] mem = new boolean[g][g];
    for (int c = 0; c < g; c++) {
      rows[c] = sys.layout().rowsOfCountry(c);
      mem[c][c] = true;
    }
    return new GvcPartition(sys.n(), rows, sys.countryLocalInverses(), mem);
  }

  /** Block 0 = the group's rows (one local inverse), then every non-member country (shared inverses). */
  static GvcPartition group(YearSystem sys, YearSystem.Economy eco) {
    int g = sys.g();
    double[][] countryInv = sys.countryLocalInverses();
    List<int[]> rows = new ArrayList<>();
    List<double[]> inv = new ArrayList<>();
    List<boolean[]> mem = new ArrayList<>();
    double[] lg;
    try {
      lg = IoMath.localInverse(sys.a(), sys.n(), eco.rows(), sys.lapack());
    } catch (Lapack.SingularMatrixException e) {
      throw new InvalidInputException("intermediate/", sys.year().year(), eco.code(),
          "I − A_ss is singular for group " + eco.code(), e);
    }
    rows.add(eco.rows());
    inv.add(lg);
    mem.add(eco.member().clone());
    for (int c = 0; c < g; c++) {
      if (!eco.member()[c]) {
        boolean[] m = new boolean[g];
        m[c] = true;
        rows.add(sys.layout().rowsOfCountry(c));
        inv.add(countryInv[c]);
        mem.add(m);
      }
    }
    return new GvcPartition(sys.n(), rows.toArray(new int[0][]), inv.toArray(new double[0][]),
        mem.toArray(new boolean[0][]));
  }

  /**
   * L c (or L' c when transpose), O(Σ|block|²). Each block's column-major inverse is read down its
   * columns either way: L' c as dot products of columns, L c as a sum of columns scaled by c (every
   * r_i still sums its terms in the order j = 0, 1, …, so the result is the same to the bit as row
   * by row; a row of a 1,710-row block is 1,710 cache lines apart).
   */
  double[] l(double[] c, boolean transpose) {
    int n = blockOf.length;
    double[] r = new double[n];
    for (int q = 0; q < rows.length; q++) {
      int[] rs = rows[q];
      int m = rs.length;
      double[] l = linv[q];
      for (int jj = 0; jj < m; jj++) {
        if (transpose) {
          r[rs[jj]] = dot(l, jj * m, rs, c);
        } else {
          axpy(c[rs[jj]], l, jj * m, rs, r);
        }
      }
    }
    return r;
  }

  /**
   * M^D c (or M^D' c): the block-diagonal part of an n×n column-major matrix (A^D, B_SS) times c,
   * O(Σ|block|²), down the columns either way as {@link #l}.
   */
  double[] ad(double[] a, double[] c, boolean transpose) {
    int n = blockOf.length;
    double[] r = new double[n];
    for (int[] rs : rows) {
      for (int jj : rs) {
        if (transpose) {
          r[jj] = dotRows(a, jj * n, rs, c);
        } else {
          axpyRows(c[jj], a, jj * n, rs, r);
        }
      }
    }
    return r;
  }

  /** Σ_k col[off + k] c[rs[k]], k = 0, 1, …: a column of a block's own matrix against c on the block's rows. */
  private static double dot(double[] col, int off, int[] rs, double[] c) {
    double acc = 0;
    for (int k = 0; k < rs.length; k++) {
      acc += col[off + k] * c[rs[k]];
    }
    return acc;
  }

  /** r[rs[k]] += col[off + k] x, k = 0, 1, …. */
  private static void axpy(double x, double[] col, int off, int[] rs, double[] r) {
    for (int k = 0; k < rs.length; k++) {
      r[rs[k]] += col[off + k] * x;
    }
  }

  /** Σ_k a[off + rs[k]] c[rs[k]]: the block's rows of an n×n matrix's column against c. */
  private static double dotRows(double[] a, int off, int[] rs, double[] c) {
    double acc = 0;
    for (int k : rs) {
      acc += a[off + k] * c[k];
    }
    return acc;
  }

  /** r[rs[k]] += a[off + rs[k]] x. */
  private static void axpyRows(double x, double[] a, int off, int[] rs, double[] r) {
    for (int k : rs) {
      r[k] += a[off + k] * x;
    }
  }

  /**
   * A^F = A − A^D as its own n×n matrix (column-major): a copy of A with the partition's diagonal
   * blocks set to 0. Products with A^F are formed with this matrix, never as A c − A^D c: where the
   * diagonal blocks dominate (A_kk near 1, foreign coefficients of 1e-7) that difference cancels all
   * but a few digits (2.5e-7 relative on pymrio's GLORIA mock; docs/methods.md §8.4).
   */
  double[] foreign(double[] a) {
    return foreignIn(a.clone());
  }

  /** Zeroes this partition's diagonal blocks of {@code buf} (a copy of A): A^F in place, O(Σ|block|²). */
  double[] foreignIn(double[] buf) {
    copyBlocks(null, buf);
    return buf;
  }

  /** Puts A's diagonal blocks back into {@code buf} (undoes {@link #foreignIn}), O(Σ|block|²). */
  void restore(double[] buf, double[] a) {
    copyBlocks(a, buf);
  }

  private void copyBlocks(double[] from, double[] to) {
    int n = blockOf.length;
    for (int[] rs : rows) {
      for (int jj : rs) {
        for (int ii : rs) {
          to[ii + jj * n] = from == null ? 0 : from[ii + jj * n];
        }
      }
    }
  }

  /** A^F [c_1 … c_k] (or A^F' …) with A^F from {@link #foreign}: one multi-vector product (2n²k flops). */
  static double[][] af(double[] aForeign, Lapack lapack, boolean transpose, double[]... cs) {
    return GvcMeasures.times(aForeign, lapack, transpose, cs);
  }
}
