package io.tivaspark.common.math;

import static io.tivaspark.common.math.Codes.DXD;
import static io.tivaspark.common.math.Codes.TOTAL;
import static io.tivaspark.common.math.Codes.WLD;
import static io.tivaspark.common.math.Codes.ratio;
import static io.tivaspark.common.math.Codes.share;
import static io.tivaspark.common.math.Indicator.*;

import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.util.List;

/**
 * Writes the {@code indicators} rows of one economy from its {@link EconomyResults}, every row through
 * the {@link Indicator} catalog (code and unit). PCT and RATIO values of an industry with zero output in
 * the economy are written as null (NaN), never 100 % or 1 (docs/methods.md §12); _T rows are not masked.
 * Rows are dense: every (partner, industry) of the catalog entry, zeros included.
 */
final class EconomyWriter {
  private final ResultSink sink;
  private final String s;
  private final boolean[] mem;
  private final List<String> countries;
  private final List<String> industries;
  private final int g;
  private final EconomyResults res;
  private final IndustryAggregates agg;
  private final int slots;
  private final AggregateRowCheck a1;
  /** partner codes by partner index: the countries, then WLD ({@link #wld}), then DXD ({@link #dxd}) */
  private final String[] partners;
  private final int wld;
  private final int dxd;
  /** industry code of each slot (an industry or an aggregate) */
  private final String[] slotCodes;
  /** whether slot k has zero output in the economy (its PCT and RATIO rows are null) */
  private final boolean[] zeroOutput;

  /**
   * Check A1 of one year (docs/methods.md §17), or null without aggregates: its keys are indicator ×
   * partner (the countries, then WLD, then DXD), its slots the industries and aggregates.
   */
  static AggregateRowCheck a1(YearSystem sys, Checks checks) {
    IndustryAggregates agg = sys.industryAggregates();
    if (agg.count() == 0) {
      return null;
    }
    int p = sys.g() + 2;
    Indicator[] codes = Indicator.values();
    List<String> countries = sys.layout().countries();
    return new AggregateRowCheck(agg, codes.length * p,
        key -> codes[key / p].code() + "/" + (key % p < sys.g() ? countries.get(key % p) : key % p == sys.g() ? WLD : DXD),
        checks.identity("A1", "industry aggregate = sum of its member industries (indicators, money levels)"));
  }

  /**
   * @param a1 the year's check A1 ({@link #a1}), or null when the table has no industry aggregates
   */
  EconomyWriter(ResultSink sink, YearSystem sys, EconomyResults res, AggregateRowCheck a1) {
    this.sink = sink;
    this.s = res.eco().code();
    this.mem = res.eco().member();
    this.countries = sys.layout().countries();
    this.industries = sys.layout().industries();
    this.g = sys.g();
    this.res = res;
    this.agg = sys.industryAggregates();
    this.slots = agg.slots();
    this.a1 = a1;
    this.wld = g;
    this.dxd = g + 1;
    this.partners = new String[g + 2];
    for (int r = 0; r < g; r++) {
      partners[r] = countries.get(r);
    }
    partners[wld] = WLD;
    partners[dxd] = DXD;
    this.slotCodes = new String[slots];
    this.zeroOutput = new boolean[slots];
    for (int k = 0; k < slots; k++) {
      slotCodes[k] = agg.code(k, industries);
      zeroOutput[k] = at(res.trade().prod(), k) == 0;
    }
  }

  /** Writes every row of the economy. */
  void write() {
    structure();
    for (int r = 0; r < g; r++) {
      if (!mem[r]) {
        partner(r);
      }
    }
    for (int k = 0; k < slots; k++) {
      worldByIndustry(k);
    }
    worldTotals();
    if (a1 != null) {
      a1.verify(s);
    }
  }

