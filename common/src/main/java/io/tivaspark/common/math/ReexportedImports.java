package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;

/**
 * Re-exported intermediate imports of economy s (docs/methods.md §3.5; catalog codes REII,
 * IMGRINT_REII): the intermediates s imports that its exports use up, directly or through the
 * domestic production chain, with the <b>local</b> inverse L_ss = (I − A_ss)⁻¹ (Hummels–Ishii–Yi's
 * vertical specialisation by imported product; the choice against the global block B_ss is
 * documented in methods §3.5):
 *
 * <pre>REII_{s,r,i} = Σ_{k∈r, ind(k)=i} (A_{k,s} L_ss e_s)_k = Σ_{k∈r, ind i} Σ_{j∈s} A_kj (L_ss e_s)_j</pre>
 *
 * by partner r (the country the intermediates come from) and the imported (partner's) industry i,
 * the dimensions of IMGR_INT. Its complement, the imported intermediates that s's own final demand
 * uses up, {@code absorbed} = A_{¬s,s} L_ss y^D_s, makes REII + absorbed = IMGR_INT when x = Z1 + y
 * (because x_s = L_ss (e_s + y^D_s)): check T13. And since B_{¬s,s} = B_{¬s,¬s} A_{¬s,s} L_ss, the
 * foreign value added of the re-exported imports is s's foreign VA in exports:
 * Σ_{k∉s} μ_k REII_k = EXGR_FVA_s with μ_k = Σ_{t∉s} v_t B_tk (check T13, {@link #fvaViaReii}).
 *
 * <p>Cost per economy O(n·m) (one pass over the m columns of A of s) on top of the two local
 * solves of {@link DomesticContent#localOutput()}; nothing n³, no inverse formed.
 *
 * @param reii REII by imported industry × partner (i·G + r), 0 on members of s
 * @param absorbed A_{¬s,s} L_ss y^D_s likewise
 * @param reiiI Σ_{r∉s} reii by industry; {@code reiiR} Σ_i by partner
 * @param fvaViaReii Σ_{k∉s} μ_k (A_{k,s} L_ss e_s)_k, to compare with EXGR_FVA_{s,WLD,_T}
 */
record ReexportedImports(double[] reii, double[] absorbed, double[] reiiI, double[] reiiR, double fvaViaReii) {

  /** REII_{s,WLD,_T}. */
  double reiiT() { return Codes.sum(reiiI); }

  /**
   * @param localOutput L_ss [e_s | y^D_s] (m×2), {@link DomesticContent#localOutput()}
   */
  static ReexportedImports of(YearSystem sys, Economy eco, boolean[] inEco, double[] localOutput) {
    int n = sys.n();
    int g = sys.g();
    int nn = sys.nInd();
    int[] rows = eco.rows();
    int m = rows.length;
    double[] a = sys.a();
    double[] toExports = new double[n];
    double[] toDemand = new double[n];
    for (int jj = 0; jj < m; jj++) {
      int off = rows[jj] * n;
      double le = localOutput[jj];
      double ld = localOutput[m + jj];
      for (int k = 0; k < n; k++) {
        double akj = a[off + k];
        toExports[k] += akj * le;
        toDemand[k] += akj * ld;
      }
    }
    double[] reii = new double[nn * g];
    double[] absorbed = new double[nn * g];
    double[] vbc = sys.originMultipliers();
    boolean[] mem = eco.member();
    double fva = 0;
    for (int k = 0; k < n; k++) {
      if (inEco[k]) {
        continue;
      }
      int idx = sys.ind()[k] * g + sys.cty()[k];
      reii[idx] += toExports[k];
      absorbed[idx] += toDemand[k];
      fva += foreignMultiplier(vbc, k, g, mem) * toExports[k];
    }
    double[][] t = PartnerSums.totals(reii, null, mem, nn, g);
    return new ReexportedImports(reii, absorbed, t[0], t[1], fva);
  }

  /** μ_k = Σ_{t∉s} v_t B_tk = Σ_{t∉s} vbc[t, k]: value added from outside s per unit of row k's output. */
  static double foreignMultiplier(double[] vbc, int k, int g, boolean[] mem) {
    double mu = 0;
    for (int t = 0; t < g; t++) {
      if (!mem[t]) {
        mu += vbc[k * g + t];
      }
    }
    return mu;
  }
}
