package io.tivaspark.common.math;

/**
 * Sums of an economy's industry × partner arrays (index i·G + r) over the partners outside the
 * economy (r ∉ s): by industry, by partner, and in total, always in the order i, then r.
 */
final class PartnerSums {
  private PartnerSums() {}

  /** {Σ_{r∉s} (a + b) by industry, Σ_i (a + b) by partner}; {@code b} may be null (then a alone). */
  static double[][] totals(double[] a, double[] b, boolean[] mem, int nn, int g) {
    double[] byInd = new double[nn];
    double[] byPartner = new double[g];
    for (int i = 0; i < nn; i++) {
      for (int r = 0; r < g; r++) {
        if (!mem[r]) {
          double t = b == null ? a[i * g + r] : a[i * g + r] + b[i * g + r];
          byInd[i] += t;
          byPartner[r] += t;
        }
      }
    }
    return new double[][] {byInd, byPartner};
  }

  /** Σ_{i, r∉s} m[i·G + r]. */
  static double outside(double[] byIndPartner, boolean[] mem, int nn, int g) {
    double s = 0;
    for (int i = 0; i < nn; i++) {
      for (int r = 0; r < g; r++) {
        if (!mem[r]) {
          s += byIndPartner[i * g + r];
        }
      }
    }
    return s;
  }

  /** Σ_{r∉s} m[r]. */
  static double outside(double[] byPartner, boolean[] mem) {
    double s = 0;
    for (int r = 0; r < byPartner.length; r++) {
      if (!mem[r]) {
        s += byPartner[r];
      }
    }
    return s;
  }
}