  /**
   * A row with partner index p ({@link #partners}); industry slot k (an industry or an aggregate,
   * {@link IndustryAggregates}), or -1 for _T. Money rows of a slot are recorded for check A1. Every
   * code is looked up in an array made once per economy: no per-row map lookup or sum.
   */
  private void put(Indicator code, int p, int k, double value) {
    boolean money = code.unit() == Unit.MONEY;
    boolean masked = !money && k >= 0 && zeroOutput[k];
    sink.indicator(code.code(), s, partners[p], k < 0 ? TOTAL : slotCodes[k], masked ? Double.NaN : value,
        code.unit());
    if (money && k >= 0 && a1 != null) {
      a1.record(code.ordinal() * (g + 2) + p, k, value);
    }
  }

  /** Σ over the industries of slot k of a by-industry array. */
  private double at(double[] byIndustry, int k) {
    return agg.sum(byIndustry, k);
  }

  /** Σ over the industries of slot k of an industry × partner array (i·G + r). */
  private double at(double[] byIndustryPartner, int k, int r) {
    return agg.sum(byIndustryPartner, k, r, g);
  }

  /** PROD, VALU, PROD_VASH. */
  private void structure() {
    GrossTrade t = res.trade();
    for (int k = 0; k < slots; k++) {
      put(PROD, wld, k, at(t.prod(), k));
      put(VALU, wld, k, at(t.valu(), k));
      put(PROD_VASH, wld, k, share(at(t.valu(), k), at(t.prod(), k)));
    }
    double prodT = t.prodT();
    double valuT = t.valuT();
    put(PROD, wld, -1, prodT);
    put(VALU, wld, -1, valuT);
    put(PROD_VASH, wld, -1, share(valuT, prodT));
  }

  /** Bilateral rows with partner r, by industry. */
  private void partner(int r) {
    GrossTrade t = res.trade();
    ExportValueAdded x = res.exportVa();
    ForwardValueAdded f = res.forward();
    FinalDemandValueAdded d = res.finalDemand();
    double exTotRow = t.exTotRow();
    for (int k = 0; k < slots; k++) {
      double exInt = at(t.exInt(), k, r);
      double exFnl = at(t.exFnl(), k, r);
      double imInt = at(t.imInt(), k, r);
      double imFnl = at(t.imFnl(), k, r);
      double ex = exInt + exFnl;
      double im = imInt + imFnl;
      double dva = at(x.dva(), k, r);
      double imDva = at(f.imDva(), k, r);
      double ffd = at(d.ffd(), k, r);
      put(EXGR, r, k, ex);
      put(EXGR_INT, r, k, exInt);
      put(EXGR_FNL, r, k, exFnl);
      put(EXGRpSH, r, k, share(ex, at(t.exgrI(), k)));
      put(IMGR, r, k, im);
      put(IMGR_INT, r, k, imInt);
      put(IMGR_FNL, r, k, imFnl);
      put(IMGRpSH, r, k, share(im, at(t.imgrI(), k)));
      put(EXGR_DVA, r, k, dva);
      put(EXGR_FVA, r, k, at(x.fva(), k, r));
      put(EXGR_DVASH, r, k, share(dva, ex));
      put(EXGR_DVApSH, r, k, share(dva, at(x.dvaI(), k)));
      put(IMGR_DVA, r, k, imDva);
      put(IMGR_DVASH, r, k, share(imDva, im));
      put(FFD_DVA, r, k, ffd);
      put(FFD_DVApSH, r, k, share(ffd, at(d.ffdI(), k)));
      put(DFD_FVA, r, k, at(d.dfdFva(), k, r));
      put(DEXFVApSH, r, k, share(at(x.dexfva(), k, r), at(t.exW(), k)));
      partnerSlotAdditions(r, k, imInt);
    }
    partnerTotal(r, exTotRow);
  }

