package io.tivaspark.common.math;

import static io.tivaspark.common.math.Decompositions.TOTAL;
import static io.tivaspark.common.math.Decompositions.WLD;
import static io.tivaspark.common.math.PartnerTerms.NSLOT;
import static io.tivaspark.common.math.PartnerTerms.SRC;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code export_decomposition} rows and checks of the Borin–Mancini perspectives other than the
 * exporter's (docs/decompositions.md, "Borin–Mancini perspectives"), by exporter × importer ×
 * exporting industry:
 * <ul>
 * <li>{@code BM_SOURCE_BIL}: also every industry aggregate and the industry total {@code _T} (the
 *     extraction is the whole flow, so industries add up); no importer {@code WLD};</li>
 * <li>{@code BM_SOURCE_SECTEXP}: also the importer total {@code WLD} (the flow is the industry's
 *     exports to every partner); no {@code _T} or aggregate (each industry has its own extraction);</li>
 * <li>{@code BM_SOURCE_SECTBIL}: industries only (one extraction per industry and partner).</li>
 * </ul>
 */
final class BmPerspectiveRows {
  private BmPerspectiveRows() {}

  /** Writes the three perspectives' rows of one exporter. */
  static void emit(YearSystem sys, YearSystem.Economy eco, BmPerspectives.Outputs o, ResultSink sink) {
    List<String> terms = BmPerspectives.TERMS;
    emitBilateral(sys, eco, BmPerspectives.METHOD, o.bil(), terms, sink);
    emitSectoral(sys, eco, BmPerspectives.METHOD_SECTEXP, o.sectExp(), terms, true, sink);
    emitSectoral(sys, eco, BmPerspectives.METHOD_SECTBIL, o.sectBil(), terms, false, sink);
  }

  /**
   * A bilateral perspective's rows ({@code out}: slot (i·G + r)·|terms| + q): every slot (industries,
   * aggregates) and _T per importer; also the sink-based one's ({@link BmSinkRows}).
   */
  static void emitBilateral(YearSystem sys, YearSystem.Economy eco, String method, double[] out, List<String> terms,
      ResultSink sink) {
    int g = sys.g();
    int nt = terms.size();
    IndustryAggregates ia = sys.industryAggregates();
    double[] bySlot = ia.slots() == sys.nInd() ? out : IndustrySlots.extend(out, ia, g * nt);
    List<String> industries = sys.layout().industries();
    for (int r = 0; r < g; r++) {
      if (eco.member()[r]) {
        continue;
      }
      String pr = sys.layout().countries().get(r);
      double[] tot = new double[nt];
      for (int k = 0; k < ia.slots(); k++) {
        int o = (k * g + r) * nt;
        put(sink, method, terms, eco.code(), pr, ia.code(k, industries), bySlot, o);
        if (k < sys.nInd()) {
          for (int q = 0; q < nt; q++) {
            tot[q] += bySlot[o + q];
          }
        }
      }
      put(sink, method, terms, eco.code(), pr, TOTAL, tot, 0);
    }
  }

  /**
   * A sectoral perspective's rows: each industry per importer, and per industry over importers when
   * {@code wld}; also the sink-based one's ({@link BmSinkRows}).
   */
  static void emitSectoral(YearSystem sys, YearSystem.Economy eco, String method, double[] out, List<String> terms,
      boolean wld, ResultSink sink) {
    int g = sys.g();
    int nt = terms.size();
    for (int i = 0; i < sys.nInd(); i++) {
      String in = sys.layout().industries().get(i);
      double[] tot = new double[nt];
      for (int r = 0; r < g; r++) {
        if (eco.member()[r]) {
          continue;
        }
        int o = (i * g + r) * nt;
        put(sink, method, terms, eco.code(), sys.layout().countries().get(r), in, out, o);
        for (int q = 0; q < nt; q++) {
          tot[q] += out[o + q];
        }
      }
      if (wld) {
        put(sink, method, terms, eco.code(), WLD, in, tot, 0);
      }
    }
  }

  private static void put(ResultSink sink, String method, List<String> terms, String s, String pr, String in,
      double[] v, int o) {
    sink.exportDecomposition(method, s, pr, in, terms, v, o);
  }

