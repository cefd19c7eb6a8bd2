package io.tivaspark.common.io.source;

import io.tivaspark.common.math.IoMath;
import io.tivaspark.common.math.Lapack;

/**
 * EXIOBASE's coefficient form turned into the store's flows (docs/sources/exiobase3.md,
 * "Conversion"): with A the input coefficients and y = Y·1 the final demand of every row,
 * x = (I − A)⁻¹·y (Leontief 1936; Miller and Blair, <i>Input-Output Analysis</i>, 2009, eq. 2.11)
 * unless the release publishes x, and Z = A·x̂. The identity that proves the conversion is the row
 * balance x = Z·1 + y, checked on every row ({@link #rowBalance}).
 */
final class ExiobaseConversion {
  /** Relative tolerance of x = Z1 + y when x was solved here (LU round-off only). */
  static final double SOLVED_TOLERANCE = 1e-9;
  /** Relative tolerance when x is the published x.txt (printed to at most 17 digits, as are A and Y). */
  static final double PUBLISHED_TOLERANCE = 1e-6;

  private ExiobaseConversion() {}

  /** The worst row of an identity: its relative residual and the row. */
  record Residual(double relative, double absolute, int row) {}

  /**
   * x = (I − A)⁻¹·y by one LU factorisation of I − A (LAPACK dgetrf, ~2n³/3 flops) and one solve
   * (dgetrs), never the inverse. A is not changed (I − A is a new n² array, overwritten by its
   * factors). Throws {@link Lapack.SingularMatrixException} when I − A is exactly singular.
   */
  static double[] output(double[] a, double[] y, int n, Lapack lapack) {
    Lapack.Lu lu = lapack.lu(IoMath.identityMinus(a, n), n, true);
    return lu.solveInPlace(y.clone(), 1, false);
  }

  /** Z = A·x̂ in place: column j of A times x_j (column-major n×n). O(n²). */
  static void scaleColumns(double[] a, double[] x, int n) {
    for (int j = 0; j < n; j++) {
      double xj = x[j];
      int off = j * n;
      for (int i = 0; i < n; i++) {
        a[off + i] *= xj;
      }
    }
  }

  /**
   * The row balance x = Z·1 + y: the largest |x_i − Σ_j z_ij − y_i| / s_i over rows, with the scale
   * s_i = max(|x_i|, Σ_j |z_ij| + |y_i|) (1 where every term is zero). O(n²), one pass over Z by
   * columns.
   */
  static Residual rowBalance(double[] z, double[] y, double[] x, int n) {
    double[] sum = new double[n];
    double[] abs = new double[n];
    for (int j = 0; j < n; j++) {
      int off = j * n;
      for (int i = 0; i < n; i++) {
        double v = z[off + i];
        sum[i] += v;
        abs[i] += Math.abs(v);
      }
    }
    Residual worst = new Residual(0, 0, -1);
    for (int i = 0; i < n; i++) {
      double r = Math.abs(x[i] - sum[i] - y[i]);
      double s = Math.max(Math.abs(x[i]), abs[i] + Math.abs(y[i]));
      double rel = r / (s == 0 ? 1 : s);
      if (rel > worst.relative() || Double.isNaN(rel)) {
        worst = new Residual(rel, r, i);
      }
    }
    return worst;
  }

  /**
   * The column balance x_j = Σ_i z_ij + Σ_c va_cj (informative: EXIOBASE's value added is its
   * factor inputs; reported in the notes, not enforced): the largest relative residual.
   */
  static Residual columnBalance(double[] z, double[] vaTotal, double[] x, int n) {
    Residual worst = new Residual(0, 0, -1);
    for (int j = 0; j < n; j++) {
      int off = j * n;
      double s = 0;
      double abs = 0;
      for (int i = 0; i < n; i++) {
        s += z[off + i];
        abs += Math.abs(z[off + i]);
      }
      double r = Math.abs(x[j] - s - vaTotal[j]);
      double scale = Math.max(Math.abs(x[j]), abs + Math.abs(vaTotal[j]));
      double rel = r / (scale == 0 ? 1 : scale);
      if (rel > worst.relative() || Double.isNaN(rel)) {
        worst = new Residual(rel, r, j);
      }
    }
    return worst;
  }
}
