package io.tivaspark.common.io.source;

import java.util.Arrays;

/**
 * GLORIA's supply-use block turned into a product-by-product input-output table under the
 * <b>industry-technology assumption</b> (Eurostat, <i>Manual of Supply, Use and Input-Output
 * Tables</i>, 2008, chapter 11, "Model B"; pymrio's default {@code construct="B"}):
 *
 * <pre>
 *   g = V 1                (industry output, from the supply table V: industries × products)
 *   M = ĝ⁻¹ V              (each industry's product mix; 1/g := 0 where g = 0, as pymrio)
 *   Z = U M                (U: use table, products × industries)
 *   va_c = w_c M,  F = F_ind M     (value added and satellite rows, by industry → by product)
 *   y = Y (product rows),  x = Z 1 + y = U 1 + y = q (product output)
 * </pre>
 *
 * Row balance x = Z1 + y holds by construction (M 1 = 1 on industries with output). Column balance
 * x' = 1'Z + Σ_c va_c' holds exactly when the supply-use table balances: 1'U + Σ_c w_c = g' (inputs
 * of an industry = its output) and V'1 = q (supply of a product = its use), since then
 * 1'Z + Σ va = (1'U + Σ w) ĝ⁻¹ V = 1'V = q'. GLORIA's supply table is diagonal in every release seen
 * (each industry makes only its own product), where M = diag(V)/g and Z is U with its columns scaled;
 * any sparse V is handled.
 *
 * <p>Memory: one n×n array. The use rows are written into it row-major as the T file streams
 * ({@link #useRow}); {@link #finish} transforms each row in place (Z row k = U row k · M, with an
 * n-vector of scratch) and transposes the square array in place to the store's column-major order.
 * V is kept sparse (compressed rows, in the order the T file delivers industries).
 */
final class GloriaSut {
  private final int n;
  private final double[] z;
  private int[] vRowStart;
  private int[] vCol;
  private double[] vVal;
  private int vNnz;
  private int vRows;
  private double[] g;
  private double lost;
  private long lostCells;

  /** @param n the number of products (= industries) over all regions */
  GloriaSut(int n) {
    this.n = n;
    this.z = new double[Math.multiplyExact(n, n)];
    this.vRowStart = new int[n + 1];
    this.vCol = new int[Math.max(16, n)];
    this.vVal = new double[vCol.length];
  }

  int n() { return n; }

  /** Stores use-table row {@code k} (product k, over industries 0..n): {@code use[j]} = U(k, j). */
  void useRow(int k, double[] use) {
    System.arraycopy(use, 0, z, k * n, n);
  }

  /**
   * Appends supply-table row {@code i} (industry i, over products): must come in order 0, 1, …;
   * only the non-zero cells are kept.
   */
  void supplyRow(int i, double[] supply) {
    if (i != vRows) {
      throw new IllegalStateException("supply rows out of order: " + i + " after " + vRows);
    }
    for (int p = 0; p < n; p++) {
      double v = supply[p];
      if (v != 0) {
        if (vNnz == vCol.length) {
          vCol = Arrays.copyOf(vCol, vNnz * 2);
          vVal = Arrays.copyOf(vVal, vNnz * 2);
        }
        vCol[vNnz] = p;
        vVal[vNnz++] = v;
      }
    }
    vRowStart[++vRows] = vNnz;
  }

  /** g = V1: each industry's output from the supply table (after every supply row). */
  double[] industryOutput() {
    if (g == null) {
      g = new double[n];
      for (int i = 0; i < vRows; i++) {
        double s = 0;
        for (int e = vRowStart[i]; e < vRowStart[i + 1]; e++) {
          s += vVal[e];
        }
        g[i] = s;
      }
    }
    return g;
  }

  /** V'1: each product's supply (its output as the supply table states it). */
  double[] productSupply() {
    double[] q = new double[n];
    for (int e = 0; e < vNnz; e++) {
      q[vCol[e]] += vVal[e];
    }
    return q;
  }

  /** Whether V is diagonal (industry i makes only product i), GLORIA's case. */
  boolean supplyDiagonal() {
    for (int i = 0; i < vRows; i++) {
      for (int e = vRowStart[i]; e < vRowStart[i + 1]; e++) {
        if (vCol[e] != i) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Cells of rows converted since the last call that belong to an industry without output (g = 0):
   * M has no row for them, so they reach no product. {count, sum of |values|}; resets the tally.
   */
  double[] takeLost() {
    double[] t = {lostCells, lost};
    lost = 0;
    lostCells = 0;
    return t;
  }

  /** Number of non-zero supply cells. */
  int supplyNonZeros() { return vNnz; }

  /** 1/g_i, 0 where g_i = 0 (pymrio's convention: an industry without output passes nothing on). */
  private double[] inverseOutput() {
    double[] gi = industryOutput();
    double[] inv = new double[n];
    for (int i = 0; i < n; i++) {
      inv[i] = gi[i] == 0 ? 0 : 1 / gi[i];
    }
    return inv;
  }

  /**
   * r M = r ĝ⁻¹ V for a row vector r over industries (length n): the same row over products. Used for
   * value-added components and satellite rows.
   */
  double[] toProducts(double[] r) {
    double[] out = new double[n];
    toProducts(r, 0, out, inverseOutput());
    return out;
  }

  /** out = a[off..off+n) · ĝ⁻¹V (out zeroed first). */
  private void toProducts(double[] a, int off, double[] out, double[] inv) {
    Arrays.fill(out, 0);
    for (int i = 0; i < n; i++) {
      double ui = a[off + i];
      if (ui == 0) {
        continue;
      }
      if (inv[i] == 0) {
        lost += Math.abs(ui);
        lostCells++;
        continue;
      }
      for (int e = vRowStart[i]; e < vRowStart[i + 1]; e++) {
        out[vCol[e]] += ui * (vVal[e] * inv[i]);
      }
    }
  }

  /**
   * Z = U ĝ⁻¹ V, column-major (Z(i, j) at {@code [i + j·n]}). Call once, after every use and supply
   * row; the array returned is the one the use rows were written into.
   */
  double[] finish() {
    if (vRows != n) {
      throw new IllegalStateException("supply rows: " + vRows + " of " + n);
    }
    double[] inv = inverseOutput();
    double[] tmp = new double[n];
    for (int k = 0; k < n; k++) {
      toProducts(z, k * n, tmp, inv);
      System.arraycopy(tmp, 0, z, k * n, n);
    }
    transposeInPlace(z, n);
    return z;
  }

  /** In-place transpose of a square n×n array, in 64×64 tiles (cache friendly). */
  static void transposeInPlace(double[] a, int n) {
    final int b = 64;
    for (int i0 = 0; i0 < n; i0 += b) {
      for (int j0 = i0; j0 < n; j0 += b) {
        int iMax = Math.min(i0 + b, n);
        int jMax = Math.min(j0 + b, n);
        for (int i = i0; i < iMax; i++) {
          for (int j = Math.max(j0, i + 1); j < jMax; j++) {
            long ij = (long) i * n + j;
            long ji = (long) j * n + i;
            double t = a[(int) ij];
            a[(int) ij] = a[(int) ji];
            a[(int) ji] = t;
          }
        }
      }
    }
  }
}
