package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Satellite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Family "footprints": environmental and employment accounts of one year from its satellite
 * accounts (indicators.md §10; pymrio {@code calc_accounts}), written to {@code footprints}; the
 * coefficients S, M, M_UP, M_DOM per economy and industry to {@code footprint_coefficients}; the
 * identities E1–E5 in {@code quality_checks}. A year without satellite accounts writes nothing.
 * See docs/footprints.md for every account and coefficient.
 *
 * <p><b>Math</b> (pymrio names in brackets; B = (I − A)⁻¹ is pymrio's L). Per stressor:
 * S = F x̂⁻¹ with S_k = 0 where x_k = 0 (as pymrio's {@code calc_S}: F booked on a zero-output
 * sector is lost, like pymrio); multipliers M = S B; and the origin × destination matrix
 * W[t, r] = Σ_{k∈t} S_k (B Y)_{k,r}: stressor emitted in country t because of country r's final
 * demand (B Y is the system's shared dgemm). For an economy E (a country = all its split
 * entities; a configured group = its members, trade between them domestic):
 * <ul>
 * <li>PBA = Σ_{t∈E} Σ_r W[t,r] + F_Y(E) (pymrio D_pba = S diag(B y) summed over E's columns, plus F_Y);</li>
 * <li>CBA = Σ_t Σ_{r∈E} W[t,r] + F_Y(E) (D_cba = S B Ŷ summed over E's columns, plus F_Y);</li>
 * <li>IMP = Σ_{t∉E} Σ_{r∈E} W[t,r] (D_imp); EXP = Σ_{t∈E} Σ_{r∉E} W[t,r] (D_exp);</li>
 * <li>gross trade: EXGR_EMB(E→r) = Σ_{k∈E} M_k e_{k,r} with e_{k,r} = Z_{k,r}1 + Y_{k,r} for
 *     partners r ∉ E; the domestic part uses Σ_{t∈E} S_t B_{t,k}; by origin country t likewise.</li>
 * </ul>
 *
 * <p><b>Checks.</b> E1 per stressor over every economy: CBA computed as M·Y (a pass over B, not the
 * dgemm B·Y) + F_Y equals PBA + IMP − EXP. E2 per stressor: Σ_countries CBA = Σ_countries PBA.
 * E3 per stressor: Σ_k M_k y_k = Σ_{k: x_k ≠ 0} F_k (§10's "M ŷ-weighted = F1" under the
 * zero-output convention; it needs x = B y, i.e. output mode ROW_SUMS). E4 per stressor: S x = F
 * on every written coefficient row; E5: Σ M y over the written rows = Σ_{x_k ≠ 0} F_k (world, by
 * industry and by _T) and, per economy, the industry rows weigh to its _T row.
 *
 * <p><b>Cost</b> per stressor: one pass over B (n² multiply-adds in Java) for the multipliers by
 * origin country, O(n·G) for W and O(n·G) per economy for trade; B·Y is shared with the other
 * families. Memory G·n doubles per stressor (reused).
 */
public final class Footprints {
  static final String WLD = "WLD";
  static final String DXD = "DXD";

  /** Accounts written for every stressor (docs/footprints.md). */
  public static final List<String> ACCOUNTS = List.of("PBA", "CBA", "IMP", "EXP", "F_Y", "DOM", "BAL",
      "EXGR_EMB", "EXGR_EMB_DOM", "EXGR_EMB_FOR", "EXGR_EMB_ORIG", "IMGR_EMB", "IMGR_EMB_DOM", "IMGR_EMB_FOR",
      "BALGR_EMB");

  /** Coefficients written to footprint_coefficients for every stressor, economy and industry. */
  public static final List<String> COEFFICIENTS = List.of("S", "M", "M_UP", "M_DOM");

  /**
   * OECD codes also written by partner (besides WLD): TECO2's EXGR_*CO2 by importer, and
   * FFD_DCO2 / DFD_FCO2 by partner (TECO2 publishes their partner shares FFD_DCO2PSH and
   * DFD_FCO2PSH, so the codes have a partner dimension).
   */
  static final java.util.Set<String> BILATERAL_OECD = java.util.Set.of("EXGR_TCO2", "EXGR_DCO2", "EXGR_FCO2",
      "FFD_DCO2", "DFD_FCO2");

  private Footprints() {}

  /** What one economy's accounts came to for one stressor (for tests and the summary). */
  public record Accounts(String stressor, String economy, double pba, double cba, double imp, double exp,
      double fy, double cbaMy, double exgr, double exgrDom, double imgr, double imgrDom) {}

  /** The whole family on a solved system; a year without satellite accounts writes nothing. */
  public static TivaSummary compute(YearSystem sys, ResultSink sink) {
    long t0 = System.nanoTime();
    Map<String, Double> steps = new LinkedHashMap<>();
    List<CheckResult> checks = new ArrayList<>();
    Satellite sat = sys.year().satellite();
    if (sat != null && sat.m() > 0) {
      new Run(sys, sat, sink).run(checks, null);
    }
    steps.put("footprints", (System.nanoTime() - t0) / 1e9);
    double secs = (System.nanoTime() - t0) / 1e9 + sys.buildSeconds();
    return new TivaSummary(sys.year().year(), sys.n(), secs, sys.leontiefSeconds(), sys.lapack().backend(), checks,
        steps);
  }

  /** The accounts of every stressor and economy, also writing rows and checks to the sink. */
  public static List<Accounts> accounts(YearSystem sys, ResultSink sink) {
    List<Accounts> out = new ArrayList<>();
    Satellite sat = sys.year().satellite();
    if (sat != null) {
      new Run(sys, sat, sink).run(new ArrayList<>(), out);
    }
    return out;
  }

  /**
   * pymrio's sector-level accounts for one stressor (tests): {@code [D_cba, D_pba, D_imp, D_exp]},
   * D_cba and D_imp by (consuming country r, product j) at column r·N + j, D_pba and D_exp by
   * producing row k. Explicit B·Ŷ, O(n²·G): small tables only.
   */
  public static double[][] pymrioDetail(YearSystem sys, int stressor) {
    Satellite sat = sys.year().satellite();
    int n = sys.n();
    int g = sys.g();
    int nInd = sys.nInd();
    int m = sat.m();
    double[] s = coefficients(sat, stressor, m, sys.x());
    double[] dCba = new double[g * nInd];
    double[] dImp = new double[g * nInd];
    double[] xTot = new double[n];
    double[] xExp = new double[n];
    for (int r = 0; r < g; r++) {
      for (int j = 0; j < nInd; j++) {
        // column (r, j) of X_diag = B · (Y_{·r} restricted to rows of product j)
        for (int i = 0; i < n; i++) {
          double xd = 0;
          for (int k = 0; k < n; k++) {
            if (sys.ind()[k] == j) {
              xd += sys.b()[i + k * n] * sys.y()[k + r * n];
            }
          }
          xTot[i] += xd;
          dCba[r * nInd + j] += s[i] * xd;
          if (sys.cty()[i] != r) {
            dImp[r * nInd + j] += s[i] * xd;
            xExp[i] += xd;
          }
        }
      }
    }
    double[] dPba = new double[n];
    double[] dExp = new double[n];
    for (int k = 0; k < n; k++) {
      dPba[k] = s[k] * xTot[k];
      dExp[k] = s[k] * xExp[k];
    }
    return new double[][] {dCba, dPba, dImp, dExp};
  }

  static double[] coefficients(Satellite sat, int st, int m, double[] x) {
    double[] s = new double[x.length];
    double[] f = sat.f();
    for (int k = 0; k < x.length; k++) {
      s[k] = x[k] != 0 ? f[st + k * m] / x[k] : 0.0;
    }
    return s;
  }

  /** OECD names of the accounts for a stressor, or null when OECD publishes none for it. */
  static Map<String, String> oecdNames(String stressor) {
    String u = stressor.toUpperCase(Locale.ROOT);
    Map<String, String> names = new LinkedHashMap<>();
    if (u.equals("CO2") || u.startsWith("CO2_") || u.startsWith("CO2-")) {
      // TECO2 (OECD.Stat IO_GHG_2021) variable codes, as listed in the dataset's SDMX VAR dimension
      names.put("PBA", "PROD_CO2");
      names.put("CBA", "FD_CO2");
      names.put("BAL", "BALCO2_FD");
      names.put("EXP", "FFD_DCO2");
      names.put("IMP", "DFD_FCO2");
      names.put("EXGR_EMB", "EXGR_TCO2");
      names.put("EXGR_EMB_DOM", "EXGR_DCO2");
      names.put("EXGR_EMB_FOR", "EXGR_FCO2");
      names.put("IMGR_EMB", "IMGR_TCO2");
      names.put("IMGR_EMB_DOM", "IMGR_DCO2");
      names.put("IMGR_EMB_FOR", "IMGR_FCO2");
      names.put("BALGR_EMB", "BALCO2_GR");
      return names;
    }
    if (u.equals("EMP") || u.equals("EMPN") || u.startsWith("EMP_")) {
      // Trade in Employment (TiM): only EMPN (employment, persons) is a confirmed TiM code; TiM's
      // codes for jobs sustained by foreign final demand could not be confirmed, so those figures
      // stay under EXP / IMP / CBA (docs/footprints.md, "OECD names")
      names.put("PBA", "EMPN");
      return names;
    }
    return null;
  }

  private static final class Run {
    final YearSystem sys;
    final Satellite sat;
    final ResultSink sink;
    final Layout lay;
    final int n;
    final int g;
    final int m;
    final int[] cty;
    final double tol;
    final double[] x;
    final double[] b;
    final double[] y;
    final double[] by;
    final double[] zc;
    final List<String> countries;

    Run(YearSystem sys, Satellite sat, ResultSink sink) {
      this.sys = sys;
      this.sat = sat;
      this.sink = sink;
      this.lay = sys.layout();
      this.n = sys.n();
      this.g = sys.g();
      this.m = sat.m();
      this.cty = sys.cty();
      this.tol = sys.options().algebraTolerance();
      this.x = sys.x();
      this.b = sys.b();
      this.y = sys.y();
      this.by = sys.by();
      this.zc = sys.zc();
      this.countries = lay.countries();
    }

    void run(List<CheckResult> checks, List<Accounts> collect) {
      List<YearSystem.Economy> economies = sys.economies();
      int fCats = lay.categoryCount();
      for (int st = 0; st < m; st++) {
        String name = sat.stressors().get(st);
        String unit = sat.units().get(st);
        Map<String, String> oecd = oecdNames(name);
        double[] s = coefficients(sat, st, m, x);
        // multipliers by origin country: mo[t + k·G] = Σ_{i∈t} S_i B_ik (one pass over B)
        double[] mo = new double[g * n];
        for (int k = 0; k < n; k++) {
          int off = k * n;
          int base = k * g;
          for (int i = 0; i < n; i++) {
            double si = s[i];
            if (si != 0) {
              mo[base + cty[i]] += si * b[off + i];
            }
          }
        }
        double[] mult = new double[n];
        for (int k = 0; k < n; k++) {
          double sum = 0;
          for (int t = 0; t < g; t++) {
            sum += mo[t + k * g];
          }
          mult[k] = sum;
        }
        // W[t + r·G] = Σ_{k∈t} S_k (B Y)_{k,r}
        double[] w = new double[g * g];
        for (int r = 0; r < g; r++) {
          int off = r * n;
          for (int k = 0; k < n; k++) {
            w[cty[k] + r * g] += s[k] * by[off + k];
          }
        }
        double[] fyc = new double[g];
        for (int c = 0; c < g; c++) {
          for (int cat = 0; cat < fCats; cat++) {
            fyc[c] += sat.fy()[st + lay.finalDemandColumn(c, cat) * m];
          }
        }

        CheckResult.Builder e1 = CheckResult.builder("E1", name, tol);
        double worldPba = 0;
        double worldCba = 0;
        for (YearSystem.Economy e : economies) {
          boolean[] mem = e.member();
          String code = e.code();
          double fy = 0;
          for (int c = 0; c < g; c++) {
            if (mem[c]) {
              fy += fyc[c];
            }
          }
          double pbaInd = 0;
          double dom = 0;
          double imp = 0;
          double exp = 0;
          double[] impBy = new double[g];
          double[] expBy = new double[g];
          double[] originFd = new double[g]; // origin t of E's final-demand footprint (all t)
          for (int t = 0; t < g; t++) {
            for (int r = 0; r < g; r++) {
              double v = w[t + r * g];
              if (mem[t]) {
                pbaInd += v;
                if (mem[r]) {
                  dom += v;
                } else {
                  exp += v;
                  expBy[r] += v;
                }
              } else if (mem[r]) {
                imp += v;
                impBy[t] += v;
              }
              if (mem[r]) {
                originFd[t] += v;
              }
            }
          }
          double pba = pbaInd + fy;
          double cba = dom + imp + fy;
          // CBA on an independent path: M · (Y summed over E's columns)
          double cbaMy = fy;
          for (int k = 0; k < n; k++) {
            double yk = 0;
            for (int r = 0; r < g; r++) {
              if (mem[r]) {
                yk += y[k + r * n];
              }
            }
            cbaMy += mult[k] * yk;
          }
          e1.compare(cbaMy, pba + imp - exp, code);
          if (!e.group()) {
            worldPba += pba;
            worldCba += cbaMy;
          }

          // gross trade of E: exports e_{k,r} (k ∈ E, r ∉ E) and imports (k ∉ E, r ∈ E)
          double[] exgr = new double[g];
          double[] exgrDom = new double[g];
          double[] orig = new double[g];
          for (int k : e.rows()) {
            double dk = 0;
            for (int t = 0; t < g; t++) {
              if (mem[t]) {
                dk += mo[t + k * g];
              }
            }
            double eTot = 0;
            for (int r = 0; r < g; r++) {
              if (mem[r]) {
                continue;
              }
              double ex = zc[k + r * n] + y[k + r * n];
              exgr[r] += mult[k] * ex;
              exgrDom[r] += dk * ex;
              eTot += ex;
            }
            if (eTot != 0) {
              for (int t = 0; t < g; t++) {
                orig[t] += mo[t + k * g] * eTot;
              }
            }
          }
          double imgr = 0;
          double imgrDom = 0;
          for (int k = 0; k < n; k++) {
            if (mem[cty[k]]) {
              continue;
            }
            double im = 0;
            for (int r = 0; r < g; r++) {
              if (mem[r]) {
                im += zc[k + r * n] + y[k + r * n];
              }
            }
            if (im == 0) {
              continue;
            }
            double dk = 0;
            for (int t = 0; t < g; t++) {
              if (mem[t]) {
                dk += mo[t + k * g];
              }
            }
            imgr += mult[k] * im;
            imgrDom += dk * im;
          }
          double exgrT = 0;
          double exgrD = 0;
          for (int r = 0; r < g; r++) {
            exgrT += exgr[r];
            exgrD += exgrDom[r];
          }

          Map<String, Double> totals = new LinkedHashMap<>();
          totals.put("PBA", pba);
          totals.put("CBA", cba);
          totals.put("IMP", imp);
          totals.put("EXP", exp);
          totals.put("F_Y", fy);
          totals.put("DOM", dom);
          totals.put("BAL", pba - cba);
          totals.put("EXGR_EMB", exgrT);
          totals.put("EXGR_EMB_DOM", exgrD);
          totals.put("EXGR_EMB_FOR", exgrT - exgrD);
          totals.put("IMGR_EMB", imgr);
          totals.put("IMGR_EMB_DOM", imgrDom);
          totals.put("IMGR_EMB_FOR", imgr - imgrDom);
          totals.put("BALGR_EMB", exgrT - imgr);
          for (Map.Entry<String, Double> t : totals.entrySet()) {
            sink.footprint(name, t.getKey(), code, WLD, t.getValue(), unit);
            if (oecd != null && oecd.containsKey(t.getKey())) {
              sink.footprint(name, oecd.get(t.getKey()), code, WLD, t.getValue(), unit);
            }
          }
          String fdName = oecd == null ? null : oecd.get("CBA");
          for (int p = 0; p < g; p++) {
            String partner = countries.get(p);
            if (mem[p]) {
              continue;
            }
            bilateral(name, unit, oecd, "IMP", code, partner, impBy[p]);
            bilateral(name, unit, oecd, "EXP", code, partner, expBy[p]);
            bilateral(name, unit, oecd, "EXGR_EMB", code, partner, exgr[p]);
            bilateral(name, unit, oecd, "EXGR_EMB_DOM", code, partner, exgrDom[p]);
            bilateral(name, unit, oecd, "EXGR_EMB_FOR", code, partner, exgr[p] - exgrDom[p]);
            sink.footprint(name, "EXGR_EMB_ORIG", code, partner, orig[p], unit);
            if (fdName != null) {
              sink.footprint(name, fdName, code, partner, originFd[p], unit);
            }
          }
          double origDom = 0;
          double fdDom = 0;
          for (int t = 0; t < g; t++) {
            if (mem[t]) {
              origDom += orig[t];
              fdDom += originFd[t];
            }
          }
          sink.footprint(name, "EXGR_EMB_ORIG", code, DXD, origDom, unit);
          if (fdName != null) {
            sink.footprint(name, fdName, code, DXD, fdDom, unit);
          }
          if (collect != null) {
            collect.add(new Accounts(name, code, pba, cba, imp, exp, fy, cbaMy, exgrT, exgrD, imgr, imgrDom));
          }
        }
        CheckResult r1 = e1.build();
        // E3: Σ_k M_k y_k = Σ_{x_k ≠ 0} F_k
        double my = 0;
        double fActive = 0;
        for (int k = 0; k < n; k++) {
          my += mult[k] * sys.yTot()[k];
          if (x[k] != 0) {
            fActive += sat.f()[st + k * m];
          }
        }
        CheckResult r2 = CheckResult.builder("E2", name, tol).compare(worldCba, worldPba, "world").build();
        CheckResult r3 = CheckResult.builder("E3", name, tol).compare(my, fActive, "world").build();
        CheckResult[] r45 = coefficientRows(st, name, unit, s, mult, mo, economies, fActive);
        for (CheckResult c : List.of(r1, r2, r3, r45[0], r45[1])) {
          sink.check(c);
          checks.add(c);
        }
      }
    }

    private void bilateral(String name, String unit, Map<String, String> oecd, String account, String country,
        String partner, double value) {
      sink.footprint(name, account, country, partner, value, unit);
      if (oecd != null && oecd.containsKey(account) && BILATERAL_OECD.contains(oecd.get(account))) {
        sink.footprint(name, oecd.get(account), country, partner, value, unit);
      }
    }

    /**
     * The rows of {@code footprint_coefficients} for one stressor, and checks E4 (S x = F) and E5
     * (M y = F). Per economy E (country or group) and industry i (and {@code _T}), over E's rows k
     * of industry i (split entities, group members): S = Σ F_k / Σ x_k (F only where x_k ≠ 0, as
     * S_k = 0 there); M, M_UP = M − S and M_DOM (the part of M emitted in E) averaged with the
     * rows' final demand y_k (row totals of Y) as weights, so that Σ M y over the written rows
     * keeps E3; where Σ y_k = 0, output weights, and where Σ x_k = 0 too, the plain mean. A single
     * row is taken as is. O(n·G) per economy (M_DOM), nothing n × n.
     */
    private CheckResult[] coefficientRows(int st, String name, String unit, double[] s, double[] mult,
        double[] mo, List<YearSystem.Economy> economies, double fActive) {
      String cu = unit + "/" + sys.options().moneyUnit();
      int nInd = sys.nInd();
      int[] ind = sys.ind();
      double[] yTot = sys.yTot();
      double[] f = sat.f();
      List<String> industries = lay.industries();
      CheckResult.Builder e4 = CheckResult.builder("E4", name, tol);
      CheckResult.Builder e5 = CheckResult.builder("E5", name, tol);
      double worldInd = 0;
      double worldTot = 0;
      int slots = nInd + 1; // industries, then _T
      for (YearSystem.Economy e : economies) {
        boolean[] mem = e.member();
        String code = e.code();
        int[] cnt = new int[slots];
        double[] sumX = new double[slots];
        double[] sumF = new double[slots];
        double[] sumY = new double[slots];
        // weighted sums of M, M − S, M_DOM: by y [0..2], by x [3..5], unweighted [6..8]
        double[][] acc = new double[9][slots];
        double[][] single = new double[3][slots];
        for (int k : e.rows()) {
          double dk = 0;
          for (int t = 0; t < g; t++) {
            if (mem[t]) {
              dk += mo[t + k * g];
            }
          }
          double[] vals = {mult[k], mult[k] - s[k], dk};
          double fk = x[k] != 0 ? f[st + k * m] : 0.0;
          for (int slot : new int[] {ind[k], nInd}) {
            cnt[slot]++;
            sumX[slot] += x[k];
            sumF[slot] += fk;
            sumY[slot] += yTot[k];
            for (int c = 0; c < 3; c++) {
              acc[c][slot] += vals[c] * yTot[k];
              acc[3 + c][slot] += vals[c] * x[k];
              acc[6 + c][slot] += vals[c];
              single[c][slot] = vals[c];
            }
          }
        }
        double myInd = 0;
        double myTot = 0;
        for (int i = 0; i < slots; i++) {
          String industry = i == nInd ? "_T" : industries.get(i);
          double sCoef = sumX[i] != 0 ? sumF[i] / sumX[i] : 0.0;
          double[] v = new double[4]; // S, M, M_UP, M_DOM as in COEFFICIENTS
          v[0] = sCoef;
          for (int c = 0; c < 3; c++) {
            if (cnt[i] == 1) {
              v[1 + c] = single[c][i];
            } else if (sumY[i] != 0) {
              v[1 + c] = acc[c][i] / sumY[i];
            } else if (sumX[i] != 0) {
              v[1 + c] = acc[3 + c][i] / sumX[i];
            } else {
              v[1 + c] = acc[6 + c][i] / cnt[i];
            }
          }
          for (int c = 0; c < 4; c++) {
            sink.footprintCoefficient(name, COEFFICIENTS.get(c), code, industry, v[c], cu);
          }
          int slot = i;
          e4.compare(sCoef * sumX[i], sumF[i], () -> code + "/" + (slot == nInd ? "_T" : industries.get(slot)));
          if (i == nInd) {
            myTot = v[1] * sumY[i];
          } else {
            myInd += v[1] * sumY[i];
          }
        }
        // the industry rows and the _T row of E weigh to the same Σ_{k∈E} M_k y_k
        e5.compare(myInd, myTot, code + "/_T");
        if (!e.group()) {
          worldInd += myInd;
          worldTot += myTot;
        }
      }
      // E3 on the written rows: Σ over countries and industries of M y = F of sectors with output
      e5.compare(worldInd, fActive, "world (industries)");
      e5.compare(worldTot, fActive, "world (_T)");
      return new CheckResult[] {e4.build(), e5.build()};
    }
  }
}
