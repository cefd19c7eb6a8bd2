package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Satellite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Family "footprints": environmental and employment accounts of one year from its satellite
 * accounts (docs/methods.md §10; pymrio {@code calc_accounts}), written to {@code footprints}; the
 * coefficients S, M, M_UP, M_DOM per economy and industry to {@code footprint_coefficients}; the
 * identities E1–E5 in {@code quality_checks}; for a CO2 stressor also OECD TECO2's splits,
 * intensities, shares and (with a population) per-capita codes with checks E6–E9 ({@link Teco2}).
 * A year without satellite accounts writes nothing.
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
  /** The family as the run sees it: it applies to a year with satellite accounts. */
  public static final IndicatorFamily FAMILY = new FootprintsFamily();
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
      Checks ck = new Checks(sink, sys.options().algebraTolerance());
      new Run(sys, sat, sink).run(ck, null);
      checks.addAll(ck.finish());
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
      Checks ck = new Checks(sink, sys.options().algebraTolerance());
      new Run(sys, sat, sink).run(ck, out);
      ck.finish();
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

  /** A CO2 stressor (code CO2, CO2_* or CO2-*): OECD's TECO2 codes are written for it. */
  static boolean isCo2(String stressor) {
    String u = stressor.toUpperCase(Locale.ROOT);
    return u.equals("CO2") || u.startsWith("CO2_") || u.startsWith("CO2-");
  }

  /** OECD names of the accounts for a stressor, or null when OECD publishes none for it. */
  static Map<String, String> oecdNames(String stressor) {
    String u = stressor.toUpperCase(Locale.ROOT);
    Map<String, String> names = new LinkedHashMap<>();
    if (isCo2(stressor)) {
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

  /** {@link IndicatorFamily} of the footprints: needs satellite accounts with at least one stressor. */
  static final class FootprintsFamily implements IndicatorFamily {
    @Override
    public Family family() {
      return Family.FOOTPRINTS;
    }

    @Override
    public boolean appliesTo(YearSystem system) {
      Satellite sat = system.year().satellite();
      return sat != null && sat.m() > 0;
    }

    @Override
    public TivaSummary compute(YearSystem system, ResultSink sink) {
      return Footprints.compute(system, sink);
    }
  }

  /**
   * The quantities of one stressor shared by every economy: S = F x̂⁻¹ (0 where x = 0), the
   * multipliers by origin country mo[t + k·G] = Σ_{i∈t} S_i B_ik (one pass over B), M = S B
   * (= Σ_t mo), W[t + r·G] = Σ_{k∈t} S_k (B Y)_{k,r}, and F_Y by country.
   */
  record Stressor(int index, String name, String unit, Map<String, String> oecd, double[] s, double[] mo,
      double[] mult, double[] w, double[] fyc) {

    static Stressor of(YearSystem sys, Satellite sat, int st) {
      int n = sys.n();
      int g = sys.g();
      int m = sat.m();
      int[] cty = sys.cty();
      double[] b = sys.b();
      double[] s = coefficients(sat, st, m, sys.x());
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
      double[] by = sys.by();
      double[] w = new double[g * g];
      for (int r = 0; r < g; r++) {
        int off = r * n;
        for (int k = 0; k < n; k++) {
          w[cty[k] + r * g] += s[k] * by[off + k];
        }
      }
      double[] fyc = new double[g];
      int fCats = sys.layout().categoryCount();
      for (int c = 0; c < g; c++) {
        for (int cat = 0; cat < fCats; cat++) {
          fyc[c] += sat.fy()[st + sys.layout().finalDemandColumn(c, cat) * m];
        }
      }
      String name = sat.stressors().get(st);
      return new Stressor(st, name, sat.units().get(st), oecdNames(name), s, mo, mult, w, fyc);
    }

    /** Σ_{t∈E} mo[t, k]: the part of M_k emitted in the economy (members {@code mem}). */
    double domestic(boolean[] mem, int k) {
      int g = mem.length;
      double dk = 0;
      for (int t = 0; t < g; t++) {
        if (mem[t]) {
          dk += mo[t + k * g];
        }
      }
      return dk;
    }
  }

  /**
   * The footprint accounts of economy E from W (docs/footprints.md): PBA = Σ_{t∈E} Σ_r W + F_Y(E),
   * CBA = DOM + IMP + F_Y(E), DOM = Σ_{t,r∈E} W, IMP = Σ_{t∉E, r∈E} W (by origin t), EXP =
   * Σ_{t∈E, r∉E} W (by destination r), originFd[t] = Σ_{r∈E} W[t, r], and CBA on an independent path
   * cbaMy = M·(Σ_{r∈E} Y_·r) + F_Y(E) (check E1).
   */
  record EconomyAccounts(double pba, double cba, double imp, double exp, double fy, double dom, double cbaMy,
      double[] impBy, double[] expBy, double[] originFd) {

    static EconomyAccounts of(YearSystem sys, Stressor st, boolean[] mem) {
      int g = sys.g();
      double fy = 0;
      for (int c = 0; c < g; c++) {
        if (mem[c]) {
          fy += st.fyc()[c];
        }
      }
      double pbaInd = 0;
      double dom = 0;
      double imp = 0;
      double exp = 0;
      double[] impBy = new double[g];
      double[] expBy = new double[g];
      double[] originFd = new double[g];
      double[] w = st.w();
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
      return new EconomyAccounts(pbaInd + fy, dom + imp + fy, imp, exp, fy, dom, cbaByMultipliers(sys, st, mem, fy),
          impBy, expBy, originFd);
    }

    /** M · (Y summed over E's columns) + F_Y(E): one O(n·G) pass, independent of W. */
    private static double cbaByMultipliers(YearSystem sys, Stressor st, boolean[] mem, double fy) {
      int n = sys.n();
      int g = sys.g();
      double[] y = sys.y();
      double[] mult = st.mult();
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
      return cbaMy;
    }
  }

  /**
   * Embodied gross trade of economy E: exports e_{k,r} = Z_{k,r}1 + Y_{k,r} (k ∈ E, r ∉ E) weighted
   * by M_k (exgr by partner) and by its domestic part (exgrDom), exports by origin country of the
   * stressor (orig[t] = Σ_k mo[t, k] e_k), and imports (k ∉ E, r ∈ E) weighted likewise.
   */
  record GrossTrade(double[] exgr, double[] exgrDom, double[] orig, double exgrT, double exgrD, double imgr,
      double imgrDom) {

    static GrossTrade of(YearSystem sys, Stressor st, YearSystem.Economy e) {
      int n = sys.n();
      int g = sys.g();
      boolean[] mem = e.member();
      double[] y = sys.y();
      double[] zc = sys.zc();
      double[] exgr = new double[g];
      double[] exgrDom = new double[g];
      double[] orig = new double[g];
      double[] mult = st.mult();
      double[] mo = st.mo();
      for (int k : e.rows()) {
        double dk = st.domestic(mem, k);
        double mk = mult[k];
        double eTot = 0;
        for (int r = 0; r < g; r++) {
          if (mem[r]) {
            continue;
          }
          double ex = zc[k + r * n] + y[k + r * n];
          exgr[r] += mk * ex;
          exgrDom[r] += dk * ex;
          eTot += ex;
        }
        if (eTot != 0) {
          for (int t = 0; t < g; t++) {
            orig[t] += mo[t + k * g] * eTot;
          }
        }
      }
      double exgrT = 0;
      double exgrD = 0;
      for (int r = 0; r < g; r++) {
        exgrT += exgr[r];
        exgrD += exgrDom[r];
      }
      double[] im = imports(sys, st, mem);
      return new GrossTrade(exgr, exgrDom, orig, exgrT, exgrD, im[0], im[1]);
    }

    /** {IMGR, IMGR_DOM}: E's imports of every row k ∉ E weighted by M_k and by its part emitted in E. */
    private static double[] imports(YearSystem sys, Stressor st, boolean[] mem) {
      int n = sys.n();
      int g = sys.g();
      double[] y = sys.y();
      double[] zc = sys.zc();
      double imgr = 0;
      double imgrDom = 0;
      for (int k = 0; k < n; k++) {
        if (mem[sys.cty()[k]]) {
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
        imgr += st.mult()[k] * im;
        imgrDom += st.domestic(mem, k) * im;
      }
      return new double[] {imgr, imgrDom};
    }
  }

  /** The family's run over every stressor and economy of one year. */
  private static final class Run {
    final YearSystem sys;
    final Satellite sat;
    final ResultSink sink;

    Run(YearSystem sys, Satellite sat, ResultSink sink) {
      this.sys = sys;
      this.sat = sat;
      this.sink = sink;
    }

    /** Every stressor: accounts and trade per economy (rows), coefficients, checks E1–E5 into {@code ck}. */
    void run(Checks ck, List<Accounts> collect) {
      for (int i = 0; i < sat.m(); i++) {
        Stressor st = Stressor.of(sys, sat, i);
        String name = st.name();
        CheckResult.Builder e1 = ck.identity("E1", name);
        CheckResult.Builder e2 = ck.identity("E2", name);
        CheckResult.Builder e3 = ck.identity("E3", name);
        double worldPba = 0;
        double worldCba = 0;
        Teco2 teco2 = isCo2(name) ? new Teco2(sys, st, sink, ck) : null;
        for (YearSystem.Economy e : sys.economies()) {
          EconomyAccounts ea = EconomyAccounts.of(sys, st, e.member());
          e1.compare(ea.cbaMy(), ea.pba() + ea.imp() - ea.exp(), e.code());
          if (!e.group()) {
            worldPba += ea.pba();
            worldCba += ea.cbaMy();
          }
          GrossTrade gt = GrossTrade.of(sys, st, e);
          writeAccounts(st, e, ea, gt);
          if (teco2 != null) {
            teco2.write(e, ea, gt);
          }
          if (collect != null) {
            collect.add(new Accounts(name, e.code(), ea.pba(), ea.cba(), ea.imp(), ea.exp(), ea.fy(), ea.cbaMy(),
                gt.exgrT(), gt.exgrD(), gt.imgr(), gt.imgrDom()));
          }
        }
        // E3: Σ_k M_k y_k = Σ_{x_k ≠ 0} F_k
        double my = 0;
        double fActive = 0;
        for (int k = 0; k < sys.n(); k++) {
          my += st.mult()[k] * sys.yTot()[k];
          if (sys.x()[k] != 0) {
            fActive += sat.f()[i + k * sat.m()];
          }
        }
        if (teco2 != null) {
          teco2.finish();
        }
        e2.compare(worldCba, worldPba, "world");
        e3.compare(my, fActive, "world");
        FootprintCoefficients.write(sys, sat, st, fActive, ck, sink);
      }
    }

    /** The rows of {@code footprints} of economy E for one stressor: totals (WLD), by partner, DXD. */
    private void writeAccounts(Stressor st, YearSystem.Economy e, EconomyAccounts ea, GrossTrade gt) {
      String name = st.name();
      String unit = st.unit();
      String code = e.code();
      Map<String, String> oecd = st.oecd();
      Map<String, Double> totals = new LinkedHashMap<>();
      totals.put("PBA", ea.pba());
      totals.put("CBA", ea.cba());
      totals.put("IMP", ea.imp());
      totals.put("EXP", ea.exp());
      totals.put("F_Y", ea.fy());
      totals.put("DOM", ea.dom());
      totals.put("BAL", ea.pba() - ea.cba());
      totals.put("EXGR_EMB", gt.exgrT());
      totals.put("EXGR_EMB_DOM", gt.exgrD());
      totals.put("EXGR_EMB_FOR", gt.exgrT() - gt.exgrD());
      totals.put("IMGR_EMB", gt.imgr());
      totals.put("IMGR_EMB_DOM", gt.imgrDom());
      totals.put("IMGR_EMB_FOR", gt.imgr() - gt.imgrDom());
      totals.put("BALGR_EMB", gt.exgrT() - gt.imgr());
      for (Map.Entry<String, Double> t : totals.entrySet()) {
        sink.footprint(name, t.getKey(), code, WLD, t.getValue(), unit);
        if (oecd != null && oecd.containsKey(t.getKey())) {
          sink.footprint(name, oecd.get(t.getKey()), code, WLD, t.getValue(), unit);
        }
      }
      writeByPartner(st, e, ea, gt);
    }

    /** Bilateral rows (partners r ∉ E) and the domestic DXD rows of EXGR_EMB_ORIG and the OECD CBA code. */
    private void writeByPartner(Stressor st, YearSystem.Economy e, EconomyAccounts ea, GrossTrade gt) {
      String name = st.name();
      String unit = st.unit();
      String code = e.code();
      boolean[] mem = e.member();
      String fdName = st.oecd() == null ? null : st.oecd().get("CBA");
      for (int p = 0; p < sys.g(); p++) {
        String partner = sys.layout().countries().get(p);
        if (mem[p]) {
          continue;
        }
        bilateral(st, "IMP", code, partner, ea.impBy()[p]);
        bilateral(st, "EXP", code, partner, ea.expBy()[p]);
        bilateral(st, "EXGR_EMB", code, partner, gt.exgr()[p]);
        bilateral(st, "EXGR_EMB_DOM", code, partner, gt.exgrDom()[p]);
        bilateral(st, "EXGR_EMB_FOR", code, partner, gt.exgr()[p] - gt.exgrDom()[p]);
        sink.footprint(name, "EXGR_EMB_ORIG", code, partner, gt.orig()[p], unit);
        if (fdName != null) {
          sink.footprint(name, fdName, code, partner, ea.originFd()[p], unit);
        }
      }
      double origDom = 0;
      double fdDom = 0;
      for (int t = 0; t < sys.g(); t++) {
        if (mem[t]) {
          origDom += gt.orig()[t];
          fdDom += ea.originFd()[t];
        }
      }
      sink.footprint(name, "EXGR_EMB_ORIG", code, DXD, origDom, unit);
      if (fdName != null) {
        sink.footprint(name, fdName, code, DXD, fdDom, unit);
      }
    }

    private void bilateral(Stressor st, String account, String country, String partner, double value) {
      Map<String, String> oecd = st.oecd();
      sink.footprint(st.name(), account, country, partner, value, st.unit());
      if (oecd != null && oecd.containsKey(account) && BILATERAL_OECD.contains(oecd.get(account))) {
        sink.footprint(st.name(), oecd.get(account), country, partner, value, st.unit());
      }
    }
  }
}
