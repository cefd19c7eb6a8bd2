package io.tivaspark.common.math;

import static io.tivaspark.common.math.Decompositions.BM_SINK_TERMS;
import static io.tivaspark.common.math.Decompositions.BM_SOURCE_TERMS;
import static io.tivaspark.common.math.Decompositions.KWW_TERMS;
import static io.tivaspark.common.math.Decompositions.TOTAL;
import static io.tivaspark.common.math.Decompositions.WLD;
import static io.tivaspark.common.math.Decompositions.WWZ_TERMS;
import static io.tivaspark.common.math.PartnerTerms.NSLOT;
import static io.tivaspark.common.math.PartnerTerms.SNK;
import static io.tivaspark.common.math.PartnerTerms.SRC;
import static io.tivaspark.common.math.PartnerTerms.W0;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rows and identity checks of one exporter's decompositions (docs/methods.md §4; docs/methods.md §4–§6): WWZ,
 * BM_SOURCE and BM_SINK by importer × industry with the totals WLD and _T, KWW by importer (the
 * decompr wwz2kww mapping) and at WLD × _T (its own formulas), the participation measures GVC_BM,
 * GVCB_BM, GVCF_BM, and the checks K1–K6, W1–W4, B1–B6.
 */
final class DecompositionRows {
  private DecompositionRows() {}

  /**
   * What the exporter's country-level checks compare against.
   *
   * @param kww the 9 KWW terms, then EXGR
   * @param ffd FFD_DVA = v_S (B Y_·c)_S summed over c ∉ S (VA of S absorbed abroad)
   * @param returned v_S B_S· Y_·S − v_S L_SS Y_SS (DVA returned home)
   */
  record CountryTotals(double[] kww, ExporterAlgebra.DirectTerms direct, double ffd, double returned) {}

  /** The WWZ terms of a block: the 16 terms, the 6 exvatools aggregates, EXGR (made before {@link #BLOCK_TERMS}). */
  static final List<String> WWZ_BLOCK_TERMS = wwzBlockTerms();
  /**
   * The terms of one (importer, industry) block of WWZ, BM_SOURCE and BM_SINK rows, in the order
   * {@link Block#emitAll} writes them: "method/term".
   */
  static final List<String> BLOCK_TERMS = blockTerms();
  /** Number of WWZ values at the start of a block (16 terms, 6 exvatools aggregates, EXGR). */
  static final int BLOCK_WWZ = WWZ_BLOCK_TERMS.size();

  private static List<String> wwzBlockTerms() {
    List<String> t = new ArrayList<>(WWZ_TERMS);
    t.addAll(List.of("VAX", "REF", "DVA", "DDC", "FVA", "FDC", "EXGR"));
    return List.copyOf(t);
  }

  private static List<String> blockTerms() {
    List<String> t = new ArrayList<>();
    WWZ_BLOCK_TERMS.forEach(q -> t.add("WWZ/" + q));
    BM_SOURCE_TERMS.forEach(q -> t.add("BM_SOURCE/" + q));
    BM_SINK_TERMS.forEach(q -> t.add("BM_SINK/" + q));
    return List.copyOf(t);
  }

  /**
   * The year's check of the industry aggregates on the rows written (W6 for the WWZ rows, B7 for the
   * BM rows; docs/decompositions.md), or null when the table has no aggregates. One per year: {@link
   * #emit} records each exporter's blocks and verifies them at its end.
   */
  static AggregateBlockCheck aggregateCheck(YearSystem sys, Checks ck) {
    IndustryAggregates agg = sys.industryAggregates();
    if (agg.count() == 0) {
      return null;
    }
    List<String> importers = new ArrayList<>(sys.layout().countries());
    importers.add(WLD);
    CheckResult.Builder w6 = ck.identity("W6",
        "industry aggregate = sum of its member industries (export_decomposition WWZ rows as written)");
    CheckResult.Builder b7 = ck.identity("B7",
        "industry aggregate = sum of its member industries (export_decomposition BM_SOURCE, BM_SINK rows as written)");
    CheckResult.Builder[] of = new CheckResult.Builder[BLOCK_TERMS.size()];
    for (int q = 0; q < of.length; q++) {
      of[q] = q < BLOCK_WWZ ? w6 : b7;
    }
    return new AggregateBlockCheck(agg, sys.layout().industries(), importers, BLOCK_TERMS, of);
  }

