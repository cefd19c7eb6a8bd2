package io.tivaspark.common.math;

/**
 * Textbook quantities the tests compute literally (pymrio's iomath style), which the families
 * compute fused or batched instead: test code only, so that main holds no function without a
 * caller.
 */
final class IoMathReference {
  private IoMathReference() {}

  /** x = Z·1 + y (row sums of Z plus final demand y = Y·1). O(n²). */
  public static double[] outputFromRows(double[] z, double[] y, int n) {
    double[] x = y.clone();
    for (int j = 0; j < n; j++) {
      int off = j * n;
      for (int i = 0; i < n; i++) {
        x[i] += z[off + i];
      }
    }
    return x;
  }

  /** B = (I − A)⁻¹ with the default backend. */
  public static double[] leontief(double[] a, int n) {
    return IoMath.leontief(a, n, Lapack.get());
  }

  /** VA in final demand v̂·B·Y (n×cols): one dgemm (2n²·cols flops) then a row scaling. */
  public static double[] vaFinalDemand(double[] v, double[] b, double[] y, int n, int cols, Lapack lapack) {
    double[] by = lapack.multiply(b, n, n, y, cols);
    for (int c = 0; c < cols; c++) {
      int off = c * n;
      for (int i = 0; i < n; i++) {
        by[off + i] *= v[i];
      }
    }
    return by;
  }

  /** Origin of VA in exports v̂·B·ê (n×n): element (k, j) = v_k B_kj e_j. O(n²), new n² array. */
  public static double[] vaOriginExports(double[] v, double[] b, double[] e, int n) {
    double[] r = new double[n * n];
    for (int j = 0; j < n; j++) {
      int off = j * n;
      double ej = e[j];
      for (int k = 0; k < n; k++) {
        r[off + k] = v[k] * b[off + k] * ej;
      }
    }
    return r;
  }
}
