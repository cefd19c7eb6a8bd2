package io.tivaspark.common.math;

import io.tivaspark.common.math.TivaOptions.DestinationDetail;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import java.util.List;

/**
 * Value added in gross exports by final destination (docs/methods.md §3.6; OECD FD_EXGR_VA and its
 * parts FD_EXGRINT_VA / FD_EXGRFNL_VA; exvatools {@code get_va_exgry}): the value added of origin
 * country s in the gross exports of country c, exporting industry i, absorbed by the final demand
 * of country d. With vbc[s, j] = Σ_{k∈s} v_k B_kj ({@link YearSystem#originMultipliers()}):
 * <pre>
 *   FNL(s, c, i, d) = Σ_{j∈c, ind(j)=i} vbc[s, j] · Y_jd                 (d ∉ c; 0 for d = c)
 *   INT(s, c, i, d) = Σ_{j∈c, ind(j)=i} vbc[s, j] · (A_{j,¬c} (BY)_{¬c,d})
 * </pre>
 * final exports are absorbed by the direct importer; intermediate exports where the importing rows'
 * output B·Y ends up (d may be c itself: re-imported and absorbed at home; d may be s). Summed over d
 * they are vbc[s, j] e_j: EXGR_DVA (s = c) and the EXGR_FVA contributions (s ≠ c) — checks J6–J8.
 * Countries only (origin, exporter and destination; split entities summed; a split country's
 * exports exclude sales between its own entities).
 *
 * <p><b>Cost</b> (n rows, G countries, N industries, m rows of one country): EI = A^m·BY (n×G) in
 * one pass over A, two BLAS dgemms with offsets per country (2n(n − m)G flops, 2.1 GFlop at ICIO
 * n = 3645), no pass over B (B·Y is {@link YearSystem#by()}, free after v̂BY); the cube 2n·G²
 * multiply-adds (48 M at ICIO). Memory: EI (n×G) and one exporter's 2·N·G² cube at a time.
 */
final class ExportsDestination {
  /** The flow codes of the table: through intermediate exports, as final exports. */
  static final String INT = "INT";
  static final String FNL = "FNL";

  /** One exporter's cube: INT and FNL by (exporting industry i, origin s, destination d) at ((i·G + s)·G + d). */
  record Cube(double[] inter, double[] fnl) {}

  private ExportsDestination() {}

  /**
   * Writes {@code va_exports_destination} at the options' level (COUNTRY or INDUSTRY) and the checks
   * J6–J8. {@code ei}: {@link #foreignIntermediateByDestination}; {@code totals}: the core's totals of
   * every reporting country, by country index.
   */
  static void write(YearSystem sys, double[] ei, CountryTotals[] totals, Checks checks, ResultSink sink) {
    DestinationDetail level = sys.options().exportsDestination();
    if (level == DestinationDetail.OFF) {
      throw new IllegalStateException("va_exports_destination is off");
    }
    int size = sys.nInd() * sys.g() * sys.g();
    Cube cube = new Cube(new double[size], new double[size]); // reused by every exporter
    for (int c = 0; c < sys.g(); c++) {
      exporter(sys, c, ei, cube);
      check(sys, c, cube, totals[c], checks);
      emit(sys, c, cube, level == DestinationDetail.INDUSTRY, sink);
    }
  }

  /**
   * EI_jd = Σ_{k∉c(j)} A_jk (BY)_kd (n×G): row j's intermediate exports (to every other country's rows
   * k) weighted by where the output of k ends up in final demand. Per country c with contiguous rows
   * [lo, lo + m): A[c, 0:lo]·BY[0:lo] + A[c, lo+m:n]·BY[lo+m:n], two dgemms; otherwise (or
   * blockBlas off) a Java pass over A. Never A·BY − A_cc·BY_c: no cancellation, exact zeros stay 0.
   */
  static double[] foreignIntermediateByDestination(YearSystem sys) {
    int n = sys.n();
    int g = sys.g();
    double[] by = sys.by();
    double[] ei = new double[n * g];
    boolean blas = sys.options().blockBlas();
    Lapack.onLapackThread(() -> { // one hop for all 2G dgemms
      for (int c = 0; c < g; c++) {
        int[] rows = sys.layout().rowsOfCountry(c);
        int lo = blas ? GvcYear.contiguousStart(rows) : -1;
        if (lo >= 0) {
          int m = rows.length;
          int hi = lo + m;
          Lapack lp = sys.lapack();
          if (lo > 0) { // columns before the country
            lp.dgemm(false, false, m, g, lo, 1.0, sys.a(), lo, n, by, 0, n, 1.0, ei, lo, n);
          }
          if (hi < n) { // columns after it
            lp.dgemm(false, false, m, g, n - hi, 1.0, sys.a(), lo + hi * n, n, by, hi, n, 1.0, ei, lo, n);
          }
        } else {
          foreignBlockJava(sys, rows, by, ei);
        }
      }
      return null;
    });
    return ei;
  }

  /** EI on the rows of one country by a Java pass over their rows of A (any row order). O(m·n·G). */
  private static void foreignBlockJava(YearSystem sys, int[] rows, double[] by, double[] ei) {
    int n = sys.n();
    int g = sys.g();
    double[] a = sys.a();
    int[] cty = sys.cty();
    int c = cty[rows[0]];
    double[] acc = new double[g];
    for (int j : rows) {
      java.util.Arrays.fill(acc, 0.0);
      for (int k = 0; k < n; k++) {
        double ajk = a[j + k * n];
        if (ajk == 0 || cty[k] == c) {
          continue;
        }
        for (int d = 0; d < g; d++) {
          acc[d] += ajk * by[k + d * n];
        }
      }
      for (int d = 0; d < g; d++) {
        ei[j + d * n] = acc[d];
      }
    }
  }