  /**
   * Writes every row of the exporter; {@code out} as in {@link PartnerTerms#out()}. Rows by exporting
   * industry are written for every industry aggregate too (docs/methods.md §17): every term is a level,
   * summed over the member industries. {@code agg} (null without aggregates) records the blocks written
   * and verifies them at the end.
   */
  static void emit(YearSystem sys, YearSystem.Economy eco, double[] out, double[] kww, ResultSink sink,
      AggregateBlockCheck agg) {
    int g = sys.g();
    int nInd = sys.nInd();
    IndustryAggregates ia = sys.industryAggregates();
    int slots = ia.slots();
    String s = eco.code();
    boolean[] mem = eco.member();
    List<String> countries = sys.layout().countries();
    List<String> industries = sys.layout().industries();
    Block b = new Block(sink, s, agg);
    // terms per (slot, partner): the industries' as computed, then each aggregate's sum over its members
    double[] bySlot = slots == nInd ? out : IndustrySlots.extend(out, ia, g * NSLOT);
    // totals over partners (per slot), over industries (per partner) and over both
    double[] bySlotW = partnerTotals(bySlot, slots, g, mem);
    double[] byPartner = new double[g * NSLOT];
    double[] tot = new double[NSLOT];
    industryTotals(out, nInd, g, mem, byPartner, tot);
    for (int r = 0; r < g; r++) {
      if (mem[r]) {
        continue;
      }
      String pr = countries.get(r);
      for (int k = 0; k < slots; k++) {
        b.emitAll(pr, ia.code(k, industries), bySlot, (k * g + r) * NSLOT);
      }
      b.emitAll(pr, TOTAL, byPartner, r * NSLOT);
      // KWW bilateral by the WWZ→KWW mapping (decompr wwz2kww)
      double[] mp = kwwFromWwz(byPartner, r * NSLOT);
      for (int q = 0; q < 9; q++) {
        sink.exportDecomposition("KWW", s, pr, TOTAL, KWW_TERMS.get(q), mp[q]);
      }
      sink.exportDecomposition("KWW", s, pr, TOTAL, "EXGR", byPartner[r * NSLOT + SRC]);
    }
    for (int k = 0; k < slots; k++) {
      b.emitAll(WLD, ia.code(k, industries), bySlotW, k * NSLOT);
      emitParticipation(sink, s, ia.code(k, industries), bySlotW, k * NSLOT);
    }
    b.emitAll(WLD, TOTAL, tot, 0);
    emitParticipation(sink, s, TOTAL, tot, 0);
    for (int q = 0; q < KWW_TERMS.size(); q++) {
      sink.exportDecomposition("KWW", s, WLD, TOTAL, KWW_TERMS.get(q), kww[q]);
    }
    if (agg != null) {
      agg.verify(s);
    }
  }