  /** Bilateral rows with partner r, all industries. */
  private void partnerTotal(int r, double exTotRow) {
    GrossTrade t = res.trade();
    ExportValueAdded x = res.exportVa();
    ForwardValueAdded f = res.forward();
    FinalDemandValueAdded d = res.finalDemand();
    double exIntT = 0;
    double exFnlT = 0;
    double imIntT = 0;
    double imFnlT = 0;
    for (int i = 0; i < industries.size(); i++) {
      int p = i * g + r;
      exIntT += t.exInt()[p];
      exFnlT += t.exFnl()[p];
      imIntT += t.imInt()[p];
      imFnlT += t.imFnl()[p];
    }
    double exgr = t.exgrR()[r];
    double imgr = t.imgrR()[r];
    put(EXGR, r, -1, exgr);
    put(EXGR_INT, r, -1, exIntT);
    put(EXGR_FNL, r, -1, exFnlT);
    put(EXGRpSH, r, -1, share(exgr, t.exgrT()));
    put(IMGR, r, -1, imgr);
    put(IMGR_INT, r, -1, imIntT);
    put(IMGR_FNL, r, -1, imFnlT);
    put(IMGRpSH, r, -1, share(imgr, t.imgrT()));
    put(BALGR, r, -1, exgr - imgr);
    put(EXGR_DVA, r, -1, x.dvaR()[r]);
    put(EXGR_FVA, r, -1, x.fvaR()[r]);
    put(EXGR_DVASH, r, -1, share(x.dvaR()[r], exgr));
    put(EXGR_DVApSH, r, -1, share(x.dvaR()[r], x.dvaWT()));
    put(IMGR_DVA, r, -1, f.imDvaR()[r]);
    put(IMGR_DVASH, r, -1, share(f.imDvaR()[r], imgr));
    put(FFD_DVA, r, -1, d.ffdR()[r]);
    put(FFD_DVApSH, r, -1, share(d.ffdR()[r], d.ffdT()));
    put(DFD_FVA, r, -1, d.dfdFvaR()[r]);
    put(DFD_FVApSH, r, -1, share(d.dfdFvaR()[r], d.dfdFvaT()));
    put(BALVAFD, r, -1, d.ffdR()[r] - d.dfdFvaR()[r]);
    put(DEXFVApSH, r, -1, share(x.dexR()[r], exTotRow));
    put(FEXDVApSH, r, -1, share(f.fex()[r], exTotRow));
    put(FD_VA, r, -1, d.dfdFvaR()[r]);
    if (d.cons() != null) {
      put(CONS_VA, r, -1, d.cons()[1 + r]);
    }
    if (d.gfcf() != null) {
      put(GFCF_VA, r, -1, d.gfcf()[1 + r]);
    }
    put(VAX_RATIO, r, -1, ratio(d.ffdR()[r], exgr));
    partnerTotalAdditions(r, exIntT - imIntT, exFnlT - imFnlT, imIntT);
  }

  /** Partner r, slot k: EXGR_INT_DVA, EXGR_FNL_DVA and their pSH, DEXFVA, REII, IMGRINT_REII (methods §3.5). */
  private void partnerSlotAdditions(int r, int k, double imInt) {
    ExportValueAdded x = res.exportVa();
    double intDva = at(x.intDva(), k, r);
    double reii = at(res.reexported().reii(), k, r);
    put(EXGR_INT_DVA, r, k, intDva);
    put(EXGR_INTDVApSH, r, k, share(intDva, at(x.intDvaI(), k)));
    double fnlDva = at(x.dva(), k, r) - intDva;
    put(EXGR_FNL_DVA, r, k, fnlDva);
    put(EXGR_FNLDVApSH, r, k, share(fnlDva, at(x.fnlDva(), k)));
    put(DEXFVA, r, k, at(x.dexfva(), k, r));
    put(REII, r, k, reii);
    put(IMGRINT_REII, r, k, share(reii, imInt));
  }

