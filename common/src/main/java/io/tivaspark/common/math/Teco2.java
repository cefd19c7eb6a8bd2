package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TECO2 codes of a CO2 stressor that are not a second name of an account (docs/footprints.md,
 * "OECD names"), written to {@code footprints} per economy E, with checks E6–E9. M_k is the
 * multiplier of row k, d_k = Σ_{t∈E} S_t B_tk its part emitted in E; for partners r ∉ E, Zc_{k,r}
 * (intermediate exports) and Y_{k,r} (final exports) of E's rows k:
 *
 * <ul>
 * <li>splits of embodied gross exports: EXGR_INTTCO2[r] = Σ_k M_k Zc_{k,r}, EXGR_INTDCO2 with d_k,
 *     EXGR_INTFCO2 = T − D; EXGR_FNL*CO2 the same with Y_{k,r};</li>
 * <li>intensities (stressor unit per money unit): EXGR_TCO2INT = EXGR_TCO2 / EXGR, EXGR_INTTCO2INT =
 *     EXGR_INTTCO2 / EXGR_INT, EXGR_FNLTCO2INT = EXGR_FNLTCO2 / EXGR_FNL (by partner and WLD),
 *     IMGR_TCO2INT = IMGR_TCO2 / IMGR (WLD);</li>
 * <li>shares (percent): partner shares *PSH = 100 · code[r] / code[WLD]; FFD_DCO2PSH, DFD_FCO2PSH
 *     of the final-demand accounts by partner; FD_CO2_SH[t] = 100 · W[t, E] / Σ_t W[t, E] (origin t
 *     or DXD); IMGR_DCO2SH = 100 · IMGR_DCO2 / IMGR_TCO2;</li>
 * <li>per capita (when the year has a population): PROD_PCCO2 = PROD_CO2 / population, FD_PCCO2 =
 *     FD_CO2 / population, in tonnes per person when the stressor unit is t, kt, Mt or Gt.</li>
 * </ul>
 *
 * <p>A ratio whose denominator is 0 (or an unknown population) is NaN, written as NULL. Checks:
 * E6 INT + FNL = total (T and D, every partner and WLD); E7 Σ_r EXGR_TCO2INT[r] · EXGR[r] =
 * EXGR_TCO2, EXGR_INTTCO2INT · EXGR_INT + EXGR_FNLTCO2INT · EXGR_FNL = EXGR_TCO2 and, over the
 * countries, Σ IMGR_TCO2INT · IMGR = Σ EXGR_TCO2; E8 every partner share sums to 100; E9 a group's
 * per-capita value × its population = the members' values × populations, and over the countries
 * Σ FD_PCCO2 · population = Σ PROD_PCCO2 · population. Cost O(n·G) per economy; nothing n × n.
 */
final class Teco2 {
  /** Tonnes per unit of the stressor's unit, for the per-capita codes (TECO2 publishes t per person). */
  static final Map<String, Double> TONNES = Map.of("t", 1.0, "kt", 1e3, "Mt", 1e6, "Gt", 1e9);

  private final YearSystem sys;
  private final Footprints.Stressor st;
  private final ResultSink sink;
  private final double[] population;
  private final CheckResult.Builder e6;
  private final CheckResult.Builder e7;
  private final CheckResult.Builder e8;
  private final CheckResult.Builder e9;
  /** Per country: PROD_CO2 and FD_CO2 (for E9 on groups and the world). */
  private final double[] pba;
  private final double[] cba;
  private double worldImgrByIntensity;
  private double worldExgr;

  Teco2(YearSystem sys, Footprints.Stressor st, ResultSink sink, Checks ck) {
    this.sys = sys;
    this.st = st;
    this.sink = sink;
    this.population = sys.year().population();
    this.e6 = ck.identity("E6", st.name());
    this.e7 = ck.identity("E7", st.name());
    this.e8 = ck.identity("E8", st.name());
    this.e9 = population == null ? null : ck.identity("E9", st.name());
    this.pba = new double[sys.g()];
    this.cba = new double[sys.g()];
  }

  /** 100 · part / total; NaN when total = 0 (docs/data-dictionary.md §2.2). */
  static double share(double part, double total) {
    return total != 0 ? 100.0 * part / total : Double.NaN;
  }

  /** num / den; NaN when den = 0. */
  static double ratio(double num, double den) {
    return den != 0 ? num / den : Double.NaN;
  }

  /** level · tonnes / persons; NaN when the population is unknown (NaN) or 0. */
  static double perCapita(double level, double persons, double tonnes) {
    return persons > 0 ? level * tonnes / persons : Double.NaN;
  }

