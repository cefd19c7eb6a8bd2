package io.tivaspark.common.math;

import static io.tivaspark.common.math.Codes.DXD;
import static io.tivaspark.common.math.Codes.TOTAL;
import static io.tivaspark.common.math.Codes.WLD;
import static io.tivaspark.common.math.Codes.ratio;
import static io.tivaspark.common.math.Codes.share;
import static io.tivaspark.common.math.Indicator.*;

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

  EconomyWriter(ResultSink sink, YearSystem sys, EconomyResults res) {
    this.sink = sink;
    this.s = res.eco().code();
    this.mem = res.eco().member();
    this.countries = sys.layout().countries();
    this.industries = sys.layout().industries();
    this.g = sys.g();
    this.res = res;
  }

  /** Writes every row of the economy. */
  void write() {
    structure();
    for (int r = 0; r < g; r++) {
      if (!mem[r]) {
        partner(r);
      }
    }
    for (int i = 0; i < industries.size(); i++) {
      worldByIndustry(i);
    }
    worldTotals();
  }

  /** A row; industry index i, or -1 for _T. */
  private void put(Indicator code, String partner, int i, double value) {
    boolean masked = code.unit() != Unit.MONEY && i >= 0 && res.trade().prod()[i] == 0;
    sink.indicator(code.code(), s, partner, i < 0 ? TOTAL : industries.get(i), masked ? Double.NaN : value,
        code.unit());
  }

  /** PROD, VALU, PROD_VASH. */
  private void structure() {
    GrossTrade t = res.trade();
    for (int i = 0; i < industries.size(); i++) {
      put(PROD, WLD, i, t.prod()[i]);
      put(VALU, WLD, i, t.valu()[i]);
      put(PROD_VASH, WLD, i, share(t.valu()[i], t.prod()[i]));
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
    for (int i = 0; i < industries.size(); i++) {
      int p = i * g + r;
      double ex = t.exInt()[p] + t.exFnl()[p];
      double im = t.imInt()[p] + t.imFnl()[p];
      put(EXGR, pr, i, ex);
      put(EXGR_INT, pr, i, t.exInt()[p]);
      put(EXGR_FNL, pr, i, t.exFnl()[p]);
      put(EXGRpSH, pr, i, share(ex, t.exgrI()[i]));
      put(IMGR, pr, i, im);
      put(IMGR_INT, pr, i, t.imInt()[p]);
      put(IMGR_FNL, pr, i, t.imFnl()[p]);
      put(IMGRpSH, pr, i, share(im, t.imgrI()[i]));
      put(EXGR_DVA, pr, i, x.dva()[p]);
      put(EXGR_FVA, pr, i, x.fva()[p]);
      put(EXGR_DVASH, pr, i, share(x.dva()[p], ex));
      put(EXGR_DVApSH, pr, i, share(x.dva()[p], x.dvaI()[i]));
      put(IMGR_DVA, pr, i, f.imDva()[p]);
      put(IMGR_DVASH, pr, i, share(f.imDva()[p], im));
      put(FFD_DVA, pr, i, d.ffd()[p]);
      put(FFD_DVApSH, pr, i, share(d.ffd()[p], d.ffdI()[i]));
      put(DFD_FVA, pr, i, d.dfdFva()[p]);
      put(DEXFVApSH, pr, i, share(x.dexfva()[p], t.exW()[i]));
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
  }

  /** Partner WLD, industry i. */
  private void worldByIndustry(int i) {
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
        exI += t.exInt()[i * g + r];
        exF += t.exFnl()[i * g + r];
        imI += t.imInt()[i * g + r];
        imF += t.imFnl()[i * g + r];
      }
    }
    double exgr = t.exgrI()[i];
    double exgrT = t.exgrT();
    put(EXGR, WLD, i, exgr);
    put(EXGR_INT, WLD, i, exI);
    put(EXGR_FNL, WLD, i, exF);
    put(IMGR, WLD, i, t.imgrI()[i]);
    put(IMGR_INT, WLD, i, imI);
    put(IMGR_FNL, WLD, i, imF);
    put(EXGR_DVA, WLD, i, x.dvaW()[i]);
    put(EXGR_FVA, WLD, i, x.fvaW()[i]);
    put(EXGR_DDC, WLD, i, c.ddc()[i]);
    put(EXGR_IDC, WLD, i, c.idc()[i]);
    put(EXGR_RIM, WLD, i, c.rim()[i]);
    put(EXGR_DVASH, WLD, i, share(x.dvaW()[i], exgr));
    put(EXGR_FVASH, WLD, i, share(x.fvaW()[i], exgr));
    put(EXGR_TDVAIND, WLD, i, share(x.dvaW()[i], exgrT));
    put(EXGR_TFVAIND, WLD, i, share(x.fvaW()[i], exgrT));
    put(EXGR_INTDVASH, WLD, i, share(x.intDvaI()[i], exgr));
    put(EXGR_FNLDVASH, WLD, i, share(x.fnlDva()[i], exgr));
    put(EXGR_DVAFXSH, WLD, i, share(f.dvafx()[i], t.exTotRow()));
    put(IMGR_DVA, WLD, i, f.imDvaI()[i]);
    put(IMGR_DVASH, WLD, i, share(f.imDvaI()[i], t.imgrI()[i]));
    put(FFD_DVA, WLD, i, d.ffdI()[i]);
    put(DFD_DVA, WLD, i, d.dfdDva()[i]);
    put(DFD_FVA, WLD, i, d.dfdFvaI()[i]);
    put(VALU_FFDDVA, WLD, i, share(d.ffdI()[i], t.valu()[i]));
    put(VAX_RATIO, WLD, i, ratio(d.ffdI()[i], exgr));
    if (x.servD() != null) {
      put(EXGR_SERV_DVASH, WLD, i, share(x.servD()[i], exgr));
      put(EXGR_SERV_FVASH, WLD, i, share(x.servF()[i], exgr));
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
    put(EXGR, WLD, -1, exgrT);
    put(EXGR_INT, WLD, -1, PartnerSums.outside(t.exInt(), mem, nn, g));
    put(EXGR_FNL, WLD, -1, PartnerSums.outside(t.exFnl(), mem, nn, g));
    put(IMGR, WLD, -1, imgrT);
    put(IMGR_INT, WLD, -1, PartnerSums.outside(t.imInt(), mem, nn, g));
    put(IMGR_FNL, WLD, -1, PartnerSums.outside(t.imFnl(), mem, nn, g));
    put(BALGR, WLD, -1, exgrT - imgrT);
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
    if (d.cons() != null) {
      put(CONS_VA, DXD, -1, d.cons()[0]);
      put(CONS_VA, WLD, -1, d.cons()[0] + PartnerSums.outside(java.util.Arrays.copyOfRange(d.cons(), 1, 1 + g), mem));
    }
    if (d.gfcf() != null) {
      put(GFCF_VA, DXD, -1, d.gfcf()[0]);
      put(GFCF_VA, WLD, -1, d.gfcf()[0] + PartnerSums.outside(java.util.Arrays.copyOfRange(d.gfcf(), 1, 1 + g), mem));
    }
    put(VAX_RATIO, WLD, -1, ratio(ffdT, exgrT));
  }
}
