package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Sources;
import java.util.List;

/**
 * The table {@code va_final_demand_product}, OECD's origin of value added in final demand by the
 * industry of the final product (FDVA_BSCI; docs/methods.md §3.3): the value added of source
 * country-industry p absorbed by the final demand of country d for the final products of industry i,
 * <pre>
 *   F[p; d, i] = Σ_{k∈p} v_k Σ_{j: ind(j)=i} B_kj Y_{j d},
 * </pre>
 * summed over the producing country of the final product (OECD does not keep it). Countries only (no
 * groups), split entities summed on both sides; dense G·N × G × N (13.3 M rows at ICIO 81 × 45).
 * Σ_i F = {@code va_final_demand}.
 *
 * <p>One pass over B: rows are entity-major ({@code Layout.row}), so the columns J_i of industry i
 * are the sub-matrix of B starting at column i with stride N (leading dimension N·n), and
 * M_i = B[:, J_i] · Y[J_i, :] is one dgemm (n × E)·(E × G) per industry, E = entities, without
 * copying B. Σ_i 2n·E·G = 2n²G flops (2.2·10⁹ at n = 3645, G = 81), memory n×G + G·N×G.
 *
 * <p>Checks J4 (at the core's tolerance): Σ_i F = {@code va_final_demand} by (source, demand country);
 * Σ_{d ≠ s, i} F[s, ·] = FFD_DVA_{s,WLD,source industry}; Σ_{d, i} F = VALU; Σ_p F[p; d, i] =
 * Σ_{j: ind(j)=i} Y_{j d} (v'B = 1', exact in the row-sums output mode).
 */
final class FinalProductVa {
  private final YearSystem sys;
  private final int n;
  private final int g;
  private final int nInd;
  private final int gn;
  /** the rows of a by-source vector: every country-industry (made once, so a sink resolves its codes once) */
  private final Sources sources;
  private final CheckResult.Builder sumFinalDemand;

  private FinalProductVa(YearSystem sys, Checks checks) {
    this.sys = sys;
    this.n = sys.n();
    this.g = sys.g();
    this.nInd = sys.nInd();
    this.gn = g * nInd;
    this.sources = Sources.of(sys.layout());
    sumFinalDemand = checks.identity("J4", "va_final_demand_product: sum over sources = final demand of the product");
  }

  /**
   * Writes the table and its J4 checks, unless switched off.
   *
   * @param totals the core's totals of every reporting country, by country index
   */
  static void write(YearSystem sys, CountryTotals[] totals, ResultSink sink, Checks checks) {
    if (sys.options().writeVaFinalDemandProduct()) {
      FinalProductVa f = new FinalProductVa(sys, checks);
      f.checkTotals(f.run(sink), totals, checks);
    }
  }

  /** Every final-product industry in turn; returns Σ_i F (G·N × G) for the totals' checks. */
  private double[] run(ResultSink sink) {
    double[] sumOverProducts = new double[gn * g];
    for (int i = 0; i < nInd; i++) {
      double[] yi = finalDemandOfIndustry(i);
      double[] f = bySource(i, yi);
      emit(i, f, sink);
      checkAgainstFinalDemand(i, f, yi);
      for (int k = 0; k < f.length; k++) {
        sumOverProducts[k] += f[k];
      }
    }
    return sumOverProducts;
  }

  /** Y[J_i, :]: the final demand rows of industry i's entities, E × G column-major. */
  private double[] finalDemandOfIndustry(int i) {
    int e = n / nInd;
    double[] y = sys.y();
    double[] yi = new double[e * g];
    for (int d = 0; d < g; d++) {
      for (int q = 0; q < e; q++) {
        yi[q + d * e] = y[q * nInd + i + d * n];
      }
    }
    return yi;
  }

  /** F[p + d·GN] = Σ_{k∈p} v_k (B[:, J_i] Y[J_i, :])_{k d}: one dgemm on the strided columns of B. */
  private double[] bySource(int i, double[] yi) {
    int e = n / nInd;
    double[] m = new double[n * g];
    sys.lapack().dgemm(false, false, n, g, e, 1.0, sys.b(), i * n, nInd * n, yi, 0, e, 0.0, m, 0, n);
    double[] v = sys.v();
    double[] f = new double[gn * g];
    for (int d = 0; d < g; d++) {
      for (int k = 0; k < n; k++) {
        f[sys.cty()[k] * nInd + sys.ind()[k] + d * gn] += v[k] * m[k + d * n];
      }
    }
    return f;
  }

  private void emit(int i, double[] f, ResultSink sink) {
    List<String> countries = sys.layout().countries();
    String product = sys.layout().industries().get(i);
    for (int d = 0; d < g; d++) {
      String demand = countries.get(d);
      sink.vaFinalDemandProduct(sources, demand, product, f, d * gn);
    }
  }

  /** Σ_p F[p; d, i] = Σ_{e} Y_{(e, i) d}: every unit of final product carries one unit of value added. */
  private void checkAgainstFinalDemand(int i, double[] f, double[] yi) {
    int e = n / nInd;
    List<String> countries = sys.layout().countries();
    List<String> industries = sys.layout().industries();
    for (int d = 0; d < g; d++) {
      double va = 0;
      for (int p = 0; p < gn; p++) {
        va += f[p + d * gn];
      }
      double fd = 0;
      for (int q = 0; q < e; q++) {
        fd += yi[q + d * e];
      }
      int dd = d;
      sumFinalDemand.compare(va, fd, () -> countries.get(dd) + "/" + industries.get(i));
    }
  }

  /** Σ_i F against va_final_demand (v̂BY summed to sources), FFD_DVA and VALU of the source country. */
  private void checkTotals(double[] sum, CountryTotals[] totals, Checks checks) {
    var vfd = checks.identity("J4", "va_final_demand_product: sum over product industries = va_final_demand");
    var ffd = checks.identity("J4", "va_final_demand_product: sum over foreign demand countries = FFD_DVA");
    var valu = checks.identity("J4", "va_final_demand_product: sum over demand countries = VALU");
    double[] vby = sys.vaFinalDemand().vby();
    double[] vbyBySource = new double[gn * g];
    for (int d = 0; d < g; d++) {
      for (int k = 0; k < n; k++) {
        vbyBySource[sys.cty()[k] * nInd + sys.ind()[k] + d * gn] += vby[k + d * n];
      }
    }
    for (int src = 0; src < gn; src++) {
      int p = src;
      int s = p / nInd;
      double foreign = 0;
      double all = 0;
      for (int d = 0; d < g; d++) {
        int dd = d;
        double f = sum[p + d * gn];
        vfd.compare(f, vbyBySource[p + d * gn], () -> label(p) + " x " + sys.layout().countries().get(dd));
        all += f;
        foreign += d == s ? 0 : f;
      }
      ffd.compare(foreign, totals[s].ffdDva()[p % nInd], () -> label(p));
      valu.compare(all, totals[s].valu()[p % nInd], () -> label(p));
    }
  }

  /** Country/industry of source p. */
  private String label(int p) {
    return sys.layout().countries().get(p / nInd) + "/" + sys.layout().industries().get(p % nInd);
  }
}
