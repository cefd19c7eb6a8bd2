package io.tivaspark.common.math;

import java.util.Arrays;
import java.util.List;

/**
 * The detailed terms of the Borin–Mancini exporter-perspective decomposition, source and sink, as
 * exvatools reports them ({@code make_exvadec(method = "bm_src" | "bm_snk", output = "terms")}; Borin
 * and Mancini 2019, WP 8804, the exporter perspective; docs/decompositions.md, "Detailed
 * Borin–Mancini terms"), per (exporting industry, partner r ∉ S) of one exporting economy S.
 *
 * <p>With p the exporter's domestic multiplier (source: u = v_S L_SS; sink: w = v_S B_SS), q the
 * foreign one (source: h = Σ_{t∉S} v_t B^(S)_tS; sink: fm = Σ_{t∉S} v_t B_tS), for a row k of S:
 * <pre>
 * VAX1 = p_k Y_kr                              (final goods absorbed by r)
 * VAX2 = p_k (A_Sr L_rr Y_rr)_k                (intermediates r turns into goods it absorbs)
 * VAX3 = p_k (A_Sr L_rr Σ_{c∉S∪{r}} Y_rc)_k    (... into final goods r exports to third countries)
 * VAX4 = p_k (A_Sr L_rr Σ_{j≠r} A_rj z_j)_k    (... into intermediates r exports, absorbed outside S)
 * REF1 = p_k (A_Sr L_rr Y_rS)_k                (... into final goods r exports back to S)
 * REF2 = p_k (A_Sr L_rr Σ_{j≠r} A_rj (B Y_·S)_j)_k   (... into intermediates that return to S)
 * FVA1..FVA4 = q_k × the legs of VAX1, VAX2, L_rr Σ_{c≠r} Y_rc, L_rr Σ_{j≠r} A_rj z'_j
 * </pre>
 * z = B Σ_{c∉S} Y_·c (source) or γ1 = B^(S) Ŷ_{·,¬S} (sink: S's final exports removed); z' = x (source)
 * or x − β (sink, β = B^(S)_·S e_S). By x' = A x' + c on r's rows, L_rr Σ_{j≠r} A_rj z_j = z_r − L_rr c_r,
 * so every leg is a partner vector already at hand ({@link PartnerTerms#partnerVectors}: L_rr y^D, B Y_·S,
 * γ1, γ2, β) or one of {@link BmDetailYear} (L_rr Y_rS, L_rr (Y1)_r); VAX1..4 add to VAX, REF1 + REF2
 * to REF, FVA1..4 to FVA (checks BD1–BD3). Cost per economy of m rows: one pass over A_S,¬S times
 * 7 vectors (14·m·(n − m) flops, Java), then O(m·G) per partner.
 */
final class BmDetailedTerms {
  /** The detailed term names, written after the aggregates of BM_SOURCE and BM_SINK (same order in both). */
  static final List<String> TERMS = List.of("VAX1", "VAX2", "VAX3", "VAX4", "REF1", "REF2", "FVA1", "FVA2", "FVA3",
      "FVA4");
  static final int NT = 10;
  /** Slots per (industry, partner): source terms at 0..NT−1, sink terms at SNK..SNK+NT−1. */
  static final int SNK = NT;
  static final int NSLOT = 2 * NT;

  // the partner vectors multiplied by A_S,r
  private static final int LY = 0;
  private static final int LYS = 1;
  private static final int LYT = 2;
  private static final int P4 = 3;
  private static final int G1 = 4;
  private static final int G2 = 5;
  private static final int BETA = 6;
  private static final int NV = 7;

  private BmDetailedTerms() {}

