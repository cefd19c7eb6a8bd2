package io.tivaspark.common.math;

import java.util.List;

/**
 * Borin–Mancini world perspective (Borin and Mancini 2019, World Bank WP 8804, eq. 52 source and
 * eq. 54 sink; Stata {@code icio, perspective(world)}; the R package icio's {@code bm(perspective =
 * "world")}, whose leather example we reproduce): the perimeter is every border, so foreign value added
 * in S's exports is double counted when it has crossed a border before in the sense of the approach.
 * Economy level only (exporter × WLD × _T). The domestic side (DC, DVA, VAX, REF, DDC) and FC are the
 * exporter perspective's; only FVA and FDC = FC − FVA change (docs/decompositions.md).
 *
 * <ul>
 * <li>source: FVA_S = Σ_{j∉S} (vL)_j (A_{j,S} L_SS e_S), with (vL)_j = (v_c L_cc)_j for the reporting
 *     country c of row j (the country's local VA multiplier);</li>
 * <li>sink: FVA_S = Σ_{k∈S} [fm_k Σ_{r∉S} (Y_kr + (A_kr L_rr Y_rr)) + Σ_{r∉S} (v_r B_rk)(A_kr L_rr wv_r)],
 *     with wv_j = Σ_{c≠c(j)} Y_jc + Σ_{l∉c(j)} A_jl (L Y^D)_l (final and directly absorbed exports of j).</li>
 * </ul>
 * Cost: year level G local products (2GN²) and one pass over A (n²); per economy O(n·m). No inverse.
 */
final class BmWorld {
  static final String SOURCE = "BM_SOURCE_WLD";
  static final String SINK = "BM_SINK_WLD";
  static final List<String> TERMS = List.of("EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA", "FDC");

  private final YearSystem sys;
  private final GvcYear yr;
  /** (v_c L_cc)_j on each row j (c its country). */
  private final double[] vl;
  /** L_cc wv_c on each row (c its country). */
  private final double[] wrex;

  BmWorld(YearSystem sys, GvcYear yr) {
    this.sys = sys;
    this.yr = yr;
    int n = sys.n();
    double[] wv = new double[n];
    double[] a = sys.a();
    double[] y = sys.y();
    int[] cty = sys.cty();
    double[] ly = yr.ly();
    for (int j = 0; j < n; j++) {
      wv[j] = sys.yTot()[j] - y[j + cty[j] * n];
    }
    for (int l = 0; l < n; l++) { // Σ_{l∉c(j)} A_jl ly_l, column by column
      double lyl = ly[l];
      int off = l * n;
      for (int j = 0; j < n; j++) {
        if (cty[j] != cty[l]) {
          wv[j] += a[off + j] * lyl;
        }
      }
    }
    this.vl = new double[n];
    this.wrex = new double[n];
    double[][] linv = sys.countryLocalInverses();
    for (int c = 0; c < sys.g(); c++) {
      localProducts(yr.rowsOf()[c], linv[c], sys.v(), wv);
    }
  }

  /** On country c's rows (local inverse l, column-major): vl = v_c L_cc, wrex = L_cc wv_c. */
  private void localProducts(int[] rows, double[] l, double[] v, double[] wv) {
    int m = rows.length;
    for (int p = 0; p < m; p++) {
      double accV = 0;
      double accW = 0;
      for (int q = 0; q < m; q++) {
        accV += v[rows[q]] * l[q + p * m]; // (v L)_p = Σ_q v_q L_qp
        accW += l[p + q * m] * wv[rows[q]]; // (L wv)_p = Σ_q L_pq wv_q
      }
      vl[rows[p]] = accV;
      wrex[rows[p]] = accW;
    }
  }

  /**
   * [FVA source, FVA sink] of economy S; {@code lE} = L_SS e_S and {@code fm} = Σ_{t∉S} v_t B_tS on S's
   * rows (m).
   */
  double[] fva(YearSystem.Economy eco, double[] lE, double[] fm) {
    int n = sys.n();
    int g = sys.g();
    int[] rows = eco.rows();
    int m = rows.length;
    boolean[] mem = eco.member();
    int[] cty = sys.cty();
    double[] a = sys.a();
    double[] y = sys.y();
    double[] vbc = yr.vbc();
    double[] ly = yr.ly();
    double src = 0;
    for (int kk = 0; kk < m; kk++) { // Σ_{j∉S} vl_j A_jk lE_k
      int off = rows[kk] * n;
      double acc = 0;
      for (int j = 0; j < n; j++) {
        if (!mem[cty[j]]) {
          acc += vl[j] * a[off + j];
        }
      }
      src += acc * lE[kk];
    }
    double snk = 0;
    for (int j = 0; j < n; j++) { // A_kj over partner rows j: (A_kr L_rr Y_rr) and (v_r B_rk)(A_kr Wrex_r)
      int r = cty[j];
      if (mem[r]) {
        continue;
      }
      int off = j * n;
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        double akj = a[off + k];
        snk += akj * (fm[kk] * ly[j] + vbc[r + k * g] * wrex[j]);
      }
    }
    for (int kk = 0; kk < m; kk++) { // fm_k Σ_{r∉S} Y_kr
      int k = rows[kk];
      for (int r = 0; r < g; r++) {
        if (!mem[r]) {
          snk += fm[kk] * y[k + r * n];
        }
      }
    }
    return new double[] {src, snk};
  }
}