  /** Population of an economy: Σ of its members' (persons); NaN when a member's is unknown. */
  static double economyPopulation(double[] pop, boolean[] member) {
    double sum = 0;
    for (int c = 0; c < member.length; c++) {
      if (member[c]) {
        sum += pop[c];
      }
    }
    return sum;
  }

  /**
   * Embodied gross exports of E split into intermediates (Zc) and final products (Y), by partner:
   * {@code tInt[r] = Σ_{k∈E} M_k Zc_{k,r}}, {@code dInt} with d_k, {@code tFnl}, {@code dFnl} with
   * Y_{k,r}; the money flows {@code xInt[r] = Σ_k Zc_{k,r}}, {@code xFnl[r] = Σ_k Y_{k,r}}; and
   * E's gross imports {@code imgr = Σ_{k∉E} Σ_{r∈E} (Zc_{k,r} + Y_{k,r})}. One O(n·G) pass each.
   */
  record Split(double[] tInt, double[] dInt, double[] tFnl, double[] dFnl, double[] xInt, double[] xFnl,
      double imgr) {

    static Split of(YearSystem sys, Footprints.Stressor st, YearSystem.Economy e) {
      int n = sys.n();
      int g = sys.g();
      boolean[] mem = e.member();
      double[] zc = sys.zc();
      double[] y = sys.y();
      double[][] a = new double[6][g];
      for (int k : e.rows()) {
        double mk = st.mult()[k];
        double dk = st.domestic(mem, k);
        for (int r = 0; r < g; r++) {
          if (!mem[r]) {
            double zi = zc[k + r * n];
            double yi = y[k + r * n];
            a[0][r] += mk * zi;
            a[1][r] += dk * zi;
            a[2][r] += mk * yi;
            a[3][r] += dk * yi;
            a[4][r] += zi;
            a[5][r] += yi;
          }
        }
      }
      double imgr = 0;
      for (int k = 0; k < n; k++) {
        if (!mem[sys.cty()[k]]) {
          for (int r = 0; r < g; r++) {
            if (mem[r]) {
              imgr += zc[k + r * n] + y[k + r * n];
            }
          }
        }
      }
      return new Split(a[0], a[1], a[2], a[3], a[4], a[5], imgr);
    }

    /** Σ over partners r ∉ E of a by-partner array. */
    static double total(double[] byPartner, boolean[] mem) {
      double s = 0;
      for (int r = 0; r < byPartner.length; r++) {
        if (!mem[r]) {
          s += byPartner[r];
        }
      }
      return s;
    }
  }

  /** Every code of economy E (rows to the sink, comparisons into E6–E9). */
  void write(YearSystem.Economy e, Footprints.EconomyAccounts ea, Footprints.GrossTrade gt) {
    Split sp = Split.of(sys, st, e);
    writeSplits(e, sp, gt);
    writeIntensities(e, sp, gt);
    writeShares(e, sp, gt);
    writeFinalDemandShares(e, ea);
    if (population != null) {
      writePerCapita(e, ea);
    }
  }

  /** EXGR_{INT,FNL}{T,D,F}CO2 by partner and WLD; E6: INT + FNL = total for T and D. */
  private void writeSplits(YearSystem.Economy e, Split sp, Footprints.GrossTrade gt) {
    boolean[] mem = e.member();
    for (int r = 0; r < sys.g(); r++) {
      if (!mem[r]) {
        String p = sys.layout().countries().get(r);
        splitRows(e.code(), p, sp.tInt()[r], sp.dInt()[r], sp.tFnl()[r], sp.dFnl()[r]);
        e6.compare(sp.tInt()[r] + sp.tFnl()[r], gt.exgr()[r], () -> e.code() + "/" + p);
        e6.compare(sp.dInt()[r] + sp.dFnl()[r], gt.exgrDom()[r], () -> e.code() + "/" + p + " (D)");
      }
    }
    double ti = Split.total(sp.tInt(), mem);
    double di = Split.total(sp.dInt(), mem);
    double tf = Split.total(sp.tFnl(), mem);
    double df = Split.total(sp.dFnl(), mem);
    splitRows(e.code(), Footprints.WLD, ti, di, tf, df);
    e6.compare(ti + tf, gt.exgrT(), e.code() + "/WLD");
    e6.compare(di + df, gt.exgrD(), e.code() + "/WLD (D)");
  }