  /** Partner r, _T: BALGR_INT/FNL, EXGR_INT/FNL_DVA(pSH), DEXFVA, FEXDVA, REII, IMGRINT_REII, FD/CONS/GFCF_VASH. */
  private void partnerTotalAdditions(int r, double balInt, double balFnl, double imIntT) {
    ExportValueAdded x = res.exportVa();
    ReexportedImports m = res.reexported();
    FinalDemandValueAdded d = res.finalDemand();
    put(BALGR_INT, r, -1, balInt);
    put(BALGR_FNL, r, -1, balFnl);
    put(EXGR_INT_DVA, r, -1, x.intDvaR()[r]);
    put(EXGR_INTDVApSH, r, -1, share(x.intDvaR()[r], Codes.sum(x.intDvaI())));
    double fnlDva = x.dvaR()[r] - x.intDvaR()[r];
    put(EXGR_FNL_DVA, r, -1, fnlDva);
    put(EXGR_FNLDVApSH, r, -1, share(fnlDva, Codes.sum(x.fnlDva())));
    put(DEXFVA, r, -1, x.dexR()[r]);
    put(FEXDVA, r, -1, res.forward().fex()[r]);
    put(REII, r, -1, m.reiiR()[r]);
    put(IMGRINT_REII, r, -1, share(m.reiiR()[r], imIntT));
    put(FD_VASH, r, -1, share(d.dfdFvaR()[r], d.dfdDvaT() + d.dfdFvaT()));
    if (d.cons() != null) {
      put(CONS_VASH, r, -1, share(d.cons()[1 + r], originTotal(d.cons())));
    }
    if (d.gfcf() != null) {
      put(GFCF_VASH, r, -1, share(d.gfcf()[1 + r], originTotal(d.gfcf())));
    }
  }

  /** CONS_VA / GFCF_VA of s over every origin: [0] (DXD) plus [1 + t] over t ∉ s. */
  private double originTotal(double[] byOrigin) {
    return byOrigin[0] + PartnerSums.outside(java.util.Arrays.copyOfRange(byOrigin, 1, 1 + g), mem);
  }

  /** Partner WLD, industry slot k. */
  private void worldByIndustry(int k) {
    GrossTrade t = res.trade();
    ExportValueAdded x = res.exportVa();
    DomesticContent c = res.domestic();
    ForwardValueAdded f = res.forward();
    FinalDemandValueAdded d = res.finalDemand();
    double exI = 0;
    double exF = 0;
    double imI = 0;
    double imF = 0;
    for (int r = 0; r < g; r++) {
      if (!mem[r]) {
        exI += at(t.exInt(), k, r);
        exF += at(t.exFnl(), k, r);
        imI += at(t.imInt(), k, r);
        imF += at(t.imFnl(), k, r);
      }
    }
    double exgr = at(t.exgrI(), k);
    double exgrT = t.exgrT();
    put(EXGR, wld, k, exgr);
    put(EXGR_INT, wld, k, exI);
    put(EXGR_FNL, wld, k, exF);
    put(IMGR, wld, k, at(t.imgrI(), k));
    put(IMGR_INT, wld, k, imI);
    put(IMGR_FNL, wld, k, imF);
    put(EXGR_DVA, wld, k, at(x.dvaW(), k));
    put(EXGR_FVA, wld, k, at(x.fvaW(), k));
    put(EXGR_DDC, wld, k, at(c.ddc(), k));
    put(EXGR_IDC, wld, k, at(c.idc(), k));
    put(EXGR_RIM, wld, k, at(c.rim(), k));
    put(EXGR_DVASH, wld, k, share(at(x.dvaW(), k), exgr));
    put(EXGR_FVASH, wld, k, share(at(x.fvaW(), k), exgr));
    put(EXGR_TDVAIND, wld, k, share(at(x.dvaW(), k), exgrT));
    put(EXGR_TFVAIND, wld, k, share(at(x.fvaW(), k), exgrT));
    put(EXGR_INTDVASH, wld, k, share(at(x.intDvaI(), k), exgr));
    put(EXGR_FNLDVASH, wld, k, share(at(x.fnlDva(), k), exgr));
    put(EXGR_DVAFXSH, wld, k, share(at(f.dvafx(), k), t.exTotRow()));
    put(IMGR_DVA, wld, k, at(f.imDvaI(), k));
    put(IMGR_DVASH, wld, k, share(at(f.imDvaI(), k), at(t.imgrI(), k)));
    put(FFD_DVA, wld, k, at(d.ffdI(), k));
    put(DFD_DVA, wld, k, at(d.dfdDva(), k));
    put(DFD_FVA, wld, k, at(d.dfdFvaI(), k));
    put(VALU_FFDDVA, wld, k, share(at(d.ffdI(), k), at(t.valu(), k)));
    put(VAX_RATIO, wld, k, ratio(at(d.ffdI(), k), exgr));
    if (x.servD() != null) {
      put(EXGR_SERV_DVASH, wld, k, share(at(x.servD(), k), exgr));
      put(EXGR_SERV_FVASH, wld, k, share(at(x.servF(), k), exgr));
    }
    worldSlotAdditions(k, imI);
  }

