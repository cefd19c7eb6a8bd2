package io.tivaspark.common.math;

import static io.tivaspark.common.math.Codes.share;

import io.tivaspark.common.math.YearSystem.Economy;
import java.util.List;

/**
 * The identity checks of the core family (docs/methods.md §3.4, §11): per economy T1–T5, T7, T8, J1
 * and T10–T13 ({@link #economy}); per year S1 ({@link #s1}) and S2, T6, T9, J2, T14 ({@link #world}).
 * Each compares two ways of computing one quantity at the family's tolerance ({@link Checks}).
 */
final class CoreIdentities {
  private CoreIdentities() {}

  /**
   * World sums over the countries (groups excluded) for {@link #world}: FFD_DVA, DFD_FVA, EXGR, the
   * VA of each country in other countries' exports (Σ_r fex_r, FEXDVApSH's numerators) and EXGR_FVA.
   */
  record WorldSums(double ffd, double dfdFva, double exgr, double fex, double fva) {
    WorldSums plus(EconomyResults r) {
      return new WorldSums(ffd + r.finalDemand().ffdT(), dfdFva + r.finalDemand().dfdFvaT(), exgr + r.trade().exgrT(),
          fex + Codes.sum(r.forward().fex()), fva + r.exportVa().fvaWT());
    }
  }

  /** T1, T2, T3, T5 by industry; T1 bilateral; T4, T3 shares; T10–T13 (methods §3.5); T7, T8, J1 of one economy. */
  static void economy(EconomyResults res, YearSystem sys, Checks checks) {
    String s = res.eco().code();
    boolean[] mem = res.eco().member();
    List<String> countries = sys.layout().countries();
    List<String> industries = sys.layout().industries();
    GrossTrade t = res.trade();
    ExportValueAdded x = res.exportVa();
    DomesticContent c = res.domestic();
    FinalDemandValueAdded d = res.finalDemand();
    for (int i = 0; i < industries.size(); i++) {
      String where = s + "/" + industries.get(i);
      checks.identity("T1", "EXGR_DVA + EXGR_FVA = EXGR (by exporting industry)")
          .compare(x.dvaW()[i] + x.fvaW()[i], t.exgrI()[i], where);
      checks.identity("T2", "EXGR_DVA = EXGR_DDC + EXGR_IDC + EXGR_RIM")
          .compare(c.ddc()[i] + c.idc()[i] + c.rim()[i], x.dvaW()[i], where);
      checks.identity("T3", "sum over partners of EXGR = EXGR (row totals)").compare(t.exgrI()[i], t.exW()[i], where);
      checks.identity("T5", "DFD_DVA + FFD_DVA = VALU").compare(d.dfdDva()[i] + d.ffdI()[i], t.valu()[i], where);
    }
    for (int r = 0; r < sys.g(); r++) {
      if (!mem[r]) {
        checks.identity("T1", "EXGR_DVA + EXGR_FVA = EXGR (bilateral)").compare(x.dvaR()[r] + x.fvaR()[r],
            t.exgrR()[r], s + "/" + countries.get(r));
      }
    }
    shares(res, checks);
    tradeSplits(res, sys, checks);
    originShares(res, checks);
    reexportedImports(res, sys, checks);
    double ffdT = d.ffdT();
    double dfdFvaT = d.dfdFvaT();
    checks.identity("T7", "BALVAFD = BALGR (country totals)").compare(ffdT - dfdFvaT, t.exgrT() - t.imgrT(), s);
    checks.identity("T8", "sum over origins of FD_VA = final demand").compare(d.dfdDvaT() + dfdFvaT, d.yDem(), s);
    checks.identity("J1", "VAX (from VBY) = KWW terms 1+2+3").compare(ffdT, res.kww(), s);
  }

