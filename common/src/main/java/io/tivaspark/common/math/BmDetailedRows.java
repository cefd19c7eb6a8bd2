package io.tivaspark.common.math;

import static io.tivaspark.common.math.BmDetailedTerms.NSLOT;
import static io.tivaspark.common.math.BmDetailedTerms.NT;
import static io.tivaspark.common.math.BmDetailedTerms.SNK;
import static io.tivaspark.common.math.BmDetailedTerms.TERMS;
import static io.tivaspark.common.math.Decompositions.TOTAL;
import static io.tivaspark.common.math.Decompositions.WLD;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rows and checks of the detailed Borin–Mancini terms ({@link BmDetailedTerms}): written as further
 * {@code term} values of the methods {@code BM_SOURCE} and {@code BM_SINK}, with exactly the rows those
 * methods have (exporter × importer × exporting industry, every industry aggregate, importer WLD and
 * industry _T). Checks BD1–BD7 (docs/decompositions.md, "Identity checks").
 */
final class BmDetailedRows {
  private BmDetailedRows() {}

  /** "method/term" of the values of one block, in the order {@link #emitBlock} writes them. */
  static final List<String> BLOCK_TERMS = blockTerms();

  private static List<String> blockTerms() {
    List<String> t = new ArrayList<>();
    TERMS.forEach(q -> t.add("BM_SOURCE/" + q));
    TERMS.forEach(q -> t.add("BM_SINK/" + q));
    return List.copyOf(t);
  }

  /** The year's check BD7 of the aggregates on the rows written, or null when the table has none. */
  static AggregateBlockCheck aggregateCheck(YearSystem sys, Checks ck) {
    IndustryAggregates agg = sys.industryAggregates();
    if (agg.count() == 0) {
      return null;
    }
    List<String> importers = new ArrayList<>(sys.layout().countries());
    importers.add(WLD);
    CheckResult.Builder b = ck.identity("BD7",
        "industry aggregate = sum of its member industries (BM_SOURCE, BM_SINK detailed terms as written)");
    CheckResult.Builder[] of = new CheckResult.Builder[BLOCK_TERMS.size()];
    java.util.Arrays.fill(of, b);
    return new AggregateBlockCheck(agg, sys.layout().industries(), importers, BLOCK_TERMS, of);
  }

  /** Writes every detailed row of the exporter ({@code out} as {@link BmDetailedTerms#of}). */
  static void emit(YearSystem sys, YearSystem.Economy eco, double[] out, ResultSink sink, AggregateBlockCheck agg) {
    int g = sys.g();
    int nInd = sys.nInd();
    IndustryAggregates ia = sys.industryAggregates();
    int slots = ia.slots();
    boolean[] mem = eco.member();
    List<String> industries = sys.layout().industries();
    double[] bySlot = slots == nInd ? out : IndustrySlots.extend(out, ia, g * NSLOT);
    double[] wld = new double[(slots + 1) * NSLOT]; // per slot over partners; [slots] = over both
    double[] row = new double[NSLOT];
    for (int r = 0; r < g; r++) {
      if (mem[r]) {
        continue;
      }
      String pr = sys.layout().countries().get(r);
      double[] tot = new double[NSLOT];
      for (int k = 0; k < slots; k++) {
        int o = (k * g + r) * NSLOT;
        emitBlock(sink, eco.code(), pr, ia.code(k, industries), bySlot, o, row, agg);
        for (int q = 0; q < NSLOT; q++) {
          wld[k * NSLOT + q] += bySlot[o + q];
          if (k < nInd) {
            tot[q] += bySlot[o + q];
            wld[slots * NSLOT + q] += bySlot[o + q];
          }
        }
      }
      emitBlock(sink, eco.code(), pr, TOTAL, tot, 0, row, agg);
    }
    for (int k = 0; k < slots; k++) {
      emitBlock(sink, eco.code(), WLD, ia.code(k, industries), wld, k * NSLOT, row, agg);
    }
    emitBlock(sink, eco.code(), WLD, TOTAL, wld, slots * NSLOT, row, agg);
    if (agg != null) {
      agg.verify(eco.code());
    }
  }

  /** One (importer, industry) block: the source terms, then the sink terms; recorded for BD7. */
  private static void emitBlock(ResultSink sink, String s, String pr, String in, double[] o, int base, double[] row,
      AggregateBlockCheck agg) {
    for (int q = 0; q < NT; q++) {
      sink.exportDecomposition("BM_SOURCE", s, pr, in, TERMS.get(q), o[base + q]);
      sink.exportDecomposition("BM_SINK", s, pr, in, TERMS.get(q), o[base + SNK + q]);
    }
    if (agg != null) {
      System.arraycopy(o, base, row, 0, NSLOT);
      agg.record(pr, in, row);
    }
  }

