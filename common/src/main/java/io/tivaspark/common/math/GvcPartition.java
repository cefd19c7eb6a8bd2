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

  /** L c (or L' c when transpose), O(Σ|block|²). */
  double[] l(double[] c, boolean transpose) {
    int n = blockOf.length;
    double[] r = new double[n];
    for (int q = 0; q < rows.length; q++) {
      int[] rs = rows[q];
      int m = rs.length;
      double[] l = linv[q];
      for (int ii = 0; ii < m; ii++) {
        double acc = 0;
        for (int jj = 0; jj < m; jj++) {
          double lv = transpose ? l[jj + ii * m] : l[ii + jj * m];
          acc += lv * c[rs[jj]];
        }
        r[rs[ii]] = acc;
      }
    }
    return r;
  }

  /** M^D c (or M^D' c): the block-diagonal part of an n×n matrix (A^D, B_SS) times c, O(Σ|block|²). */
  double[] ad(double[] a, double[] c, boolean transpose) {
    int n = blockOf.length;
    double[] r = new double[n];
    for (int[] rs : rows) {
      for (int ii : rs) {
        double acc = 0;
        for (int jj : rs) {
          acc += (transpose ? a[jj + ii * n] : a[ii + jj * n]) * c[jj];
        }
        r[ii] = acc;
      }
    }
    return r;
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