  /** T4 (participation shares add up to the FVA / DVAFX shares) and T3 (partner shares add up to 100). */
  private static void shares(EconomyResults res, Checks checks) {
    String s = res.eco().code();
    boolean[] mem = res.eco().member();
    GrossTrade t = res.trade();
    double exTotRow = t.exTotRow();
    double exgrT = t.exgrT();
    double dexT = 0;
    double fexT = 0;
    double pshT = 0;
    for (int r = 0; r < mem.length; r++) {
      if (!mem[r]) {
        dexT += share(res.exportVa().dexR()[r], exTotRow);
        fexT += share(res.forward().fex()[r], exTotRow);
        pshT += share(t.exgrR()[r], exgrT);
      }
    }
    if (exTotRow != 0) {
      double fvash = share(res.exportVa().fvaWT(), exgrT);
      double dvafxSh = share(Codes.sum(res.forward().dvafx()), exTotRow);
      checks.identity("T4", "sum over origins of DEXFVApSH = EXGR_FVASH").compare(dexT, fvash, s);
      checks.identity("T4", "sum over partners of FEXDVApSH = EXGR_DVAFXSH").compare(fexT, dvafxSh, s);
    }
    if (exgrT != 0) {
      checks.identity("T3", "sum of partner shares EXGRpSH = 100").compare(pshT, 100.0, s);
    }
  }

  /**
   * T10: EXGR_INT_DVA + DVA in final exports = EXGR_DVA by exporting industry (partner sums of Zc and Y
   * against the row totals e_j); T11: BALGR_INT + BALGR_FNL = BALGR, bilaterally and in total (the
   * total's export side from the row totals).
   */
  private static void tradeSplits(EconomyResults res, YearSystem sys, Checks checks) {
    String s = res.eco().code();
    boolean[] mem = res.eco().member();
    GrossTrade t = res.trade();
    ExportValueAdded x = res.exportVa();
    int nn = t.prod().length;
    int g = mem.length;
    for (int i = 0; i < nn; i++) {
      checks.identity("T10", "EXGR_INT_DVA + DVA in final exports = EXGR_DVA (by exporting industry)")
          .compare(x.intDvaI()[i] + x.fnlDva()[i], x.dvaW()[i], s + "/" + sys.layout().industries().get(i));
    }
    double total = 0;
    for (int r = 0; r < g; r++) {
      if (!mem[r]) {
        double balInt = 0;
        double balFnl = 0;
        for (int i = 0; i < nn; i++) {
          balInt += t.exInt()[i * g + r] - t.imInt()[i * g + r];
          balFnl += t.exFnl()[i * g + r] - t.imFnl()[i * g + r];
        }
        checks.identity("T11", "BALGR_INT + BALGR_FNL = BALGR (bilateral)")
            .compare(balInt + balFnl, t.exgrR()[r] - t.imgrR()[r], s + "/" + sys.layout().countries().get(r));
        total += balInt + balFnl;
      }
    }
    checks.identity("T11", "BALGR_INT + BALGR_FNL = BALGR (total, exports from row totals)")
        .compare(total, t.exTotRow() - t.imgrT(), s);
  }

  /** T12: the origin shares FD_VASH (and CONS_VASH, GFCF_VASH when configured) of s add up to 100. */
  private static void originShares(EconomyResults res, Checks checks) {
    FinalDemandValueAdded d = res.finalDemand();
    boolean[] mem = res.eco().member();
    String s = res.eco().code();
    double fdT = d.dfdDvaT() + d.dfdFvaT();
    double sum = share(d.dfdDvaT(), fdT);
    for (int r = 0; r < mem.length; r++) {
      sum += mem[r] ? 0 : share(d.dfdFvaR()[r], fdT);
    }
    if (fdT != 0) {
      checks.identity("T12", "sum over origins (DXD and t) of FD_VASH = 100").compare(sum, 100.0, s);
    }
    originShares("CONS_VASH", d.cons(), mem, s, checks);
    originShares("GFCF_VASH", d.gfcf(), mem, s, checks);
  }

  /** T12 for CONS_VASH / GFCF_VASH: byOrigin[0] = DXD, byOrigin[1 + t] = origin t (null: not configured). */
  private static void originShares(String code, double[] byOrigin, boolean[] mem, String s, Checks checks) {
    if (byOrigin == null) {
      return;
    }
    double total = byOrigin[0] + PartnerSums.outside(java.util.Arrays.copyOfRange(byOrigin, 1, byOrigin.length), mem);
    double sum = share(byOrigin[0], total);
    for (int r = 0; r < mem.length; r++) {
      sum += mem[r] ? 0 : share(byOrigin[1 + r], total);
    }
    if (total != 0) {
      checks.identity("T12", "sum over origins (DXD and t) of " + code + " = 100").compare(sum, 100.0, s);
    }
  }

