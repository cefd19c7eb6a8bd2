package io.tivaspark.common.math;

import static io.tivaspark.common.math.PartnerTerms.NSLOT;
import static io.tivaspark.common.math.PartnerTerms.SNK;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import java.util.List;

/**
 * The {@code export_decomposition} rows and checks BK1–BK3 of the sink-based Borin–Mancini perspectives
 * ({@link BmSinkPerspectives}; docs/decompositions.md, "Borin–Mancini perspectives, sink-based"):
 * <ul>
 * <li>{@code BM_SINK_BIL}: exporter × importer × exporting industry, every industry aggregate and
 *     {@code _T} (= BM_SOURCE_BIL's {@code _T}: the perimeter's total does not depend on the approach);
 *     no importer {@code WLD};</li>
 * <li>{@code BM_SINK_SECTEXP}: exporter × importer × exporting industry and importer {@code WLD}
 *     (= BM_SOURCE_SECTEXP's {@code WLD}); no {@code _T}, no aggregates;</li>
 * <li>no {@code BM_SINK_SECTBIL}: each sectbil row is a whole perimeter, so its sink form is
 *     BM_SOURCE_SECTBIL term by term (icio: approach() redundant).</li>
 * </ul>
 */
final class BmSinkRows {
  /** Source term index (BmPerspectives.TERMS) of each sink term (BM_SINK_TERMS). */
  private static final int[] SRC_OF = {0, 1, 2, 3, 5, 6, 7, 8, 9};

  private BmSinkRows() {}

  /** Writes both sink perspectives' rows of one exporter (the source-based perspectives' row layouts). */
  static void emit(YearSystem sys, YearSystem.Economy eco, BmSinkPerspectives.Outputs o, ResultSink sink) {
    List<String> terms = BmSinkPerspectives.TERMS;
    BmPerspectiveRows.emitBilateral(sys, eco, BmSinkPerspectives.METHOD_BIL, o.bil(), terms, sink);
    BmPerspectiveRows.emitSectoral(sys, eco, BmSinkPerspectives.METHOD_SECTEXP, o.sectExp(), terms, true, sink);
  }

  /**
   * BK1 (adding up) and BK2 (EXGR, DC, FC = BM_SINK's: the perimeter moves value between VA and double
   * counting, not between flows) per importer × industry; BK3 (the perimeter's totals equal the
   * source-based perspective's, term by term: bilateral Σ_i, sectexp Σ_r). {@code src} =
   * {@link PartnerTerms#out()}, {@code bm} = the source-based perspectives of the same exporter.
   */
  static void check(YearSystem sys, YearSystem.Economy eco, BmSinkPerspectives.Outputs o, BmPerspectives.Outputs bm,
      double[] src, Checks ck) {
    CheckResult.Builder bk1 = ck.identity("BK1",
        "BM sink bilateral and sectexp perspectives: DVA + DDC + FVA + FDC = EXGR; VAX + REF = DVA");
    CheckResult.Builder bk2 = ck.identity("BK2",
        "BM sink bilateral and sectexp perspectives: EXGR, DC, FC = BM_SINK's (importer × industry)");
    CheckResult.Builder bk3 = ck.identity("BK3",
        "BM sink = source perspective on the whole perimeter (bilateral Σ industries, sectexp Σ importers)");
    int nt = BmSinkPerspectives.NT;
    for (String method : List.of(BmSinkPerspectives.METHOD_BIL, BmSinkPerspectives.METHOD_SECTEXP)) {
      double[] out = method.equals(BmSinkPerspectives.METHOD_BIL) ? o.bil() : o.sectExp();
      BmPerspectiveRows.forEachFlow(sys, eco, method, (c, where) -> {
        int off = c * nt;
        int so = c * NSLOT + SNK;
        bk1.compare(out[off + 2] + out[off + 5] + out[off + 7] + out[off + 8], out[off], where);
        bk1.compare(out[off + 3] + out[off + 4], out[off + 2], out[off], where);
        bk2.compare(out[off], src[so], where);
        bk2.compare(out[off + 1], src[so + 1], where);
        bk2.compare(out[off + 6], src[so + 6], where);
      });
    }
    perimeterTotals(sys, eco, o, bm, bk3);
  }

  /** BK3: bilateral per importer Σ_i sink = Σ_i source; sectexp per industry Σ_r sink = Σ_r source. */
  private static void perimeterTotals(YearSystem sys, YearSystem.Economy eco, BmSinkPerspectives.Outputs o,
      BmPerspectives.Outputs bm, CheckResult.Builder bk3) {
    int g = sys.g();
    int nt = BmSinkPerspectives.NT;
    int ns = BmPerspectives.NT;
    double[][] bil = new double[2][g * nt];
    double[][] sect = new double[2][sys.nInd() * nt];
    for (int i = 0; i < sys.nInd(); i++) {
      for (int r = 0; r < g; r++) {
        if (eco.member()[r]) {
          continue;
        }
        for (int q = 0; q < nt; q++) {
          int c = i * g + r;
          bil[0][r * nt + q] += o.bil()[c * nt + q];
          bil[1][r * nt + q] += bm.bil()[c * ns + SRC_OF[q]];
          sect[0][i * nt + q] += o.sectExp()[c * nt + q];
          sect[1][i * nt + q] += bm.sectExp()[c * ns + SRC_OF[q]];
        }
      }
    }
    for (int q = 0; q < nt; q++) {
      String term = BmSinkPerspectives.TERMS.get(q);
      for (int r = 0; r < g; r++) {
        int rr = r;
        bk3.compare(bil[0][r * nt + q], bil[1][r * nt + q], bil[1][r * nt],
            () -> "bilateral " + eco.code() + "→" + sys.layout().countries().get(rr) + " _T " + term);
      }
      for (int i = 0; i < sys.nInd(); i++) {
        int ii = i;
        bk3.compare(sect[0][i * nt + q], sect[1][i * nt + q], sect[1][i * nt],
            () -> "sectexp " + eco.code() + "→WLD " + sys.layout().industries().get(ii) + " " + term);
      }
    }
  }
}
