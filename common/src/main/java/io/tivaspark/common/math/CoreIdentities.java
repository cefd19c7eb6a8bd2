package io.tivaspark.common.math;

import static io.tivaspark.common.math.Codes.share;

import io.tivaspark.common.math.YearSystem.Economy;
import java.util.List;

/**
 * The identity checks of the core family (docs/methods.md §3.4, §11): per economy T1–T5, T7, T8 and J1
 * ({@link #economy}); per year S1 ({@link #s1}) and S2, T6, T9, J2 ({@link #world}). Each compares two
 * ways of computing one quantity at the family's tolerance ({@link Checks}).
 */
final class CoreIdentities {
  private CoreIdentities() {}

  /** T1, T2, T3, T5 by industry; T1 bilateral; T4, T3 shares; T7, T8, J1 of one economy. */
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

  /** S2 (Σva = Σy), T9 (ΣVBY = Σva), T6 (world FFD_DVA = world DFD_FVA, countries only), J2 (VBY·1 = va). */
  static void world(YearSystem sys, double worldFfd, double worldDfdFva, Checks checks) {
    double[] va = sys.va();
    double[] vby = sys.vaFinalDemand().vby();
    double sumVa = Codes.sum(va);
    checks.emit(checks.builder("S2", "sum va = sum y").compare(sumVa, Codes.sum(sys.yTot()), "world").build());
    checks.emit(checks.builder("T9", "sum VBY = sum va").compare(Codes.sum(vby), sumVa, "world").build());
    checks.emit(checks.builder("T6", "sum FFD_DVA = sum DFD_FVA").compare(worldFfd, worldDfdFva, "world").build());
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