  /** Σ over the partners outside the exporter of every slot's terms: [slot·NSLOT + q]. */
  private static double[] partnerTotals(double[] bySlot, int slots, int g, boolean[] mem) {
    double[] w = new double[slots * NSLOT];
    for (int k = 0; k < slots; k++) {
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          continue;
        }
        int base = (k * g + r) * NSLOT;
        for (int q = 0; q < NSLOT; q++) {
          w[k * NSLOT + q] += bySlot[base + q];
        }
      }
    }
    return w;
  }

  /** Σ over the industries (never the aggregates) per partner, and over both: byPartner[r·NSLOT + q], tot[q]. */
  private static void industryTotals(double[] out, int nInd, int g, boolean[] mem, double[] byPartner,
      double[] tot) {
    for (int i = 0; i < nInd; i++) {
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          continue;
        }
        int base = (i * g + r) * NSLOT;
        for (int q = 0; q < NSLOT; q++) {
          double val = out[base + q];
          byPartner[r * NSLOT + q] += val;
          tot[q] += val;
        }
      }
    }
  }

  /**
   * decompr's wwz2kww: KWW (1..9) from the 16 WWZ terms = (1, 2+3, 4+5, 6+7, 8, 9+10, 11+14, 12+15,
   * 13+16).
   */
  static double[] kwwFromWwz(double[] o, int base) {
    int w = base + W0;
    return new double[] {o[w], o[w + 1] + o[w + 2], o[w + 3] + o[w + 4], o[w + 5] + o[w + 6], o[w + 7],
        o[w + 8] + o[w + 9], o[w + 10] + o[w + 13], o[w + 11] + o[w + 14], o[w + 12] + o[w + 15]};
  }

  /** The writer of one exporter's (importer, industry) blocks, which hands each block to the aggregate check. */
  private static final class Block {
    private final ResultSink sink;
    private final String s;
    private final AggregateBlockCheck agg;
    private final double[] row = new double[BLOCK_TERMS.size()];

    Block(ResultSink sink, String s, AggregateBlockCheck agg) {
      this.sink = sink;
      this.s = s;
      this.agg = agg;
    }

    /**
     * WWZ's 16 terms and the exvatools aggregates VAX (1..5), REF (6..8), DVA (1..8), DDC (9+10),
     * FVA (11+12+14+15), FDC (13+16), EXGR; BM source and sink terms; for one (importer, industry):
     * the block's values in {@link #BLOCK_TERMS} order, written as three vectors of rows.
     */
    void emitAll(String pr, String in, double[] o, int base) {
      int w = base + W0;
      System.arraycopy(o, w, row, 0, 16);
      double vax = o[w] + o[w + 1] + o[w + 2] + o[w + 3] + o[w + 4];
      double ref = o[w + 5] + o[w + 6] + o[w + 7];
      row[16] = vax; // VAX
      row[17] = ref; // REF
      row[18] = vax + ref; // DVA
      row[19] = o[w + 8] + o[w + 9]; // DDC
      row[20] = o[w + 10] + o[w + 11] + o[w + 13] + o[w + 14]; // FVA
      row[21] = o[w + 12] + o[w + 15]; // FDC
      row[22] = o[base + SRC]; // EXGR
      System.arraycopy(o, base + SRC, row, BLOCK_WWZ, BM_SOURCE_TERMS.size());
      int k0 = BLOCK_WWZ + BM_SOURCE_TERMS.size();
      System.arraycopy(o, base + SNK, row, k0, BM_SINK_TERMS.size());
      sink.exportDecomposition("WWZ", s, pr, in, WWZ_BLOCK_TERMS, row, 0);
      sink.exportDecomposition("BM_SOURCE", s, pr, in, BM_SOURCE_TERMS, row, BLOCK_WWZ);
      sink.exportDecomposition("BM_SINK", s, pr, in, BM_SINK_TERMS, row, k0);
      if (agg != null) {
        agg.record(pr, in, row);
      }
    }
  }

  /** GVC_BM, GVCB_BM, GVCF_BM = 100 · BM source GVC, GVCB, GVCF / EXGR (NaN when EXGR = 0). */
  private static void emitParticipation(ResultSink sink, String s, String in, double[] o, int base) {
    double ex = o[base + SRC];
    sink.gvcMeasure("GVC_BM", s, in, share(o[base + SRC + 10], ex));
    sink.gvcMeasure("GVCB_BM", s, in, share(o[base + SRC + 11], ex));
    sink.gvcMeasure("GVCF_BM", s, in, share(o[base + SRC + 12], ex));
  }

  static double share(double num, double den) {
    return den == 0 ? Double.NaN : 100.0 * num / den;
  }

  /** The checks of one exporter: W1–W3, B1, B4 per (importer, industry), B2 per industry, then the country level. */
  static void check(YearSystem sys, YearSystem.Economy eco, double[] out, CountryTotals ct, Checks ck) {
    int g = sys.g();
    int nInd = sys.nInd();
    double[] tot = new double[NSLOT];
    BilateralChecks bc = null;
    CheckResult.Builder b2 = null;
    for (int i = 0; i < nInd; i++) {
      double[] perInd = new double[NSLOT];
      for (int r = 0; r < g; r++) {
        if (eco.member()[r]) {
          continue;
        }
        if (bc == null) { // builders fetched once, on first use, in the order the checks are emitted
          bc = BilateralChecks.of(ck);
        }
        int base = (i * g + r) * NSLOT;
        bc.compare(out, base, where(sys, eco.code(), r, i));
        for (int q = 0; q < NSLOT; q++) {
          perInd[q] += out[base + q];
          tot[q] += out[base + q];
        }
      }
      final int ii = i;
      if (b2 == null) {
        b2 = ck.identity("B2", "BM source DC = DVA + DDC (v_s B_ss = v_s L_ss + RIM path; exporter x industry)");
      }
      b2.compare(perInd[SRC + 2] + perInd[SRC + 6], perInd[SRC + 1],
          () -> eco.code() + "/" + sys.layout().industries().get(ii));
    }
    countryChecks(eco.code(), tot, ct, ck);
  }

  private static Supplier<String> where(YearSystem sys, String s, int r, int i) {
    return () -> s + "/" + sys.layout().countries().get(r) + "/" + sys.layout().industries().get(i);
  }

  /** The per-(exporter, importer, industry) identities W1, W2, W3, B1 (four), B4. */
  private record BilateralChecks(CheckResult.Builder w1, CheckResult.Builder w2, CheckResult.Builder w3,
      CheckResult.Builder b1a, CheckResult.Builder b1b, CheckResult.Builder b1c, CheckResult.Builder b1d,
      CheckResult.Builder b4) {

    static BilateralChecks of(Checks ck) {
      return new BilateralChecks(
          ck.identity("W1", "sum of the 16 WWZ terms = EXGR (exporter x importer x industry)"),
          ck.identity("W2", "WWZ 1..10 = domestic content v_s B_ss E_sr"),
          ck.identity("W3", "WWZ 11..16 = foreign content"),
          ck.identity("B1", "BM source DVA + DDC + FVA + FDC = EXGR (exporter x importer x industry)"),
          ck.identity("B1", "BM source VAX + REF = DVA (exporter x importer x industry)"),
          ck.identity("B1", "BM sink DVA + DDC + FVA + FDC = EXGR (exporter x importer x industry)"),
          ck.identity("B1", "BM sink DVA + DDC = DC (exporter x importer x industry)"),
          ck.identity("B4", "BM GVC = GVCB + GVCF (exporter x importer x industry)"));
    }

    void compare(double[] out, int base, Supplier<String> where) {
      double e = out[base + SRC];
      double w16 = 0;
      double w10 = 0;
      for (int q = 0; q < 16; q++) {
        w16 += out[base + W0 + q];
        if (q < 10) {
          w10 += out[base + W0 + q];
        }
      }
      w1.compare(w16, e, where);
      w2.compare(w10, out[base + SRC + 1], where);
      w3.compare(w16 - w10, out[base + SRC + 7], where);
      double src = out[base + SRC + 2] + out[base + SRC + 6] + out[base + SRC + 8] + out[base + SRC + 9];
      b1a.compare(src, e, where);
      b1b.compare(out[base + SRC + 3] + out[base + SRC + 5], out[base + SRC + 2], where);
      double snk = out[base + SNK + 2] + out[base + SNK + 5] + out[base + SNK + 7] + out[base + SNK + 8];
      b1c.compare(snk, e, where);
      b1d.compare(out[base + SNK + 2] + out[base + SNK + 5], out[base + SNK + 1], where);
      b4.compare(out[base + SRC + 11] + out[base + SRC + 12], out[base + SRC + 10], where);
    }
  }

  /** K1–K6, W4, B3, B5, B6 of one exporter from its totals over importers and industries. */
  private static void countryChecks(String s, double[] tot, CountryTotals ct, Checks ck) {
    double[] kww = ct.kww();
    double ffdS = ct.ffd();
    double k19 = 0;
    for (int q = 0; q < 9; q++) {
      k19 += kww[q];
    }
    ck.identity("K1", "sum of the 9 KWW terms = EXGR").compare(k19, ct.direct().exgr(), s);
    ck.identity("K2", "KWW 1+2+3 = FFD_DVA (VA of s absorbed abroad, from B·Y)").compare(kww[0] + kww[1] + kww[2], ffdS, s);
    ck.identity("K3", "KWW 1..6 = v_s B_ss e_s").compare(kww[0] + kww[1] + kww[2] + kww[3] + kww[4] + kww[5],
        ct.direct().dc(), s);
    ck.identity("K4", "KWW 7+8+9 = foreign content (EXGR_FVA)").compare(kww[6] + kww[7] + kww[8], ct.direct().fc(), s);
    ck.identity("K5", "KWW 4+5 = DVA returned home: v_s B_s· Y_·s − v_s L_ss Y_ss").compare(kww[3] + kww[4],
        ct.returned(), s);
    double[] mp = kwwFromWwz(tot, 0);
    for (int q = 0; q < 9; q++) {
      ck.identity("K6", "KWW term = WWZ→KWW mapping summed over importers (decompr wwz2kww)").compare(mp[q], kww[q],
          s + "/" + KWW_TERMS.get(q));
    }
    double w15 = tot[W0] + tot[W0 + 1] + tot[W0 + 2] + tot[W0 + 3] + tot[W0 + 4];
    ck.identity("W4", "sum over importers of WWZ 1..5 = FFD_DVA").compare(w15, ffdS, s);
    ck.identity("B3", "BM source VAX = FFD_DVA").compare(tot[SRC + 3], ffdS, s);
    ck.identity("B3", "BM sink VAX = FFD_DVA").compare(tot[SNK + 3], ffdS, s);
    String[] names = {"DVA", "DDC", "FVA", "FDC", "VAX", "REF"};
    int[] src = {2, 6, 8, 9, 3, 5};
    int[] snk = {2, 5, 7, 8, 3, 4};
    for (int q = 0; q < names.length; q++) {
      ck.identity("B5", "BM source total = sink total (exporter)").compare(tot[SNK + snk[q]], tot[SRC + src[q]],
          s + "/" + names[q]);
    }
    ck.identity("B6", "BM source DVA = v_s L_ss e_s (forward solve)").compare(tot[SRC + 2], ct.direct().vLe(), s);
  }
}
