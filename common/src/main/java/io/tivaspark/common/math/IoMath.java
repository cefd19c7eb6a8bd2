package io.tivaspark.common.math;

/**
 * Textbook input-output quantities, one small static function each (docs/methods.md §1–§2).
 * Column-major {@code double[]} everywhere; n is the number of country-sectors.
 * Conventions: 1/0 := 0 (a zero-output sector has a zero column in A and v = 0 there).
 *
 * <p>{@link YearSystem} builds the year with these (row sums, A, v, B, local inverses); the families
 * use {@link #block}, {@link #identityMinus}, {@link #columnSums}, {@link #localInverse},
 * {@link #outputFromLeontief}. {@link #outputFromRows}, {@link #vaFinalDemand} and
 * {@link #vaOriginExports} (an n×n array: never in a run) are the textbook forms the tests check the
 * families against.
 */
public final class IoMath {
  private IoMath() {}


  /** y = Y·1: row sums of an n×cols final-demand matrix. O(n·cols). */
  public static double[] rowSums(double[] m, int n, int cols) {
    double[] s = new double[n];
    for (int c = 0; c < cols; c++) {
      int off = c * n;
      for (int i = 0; i < n; i++) {
        s[i] += m[off + i];
      }
    }
    return s;
  }

  /** Z'·1: column sums of an rows×n matrix. O(rows·n). */
  public static double[] columnSums(double[] m, int rows, int n) {
    double[] s = new double[n];
    for (int j = 0; j < n; j++) {
      int off = j * rows;
      double acc = 0;
      for (int i = 0; i < rows; i++) {
        acc += m[off + i];
      }
      s[j] = acc;
    }
    return s;
  }

  /** va = x − Z'·1 (value added as the column residual; = VA + TLS in ICIO terms). O(n²). */
  public static double[] valueAddedResidual(double[] x, double[] z, int n) {
    double[] cs = columnSums(z, n, n);
    double[] va = new double[n];
    for (int j = 0; j < n; j++) {
      va[j] = x[j] - cs[j];
    }
    return va;
  }

  /** A = Z x̂⁻¹ (column j divided by x_j; zero column when x_j = 0). O(n²), new n² array. */
  public static double[] coefficients(double[] z, double[] x, int n) {
    double[] a = new double[z.length];
    for (int j = 0; j < n; j++) {
      double inv = x[j] == 0 ? 0 : 1.0 / x[j];
      int off = j * n;
      for (int i = 0; i < n; i++) {
        a[off + i] = z[off + i] * inv;
      }
    }
    return a;
  }

  /**
   * v as the column residual of the coefficients, v_j = 1 − Σ_k a_kj: equal to va_j / x_j where
   * x_j ≠ 0, and 1 where x_j = 0 (A's column is zero there). This keeps v'B = 1' for every sector,
   * so a sector that records exports or final sales without output (a table artefact: WIOD 2000
   * LUX_c8 sells +11 to home inventories and −11 abroad, row sum 0) passes them on as its own value
   * added instead of letting them vanish; its VA generated, v_j x_j, stays 0. pymrio, decompr and
   * exvatools use v_j = 0 there ({@link #vaCoefficients}); the two agree wherever x_j ≠ 0 or the
   * sector's row is empty. O(n).
   */
  public static double[] vaCoefficientsResidual(double[] va, double[] x) {
    double[] v = vaCoefficients(va, x);
    for (int j = 0; j < v.length; j++) {
      if (x[j] == 0) {
        v[j] = 1.0;
      }
    }
    return v;
  }

  /** v = va ⊘ x, with v_i = 0 where x_i = 0. */
  public static double[] vaCoefficients(double[] va, double[] x) {
    double[] v = new double[va.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = x[i] == 0 ? 0 : va[i] / x[i];
    }
    return v;
  }

  /** I − M for a square n×n matrix, into a new array. O(n²). */
  public static double[] identityMinus(double[] m, int n) {
    double[] r = new double[n * n];
    for (int k = 0; k < r.length; k++) {
      r[k] = -m[k];
    }
    for (int i = 0; i < n; i++) {
      r[i + i * n] += 1.0;
    }
    return r;
  }

  /** B = (I − A)⁻¹ by LU (dgetrf + dgetri, ~2n³ flops). Throws {@link Lapack.SingularMatrixException}. */
  public static double[] leontief(double[] a, int n, Lapack lapack) {
    return lapack.lu(identityMinus(a, n), n, true).inverseInPlace();
  }


  /** The square sub-matrix M[rows, rows] (column-major, |rows|²). */
  public static double[] block(double[] m, int n, int[] rows) {
    return block(m, n, rows, rows);
  }

  /** The sub-matrix M[rows, cols] (column-major, |rows|×|cols|), read down M's columns. */
  public static double[] block(double[] m, int n, int[] rows, int[] cols) {
    int k = rows.length;
    double[] b = new double[k * cols.length];
    for (int jj = 0; jj < cols.length; jj++) {
      int off = cols[jj] * n;
      for (int ii = 0; ii < k; ii++) {
        b[ii + jj * k] = m[off + rows[ii]];
      }
    }
    return b;
  }

  /**
   * Transposes a square n×n matrix in place (Mᵀ; row-major ↔ column-major), block by block: each
   * pair of 32×32 blocks across the diagonal is swapped and transposed while both are in the cache,
   * so neither side is walked at a stride of n doubles for long. O(n²).
   */
  public static void transposeInPlace(double[] m, int n) {
    final int b = 32;
    for (int i0 = 0; i0 < n; i0 += b) {
      int i1 = Math.min(n, i0 + b);
      for (int j0 = i0; j0 < n; j0 += b) {
        int j1 = Math.min(n, j0 + b);
        for (int i = i0; i < i1; i++) {
          for (int j = Math.max(j0, i + 1); j < j1; j++) {
            double t = m[i + j * n];
            m[i + j * n] = m[j + i * n];
            m[j + i * n] = t;
          }
        }
      }
    }
  }

  /** Local (domestic) inverse L_ss = (I − A_ss)⁻¹ of the block of {@code rows}; O(|rows|³). */
  public static double[] localInverse(double[] a, int n, int[] rows, Lapack lapack) {
    return leontief(block(a, n, rows), rows.length, lapack);
  }

  /** x = B·y (dgemv). */
  public static double[] outputFromLeontief(double[] b, double[] y, int n, Lapack lapack) {
    double[] x = new double[n];
    lapack.dgemv(false, n, n, 1.0, b, y, 0.0, x);
    return x;
  }


}
