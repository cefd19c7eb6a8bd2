package io.tivaspark.jobs.ingest;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value rules {@code run} applies when it reads the store (docs/data-dictionary.md §6,
 * {@code StoreReader}), applied at ingest to the year a reader built, so that a table {@code run}
 * would refuse is refused before anything is written (docs/ingest.md §5). Each rule names the
 * input as the user gave it, the year, the cell (row code, column code) and the rule.
 */
final class IngestRules {
  /** A safe store code: letters, digits, {@code _ - .} (docs/ingest.md §5). */
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]+");

  private IngestRules() {}

  /**
   * Published gross output must be finite and not negative ({@code StoreReader} refuses a negative
   * {@code output/} cell): x_i ≥ 0 for every row i.
   */
  static void publishedOutput(String source, MrioYear y) {
    double[] x = y.publishedOutput();
    if (x == null) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= 0) || Double.isInfinite(x[i])) {
        String rule = Double.isNaN(x[i]) || Double.isInfinite(x[i]) ? "gross output is not finite (" + x[i] + ")"
            : "negative gross output " + x[i] + " (gross output must be >= 0; run refuses it too)";
        throw new InvalidInputException(source, y.year(), "gross output of " + row(y.layout(), i), rule);
      }
    }
  }

  /**
   * Every value the store gets is finite ({@code StoreReader} refuses null, NaN and ±∞): Z, final
   * demand, value-added components, published output, satellite accounts F and F_Y.
   */
  static void finite(String source, MrioYear y) {
    Layout l = y.layout();
    int n = l.n();
    double[] z = y.z();
    for (int k = 0; k < z.length; k++) {
      if (!Double.isFinite(z[k])) {
        throw notFinite(source, y, "Z row " + row(l, k % n) + ", column " + row(l, k / n), z[k]);
      }
    }
    double[] yf = y.finalDemand();
    for (int k = 0; k < yf.length; k++) {
      if (!Double.isFinite(yf[k])) {
        throw notFinite(source, y, "final demand row " + row(l, k % n) + ", column " + fdColumn(l, k / n), yf[k]);
      }
    }
    for (Map.Entry<String, double[]> e : y.valueAdded().entrySet()) {
      double[] v = e.getValue();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isFinite(v[i])) {
          throw notFinite(source, y, "value added " + e.getKey() + " of " + row(l, i), v[i]);
        }
      }
    }
    satellite(source, y);
  }

  private static void satellite(String source, MrioYear y) {
    Satellite s = y.satellite();
    if (s == null) {
      return;
    }
    int m = s.m();
    for (int k = 0; k < s.f().length; k++) {
      if (!Double.isFinite(s.f()[k])) {
        throw notFinite(source, y, "extension " + s.stressors().get(k % m) + " of " + row(y.layout(), k / m), s.f()[k]);
      }
    }
    for (int k = 0; k < s.fy().length; k++) {
      if (!Double.isFinite(s.fy()[k])) {
        throw notFinite(source, y, "final-demand extension " + s.stressors().get(k % m) + " of "
            + fdColumn(y.layout(), k / m), s.fy()[k]);
      }
    }
  }

  /**
   * The store's codes are safe strings (letters, digits, {@code _ - .}): countries, split entities,
   * industries and final-demand categories. A reader keeps the source's labels as names.
   */
  static void codes(String source, int year, Layout l) {
    for (List<String> codes : List.of(l.countries(), l.entities(), l.industries(), l.categories())) {
      for (String c : codes) {
        if (!CODE.matcher(c).matches()) {
          throw new InvalidInputException(source, year, "code '" + c + "'",
              "not a safe store code (letters, digits, _ - . only; the reader must map the source's label to one)");
        }
      }
    }
  }

  private static InvalidInputException notFinite(String source, MrioYear y, String where, double v) {
    return new InvalidInputException(source, y.year(), where, "value is not finite (" + v + ")");
  }

  /** Row i as ENTITY_INDUSTRY, e.g. AUS_A01. */
  static String row(Layout l, int i) {
    return l.entities().get(l.entityOfRow(i)) + "_" + l.industries().get(l.industryOfRow(i));
  }

  private static String fdColumn(Layout l, int c) {
    return l.countries().get(c / l.categoryCount()) + "_" + l.categories().get(c % l.categoryCount());
  }
}
