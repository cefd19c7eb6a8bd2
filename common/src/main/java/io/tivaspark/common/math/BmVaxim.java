package io.tivaspark.common.math;

/**
 * VAXIM, "value added absorbed by the importer" (Stata icio's row of the bilateral decomposition with
 * {@code perspective(exporter) approach(sink)}, icio.ado's note "VAXIM: Value-Added absorbed by the
 * importer"; Borin and Mancini 2019, World Bank WP 8804, section 3.2; the formula as implemented in
 * S. Krantz's GlobalValueChains.jl {@code decompose(m; level = :bilateral, approach = :sink)},
 * validated there against Stata icio): the part of the sink-based VAX of S's exports to r that is
 * absorbed in r itself, directly or after further processing abroad (DAVAX ≤ VAXIM ≤ VAX for A, Y ≥ 0).
 * For a row k of S (exporting industry i(k)) and a partner country r ∉ S, with w = v_S B_SS (the
 * sink multiplier of BM_SINK) and B^(S) = (I − A^(S))⁻¹ the exporter's extraction inverse (S's foreign
 * sales removed):
 *
 * <pre>
 *   VAXIM_kr = w_k (Y_kr + Σ_{j∈r} A_kj γ^r_j),   γ^r = B^(S) Y^{¬S}_{·r}
 * </pre>
 *
 * (Y^{¬S}_{·r}: r's final demand, rows outside S): r's final demand reaches S's exports to r only
 * through chains that do not leave S again. On r's rows γ^r_r = L_rr (Y_rr + Σ_{j∉r} A_rj γ^r_j)
 * (GlobalValueChains.jl's bracket), and by the Schur complement on the extraction
 *
 * <pre>
 *   γ^r_r = (B Y)_{r,r} − B_{r,S} ζ_r,   ζ_r = B_SS⁻¹ (B Y)_{S,r}
 * </pre>
 *
 * one solve with the LU of B_SS for G right-hand sides (2m²G) and O(n·m) per exporter; no B^(S).
 */
final class BmVaxim {
  static final String METHOD = "BM_SINK";
  static final String TERM = "VAXIM";

  private BmVaxim() {}

  /**
   * VAXIM of exporter S by exporting industry i and partner r at [i·G + r]; {@code w} = v_S B_SS on S's
   * rows (m), {@code luB} the LU of B_SS.
   */
  static double[] of(YearSystem sys, GvcYear yr, YearSystem.Economy eco, double[] w, Lapack.Lu luB) {
    int n = sys.n();
    int g = sys.g();
    int[] rows = eco.rows();
    int m = rows.length;
    boolean[] mem = eco.member();
    double[] by = yr.by();
    double[] zeta = new double[m * g];
    for (int r = 0; r < g; r++) {
      if (!mem[r]) {
        for (int kk = 0; kk < m; kk++) {
          zeta[kk + r * m] = by[rows[kk] + r * n];
        }
      }
    }
    luB.solveInPlace(zeta, g, false); // ζ_r = B_SS⁻¹ (BY)_{S,r}
    double[] gamma = gamma(sys, yr, rows, mem, zeta);
    return terms(sys, rows, mem, w, gamma);
  }

  /** γ_j = (BY)_{j,c(j)} − B_{j,S} ζ_{c(j)} for every row j outside S (0 on S). O(n·m). */
  private static double[] gamma(YearSystem sys, GvcYear yr, int[] rows, boolean[] mem, double[] zeta) {
    int n = sys.n();
    int m = rows.length;
    int[] cty = sys.cty();
    double[] b = sys.b();
    double[] by = yr.by();
    double[] gamma = new double[n];
    for (int j = 0; j < n; j++) {
      if (!mem[cty[j]]) {
        gamma[j] = by[j + cty[j] * n];
      }
    }
    for (int kk = 0; kk < m; kk++) { // column rows[kk] of B, read down (cache-friendly)
      int bo = rows[kk] * n;
      for (int j = 0; j < n; j++) {
        int c = cty[j];
        if (!mem[c]) {
          gamma[j] -= b[bo + j] * zeta[kk + c * m];
        }
      }
    }
    return gamma;
  }

  /** VAXIM_kr = w_k (Y_kr + Σ_{j∈r} A_kj γ_j), summed by exporting industry. O(n·m). */
  private static double[] terms(YearSystem sys, int[] rows, boolean[] mem, double[] w, double[] gamma) {
    int n = sys.n();
    int g = sys.g();
    int m = rows.length;
    int[] cty = sys.cty();
    int[] ind = sys.ind();
    double[] a = sys.a();
    double[] y = sys.y();
    double[] acc = new double[m * g];
    for (int j = 0; j < n; j++) { // column j of A: A_{S,j}
      int c = cty[j];
      if (mem[c] || gamma[j] == 0) {
        continue;
      }
      int ao = j * n;
      double gj = gamma[j];
      for (int kk = 0; kk < m; kk++) {
        acc[kk + c * m] += a[ao + rows[kk]] * gj;
      }
    }
    double[] out = new double[sys.nInd() * g];
    for (int r = 0; r < g; r++) {
      if (mem[r]) {
        continue;
      }
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        out[ind[k] * g + r] += w[kk] * (y[k + r * n] + acc[kk + r * m]);
      }
    }
    return out;
  }
}
