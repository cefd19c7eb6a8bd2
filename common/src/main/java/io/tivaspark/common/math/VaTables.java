package io.tivaspark.common.math;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Sources;
import java.util.Arrays;
import java.util.List;

/**
 * The two value-added tables of the core (docs/methods.md §3, §13), countries only (not groups), split
 * entities summed to their country: {@code va_final_demand} = v̂BY by source country-industry ×
 * demand country (GN × G), and {@code va_origin_exports} = v_k B_kj e_j (e = country-level gross
 * exports, {@link YearSystem#countryExports()}) by source × exporter country-industry (GN × GN),
 * streamed through a GN buffer, O(n²), never an n×n array.
 */
final class VaTables {
  private VaTables() {}

  /** Writes the tables the options ask for. */
  static void write(YearSystem sys, ResultSink sink) {
    if (sys.options().writeVaFinalDemand()) {
      vaFinalDemand(sys, sink);
    }
    if (sys.options().writeVaOriginExports()) {
      vaOriginExports(sys, sink);
    }
  }

  private static void vaFinalDemand(YearSystem sys, ResultSink sink) {
    int n = sys.n();
    int g = sys.g();
    int nInd = sys.nInd();
    int gn = g * nInd;
    List<String> countries = sys.layout().countries();
    List<String> industries = sys.layout().industries();
    double[] vby = sys.vaFinalDemand().vby();
    double[] agg = new double[gn * g];
    for (int r = 0; r < g; r++) {
      for (int k = 0; k < n; k++) {
        agg[sys.cty()[k] * nInd + sys.ind()[k] + r * gn] += vby[k + r * n];
      }
    }
    for (int r = 0; r < g; r++) {
      for (int p = 0; p < gn; p++) {
        sink.vaFinalDemand(countries.get(p / nInd), industries.get(p % nInd), countries.get(r), agg[p + r * gn]);
      }
    }
  }

  private static void vaOriginExports(YearSystem sys, ResultSink sink) {
    int n = sys.n();
    int nInd = sys.nInd();
    int gn = sys.g() * nInd;
    Layout lay = sys.layout();
    int[] rho = new int[n]; // country-industry of each row
    for (int k = 0; k < n; k++) {
      rho[k] = sys.cty()[k] * nInd + sys.ind()[k];
    }
    int[][] colsOf = columnsByCountryIndustry(rho, gn);
    double[] v = sys.v();
    double[] b = sys.b();
    double[] eC = sys.countryExports();
    double[] col = new double[gn];
    Sources sources = Sources.of(lay);
    for (int q = 0; q < gn; q++) {
      Arrays.fill(col, 0.0);
      for (int j : colsOf[q]) {
        int off = j * n;
        double ej = eC[j];
        for (int k = 0; k < n; k++) {
          col[rho[k]] += v[k] * b[off + k] * ej;
        }
      }
      String ec = lay.countries().get(q / nInd);
      String ei = lay.industries().get(q % nInd);
      sink.vaOriginExports(sources, ec, ei, col, 0);
    }
  }

  /** The entity columns j (CN1, CN2, ...) of every country-industry q, in row order. */
  static int[][] columnsByCountryIndustry(int[] rho, int gn) {
    int[] count = new int[gn];
    for (int q : rho) {
      count[q]++;
    }
    int[][] colsOf = new int[gn][];
    for (int q = 0; q < gn; q++) {
      colsOf[q] = new int[count[q]];
      count[q] = 0;
    }
    for (int j = 0; j < rho.length; j++) {
      colsOf[rho[j]][count[rho[j]]++] = j;
    }
    return colsOf;
  }
}