  /** Partner WLD, slot k: EXGR_INT/FNL_DVA, FEXDVA, REII, IMGRINT_REII, EXGR_SERV_DVA/FVA (methods §3.5). */
  private void worldSlotAdditions(int k, double imInt) {
    ExportValueAdded x = res.exportVa();
    double reii = at(res.reexported().reiiI(), k);
    put(EXGR_INT_DVA, wld, k, at(x.intDvaI(), k));
    put(EXGR_FNL_DVA, wld, k, at(x.fnlDva(), k));
    put(FEXDVA, wld, k, at(res.forward().dvafx(), k));
    put(REII, wld, k, reii);
    put(IMGRINT_REII, wld, k, share(reii, imInt));
    if (x.servD() != null) {
      put(EXGR_SERV_DVA, wld, k, at(x.servD(), k));
      put(EXGR_SERV_FVA, wld, k, at(x.servF(), k));
    }
  }

  /** Partner WLD (and DXD), all industries. */
  private void worldTotals() {
    GrossTrade t = res.trade();
    ExportValueAdded x = res.exportVa();
    DomesticContent c = res.domestic();
    int nn = industries.size();
    double exgrT = t.exgrT();
    double imgrT = t.imgrT();
    double exIntT = PartnerSums.outside(t.exInt(), mem, nn, g);
    double exFnlT = PartnerSums.outside(t.exFnl(), mem, nn, g);
    double imIntT = PartnerSums.outside(t.imInt(), mem, nn, g);
    double imFnlT = PartnerSums.outside(t.imFnl(), mem, nn, g);
    put(EXGR, wld, -1, exgrT);
    put(EXGR_INT, wld, -1, exIntT);
    put(EXGR_FNL, wld, -1, exFnlT);
    put(IMGR, wld, -1, imgrT);
    put(IMGR_INT, wld, -1, imIntT);
    put(IMGR_FNL, wld, -1, imFnlT);
    put(BALGR, wld, -1, exgrT - imgrT);
    worldTotalAdditions(exIntT - imIntT, exFnlT - imFnlT, imIntT);
    put(EXGR_DVA, wld, -1, x.dvaWT());
    put(EXGR_FVA, wld, -1, x.fvaWT());
    put(EXGR_DDC, wld, -1, Codes.sum(c.ddc()));
    put(EXGR_IDC, wld, -1, Codes.sum(c.idc()));
    put(EXGR_RIM, wld, -1, Codes.sum(c.rim()));
    double dvash = share(x.dvaWT(), exgrT);
    double fvash = share(x.fvaWT(), exgrT);
    put(EXGR_DVASH, wld, -1, dvash);
    put(EXGR_FVASH, wld, -1, fvash);
    put(EXGR_TDVAIND, wld, -1, dvash);
    put(EXGR_TFVAIND, wld, -1, fvash);
    put(EXGR_INTDVASH, wld, -1, share(Codes.sum(x.intDvaI()), exgrT));
    put(EXGR_FNLDVASH, wld, -1, share(Codes.sum(x.fnlDva()), exgrT));
    put(EXGR_DVAFXSH, wld, -1, share(Codes.sum(res.forward().dvafx()), t.exTotRow()));
    if (x.servD() != null) {
      put(EXGR_SERV_DVASH, wld, -1, share(Codes.sum(x.servD()), exgrT));
      put(EXGR_SERV_FVASH, wld, -1, share(Codes.sum(x.servF()), exgrT));
    }
    finalDemandTotals(exgrT);
  }

