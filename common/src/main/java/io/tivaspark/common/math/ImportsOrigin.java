package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Sources;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The table {@code va_origin_imports}, OECD's origin of value added in gross imports (IMGR_BSCI;
 * docs/methods.md §3.2): the value added of source t embodied in the gross imports of importer s
 * from partner r's industry i,
 * <pre>
 *   M[t; s, r, i] = Σ_{j∈r, ind(j)=i} (Σ_{k∈t} v_k B_kj) · E_{j s},   E_{j s} = Zc_{j s} + Y_{j s},  r ≠ s,
 * </pre>
 * the bilateral flow of each exporting row weighted by its per-unit value-added origins (as
 * {@code va_origin_exports} weights e_j). Countries only (no groups), split entities summed: a split
 * country's rows are one partner, its columns and final demand one importer, and its own entities
 * do not import from each other. Dense: every source × importer × partner ≠ importer × industry.
 *
 * <p>Detail ({@link TivaOptions#vaOriginImports()}): COUNTRY (default, OECD's layout) t = source
 * country, with source industry "_T"; the multipliers are {@link YearSystem#originMultipliers()},
 * no pass over B. INDUSTRY: t = source country-industry, one pass over B (each column summed to its
 * G·N sources once).
 *
 * <p>Streamed per (partner, industry) through an S × G buffer (S = G or G·N sources). Cost
 * O(n·S·G): 24 M multiply-adds at ICIO size (n = 3645, G = 81, N = 45) for COUNTRY, 1.1·10⁹ plus
 * the n² pass over B for INDUSTRY. Rows: G²(G − 1)N (23.6 M at ICIO size), times N for INDUSTRY.
 *
 * <p>Checks J3 (at the core's tolerance): Σ_t M = IMGR_{s,r,i}; M[s; s, r, i] summed over source
 * industries = IMGR_DVA_{s,r,i}; Σ_{s ≠ r} M[t ∈ r; s, r, i] = EXGR_DVA_{r,WLD,i} and over t ∉ r =
 * EXGR_FVA_{r,WLD,i} (the cube read from the partner's side is {@code va_origin_exports}).
 */
final class ImportsOrigin {
  private final YearSystem sys;
  private final CountryTotals[] totals;
  private final boolean byIndustry;
  private final int n;
  private final int g;
  private final int nInd;
  /** Number of sources S: G (COUNTRY) or G·N (INDUSTRY). */
  private final int sources;
  /** Codes of each source t: its country, and its industry or "_T" (made once, so a sink resolves them once). */
  private final Sources sourceCodes;
  private final CheckResult.Builder sumImgr;
  private final CheckResult.Builder sumImgrDva;
  private final CheckResult.Builder sumExgrDva;
  private final CheckResult.Builder sumExgrFva;

  private ImportsOrigin(YearSystem sys, CountryTotals[] totals, Checks checks) {
    this.sys = sys;
    this.totals = totals;
    this.byIndustry = sys.options().vaOriginImports() == TivaOptions.ImportsOriginDetail.INDUSTRY;
    this.n = sys.n();
    this.g = sys.g();
    this.nInd = sys.nInd();
    this.sources = byIndustry ? g * nInd : g;
    sourceCodes = byIndustry ? Sources.of(sys.layout())
        : new Sources(sys.layout().countries(), Collections.nCopies(g, Codes.TOTAL));
    sumImgr = checks.identity("J3", "va_origin_imports: sum over sources = IMGR");
    sumImgrDva = checks.identity("J3", "va_origin_imports: source = importer gives IMGR_DVA");
    sumExgrDva = checks.identity("J3", "va_origin_imports: sum over importers, source = partner gives EXGR_DVA");
    sumExgrFva = checks.identity("J3", "va_origin_imports: sum over importers, source != partner gives EXGR_FVA");
  }

  /**
   * Writes the table and its J3 checks, unless the option is OFF.
   *
   * @param totals the core's totals of every reporting country, by country index
   */
  static void write(YearSystem sys, CountryTotals[] totals, ResultSink sink, Checks checks) {
    if (sys.options().vaOriginImports() != TivaOptions.ImportsOriginDetail.OFF) {
      new ImportsOrigin(sys, totals, checks).run(sink);
    }
  }

  private void run(ResultSink sink) {
    int[][] rowsOf = VaTables.columnsByCountryIndustry(countryIndustryOfRows(), g * nInd);
    double[] u = new double[sources];
    double[] out = new double[sources * g];
    for (int r = 0; r < g; r++) {
      for (int i = 0; i < nInd; i++) {
        Arrays.fill(out, 0.0);
        for (int j : rowsOf[r * nInd + i]) {
          sourceColumn(j, u);
          addImportsOfRow(j, r, u, out);
        }
        emit(r, i, out, sink);
        check(r, i, out);
      }
    }
  }

  private int[] countryIndustryOfRows() {
    int[] rho = new int[n];
    for (int k = 0; k < n; k++) {
      rho[k] = sys.cty()[k] * nInd + sys.ind()[k];
    }
    return rho;
  }

  /**
   * u[t] = Σ_{k∈t} v_k B_kj over the rows k of each source t: the origin multipliers of column j
   * (COUNTRY, read from {@link YearSystem#originMultipliers()}) or column j of v̂B summed to
   * country-industries (INDUSTRY, O(n)).
   */
  private void sourceColumn(int j, double[] u) {
    if (!byIndustry) {
      System.arraycopy(sys.originMultipliers(), j * g, u, 0, g);
      return;
    }
    Arrays.fill(u, 0.0);
    double[] v = sys.v();
    double[] b = sys.b();
    int off = j * n;
    for (int k = 0; k < n; k++) {
      u[sys.cty()[k] * nInd + sys.ind()[k]] += v[k] * b[off + k];
    }
  }

  /** out[t + s·S] += u[t] · E_{j s} for every importer s other than row j's country r. */
  private void addImportsOfRow(int j, int r, double[] u, double[] out) {
    double[] zc = sys.zc();
    double[] y = sys.y();
    for (int s = 0; s < g; s++) {
      double e = zc[j + s * n] + y[j + s * n];
      if (s == r || e == 0) {
        continue;
      }
      int off = s * sources;
      for (int t = 0; t < sources; t++) {
        out[off + t] += u[t] * e;
      }
    }
  }

  private void emit(int r, int i, double[] out, ResultSink sink) {
    List<String> countries = sys.layout().countries();
    String partner = countries.get(r);
    String industry = sys.layout().industries().get(i);
    for (int s = 0; s < g; s++) {
      if (s == r) {
        continue;
      }
      String importer = countries.get(s);
      sink.vaOriginImports(sourceCodes, importer, partner, industry, out, s * sources);
    }
  }

  /** J3 for partner r's industry i: by importer against IMGR and IMGR_DVA, then against r's EXGR_DVA/FVA. */
  private void check(int r, int i, double[] out) {
    List<String> countries = sys.layout().countries();
    List<String> industries = sys.layout().industries();
    double partnerVa = 0;
    double otherVa = 0;
    for (int s = 0; s < g; s++) {
      if (s == r) {
        continue;
      }
      double all = 0;
      double fromS = 0;
      double fromR = 0;
      double notR = 0;
      for (int t = 0; t < sources; t++) {
        double m = out[s * sources + t];
        int tc = byIndustry ? t / nInd : t;
        all += m;
        fromS += tc == s ? m : 0;
        fromR += tc == r ? m : 0;
        notR += tc == r ? 0 : m;
      }
      partnerVa += fromR;
      otherVa += notR;
      if (sumImgr.compareIsWorst(all, totals[s].imgr()[i * g + r])) {
        sumImgr.worstIs(countries.get(s) + "/" + countries.get(r) + "/" + industries.get(i));
      }
      if (sumImgrDva.compareIsWorst(fromS, totals[s].imgrDva()[i * g + r])) {
        sumImgrDva.worstIs(countries.get(s) + "/" + countries.get(r) + "/" + industries.get(i));
      }
    }
    sumExgrDva.compare(partnerVa, totals[r].exgrDva()[i], () -> countries.get(r) + "/" + industries.get(i));
    sumExgrFva.compare(otherVa, totals[r].exgrFva()[i], () -> countries.get(r) + "/" + industries.get(i));
  }
}