  /** BP2 and BP3 for the three perspectives of one exporter ({@code src} = {@link PartnerTerms#out()}). */
  static void check(YearSystem sys, YearSystem.Economy eco, BmPerspectives.Outputs o, double[] src, Checks ck) {
    CheckResult.Builder bp2 = ck.identity("BP2",
        "BM bilateral and sectoral perspectives: EXGR, DC, FC = BM_SOURCE's (importer × industry)");
    CheckResult.Builder bp3 = ck.identity("BP3",
        "BM bilateral and sectoral perspectives: DVA + DDC + FVA + FDC = EXGR; VAX + REF = DVA");
    check(sys, eco, o.bil(), src, bp2, bp3, BmPerspectives.METHOD);
    check(sys, eco, o.sectExp(), src, bp2, bp3, BmPerspectives.METHOD_SECTEXP);
    check(sys, eco, o.sectBil(), src, bp2, bp3, BmPerspectives.METHOD_SECTBIL);
  }

  /**
   * BP2: the perimeter changes the split of a flow, not the flow nor its content: EXGR, DC and FC =
   * BM_SOURCE's per importer × industry. BP3: the split adds up. (DVA ≥ the exporter perspective's when
   * A ≥ 0 is asserted in the tests, not here: a table may hold negative intermediate flows.)
   */
  private static void check(YearSystem sys, YearSystem.Economy eco, double[] out, double[] src,
      CheckResult.Builder bp2, CheckResult.Builder bp3, String method) {
    int nt = BmPerspectives.NT;
    forEachFlow(sys, eco, method, (c, where) -> {
      int o = c * nt;
      int so = c * NSLOT + SRC;
      bp2.compare(out[o], src[so], where);
      bp2.compare(out[o + 1], src[so + 1], where);
      bp2.compare(out[o + 7], src[so + 7], where);
      bp3.compare(out[o + 2] + out[o + 6] + out[o + 8] + out[o + 9], out[o], where);
      bp3.compare(out[o + 3] + out[o + 5], out[o + 2], where);
    });
  }

  /** One flow of a perspective's check: its slot c = i·G + r and its name for the worst case. */
  interface Flow {
    void check(int c, Supplier<String> where);
  }

  /**
   * Calls {@code body} for every (exporting industry i, partner r outside the economy) of a perspective's
   * output, slot c = i·G + r, named "METHOD S→r industry".
   */
  static void forEachFlow(YearSystem sys, YearSystem.Economy eco, String method, Flow body) {
    int g = sys.g();
    for (int i = 0; i < sys.nInd(); i++) {
      for (int r = 0; r < g; r++) {
        if (eco.member()[r]) {
          continue;
        }
        int ii = i;
        int rr = r;
        body.check(i * g + r, () -> method + " " + eco.code() + "→" + sys.layout().countries().get(rr) + " "
            + sys.layout().industries().get(ii));
      }
    }
  }

  /**
   * The world perspective's rows of one economy (exporter × WLD × _T, {@link BmWorld#TERMS}): the
   * domestic side and FC are the exporter perspective's totals (BM_SOURCE, {@code src} =
   * {@link PartnerTerms#out()}); FVA = {@code fva[0]} (source) or {@code fva[1]} (sink), FDC = FC − FVA.
   */
  static void emitWorld(YearSystem sys, YearSystem.Economy eco, double[] src, double[] fva, ResultSink sink) {
    int g = sys.g();
    double[] t = new double[7]; // EXGR, DC, DVA, VAX, REF, DDC, FC
    int[] from = {0, 1, 2, 3, 5, 6, 7};
    for (int i = 0; i < sys.nInd(); i++) {
      for (int r = 0; r < g; r++) {
        if (!eco.member()[r]) {
          for (int q = 0; q < t.length; q++) {
            t[q] += src[(i * g + r) * NSLOT + SRC + from[q]];
          }
        }
      }
    }
    String[] methods = {BmWorld.SOURCE, BmWorld.SINK};
    for (int a = 0; a < 2; a++) {
      double[] row = {t[0], t[1], t[2], t[3], t[4], t[5], t[6], fva[a], t[6] - fva[a]};
      sink.exportDecomposition(methods[a], eco.code(), WLD, TOTAL, BmWorld.TERMS, row, 0);
    }
  }
}