  /**
   * BD1–BD5 per (importer, industry) against the aggregate terms {@code agg} ({@link PartnerTerms#out()});
   * BD6 at the economy level: Σ REF1 + REF2 = {@code returned} (v_S B_S· Y_·S − v_S L_SS Y_SS, from B·Y)
   * and Σ VAX1..4 = {@code ffd} (FFD_DVA, from B·Y), source and sink.
   */
  static void check(YearSystem sys, YearSystem.Economy eco, double[] out, double[] agg, double returned, double ffd,
      Checks ck) {
    int g = sys.g();
    Identities id = Identities.of(ck);
    double[] tot = new double[NSLOT];
    for (int i = 0; i < sys.nInd(); i++) {
      for (int r = 0; r < g; r++) {
        if (eco.member()[r]) {
          continue;
        }
        int b = (i * g + r) * NSLOT;
        id.compare(out, b, agg, (i * g + r) * PartnerTerms.NSLOT, where(sys, eco.code(), r, i));
        for (int q = 0; q < NSLOT; q++) {
          tot[q] += out[b + q];
        }
      }
    }
    String s = eco.code();
    ck.identity("BD6", "BM source REF1 + REF2 = DVA returned home v_s B_s· Y_·s − v_s L_ss Y_ss (B·Y; economy)")
        .compare(tot[4] + tot[5], returned, s);
    ck.identity("BD6", "BM sink REF1 + REF2 = DVA returned home v_s B_s· Y_·s − v_s L_ss Y_ss (B·Y; economy)")
        .compare(tot[SNK + 4] + tot[SNK + 5], returned, s);
    ck.identity("BD6", "BM source VAX1 + VAX2 + VAX3 + VAX4 = FFD_DVA (B·Y; economy)")
        .compare(tot[0] + tot[1] + tot[2] + tot[3], ffd, s);
    ck.identity("BD6", "BM sink VAX1 + VAX2 + VAX3 + VAX4 = FFD_DVA (B·Y; economy)")
        .compare(tot[SNK] + tot[SNK + 1] + tot[SNK + 2] + tot[SNK + 3], ffd, s);
  }

  private static Supplier<String> where(YearSystem sys, String s, int r, int i) {
    return () -> s + "/" + sys.layout().countries().get(r) + "/" + sys.layout().industries().get(i);
  }

  /** The per-(exporter, importer, industry) identities BD1–BD5, source (a) and sink (b). */
  private record Identities(CheckResult.Builder[] bd) {

    static Identities of(Checks ck) {
      return new Identities(new CheckResult.Builder[] {
          ck.identity("BD1", "BM source VAX1 + VAX2 + VAX3 + VAX4 = VAX (exporter x importer x industry)"),
          ck.identity("BD1", "BM sink VAX1 + VAX2 + VAX3 + VAX4 = VAX (exporter x importer x industry)"),
          ck.identity("BD2", "BM source REF1 + REF2 = REF (exporter x importer x industry)"),
          ck.identity("BD2", "BM sink REF1 + REF2 = REF (exporter x importer x industry)"),
          ck.identity("BD3", "BM source FVA1 + FVA2 + FVA3 + FVA4 = FVA (exporter x importer x industry)"),
          ck.identity("BD3", "BM sink FVA1 + FVA2 + FVA3 + FVA4 = FVA (exporter x importer x industry)"),
          ck.identity("BD4", "BM source VAX1 + VAX2 = DAVAX (exporter x importer x industry)"),
          ck.identity("BD4", "BM source VAX3 + VAX4 + REF1 + REF2 = GVCF (exporter x importer x industry)"),
          ck.identity("BD5", "BM source VAX1..4 + REF1..2 + DDC + FVA1..4 + FDC = EXGR (exp. x imp. x industry)"),
          ck.identity("BD5", "BM sink VAX1..4 + REF1..2 + DDC + FVA1..4 + FDC = EXGR (exp. x imp. x industry)")});
    }

    /** o: the detailed terms at b; a: the aggregate terms (PartnerTerms layout) at p. */
    void compare(double[] o, int b, double[] a, int p, Supplier<String> where) {
      int src = p + PartnerTerms.SRC;
      int snk = p + PartnerTerms.SNK;
      for (int side = 0; side < 2; side++) {
        int d = b + side * SNK;
        double vax = o[d] + o[d + 1] + o[d + 2] + o[d + 3];
        double ref = o[d + 4] + o[d + 5];
        double fva = o[d + 6] + o[d + 7] + o[d + 8] + o[d + 9];
        // BM_SOURCE: VAX 3, REF 5, DDC 6, FVA 8, FDC 9; BM_SINK: VAX 3, REF 4, DDC 5, FVA 7, FDC 8
        int[] at = side == 0 ? new int[] {src + 3, src + 5, src + 6, src + 8, src + 9}
            : new int[] {snk + 3, snk + 4, snk + 5, snk + 7, snk + 8};
        bd[side].compare(vax, a[at[0]], a[src], where);
        bd[2 + side].compare(ref, a[at[1]], a[src], where);
        bd[4 + side].compare(fva, a[at[3]], a[src], where);
        bd[8 + side].compare(vax + ref + a[at[2]] + fva + a[at[4]], a[src], where);
      }
      bd[6].compare(o[b] + o[b + 1], a[src + 4], a[src], where);
      bd[7].compare(o[b + 2] + o[b + 3] + o[b + 4] + o[b + 5], a[src + 12], a[src], where);
    }
  }
}
