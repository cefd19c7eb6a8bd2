package io.tivaspark.common.math;

import static io.tivaspark.common.math.Decompositions.TOTAL;
import static io.tivaspark.common.math.PartnerTerms.NSLOT;
import static io.tivaspark.common.math.PartnerTerms.SRC;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import java.util.List;

/**
 * The {@code export_decomposition} rows and checks of the Borin–Mancini perspectives other than the
 * exporter's (docs/decompositions.md, "Borin–Mancini perspectives"): method {@link BmBilateral#METHOD},
 * exporter × importer × exporting industry (and industry aggregates), with the industry total {@code _T};
 * no importer {@code WLD} row (a sum of bilateral perspectives is not a perspective of total exports).
 */
final class BmPerspectiveRows {
  private BmPerspectiveRows() {}

  /** Writes the bilateral rows of one exporter; {@code out} as {@link BmBilateral#of}. */
  static void emitBilateral(YearSystem sys, YearSystem.Economy eco, double[] out, ResultSink sink) {
    int g = sys.g();
    int nt = BmBilateral.NT;
    IndustryAggregates ia = sys.industryAggregates();
    double[] bySlot = ia.slots() == sys.nInd() ? out : IndustrySlots.extend(out, ia, g * nt);
    List<String> countries = sys.layout().countries();
    List<String> industries = sys.layout().industries();
    for (int r = 0; r < g; r++) {
      if (eco.member()[r]) {
        continue;
      }
      String pr = countries.get(r);
      double[] tot = new double[nt];
      for (int k = 0; k < ia.slots(); k++) {
        int o = (k * g + r) * nt;
        for (int q = 0; q < nt; q++) {
          sink.exportDecomposition(BmBilateral.METHOD, eco.code(), pr, ia.code(k, industries),
              BmBilateral.TERMS.get(q), bySlot[o + q]);
          if (k < sys.nInd()) {
            tot[q] += bySlot[o + q];
          }
        }
      }
      for (int q = 0; q < nt; q++) {
        sink.exportDecomposition(BmBilateral.METHOD, eco.code(), pr, TOTAL, BmBilateral.TERMS.get(q), tot[q]);
      }
    }
  }

  /**
   * BP2: the perimeter changes the split of a flow, not the flow nor its content: bilateral EXGR, DC
   * and FC = BM_SOURCE's ({@code src} = {@link PartnerTerms#out()}) per importer × industry. BP3: the
   * bilateral split adds up, DVA + DDC + FVA + FDC = EXGR and VAX + REF = DVA. (Bilateral DVA ≥ the
   * exporter perspective's when A ≥ 0 — B^(Sr)_SS ≥ L_SS — is asserted in the tests, not here: a
   * table may hold negative intermediate flows.)
   */
  static void checkBilateral(YearSystem sys, YearSystem.Economy eco, double[] bil, double[] src, Checks ck) {
    int g = sys.g();
    int nt = BmBilateral.NT;
    CheckResult.Builder bp2 = ck.identity("BP2",
        "BM bilateral perspective EXGR, DC, FC = BM_SOURCE's (importer × industry)");
    CheckResult.Builder bp3 = ck.identity("BP3",
        "BM bilateral perspective DVA + DDC + FVA + FDC = EXGR; VAX + REF = DVA");
    for (int i = 0; i < sys.nInd(); i++) {
      for (int r = 0; r < g; r++) {
        if (eco.member()[r]) {
          continue;
        }
        int o = (i * g + r) * nt;
        int so = (i * g + r) * NSLOT + SRC;
        int ii = i;
        int rr = r;
        java.util.function.Supplier<String> where = () -> eco.code() + "→" + sys.layout().countries().get(rr)
            + " " + sys.layout().industries().get(ii);
        bp2.compare(bil[o], src[so], where);
        bp2.compare(bil[o + 1], src[so + 1], where);
        bp2.compare(bil[o + 7], src[so + 7], where);
        bp3.compare(bil[o + 2] + bil[o + 6] + bil[o + 8] + bil[o + 9], bil[o], where);
        bp3.compare(bil[o + 3] + bil[o + 5], bil[o + 2], where);
      }
    }
  }
}
