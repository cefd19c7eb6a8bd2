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
  private final io.tivaspark.common.model.Layout lay;

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
    this.lay = sys.layout();
    this.a1 = a1;
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
   * A row; industry slot k (an industry or an aggregate, {@link IndustryAggregates}), or -1 for _T.
   * Money rows of a slot are recorded for check A1.
   */
  private void put(Indicator code, String partner, int k, double value) {
    boolean masked = code.unit() != Unit.MONEY && k >= 0 && at(res.trade().prod(), k) == 0;
    String industry = k < 0 ? TOTAL : agg.code(k, industries);
    sink.indicator(code.code(), s, partner, industry, masked ? Double.NaN : value, code.unit());
    if (code.unit() == Unit.MONEY && k >= 0 && a1 != null) {
      int p = partner.equals(WLD) ? g : partner.equals(DXD) ? g + 1 : lay.countryIndex(partner);
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
      put(PROD, WLD, k, at(t.prod(), k));
      put(VALU, WLD, k, at(t.valu(), k));
      put(PROD_VASH, WLD, k, share(at(t.valu(), k), at(t.prod(), k)));
    }
    double prodT = t.prodT();
    double valuT = t.valuT();
    put(PROD, WLD, -1, prodT);
    put(VALU, WLD, -1, valuT);
    put(PROD_VASH, WLD, -1, share(valuT, prodT));
  }

  /** Bilateral rows with partner r, by industry. */
  private void partner(int r) {
    GrossTrade t = res.trade();
    ExportValueAdded x = res.exportVa();
    ForwardValueAdded f = res.forward();
    FinalDemandValueAdded d = res.finalDemand();
    String pr = countries.get(r);
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
      put(EXGR, pr, k, ex);
      put(EXGR_INT, pr, k, exInt);
      put(EXGR_FNL, pr, k, exFnl);
      put(EXGRpSH, pr, k, share(ex, at(t.exgrI(), k)));
      put(IMGR, pr, k, im);
      put(IMGR_INT, pr, k, imInt);
      put(IMGR_FNL, pr, k, imFnl);
      put(IMGRpSH, pr, k, share(im, at(t.imgrI(), k)));
      put(EXGR_DVA, pr, k, dva);
      put(EXGR_FVA, pr, k, at(x.fva(), k, r));
      put(EXGR_DVASH, pr, k, share(dva, ex));
      put(EXGR_DVApSH, pr, k, share(dva, at(x.dvaI(), k)));
      put(IMGR_DVA, pr, k, imDva);
      put(IMGR_DVASH, pr, k, share(imDva, im));
      put(FFD_DVA, pr, k, ffd);
      put(FFD_DVApSH, pr, k, share(ffd, at(d.ffdI(), k)));
      put(DFD_FVA, pr, k, at(d.dfdFva(), k, r));
      put(DEXFVApSH, pr, k, share(at(x.dexfva(), k, r), at(t.exW(), k)));
      partnerSlotAdditions(r, pr, k, imInt);
    }
    partnerTotal(r, pr, exTotRow);
  }

  /** Bilateral rows with partner r, all industries. */
  private void partnerTotal(int r, String pr, double exTotRow) {
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
    put(EXGR, pr, -1, exgr);
    put(EXGR_INT, pr, -1, exIntT);
    put(EXGR_FNL, pr, -1, exFnlT);
    put(EXGRpSH, pr, -1, share(exgr, t.exgrT()));
    put(IMGR, pr, -1, imgr);
    put(IMGR_INT, pr, -1, imIntT);
    put(IMGR_FNL, pr, -1, imFnlT);
    put(IMGRpSH, pr, -1, share(imgr, t.imgrT()));
    put(BALGR, pr, -1, exgr - imgr);
    put(EXGR_DVA, pr, -1, x.dvaR()[r]);
    put(EXGR_FVA, pr, -1, x.fvaR()[r]);
    put(EXGR_DVASH, pr, -1, share(x.dvaR()[r], exgr));
    put(EXGR_DVApSH, pr, -1, share(x.dvaR()[r], x.dvaWT()));
    put(IMGR_DVA, pr, -1, f.imDvaR()[r]);
    put(IMGR_DVASH, pr, -1, share(f.imDvaR()[r], imgr));
    put(FFD_DVA, pr, -1, d.ffdR()[r]);
    put(FFD_DVApSH, pr, -1, share(d.ffdR()[r], d.ffdT()));
    put(DFD_FVA, pr, -1, d.dfdFvaR()[r]);
    put(DFD_FVApSH, pr, -1, share(d.dfdFvaR()[r], d.dfdFvaT()));
    put(BALVAFD, pr, -1, d.ffdR()[r] - d.dfdFvaR()[r]);
    put(DEXFVApSH, pr, -1, share(x.dexR()[r], exTotRow));
    put(FEXDVApSH, pr, -1, share(f.fex()[r], exTotRow));
    put(FD_VA, pr, -1, d.dfdFvaR()[r]);
    if (d.cons() != null) {
      put(CONS_VA, pr, -1, d.cons()[1 + r]);
    }
    if (d.gfcf() != null) {
      put(GFCF_VA, pr, -1, d.gfcf()[1 + r]);
    }
    put(VAX_RATIO, pr, -1, ratio(d.ffdR()[r], exgr));
    partnerTotalAdditions(r, pr, exIntT - imIntT, exFnlT - imFnlT, imIntT);
  }

  /** Partner r, slot k: EXGR_INT_DVA, EXGR_FNL_DVA and their pSH, DEXFVA, REII, IMGRINT_REII (methods §3.5). */
  private void partnerSlotAdditions(int r, String pr, int k, double imInt) {
    ExportValueAdded x = res.exportVa();
    double intDva = at(x.intDva(), k, r);
    double reii = at(res.reexported().reii(), k, r);
    put(EXGR_INT_DVA, pr, k, intDva);
    put(EXGR_INTDVApSH, pr, k, share(intDva, at(x.intDvaI(), k)));
    double fnlDva = at(x.dva(), k, r) - intDva;
    put(EXGR_FNL_DVA, pr, k, fnlDva);
    put(EXGR_FNLDVApSH, pr, k, share(fnlDva, at(x.fnlDva(), k)));
    put(DEXFVA, pr, k, at(x.dexfva(), k, r));
    put(REII, pr, k, reii);
    put(IMGRINT_REII, pr, k, share(reii, imInt));
  }

  /** Partner r, _T: BALGR_INT/FNL, EXGR_INT/FNL_DVA(pSH), DEXFVA, FEXDVA, REII, IMGRINT_REII, FD/CONS/GFCF_VASH. */
  private void partnerTotalAdditions(int r, String pr, double balInt, double balFnl, double imIntT) {
    ExportValueAdded x = res.exportVa();
    ReexportedImports m = res.reexported();
    FinalDemandValueAdded d = res.finalDemand();
    put(BALGR_INT, pr, -1, balInt);
    put(BALGR_FNL, pr, -1, balFnl);
    put(EXGR_INT_DVA, pr, -1, x.intDvaR()[r]);
    put(EXGR_INTDVApSH, pr, -1, share(x.intDvaR()[r], Codes.sum(x.intDvaI())));
    double fnlDva = x.dvaR()[r] - x.intDvaR()[r];
    put(EXGR_FNL_DVA, pr, -1, fnlDva);
    put(EXGR_FNLDVApSH, pr, -1, share(fnlDva, Codes.sum(x.fnlDva())));
    put(DEXFVA, pr, -1, x.dexR()[r]);
    put(FEXDVA, pr, -1, res.forward().fex()[r]);
    put(REII, pr, -1, m.reiiR()[r]);
    put(IMGRINT_REII, pr, -1, share(m.reiiR()[r], imIntT));
    put(FD_VASH, pr, -1, share(d.dfdFvaR()[r], d.dfdDvaT() + d.dfdFvaT()));
    if (d.cons() != null) {
      put(CONS_VASH, pr, -1, share(d.cons()[1 + r], originTotal(d.cons())));
    }
    if (d.gfcf() != null) {
      put(GFCF_VASH, pr, -1, share(d.gfcf()[1 + r], originTotal(d.gfcf())));
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
    put(EXGR, WLD, k, exgr);
    put(EXGR_INT, WLD, k, exI);
    put(EXGR_FNL, WLD, k, exF);
    put(IMGR, WLD, k, at(t.imgrI(), k));
    put(IMGR_INT, WLD, k, imI);
    put(IMGR_FNL, WLD, k, imF);
    put(EXGR_DVA, WLD, k, at(x.dvaW(), k));
    put(EXGR_FVA, WLD, k, at(x.fvaW(), k));
    put(EXGR_DDC, WLD, k, at(c.ddc(), k));
    put(EXGR_IDC, WLD, k, at(c.idc(), k));
    put(EXGR_RIM, WLD, k, at(c.rim(), k));
    put(EXGR_DVASH, WLD, k, share(at(x.dvaW(), k), exgr));
    put(EXGR_FVASH, WLD, k, share(at(x.fvaW(), k), exgr));
    put(EXGR_TDVAIND, WLD, k, share(at(x.dvaW(), k), exgrT));
    put(EXGR_TFVAIND, WLD, k, share(at(x.fvaW(), k), exgrT));
    put(EXGR_INTDVASH, WLD, k, share(at(x.intDvaI(), k), exgr));
    put(EXGR_FNLDVASH, WLD, k, share(at(x.fnlDva(), k), exgr));
    put(EXGR_DVAFXSH, WLD, k, share(at(f.dvafx(), k), t.exTotRow()));
    put(IMGR_DVA, WLD, k, at(f.imDvaI(), k));
    put(IMGR_DVASH, WLD, k, share(at(f.imDvaI(), k), at(t.imgrI(), k)));
    put(FFD_DVA, WLD, k, at(d.ffdI(), k));
    put(DFD_DVA, WLD, k, at(d.dfdDva(), k));
    put(DFD_FVA, WLD, k, at(d.dfdFvaI(), k));
    put(VALU_FFDDVA, WLD, k, share(at(d.ffdI(), k), at(t.valu(), k)));
    put(VAX_RATIO, WLD, k, ratio(at(d.ffdI(), k), exgr));
    if (x.servD() != null) {
      put(EXGR_SERV_DVASH, WLD, k, share(at(x.servD(), k), exgr));
      put(EXGR_SERV_FVASH, WLD, k, share(at(x.servF(), k), exgr));
    }
    worldSlotAdditions(k, imI);
  }

  /** Partner WLD, slot k: EXGR_INT/FNL_DVA, FEXDVA, REII, IMGRINT_REII, EXGR_SERV_DVA/FVA (methods §3.5). */
  private void worldSlotAdditions(int k, double imInt) {
    ExportValueAdded x = res.exportVa();
    double reii = at(res.reexported().reiiI(), k);
    put(EXGR_INT_DVA, WLD, k, at(x.intDvaI(), k));
    put(EXGR_FNL_DVA, WLD, k, at(x.fnlDva(), k));
    put(FEXDVA, WLD, k, at(res.forward().dvafx(), k));
    put(REII, WLD, k, reii);
    put(IMGRINT_REII, WLD, k, share(reii, imInt));
    if (x.servD() != null) {
      put(EXGR_SERV_DVA, WLD, k, at(x.servD(), k));
      put(EXGR_SERV_FVA, WLD, k, at(x.servF(), k));
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
    put(EXGR, WLD, -1, exgrT);
    put(EXGR_INT, WLD, -1, exIntT);
    put(EXGR_FNL, WLD, -1, exFnlT);
    put(IMGR, WLD, -1, imgrT);
    put(IMGR_INT, WLD, -1, imIntT);
    put(IMGR_FNL, WLD, -1, imFnlT);
    put(BALGR, WLD, -1, exgrT - imgrT);
    worldTotalAdditions(exIntT - imIntT, exFnlT - imFnlT, imIntT);
    put(EXGR_DVA, WLD, -1, x.dvaWT());
    put(EXGR_FVA, WLD, -1, x.fvaWT());
    put(EXGR_DDC, WLD, -1, Codes.sum(c.ddc()));
    put(EXGR_IDC, WLD, -1, Codes.sum(c.idc()));
    put(EXGR_RIM, WLD, -1, Codes.sum(c.rim()));
    double dvash = share(x.dvaWT(), exgrT);
    double fvash = share(x.fvaWT(), exgrT);
    put(EXGR_DVASH, WLD, -1, dvash);
    put(EXGR_FVASH, WLD, -1, fvash);
    put(EXGR_TDVAIND, WLD, -1, dvash);
    put(EXGR_TFVAIND, WLD, -1, fvash);
    put(EXGR_INTDVASH, WLD, -1, share(Codes.sum(x.intDvaI()), exgrT));
    put(EXGR_FNLDVASH, WLD, -1, share(Codes.sum(x.fnlDva()), exgrT));
    put(EXGR_DVAFXSH, WLD, -1, share(Codes.sum(res.forward().dvafx()), t.exTotRow()));
    if (x.servD() != null) {
      put(EXGR_SERV_DVASH, WLD, -1, share(Codes.sum(x.servD()), exgrT));
      put(EXGR_SERV_FVASH, WLD, -1, share(Codes.sum(x.servF()), exgrT));
    }
    finalDemandTotals(exgrT);
  }

  /** Partner WLD, _T: BALGR_INT/FNL, EXGR_INT/FNL_DVA, FEXDVA, REII, IMGRINT_REII, EXGR_SERV_DVA/FVA. */
  private void worldTotalAdditions(double balInt, double balFnl, double imIntT) {
    ExportValueAdded x = res.exportVa();
    double reiiT = res.reexported().reiiT();
    put(BALGR_INT, WLD, -1, balInt);
    put(BALGR_FNL, WLD, -1, balFnl);
    put(EXGR_INT_DVA, WLD, -1, Codes.sum(x.intDvaI()));
    put(EXGR_FNL_DVA, WLD, -1, Codes.sum(x.fnlDva()));
    put(FEXDVA, WLD, -1, Codes.sum(res.forward().dvafx()));
    put(REII, WLD, -1, reiiT);
    put(IMGRINT_REII, WLD, -1, share(reiiT, imIntT));
    if (x.servD() != null) {
      put(EXGR_SERV_DVA, WLD, -1, Codes.sum(x.servD()));
      put(EXGR_SERV_FVA, WLD, -1, Codes.sum(x.servF()));
    }
  }

  /** Partner WLD / DXD, all industries: final-demand VA. */
  private void finalDemandTotals(double exgrT) {
    GrossTrade t = res.trade();
    ForwardValueAdded f = res.forward();
    FinalDemandValueAdded d = res.finalDemand();
    double imDvaT = Codes.sum(f.imDvaI());
    put(IMGR_DVA, WLD, -1, imDvaT);
    put(IMGR_DVASH, WLD, -1, share(imDvaT, t.imgrT()));
    double ffdT = d.ffdT();
    double dfdDvaT = d.dfdDvaT();
    double dfdFvaT = d.dfdFvaT();
    put(FFD_DVA, WLD, -1, ffdT);
    put(DFD_DVA, WLD, -1, dfdDvaT);
    put(DFD_FVA, WLD, -1, dfdFvaT);
    put(BALVAFD, WLD, -1, ffdT - dfdFvaT);
    put(VALU_FFDDVA, WLD, -1, share(ffdT, t.valuT()));
    put(FD_VA, DXD, -1, dfdDvaT);
    put(FD_VA, WLD, -1, dfdDvaT + dfdFvaT);
    put(FD_VASH, DXD, -1, share(dfdDvaT, dfdDvaT + dfdFvaT));
    if (d.cons() != null) {
      put(CONS_VA, DXD, -1, d.cons()[0]);
      put(CONS_VA, WLD, -1, originTotal(d.cons()));
      put(CONS_VASH, DXD, -1, share(d.cons()[0], originTotal(d.cons())));
    }
    if (d.gfcf() != null) {
      put(GFCF_VA, DXD, -1, d.gfcf()[0]);
      put(GFCF_VA, WLD, -1, originTotal(d.gfcf()));
      put(GFCF_VASH, DXD, -1, share(d.gfcf()[0], originTotal(d.gfcf())));
    }
    put(VAX_RATIO, WLD, -1, ratio(ffdT, exgrT));
  }
}