  /** Partner WLD, _T: BALGR_INT/FNL, EXGR_INT/FNL_DVA, FEXDVA, REII, IMGRINT_REII, EXGR_SERV_DVA/FVA. */
  private void worldTotalAdditions(double balInt, double balFnl, double imIntT) {
    ExportValueAdded x = res.exportVa();
    double reiiT = res.reexported().reiiT();
    put(BALGR_INT, wld, -1, balInt);
    put(BALGR_FNL, wld, -1, balFnl);
    put(EXGR_INT_DVA, wld, -1, Codes.sum(x.intDvaI()));
    put(EXGR_FNL_DVA, wld, -1, Codes.sum(x.fnlDva()));
    put(FEXDVA, wld, -1, Codes.sum(res.forward().dvafx()));
    put(REII, wld, -1, reiiT);
    put(IMGRINT_REII, wld, -1, share(reiiT, imIntT));
    if (x.servD() != null) {
      put(EXGR_SERV_DVA, wld, -1, Codes.sum(x.servD()));
      put(EXGR_SERV_FVA, wld, -1, Codes.sum(x.servF()));
    }
  }

  /** Partner WLD / DXD, all industries: final-demand VA. */
  private void finalDemandTotals(double exgrT) {
    GrossTrade t = res.trade();
    ForwardValueAdded f = res.forward();
    FinalDemandValueAdded d = res.finalDemand();
    double imDvaT = Codes.sum(f.imDvaI());
    put(IMGR_DVA, wld, -1, imDvaT);
    put(IMGR_DVASH, wld, -1, share(imDvaT, t.imgrT()));
    double ffdT = d.ffdT();
    double dfdDvaT = d.dfdDvaT();
    double dfdFvaT = d.dfdFvaT();
    put(FFD_DVA, wld, -1, ffdT);
    put(DFD_DVA, wld, -1, dfdDvaT);
    put(DFD_FVA, wld, -1, dfdFvaT);
    put(BALVAFD, wld, -1, ffdT - dfdFvaT);
    put(VALU_FFDDVA, wld, -1, share(ffdT, t.valuT()));
    put(FD_VA, dxd, -1, dfdDvaT);
    put(FD_VA, wld, -1, dfdDvaT + dfdFvaT);
    put(FD_VASH, dxd, -1, share(dfdDvaT, dfdDvaT + dfdFvaT));
    if (d.cons() != null) {
      put(CONS_VA, dxd, -1, d.cons()[0]);
      put(CONS_VA, wld, -1, originTotal(d.cons()));
      put(CONS_VASH, dxd, -1, share(d.cons()[0], originTotal(d.cons())));
    }
    if (d.gfcf() != null) {
      put(GFCF_VA, dxd, -1, d.gfcf()[0]);
      put(GFCF_VA, wld, -1, originTotal(d.gfcf()));
      put(GFCF_VASH, dxd, -1, share(d.gfcf()[0], originTotal(d.gfcf())));
    }
    put(VAX_RATIO, wld, -1, ratio(ffdT, exgrT));
  }
}
