package io.tivaspark.common.io.source;

import io.tivaspark.common.model.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The rules and notes of a GLORIA year after the conversion ({@link GloriaSut}): gross output must
 * not be negative (an input error); the balances of the supply-use table and of the converted table
 * and the regions without any transaction are notes for {@code mrio.json}.
 */
final class GloriaChecks {
  private GloriaChecks() {}

  /**
   * Totals of the converted year in one pass over Z (column-major n×n).
   *
   * @param x row totals Z1 + y (gross output of each product)
   * @param inputs column sums 1'Z
   * @param activity |Z| summed over the row and the column of each product, plus |y| of the row
   */
  record Totals(double[] x, double[] inputs, double[] activity) {}

  static Totals totals(double[] z, double[] yf, int n) {
    double[] x = new double[n];
    double[] inputs = new double[n];
    double[] activity = new double[n];
    for (int j = 0; j < n; j++) {
      int off = j * n;
      double col = 0;
      double colAbs = 0;
      for (int k = 0; k < n; k++) {
        double v = z[off + k];
        x[k] += v;
        activity[k] += Math.abs(v);
        col += v;
        colAbs += Math.abs(v);
      }
      inputs[j] = col;
      activity[j] += colAbs;
    }
    int cols = yf.length / Math.max(1, n);
    for (int c = 0; c < cols; c++) {
      for (int k = 0; k < n; k++) {
        x[k] += yf[k + c * n];
        activity[k] += Math.abs(yf[k + c * n]);
      }
    }
    return new Totals(x, inputs, activity);
  }

  /** x = Z1 + y ≥ 0 for every product: a negative gross output is an input error naming the row. */
  static void outputNotNegative(String file, int year, Totals t, IntFunction<String> label) {
    for (int k = 0; k < t.x().length; k++) {
      if (t.x()[k] < 0) {
        throw new InvalidInputException(file, year, "row " + label.apply(k), String.format(Locale.ROOT,
            "negative gross output x = Z1 + y = %.6g (uses of the product in T-Results plus Y-Results)", t.x()[k]));
      }
    }
  }

  /** g = V1 ≥ 0 for every industry: negative supply is an input error naming the industry row. */
  static void industryOutputNotNegative(String file, int year, double[] g, IntFunction<String> label) {
    for (int i = 0; i < g.length; i++) {
      if (g[i] < 0) {
        throw new InvalidInputException(file, year, "industry row of " + label.apply(i), String.format(Locale.ROOT,
            "negative gross output of the industry g = V1 = %.6g (its supply row)", g[i]));
      }
    }
  }

  /**
   * Two notes: the supply-use balance (V'1 against x = Z1 + y: a product's supply equals its use) and
   * the column balance of the converted table (x against 1'Z + Σ value added), each as the largest gap
   * and where. Both are zero to rounding for a balanced release.
   */
  static List<String> balanceNotes(Totals t, Map<String, double[]> va, double[] supply, IntFunction<String> label) {
    int n = t.x().length;
    double[] colTotal = t.inputs().clone();
    va.values().forEach(v -> {
      for (int j = 0; j < n; j++) {
        colTotal[j] += v[j];
      }
    });
    List<String> out = new ArrayList<>();
    out.add(gapNote("supply V'1 against use x = Z1 + y", supply, t.x(), label));
    out.add(gapNote("column balance 1'Z + sum of value added against x", colTotal, t.x(), label));
    return out;
  }

  private static String gapNote(String what, double[] a, double[] x, IntFunction<String> label) {
    int worst = -1;
    double gap = 0;
    double scale = 0;
    for (int k = 0; k < x.length; k++) {
      scale = Math.max(scale, Math.abs(x[k]));
      double d = Math.abs(a[k] - x[k]);
      if (d > gap) {
        gap = d;
        worst = k;
      }
    }
    if (worst < 0) {
      return what + ": exact";
    }
    return String.format(Locale.ROOT, "%s: largest gap %.6g at %s (x = %.6g; %.3g of the largest x)%s", what, gap,
        label.apply(worst), x[worst], scale == 0 ? 0 : gap / scale,
        gap <= 1e-9 * scale ? "" : " - the supply-use table does not balance there");
  }

  /** Regions whose every row and column is zero (e.g. a country that no longer exists in that year). */
  static List<String> emptyRegions(Totals t, GloriaReadMe.Labels labels) {
    List<String> empty = new ArrayList<>();
    int sectors = labels.nSectors();
    for (int r = 0; r < labels.g(); r++) {
      double s = 0;
      for (int i = 0; i < sectors; i++) {
        s += t.activity()[r * sectors + i];
      }
      if (s == 0) {
        empty.add(labels.regions().get(r));
      }
    }
    return empty.isEmpty() ? List.of() : List.of("regions without any transaction, kept with zero output (pymrio drops "
        + "them): " + String.join(", ", empty));
  }
}
