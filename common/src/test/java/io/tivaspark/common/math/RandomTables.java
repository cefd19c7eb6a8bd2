package io.tivaspark.common.math;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random balanced MRIO years for property tests and the benchmark. */
final class RandomTables {
  private RandomTables() {}

  static final List<String> CATEGORIES = List.of("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR");

  /** Countries C00..C(g-1), with "CHN" (split into CN1, CN2) as the second country when {@code split}. */
  static Layout layout(int g, int nInd, boolean split) {
    List<String> countries = new ArrayList<>();
    for (int c = 0; c < g; c++) {
      countries.add(split && c == 1 ? "CHN" : String.format("C%02d", c));
    }
    List<String> industries = new ArrayList<>();
    for (int i = 0; i < nInd; i++) {
      industries.add(String.format("D%02d", i));
    }
    return new Layout(countries, industries, CATEGORIES,
        split ? Map.of("CHN", List.of("CN1", "CN2")) : Map.of());
  }

  /**
   * Z sparse-ish positive, final demand positive except INVNT (may be negative); {@code zeroRows}
   * rows/columns get no flows and no final demand at all (x = 0). Published output = Z1 + y exactly,
   * one VA component = x − Z'1.
   */
  static MrioYear year(long seed, Layout lay, int[] zeroRows) {
    Random rnd = new Random(seed);
    int n = lay.n();
    int cols = lay.finalDemandColumns();
    int f = lay.categoryCount();
    double[] z = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double u = rnd.nextDouble();
        boolean same = lay.countryOfRow(i) == lay.countryOfRow(j);
        z[i + j * n] = u < 0.15 ? 0 : u * u * (same ? 40.0 : 8.0) / Math.sqrt(n);
      }
    }
    double[] yf = new double[n * cols];
    for (int c = 0; c < cols; c++) {
      boolean inv = c % f == CATEGORIES.indexOf("INVNT");
      for (int i = 0; i < n; i++) {
        boolean home = lay.countryOfRow(i) == c / f;
        double u = rnd.nextDouble();
        yf[i + c * n] = inv ? (u - 0.6) * 3.0 : u * (home ? 30.0 : 4.0);
      }
    }
    for (int k : zeroRows) {
      for (int t = 0; t < n; t++) {
        z[k + t * n] = 0;
        z[t + k * n] = 0;
      }
      for (int c = 0; c < cols; c++) {
        yf[k + c * n] = 0;
      }
    }
    double[] x = IoMathReference.outputFromRows(z, IoMath.rowSums(yf, n, cols), n);
    double[] va = IoMath.valueAddedResidual(x, z, n);
    return new MrioYear(2020, lay, z, yf, Map.of("VA", va), x);
  }
}
