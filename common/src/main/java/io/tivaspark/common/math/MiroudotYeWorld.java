package io.tivaspark.common.math;

/**
 * The Miroudot–Ye (2021) decomposition of an economy's gross exports in the <b>world perimeter</b>
 * (Miroudot and Ye, "Decomposing value added in gross exports", Economic Systems Research 33(1),
 * 2021; the extraction form of exvatools' {@code make_exvadec(method = "my", perim = "WLD")}), as
 * multipliers per exporting row k of S (local index ii) that multiply S's gross exports e_k.
 * The world extraction keeps only the domestic blocks of A: B° = L (block-diagonal local inverses
 * of the partition: the countries, or the group as one block and every other country), A^F = A − A^D:
 * <pre>
 *   DVA_k  = (v_S L_SS)_k                                   = u_k
 *   DDC_k  = (v_S (B_SS − L_SS))_k                          = ((u A_S,¬S) B_¬S,S)_k
 *   FDC1_k = Σ_{t∉S} (v_t (L A^F L)_{t,S})_k                = (g_S' L_SS)_k
 *   FDC2_k = Σ_{t∉S} (v_t (L A^F (B − L))_{t,S})_k          = (g'B)_k − DDC_k − FDC1_k
 * </pre>
 * with g = (v'L A^F)' (one product with A^F per partition) and g'B (one with B'); the right-hand
 * forms follow from B = L + L A^F B (docs/decompositions.md). FVA = Σ_{t∉S} v_t L_tS = 0: in the
 * world perimeter all foreign content of S's exports was already counted in other countries'
 * exports, so it is double counting (FDC1: foreign value added that crossed one border into S,
 * FDC2: the rest). DVA and DDC equal the country perimeter's (= BM source-based). Check P9:
 * DVA + DDC + FDC1 + FDC2 = 1 per unit of exports (i.e. = gross exports by exporting sector).
 */
final class MiroudotYeWorld {
  final double[] dva;
  final double[] ddc;
  final double[] fdc1;
  final double[] fdc2;

  private MiroudotYeWorld(double[] dva, double[] ddc, double[] fdc1, double[] fdc2) {
    this.dva = dva;
    this.ddc = ddc;
    this.fdc1 = fdc1;
    this.fdc2 = fdc2;
  }

  /** g = (v'L A^F)' and (g'B)' of one partition: one product with A^F', one with B'. */
  record Partition(double[] g, double[] gb) {
    static Partition of(YearSystem sys, GvcMeasures.Shared sh, GvcPartition p) {
      double[] vl = p.l(sys.v(), true);
      double[] aF = p.foreignIn(sh.aBuffer());
      double[] g;
      try {
        g = GvcPartition.af(aF, sys.lapack(), true, vl)[0];
      } finally {
        p.restore(aF, sys.a());
      }
      return new Partition(g, GvcMeasures.times(sys.b(), sys.lapack(), true, g)[0]);
    }
  }

  /** The multipliers of economy S (rows and u of {@code s}, its local inverse {@code lss}) in partition {@code w}. */
  static MiroudotYeWorld of(YearSystem sys, Partition w, ExportVaSplit s, double[] lss) {
    int n = sys.n();
    int m = s.rows.length;
    boolean[] inS = new boolean[n];
    for (int k : s.rows) {
      inS[k] = true;
    }
    double[] ddc = new double[m];
    sys.offEconomyChain(s.rows, inS, s.u, new double[n], ddc);
    double[] fdc1 = ExportVaSplit.times(lss, ExportVaSplit.gather(s.rows, w.g()), true);
    double[] fdc2 = new double[m];
    for (int ii = 0; ii < m; ii++) {
      fdc2[ii] = w.gb()[s.rows[ii]] - ddc[ii] - fdc1[ii];
    }
    return new MiroudotYeWorld(s.u, ddc, fdc1, fdc2);
  }
}