  private void splitRows(String code, String partner, double ti, double di, double tf, double df) {
    level("EXGR_INTTCO2", code, partner, ti);
    level("EXGR_INTDCO2", code, partner, di);
    level("EXGR_INTFCO2", code, partner, ti - di);
    level("EXGR_FNLTCO2", code, partner, tf);
    level("EXGR_FNLDCO2", code, partner, df);
    level("EXGR_FNLFCO2", code, partner, tf - df);
  }

  /**
   * EXGR_TCO2INT, EXGR_INTTCO2INT, EXGR_FNLTCO2INT by partner and WLD; IMGR_TCO2INT (WLD). E7: the
   * bilateral intensities weighted by bilateral exports, and the INT and FNL intensities weighted by
   * EXGR_INT and EXGR_FNL, give back EXGR_TCO2; over countries Σ IMGR_TCO2INT · IMGR = Σ EXGR_TCO2.
   */
  private void writeIntensities(YearSystem.Economy e, Split sp, Footprints.GrossTrade gt) {
    boolean[] mem = e.member();
    String u = st.unit() + "/" + sys.options().moneyUnit();
    double weighted = 0;
    for (int r = 0; r < sys.g(); r++) {
      if (!mem[r]) {
        String p = sys.layout().countries().get(r);
        double x = sp.xInt()[r] + sp.xFnl()[r];
        double in = ratio(gt.exgr()[r], x);
        sink.footprint(st.name(), "EXGR_TCO2INT", e.code(), p, in, u);
        sink.footprint(st.name(), "EXGR_INTTCO2INT", e.code(), p, ratio(sp.tInt()[r], sp.xInt()[r]), u);
        sink.footprint(st.name(), "EXGR_FNLTCO2INT", e.code(), p, ratio(sp.tFnl()[r], sp.xFnl()[r]), u);
        weighted += x != 0 ? in * x : 0.0;
      }
    }
    double xi = Split.total(sp.xInt(), mem);
    double xf = Split.total(sp.xFnl(), mem);
    double inInt = ratio(Split.total(sp.tInt(), mem), xi);
    double inFnl = ratio(Split.total(sp.tFnl(), mem), xf);
    double inImgr = ratio(gt.imgr(), sp.imgr());
    sink.footprint(st.name(), "EXGR_TCO2INT", e.code(), Footprints.WLD, ratio(gt.exgrT(), xi + xf), u);
    sink.footprint(st.name(), "EXGR_INTTCO2INT", e.code(), Footprints.WLD, inInt, u);
    sink.footprint(st.name(), "EXGR_FNLTCO2INT", e.code(), Footprints.WLD, inFnl, u);
    sink.footprint(st.name(), "IMGR_TCO2INT", e.code(), Footprints.WLD, inImgr, u);
    e7.compare(weighted, gt.exgrT(), e.code() + " (by partner)");
    if (xi != 0 && xf != 0) {
      e7.compare(inInt * xi + inFnl * xf, gt.exgrT(), e.code() + " (INT + FNL)");
    }
    if (!e.group()) {
      worldImgrByIntensity += sp.imgr() != 0 ? inImgr * sp.imgr() : 0.0;
      worldExgr += gt.exgrT();
    }
  }

  /** The partner shares of embodied gross exports (E8: each sums to 100) and IMGR_DCO2SH. */
  private void writeShares(YearSystem.Economy e, Split sp, Footprints.GrossTrade gt) {
    boolean[] mem = e.member();
    double[] f = new double[sys.g()];
    double[] fInt = new double[sys.g()];
    double[] fFnl = new double[sys.g()];
    for (int r = 0; r < f.length; r++) {
      f[r] = gt.exgr()[r] - gt.exgrDom()[r];
      fInt[r] = sp.tInt()[r] - sp.dInt()[r];
      fFnl[r] = sp.tFnl()[r] - sp.dFnl()[r];
    }
    Map<String, double[]> byCode = new LinkedHashMap<>();
    byCode.put("EXGR_TCO2PSH", gt.exgr());
    byCode.put("EXGR_DCO2PSH", gt.exgrDom());
    byCode.put("EXGR_FCO2PSH", f);
    byCode.put("EXGR_INTTCO2PSH", sp.tInt());
    byCode.put("EXGR_INTDCO2PSH", sp.dInt());
    byCode.put("EXGR_INTFCO2PSH", fInt);
    byCode.put("EXGR_FNLTCO2PSH", sp.tFnl());
    byCode.put("EXGR_FNLDCO2PSH", sp.dFnl());
    byCode.put("EXGR_FNLFCO2PSH", fFnl);
    byCode.forEach((code, v) -> partnerShares(e, code, v));
    sink.footprint(st.name(), "IMGR_DCO2SH", e.code(), Footprints.WLD, share(gt.imgrDom(), gt.imgr()), "PCT");
  }