  /**
   * The terms of exporter {@code ex}, slot (industry i, partner r, q) at (i·G + r)·NSLOT + q;
   * {@code tv} = {@link PartnerTerms#partnerVectors}.
   */
  static double[] of(YearSystem sys, GvcYear yr, BmDetailYear dy, PartnerTerms.Exporter ex, double[] tv) {
    int n = sys.n();
    int g = sys.g();
    int[] rows = ex.eco().rows();
    int m = rows.length;
    boolean[] mem = ex.eco().member();
    double[] dv = vectors(sys, dy, ex, tv);
    double[] a = sys.a();
    double[] out = new double[NSLOT * sys.nInd() * g];
    double[] acc = new double[m * NV];
    for (int r = 0; r < g; r++) {
      if (mem[r]) {
        continue;
      }
      Arrays.fill(acc, 0.0);
      for (int j : yr.rowsOf()[r]) {
        int off = j * n;
        int o = j * NV;
        for (int kk = 0; kk < m; kk++) {
          double aj = a[off + rows[kk]];
          if (aj == 0) {
            continue;
          }
          int ao = kk * NV;
          for (int q = 0; q < NV; q++) {
            acc[ao + q] += aj * dv[o + q];
          }
        }
      }
      addPartner(sys, yr, ex, r, acc, out);
    }
    return out;
  }

  /** The 7 vectors on the partners' rows (rows ∉ S), vector-major per row (NV×n). */
  private static double[] vectors(YearSystem sys, BmDetailYear dy, PartnerTerms.Exporter ex, double[] tv) {
    int n = sys.n();
    int g = sys.g();
    boolean[] inS = ex.ev().inS();
    boolean[] mem = ex.eco().member();
    double[] lyc = dy.lyc();
    double[] dv = new double[NV * n];
    for (int j = 0; j < n; j++) {
      if (inS[j]) {
        continue;
      }
      double lys = 0;
      for (int c = 0; c < g; c++) {
        if (mem[c]) {
          lys += lyc[j + c * n];
        }
      }
      int o = j * NV;
      int t = j * PartnerTerms.NV;
      dv[o + LY] = tv[t + PartnerTerms.LY];
      dv[o + LYS] = lys;
      dv[o + LYT] = dy.lyt()[j];
      dv[o + P4] = tv[t + PartnerTerms.P4];
      dv[o + G1] = tv[t + PartnerTerms.G1];
      dv[o + G2] = tv[t + PartnerTerms.G2];
      dv[o + BETA] = tv[t + PartnerTerms.BETA];
    }
    return dv;
  }

  /**
   * Adds partner r's terms, from acc = A_S,r times the 7 vectors (NV×m). Source: p = u, q = h; sink:
   * p = w (= ws_k), q = fm. ax = A_S,r x_r (the row's intermediate exports to r), ysr = Y_kr.
   */
  private static void addPartner(YearSystem sys, GvcYear yr, PartnerTerms.Exporter ex, int r, double[] acc,
      double[] out) {
    int n = sys.n();
    int g = sys.g();
    int[] rows = ex.eco().rows();
    int[] ind = sys.ind();
    double[] y = sys.y();
    double[] zc = yr.zc();
    for (int kk = 0; kk < rows.length; kk++) {
      int k = rows[kk];
      int ao = kk * NV;
      double ysr = y[k + r * n];
      double ax = zc[k + r * n];
      double ly = acc[ao + LY];
      double lys = acc[ao + LYS];
      double lyt = acc[ao + LYT];
      double beta = acc[ao + BETA];
      int base = (ind[k] * g + r) * NSLOT;
      double[] src = {ysr, ly, lyt - ly - lys, ax - acc[ao + P4] - lyt + lys, lys, acc[ao + P4] - lys};
      double[] snk = {ysr, ly, lyt - ly - lys, acc[ao + G1] - lyt + lys, lys, acc[ao + G2] - lys};
      double[] fSrc = {ysr, ly, lyt - ly, ax - lyt};
      double[] fSnk = {ysr, ly, lyt - ly, ax - beta - lyt};
      add(out, base, ex.ls().u()[kk], src, ex.ls().h()[kk], fSrc);
      add(out, base + SNK, ex.ev().ws()[k], snk, ex.ev().fm()[kk], fSnk);
    }
  }

  /** out[base + 0..5] += p · dom (VAX1..4, REF1..2); out[base + 6..9] += q · fgn (FVA1..4). */
  private static void add(double[] out, int base, double p, double[] dom, double q, double[] fgn) {
    for (int t = 0; t < 6; t++) {
      out[base + t] += p * dom[t];
    }
    for (int t = 0; t < 4; t++) {
      out[base + 6 + t] += q * fgn[t];
    }
  }
}
