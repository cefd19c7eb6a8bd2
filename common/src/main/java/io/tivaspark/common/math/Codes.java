package io.tivaspark.common.math;

/**
 * Reporting codes and the ratio rules shared by every family (docs/methods.md §12 for undefined
 * ratios): {@link #WLD} for "all partners", {@link #TOTAL} for "all industries", {@link #DXD} for the
 * domestic origin; shares in percent and ratios that are NaN (written as null) when the
 * denominator is 0.
 */
public final class Codes {
  /** Partner "all partners" (also the country of world rows). */
  public static final String WLD = "WLD";
  /** Industry "all industries". */
  public static final String TOTAL = "_T";
  /** Origin "domestic" (FD_VA, CONS_VA, GFCF_VA). */
  public static final String DXD = "DXD";

  private Codes() {}

  /** 100·num/den in percent; NaN when den = 0. */
  public static double share(double num, double den) {
    return den == 0 ? Double.NaN : 100.0 * num / den;
  }

  /** num/den; NaN when den = 0. */
  public static double ratio(double num, double den) {
    return den == 0 ? Double.NaN : num / den;
  }

  /** Σ a (in index order). */
  public static double sum(double[] a) {
    double s = 0;
    for (double d : a) {
      s += d;
    }
    return s;
  }
}
