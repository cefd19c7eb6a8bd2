package io.tivaspark.common.model;

import java.util.function.Supplier;

/**
 * The outcome of one identity check for one year: the largest absolute and relative error over
 * every element the identity covers, the relative tolerance it was held to, and whether it held.
 *
 * @param check the identity's code (T1, S1, I1, ...) as in docs/methods.md §11
 * @param scope what it covered, e.g. "world", a country code, or "row balance"
 * @param worst where the largest relative error occurred (a row label, country, ...), or "" if none
 * @param kind whether the check tests the input table ({@link Kind#INPUT}: I1, I2) or an identity of
 *     the computed numbers ({@link Kind#IDENTITY}: everything else, including the numerical check I3)
 */
public record CheckResult(String check, String scope, double maxAbsError, double maxRelError,
    double tolerance, boolean passed, String worst, Kind kind) {

  /** What a check tests: the input table, or an identity of the computed numbers. */
  public enum Kind {
    /** The input table itself (I1 balances, I2 signs and column sums): a failure is the data's. */
    INPUT,
    /** An identity of the computed numbers (I3, S*, T*, J*, E*, ...): a failure is numerical or a bug. */
    IDENTITY;

    /** The kind of a check code: I1 and I2 are INPUT, every other code (I3 included) IDENTITY. */
    public static Kind of(String check) {
      return "I1".equals(check) || "I2".equals(check) ? INPUT : IDENTITY;
    }
  }

  /** A result whose kind follows from its code ({@link Kind#of}). */
  public CheckResult(String check, String scope, double maxAbsError, double maxRelError,
      double tolerance, boolean passed, String worst) {
    this(check, scope, maxAbsError, maxRelError, tolerance, passed, worst, Kind.of(check));
  }

  /**
   * Compares {@code lhs[i]} with {@code rhs[i]} under |lhs − rhs| ≤ tol·max(1, |rhs|): the
   * relative error reported is |lhs − rhs| / max(1, |rhs|).
   */
  public static Builder builder(String check, String scope, double tolerance) {
    return new Builder(check, scope, tolerance);
  }

  /** Accumulates element comparisons into one {@link CheckResult}. */
  public static final class Builder {
    private final String check;
    private final String scope;
    private final double tolerance;
    private double maxAbs;
    private double maxRel;
    private String worst = "";
    private boolean nonFinite;

    private Builder(String check, String scope, double tolerance) {
      this.check = check;
      this.scope = scope;
      this.tolerance = tolerance;
    }

    /** Adds one comparison; {@code where} names the element (used only if it is the worst). */
    public Builder compare(double lhs, double rhs, String where) {
      if (record(lhs, rhs, 0.0)) {
        worst = where;
      }
      return this;
    }

    /**
     * The same, with the element's name built only when it becomes the worst: for checks over
     * n·G elements, where building every name would cost more than the arithmetic.
     */
    public Builder compare(double lhs, double rhs, Supplier<String> where) {
      return compare(lhs, rhs, 0.0, where);
    }

    /**
     * The same, relative to the larger of |rhs| and |scale| (and 1): for an identity between parts of a
     * flow, some of them differences of the flow's larger parts, whose rounding is relative to the
     * flow ({@code scale}, e.g. its gross exports), not to the part.
     */
    public Builder compare(double lhs, double rhs, double scale, Supplier<String> where) {
      if (record(lhs, rhs, scale)) {
        worst = where.get();
      }
      return this;
    }

    /**
     * The same, unnamed: returns whether the comparison is the new worst element, which the caller then
     * names with {@link #worstIs}. For loops over millions of elements that build the name from loop
     * indices: a supplier capturing them is an object per element (1-2 GB a year at n = 3645 in
     * {@code AggregateBlockCheck} alone), the name itself is built once per new worst.
     */
    public boolean compareIsWorst(double lhs, double rhs) {
      return record(lhs, rhs, 0.0);
    }

    /** Names the worst element (after {@link #compareIsWorst} returned true). */
    public void worstIs(String where) {
      worst = where;
    }

    /** Folds one comparison in (relative to max(1, |rhs|, |scale|)); true when it is the new worst element. */
    private boolean record(double lhs, double rhs, double scale) {
      double abs = Math.abs(lhs - rhs);
      if (!Double.isFinite(abs)) {
        nonFinite = true;
        return true;
      }
      double rel = abs / Math.max(1.0, Math.max(Math.abs(rhs), Math.abs(scale)));
      maxAbs = Math.max(maxAbs, abs);
      if (rel > maxRel) {
        maxRel = rel;
        return true;
      }
      return false;
    }

    public CheckResult build() {
      if (nonFinite) {
        return new CheckResult(check, scope, Double.NaN, Double.NaN, tolerance, false, worst);
      }
      return new CheckResult(check, scope, maxAbs, maxRel, tolerance, maxRel <= tolerance, worst);
    }
  }
}
