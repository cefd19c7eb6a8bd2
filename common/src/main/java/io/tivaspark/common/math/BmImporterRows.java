package io.tivaspark.common.math;

import static io.tivaspark.common.math.Decompositions.TOTAL;
import static io.tivaspark.common.math.Decompositions.WLD;

import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import java.util.List;

/**
 * The {@code export_decomposition} rows of the importer view (docs/decompositions.md, "Importer
 * perspective"): {@link BmImporter#METHOD} with {@code importer} = the importing economy R,
 * {@code exporter} = the partner country s or {@code WLD} (all partners), {@code industry} = the
 * partner's exporting industry (the product imported), every industry aggregate and {@code _T}: the
 * perimeter is R's whole imports, so partners and industries add up; {@link BmImporter#ORIGIN} with
 * {@code exporter} = the economy whose value added it is (every country outside R, and R itself),
 * industry {@code _T}. And the sink-based VAXIM of {@link BmVaxim} as term {@code VAXIM} of
 * {@code BM_SINK}, by exporter × importer (and {@code WLD}) × exporting industry (aggregates, {@code _T}).
 */
final class BmImporterRows {
  /** VAXIM's one term, as the list a vector of rows takes (made once). */
  private static final List<String> VAXIM_TERMS = List.of(BmVaxim.TERM);

  private BmImporterRows() {}

  /**
   * The importer view of economy R and the VAXIM of S = the same economy as exporter: computed, written,
   * checked ({@code ev}, {@code ls}: the economy's exporter algebra, which holds v_R L_RR, the LU of
   * B_RR and v_S B_S·).
   */
  static void economy(YearSystem sys, GvcYear yr, YearSystem.Economy eco, ExporterAlgebra.Vectors ev,
      ExporterAlgebra.LocalSolves ls, ResultSink sink, Checks checks) {
    emit(sys, eco, BmImporter.of(sys, yr, eco, ls.u(), ls.luB(), checks), sink);
    int[] rows = eco.rows();
    double[] w = new double[rows.length];
    for (int kk = 0; kk < rows.length; kk++) {
      w[kk] = ev.ws()[rows[kk]];
    }
    emitVaxim(sys, eco, BmVaxim.of(sys, yr, eco, w, ls.luB()), sink);
  }

  /** The importer view of economy R. */
  static void emit(YearSystem sys, YearSystem.Economy eco, BmImporter.Outputs o, ResultSink sink) {
    int g = sys.g();
    int nt = BmImporter.NT;
    List<String> countries = sys.layout().countries();
    double[] wld = new double[sys.nInd() * nt];
    for (int s = 0; s < g; s++) {
      if (eco.member()[s]) {
        continue;
      }
      double[] bySlot = new double[sys.nInd() * nt];
      for (int i = 0; i < sys.nInd(); i++) {
        for (int q = 0; q < nt; q++) {
          bySlot[i * nt + q] = o.out()[(i * g + s) * nt + q];
          wld[i * nt + q] += bySlot[i * nt + q];
        }
      }
      slots(sys, BmImporter.METHOD, countries.get(s), eco.code(), BmImporter.TERMS, bySlot, sink);
    }
    slots(sys, BmImporter.METHOD, WLD, eco.code(), BmImporter.TERMS, wld, sink);
    for (int c = 0; c <= g; c++) {
      if (c < g && eco.member()[c]) {
        continue;
      }
      String from = c < g ? countries.get(c) : eco.code();
      sink.exportDecomposition(BmImporter.ORIGIN, from, eco.code(), TOTAL, BmImporter.ORIGIN_TERMS, o.origin(), 2 * c);
    }
  }

  /** VAXIM of exporter S (vaxim[i·G + r]) as BM_SINK rows, per importer and WLD. */
  static void emitVaxim(YearSystem sys, YearSystem.Economy eco, double[] vaxim, ResultSink sink) {
    int g = sys.g();
    double[] wld = new double[sys.nInd()];
    List<String> terms = VAXIM_TERMS;
    for (int r = 0; r < g; r++) {
      if (eco.member()[r]) {
        continue;
      }
      double[] byInd = new double[sys.nInd()];
      for (int i = 0; i < sys.nInd(); i++) {
        byInd[i] = vaxim[i * g + r];
        wld[i] += byInd[i];
      }
      slots(sys, BmVaxim.METHOD, eco.code(), sys.layout().countries().get(r), terms, byInd, sink);
    }
    slots(sys, BmVaxim.METHOD, eco.code(), WLD, terms, wld, sink);
  }

  /**
   * Rows of one (exporter, importer) block, {@code byInd[i·T + q]} (T = terms): every industry, every
   * industry aggregate (sum of its members) and _T (sum of the industries).
   */
  private static void slots(YearSystem sys, String method, String exporter, String importer, List<String> terms,
      double[] byInd, ResultSink sink) {
    int nt = terms.size();
    IndustryAggregates ia = sys.industryAggregates();
    double[] bySlot = ia.slots() == sys.nInd() ? byInd : IndustrySlots.extend(byInd, ia, nt);
    List<String> industries = sys.layout().industries();
    double[] tot = new double[nt];
    for (int k = 0; k < ia.slots(); k++) {
      sink.exportDecomposition(method, exporter, importer, ia.code(k, industries), terms, bySlot, k * nt);
      if (k < sys.nInd()) { // _T sums the industries, not the aggregates
        for (int q = 0; q < nt; q++) {
          tot[q] += bySlot[k * nt + q];
        }
      }
    }
    sink.exportDecomposition(method, exporter, importer, TOTAL, terms, tot, 0);
  }
}