  /**
   * The cube of exporter c into {@code cube} (overwritten): vbc[s, j] times row j's INT / FNL exports
   * by destination, summed per industry. O(m·G²).
   */
  static void exporter(YearSystem sys, int c, double[] ei, Cube cube) {
    int n = sys.n();
    int g = sys.g();
    double[] vbc = sys.originMultipliers();
    double[] y = sys.y();
    double[] inter = cube.inter();
    double[] fnl = cube.fnl();
    java.util.Arrays.fill(inter, 0.0);
    java.util.Arrays.fill(fnl, 0.0);
    double[] eiRow = new double[g];
    double[] yRow = new double[g];
    for (int j : sys.layout().rowsOfCountry(c)) {
      for (int d = 0; d < g; d++) {
        eiRow[d] = ei[j + d * n];
        yRow[d] = d == c ? 0 : y[j + d * n];
      }
      int base = sys.ind()[j] * g;
      for (int s = 0; s < g; s++) {
        double w = vbc[j * g + s];
        if (w == 0) {
          continue;
        }
        int o = (base + s) * g;
        for (int d = 0; d < g; d++) {
          inter[o + d] += w * eiRow[d];
          fnl[o + d] += w * yRow[d];
        }
      }
    }
  }

  /**
   * J6: Σ_d (INT + FNL) = EXGR_DVA for s = c, Σ_{s≠c} Σ_d = EXGR_FVA; J7: Σ_d INT and Σ_d FNL for s = c =
   * EXGR_INT_DVA / EXGR_FNL_DVA (the domestic VA in intermediate / final exports); J8:
   * Σ_s FNL(s, c, i, d) = EXGR_FNL(c, d, i) (0 for d = c): final exports are absorbed by the direct
   * importer. By exporting industry; the published side from the economy's own results.
   */
  private static void check(YearSystem sys, int c, Cube cube, CountryTotals tot, Checks checks) {
    int g = sys.g();
    List<String> industries = sys.layout().industries();
    List<String> countries = sys.layout().countries();
    String code = countries.get(c);
    CheckResult.Builder dva = checks.identity("J6", "sum over destinations of FD_EXGR_VA (origin = exporter) = "
        + "EXGR_DVA (by exporting industry)");
    CheckResult.Builder fva = checks.identity("J6", "sum over destinations and foreign origins of FD_EXGR_VA = "
        + "EXGR_FVA (by exporting industry)");
    CheckResult.Builder intD = checks.identity("J7", "sum over destinations of FD_EXGRINT_VA (origin = exporter) = "
        + "EXGR_INT_DVA (by exporting industry)");
    CheckResult.Builder fnlD = checks.identity("J7", "sum over destinations of FD_EXGRFNL_VA (origin = exporter) = "
        + "EXGR_FNL_DVA (by exporting industry)");
    CheckResult.Builder direct = checks.identity("J8", "sum over origins of FD_EXGRFNL_VA = EXGR_FNL to the "
        + "destination (exporter × industry × destination)");
    for (int i = 0; i < industries.size(); i++) {
      double[] byOrigin = new double[3]; // INT and FNL of s = c, INT + FNL of s ≠ c
      double[] fnlByDest = new double[g];
      for (int s = 0; s < g; s++) {
        int o = (i * g + s) * g;
        for (int d = 0; d < g; d++) {
          if (s == c) {
            byOrigin[0] += cube.inter()[o + d];
            byOrigin[1] += cube.fnl()[o + d];
          } else {
            byOrigin[2] += cube.inter()[o + d] + cube.fnl()[o + d];
          }
          fnlByDest[d] += cube.fnl()[o + d];
        }
      }
      String where = code + "/" + industries.get(i);
      dva.compare(byOrigin[0] + byOrigin[1], tot.exgrDva()[i], where);
      fva.compare(byOrigin[2], tot.exgrFva()[i], where);
      intD.compare(byOrigin[0], tot.intDva()[i], where);
      fnlD.compare(byOrigin[1], tot.fnlDva()[i], where);
      for (int d = 0; d < g; d++) {
        double gross = d == c ? 0 : tot.exgrFnl()[i * g + d];
        final int dd = d;
        direct.compare(fnlByDest[d], gross, () -> where + "/" + countries.get(dd));
      }
    }
  }

  /** The rows of exporter c: by industry (when {@code byIndustry}) and "_T", for every origin, destination and flow. */
  private static void emit(YearSystem sys, int c, Cube cube, boolean byIndustry, ResultSink sink) {
    int g = sys.g();
    int nInd = sys.nInd();
    List<String> countries = sys.layout().countries();
    String exporter = countries.get(c);
    double[] tInt = new double[g * g];
    double[] tFnl = new double[g * g];
    for (int i = 0; i < nInd; i++) {
      String ind = sys.layout().industries().get(i);
      for (int q = 0; q < g * g; q++) {
        int o = i * g * g + q;
        tInt[q] += cube.inter()[o];
        tFnl[q] += cube.fnl()[o];
        if (byIndustry) {
          rows(countries, exporter, ind, q, cube.inter()[o], cube.fnl()[o], sink);
        }
      }
    }
    for (int q = 0; q < g * g; q++) {
      rows(countries, exporter, Codes.TOTAL, q, tInt[q], tFnl[q], sink);
    }
  }

  /** The INT and FNL rows of origin q / G and destination q % G. */
  private static void rows(List<String> countries, String exporter, String industry, int q, double inter, double fnl,
      ResultSink sink) {
    int g = countries.size();
    String s = countries.get(q / g);
    String d = countries.get(q % g);
    sink.vaExportsDestination(s, exporter, industry, d, INT, inter);
    sink.vaExportsDestination(s, exporter, industry, d, FNL, fnl);
  }
}