  /** FFD_DCO2PSH (consumer r), DFD_FCO2PSH (origin t), FD_CO2_SH (origin t and DXD); E8 on each. */
  private void writeFinalDemandShares(YearSystem.Economy e, Footprints.EconomyAccounts ea) {
    partnerShares(e, "FFD_DCO2PSH", ea.expBy());
    partnerShares(e, "DFD_FCO2PSH", ea.impBy());
    boolean[] mem = e.member();
    double all = 0;
    double dom = 0;
    for (int t = 0; t < mem.length; t++) {
      all += ea.originFd()[t];
      dom += mem[t] ? ea.originFd()[t] : 0.0;
    }
    double sum = share(dom, all);
    sink.footprint(st.name(), "FD_CO2_SH", e.code(), Footprints.DXD, sum, "PCT");
    for (int t = 0; t < mem.length; t++) {
      if (!mem[t]) {
        double s = share(ea.originFd()[t], all);
        sink.footprint(st.name(), "FD_CO2_SH", e.code(), sys.layout().countries().get(t), s, "PCT");
        sum += s;
      }
    }
    if (all != 0) {
      e8.compare(sum, 100.0, e.code() + "/FD_CO2_SH");
    }
  }

  /** 100 · v[r] / Σ_{r∉E} v[r] for every partner r ∉ E; E8: they sum to 100 (when Σ ≠ 0). */
  private void partnerShares(YearSystem.Economy e, String code, double[] v) {
    boolean[] mem = e.member();
    double total = Split.total(v, mem);
    double sum = 0;
    for (int r = 0; r < v.length; r++) {
      if (!mem[r]) {
        double s = share(v[r], total);
        sink.footprint(st.name(), code, e.code(), sys.layout().countries().get(r), s, "PCT");
        sum += s;
      }
    }
    if (total != 0) {
      e8.compare(sum, 100.0, e.code() + "/" + code);
    }
  }

  /**
   * PROD_PCCO2 = PROD_CO2 / population and FD_PCCO2 = FD_CO2 / population (WLD), in t per person
   * when the unit is a known mass unit, else in "unit/person". E9 on groups (against the members).
   */
  private void writePerCapita(YearSystem.Economy e, Footprints.EconomyAccounts ea) {
    Double tonnes = TONNES.get(st.unit());
    double factor = tonnes == null ? 1.0 : tonnes;
    String u = tonnes == null ? st.unit() + "/person" : "t/person";
    double pop = economyPopulation(population, e.member());
    double prod = perCapita(ea.pba(), pop, factor);
    double fd = perCapita(ea.cba(), pop, factor);
    sink.footprint(st.name(), "PROD_PCCO2", e.code(), Footprints.WLD, prod, u);
    sink.footprint(st.name(), "FD_PCCO2", e.code(), Footprints.WLD, fd, u);
    if (!e.group()) {
      int c = sys.layout().countryIndex(e.code());
      // the level back from the per-capita value (a country of population 0 has none: its level)
      pba[c] = pop > 0 ? prod * pop : ea.pba() * factor;
      cba[c] = pop > 0 ? fd * pop : ea.cba() * factor;
    } else if (pop > 0) {
      double mp = 0;
      double mc = 0;
      for (int c = 0; c < pba.length; c++) {
        if (e.member()[c]) {
          mp += pba[c];
          mc += cba[c];
        }
      }
      e9.compare(prod * pop, mp, e.code() + " PROD_PCCO2");
      e9.compare(fd * pop, mc, e.code() + " FD_PCCO2");
    }
  }

  /** The world comparisons of E7 (imports) and E9 (per capita), after every economy. */
  void finish() {
    e7.compare(worldImgrByIntensity, worldExgr, "world (IMGR_TCO2INT x IMGR)");
    if (e9 == null || Double.isNaN(economyPopulation(population, allCountries()))) {
      return;
    }
    double p = 0;
    double c = 0;
    for (int i = 0; i < pba.length; i++) {
      p += pba[i];
      c += cba[i];
    }
    e9.compare(c, p, "world");
  }

  private boolean[] allCountries() {
    boolean[] all = new boolean[sys.g()];
    Arrays.fill(all, true);
    return all;
  }

  private void level(String code, String country, String partner, double value) {
    sink.footprint(st.name(), code, country, partner, value, st.unit());
  }
}