  /**
   * T13: REII + imported intermediates absorbed by s's own final demand = IMGR_INT (partner × imported
   * industry; exact when x = Z1 + y), and Σ_k μ_k REII_k = EXGR_FVA (the foreign VA of the re-exported
   * imports is the foreign VA in s's exports).
   */
  private static void reexportedImports(EconomyResults res, YearSystem sys, Checks checks) {
    String s = res.eco().code();
    boolean[] mem = res.eco().member();
    ReexportedImports m = res.reexported();
    GrossTrade t = res.trade();
    int g = mem.length;
    var split = checks.identity("T13", "REII + imported intermediates absorbed at home = IMGR_INT");
    for (int p = 0; p < m.reii().length; p++) {
      if (!mem[p % g]) {
        final int q = p;
        split.compare(m.reii()[p] + m.absorbed()[p], t.imInt()[p],
            () -> s + "/" + sys.layout().countries().get(q % g) + "/" + sys.layout().industries().get(q / g));
      }
    }
    checks.identity("T13", "foreign VA of the re-exported intermediate imports = EXGR_FVA")
        .compare(m.fvaViaReii(), res.exportVa().fvaWT(), s);
  }

  /** S1: v'B = 1' on the columns of active sectors (x_j ≠ 0), from the origin multipliers. O(n·G). */
  static void s1(YearSystem sys, Checks checks) {
    var s1 = checks.builder("S1", "v'B = 1' (active sectors)");
    double[] vbc = sys.originMultipliers();
    int g = sys.g();
    for (int j = 0; j < sys.n(); j++) {
      if (sys.x()[j] != 0) {
        double s = 0;
        for (int t = 0; t < g; t++) {
          s += vbc[j * g + t];
        }
        final int jj = j;
        s1.compare(s, 1.0, () -> sys.label(jj));
      }
    }
    checks.emit(s1.build());
  }

  /**
   * S2 (Σva = Σy), T9 (ΣVBY = Σva), T6 (world FFD_DVA = world DFD_FVA, countries only), J2 (VBY·1 = va),
   * T14 (Σ_s VA of s in other countries' exports = Σ_s EXGR_FVA_s, countries only).
   */
  static void world(YearSystem sys, WorldSums w, Checks checks) {
    double[] va = sys.va();
    double[] vby = sys.vaFinalDemand().vby();
    double sumVa = Codes.sum(va);
    checks.emit(checks.builder("S2", "sum va = sum y").compare(sumVa, Codes.sum(sys.yTot()), "world").build());
    checks.emit(checks.builder("T9", "sum VBY = sum va").compare(Codes.sum(vby), sumVa, "world").build());
    checks.emit(checks.builder("T6", "sum FFD_DVA = sum DFD_FVA").compare(w.ffd(), w.dfdFva(), "world").build());
    checks.emit(checks.builder("T14", "sum over countries of FEXDVA (VA in partners' exports) = sum of EXGR_FVA")
        .compare(w.fex(), w.fva(), "world").build());
    var j2 = checks.builder("J2", "VA absorbed abroad + at home = va");
    int n = sys.n();
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int r = 0; r < sys.g(); r++) {
        s += vby[k + r * n];
      }
      final int kk = k;
      j2.compare(s, va[kk], () -> sys.label(kk));
    }
    checks.emit(j2.build());
  }

  /**
   * KWW terms 1+2+3 of every economy, v_s B_s· (Σ_{r∉s} Y_·r): the foreign final demand is summed
   * before multiplying by B (one dgemm, 2n²·E), unlike v̂BY, so J1 is an independent check.
   */
  static double[] kwwTerms(YearSystem sys, List<Economy> economies) {
    int n = sys.n();
    int ne = economies.size();
    double[] y = sys.y();
    double[] yForeign = new double[n * ne];
    for (int q = 0; q < ne; q++) {
      boolean[] mem = economies.get(q).member();
      for (int r = 0; r < sys.g(); r++) {
        if (!mem[r]) {
          for (int c = 0; c < n; c++) {
            yForeign[c + q * n] += y[c + r * n];
          }
        }
      }
    }
    double[] byf = sys.lapack().multiply(sys.b(), n, n, yForeign, ne);
    double[] out = new double[ne];
    for (int q = 0; q < ne; q++) {
      double acc = 0;
      for (int k : economies.get(q).rows()) {
        acc += sys.v()[k] * byf[k + q * n];
      }
      out[q] = acc;
    }
    return out;
  }
}
