package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import java.util.Arrays;
import java.util.List;

/**
 * Borin–Mancini perspectives whose perimeter is the flow itself, source-based (Borin and Mancini 2019,
 * World Bank Policy Research WP 8804; Stata {@code icio, perspective(bilateral|sectexp|sectbil)};
 * exvatools {@code get_xmatrix(…, partner, sector)}; docs/decompositions.md, "Borin–Mancini
 * perspectives"): the double counting is that of one flow, whose sales alone are extracted from A:
 * bilateral A_Sr = 0 (method {@value #METHOD}), sectoral exporter A_{S_i,¬S} = 0
 * ({@value #METHOD_SECTEXP}), sectoral bilateral A_{S_i,r} = 0 ({@value #METHOD_SECTBIL}).
 *
 * <p>For a row k of S (its exporting industry i = ind(k)) and e = E_kr = Y_kr + Z_kr, with the
 * perspective's multipliers zw (on v_S) and zf (on Σ_{t∉S} v_t) of its extraction inverse B^(x):
 * <ul>
 * <li>DC = w_k e, FC = fm_k e (w = v_S B_SS, fm = Σ_{t∉S} v_t B_tS: as in the exporter perspective);</li>
 * <li>DVA = zw_k e with zw = v_S B^(x)_S,k; DDC = DC − DVA;</li>
 * <li>FVA = zf_k e with zf = Σ_{t∉S} v_t B^(x)_t,k; FDC = FC − FVA;</li>
 * <li>REF = zw_k (A_Sr B_r· Y_·S)_k, VAX = DVA − REF, DAVAX = zw_k (Y_kr + (A_Sr L_rr Y_rr)_k): the
 *     exporter perspective's split of E_Sr (exvatools VAX1–4, REF1–2) with zw in place of v_S L_SS.</li>
 * </ul>
 *
 * <p><b>Algebra</b> (no n×n inverse per pair). A^(Sr) differs from A by the block A_Sr, so by Woodbury
 * B^(Sr)_·S = B_·S (I + A_Sr B_rS)⁻¹ = B_·S − B_·S A_Sr C⁻¹ B_rS with the capacitance matrix
 * C = I + B_rS A_Sr (|r|×|r|, r's rows). Hence, for p = w or fm, z = p − (p A_Sr) C⁻¹ B_rS: one
 * |r|×|r| LU and products of the blocks A_Sr, B_rS per pair (2|r|²m + 2|r|³/3 flops), from the year's B.
 * Check BP1 verifies z (I + A_Sr B_rS) = p (the Schur-complement form) without C. The sectoral
 * multipliers come from the same blocks ({@link BmSectoral}).
 */
final class BmPerspectives {
  static final String METHOD = "BM_SOURCE_BIL";
  static final String METHOD_SECTEXP = "BM_SOURCE_SECTEXP";
  static final String METHOD_SECTBIL = "BM_SOURCE_SECTBIL";
  static final List<String> TERMS = List.of("EXGR", "DC", "DVA", "VAX", "DAVAX", "REF", "DDC", "FC", "FVA",
      "FDC");
  static final int NT = 10;

  private BmPerspectives() {}

  /**
   * The multipliers and A_Sr products of one pair (m = |S| each).
   *
   * @param z [zw | zf]: zw = v_S B^(Sr)_SS, zf = Σ_{t∉S} v_t B^(Sr)_tS (2m)
   * @param ref (A_Sr (B Y_·S)_r)_k
   * @param ly (A_Sr (L_rr y^D_r))_k
   * @param gb the sectoral blocks A_{S_i,r} B_{r,S_i} ({@link BmSectoral#blocks})
   */
  record Pair(double[] z, double[] ref, double[] ly, double[] gb) {

    /**
     * One pair S → r from its shared blocks {@code pb} (m = |S|): w and fm on S's rows, p4 = B Σ_{c∈S} Y_·c
     * and ly = L_rr y^D_r as n-vectors; check BP1 into {@code bp1} (element names from {@code where}).
     * Runs on the LAPACK thread (callers hop once per exporter).
     */
    static Pair of(YearSystem sys, BmPairBlocks pb, int m, double[] w, double[] fm, double[] p4, double[] ly,
        CheckResult.Builder bp1, String where) {
      int[] rr = pb.rr();
      int nr = rr.length;
      double[] aSr = pb.aSr();
      double[] bRs = pb.bRs();
      Lapack lp = sys.lapack();
      double[] p = new double[2 * m];
      System.arraycopy(w, 0, p, 0, m);
      System.arraycopy(fm, 0, p, m, m);
      double[] q = new double[2 * nr];
      lp.dgemm(true, false, nr, 2, m, 1.0, aSr, m, p, m, 0.0, q, nr); // q = A_Sr' p
      pb.lu().solveInPlace(q, 2, true); // y' = q' C⁻¹
      double[] z = p.clone();
      lp.dgemm(true, false, m, 2, nr, -1.0, bRs, nr, q, nr, 1.0, z, m); // z = p − (y B_rS)'
      double[] vr = new double[2 * nr];
      for (int jj = 0; jj < nr; jj++) {
        vr[jj] = p4[rr[jj]];
        vr[jj + nr] = ly[rr[jj]];
      }
      double[] base = new double[2 * m];
      lp.dgemm(false, false, m, 2, nr, 1.0, aSr, m, vr, nr, 0.0, base, m); // A_Sr [p4_r | ly_r]
      check(lp, aSr, bRs, z, p, m, nr, bp1, where);
      return new Pair(z, Arrays.copyOfRange(base, 0, m), Arrays.copyOfRange(base, m, 2 * m), pb.gb());
    }

    /** BP1: z + (z A_Sr) B_rS = p for both multipliers, element by element (the Schur-complement form, no C). */
    private static void check(Lapack lp, double[] aSr, double[] bRs, double[] z, double[] p, int m, int nr,
        CheckResult.Builder bp1, String where) {
      double[] t = new double[2 * nr];
      lp.dgemm(true, false, nr, 2, m, 1.0, aSr, m, z, m, 0.0, t, nr); // (z A_Sr)'
      double[] lhs = z.clone();
      lp.dgemm(true, false, m, 2, nr, 1.0, bRs, nr, t, nr, 1.0, lhs, m);
      for (int k = 0; k < 2 * m; k++) {
        int kk = k;
        bp1.compare(lhs[k], p[k], () -> where + " row " + (kk % m) + (kk < m ? " (DVA)" : " (FVA)"));
      }
    }
  }

  /**
   * The terms of the three perspectives, each out[(i·G + r)·NT + q] in {@link #TERMS} order.
   *
   * @param bil bilateral (extraction A_Sr)
   * @param sectExp sectoral exporter (extraction A_{S_i,¬S}), by partner
   * @param sectBil sectoral bilateral (extraction A_{S_i,r})
   */
  record Outputs(double[] bil, double[] sectExp, double[] sectBil) {}

  /**
   * The three perspectives of exporter S for every partner r ∉ S and exporting industry, with BP1 per
   * pair and BP4 per industry into {@code checks}. One hop to the LAPACK thread for all
   * partners; check BP4 (pure Java) runs after it, on the calling thread.
   */
  static Outputs of(YearSystem sys, GvcYear yr, YearSystem.Economy eco, ExporterAlgebra.Vectors ev,
      BmPairBlocks.Economy pbs, Checks checks) {
    int g = sys.g();
    int[] rows = eco.rows();
    int m = rows.length;
    double[] w = pbs.w();
    int[][] byInd = pbs.byInd();
    int[] off = pbs.off();
    Outputs out = new Outputs(new double[sys.nInd() * g * NT], new double[sys.nInd() * g * NT],
        new double[sys.nInd() * g * NT]);
    CheckResult.Builder bp1 = checks.identity("BP1",
        "BM bilateral multipliers: z (I + A_Sr B_rS) = v_S B_SS, resp. Σ_t∉S v_t B_tS (Woodbury, other direction)");
    CheckResult.Builder bp4 = checks.identity("BP4",
        "BM sectoral extraction: Σ_r A_{S_i,r} B_{r,S_i} = B_{S_i,S_i} − I − A_{S_i,S} B_{S,S_i}");
    double[] gsum = new double[off[byInd.length]];
    Lapack.onLapackThread(() -> {
      Pair[] pairs = new Pair[g];
      for (int r = 0; r < g; r++) {
        if (eco.member()[r]) {
          continue;
        }
        String where = eco.code() + "→" + sys.layout().countries().get(r);
        Pair pr = Pair.of(sys, pbs.pairs()[r], m, w, ev.fm(), ev.p4(), yr.ly(), bp1, where);
        pairs[r] = pr;
        add(sys, yr, rows, r, w, ev.fm(), pr.z(), pr, out.bil());
        add(sys, yr, rows, r, w, ev.fm(), BmSectoral.multipliers(sys, byInd, off, pr.gb(), w, ev.fm()), pr,
            out.sectBil());
        for (int q = 0; q < gsum.length; q++) {
          gsum[q] += pr.gb()[q];
        }
      }
      double[] zExp = BmSectoral.multipliers(sys, byInd, off, gsum, w, ev.fm());
      for (int r = 0; r < g; r++) {
        if (pairs[r] != null) {
          add(sys, yr, rows, r, w, ev.fm(), zExp, pairs[r], out.sectExp());
        }
      }
      return null;
    });
    BmSectoral.check(sys, rows, byInd, off, gsum, bp4, eco.code());
    return out;
  }

  /**
   * Adds the terms of pair S → r to {@code out}, row by row of S (summed by exporting industry), with
   * the multipliers z = [zw | zf] of the perspective and the pair's bases {@code pr}.
   */
  private static void add(YearSystem sys, GvcYear yr, int[] rows, int r, double[] w, double[] fm, double[] z,
      Pair pr, double[] out) {
    int n = sys.n();
    int g = sys.g();
    int m = rows.length;
    int[] ind = sys.ind();
    double[] y = sys.y();
    double[] zc = yr.zc();
    for (int kk = 0; kk < m; kk++) {
      int k = rows[kk];
      double ysr = y[k + r * n];
      double e = ysr + zc[k + r * n];
      double zw = z[kk];
      double zf = z[kk + m];
      double dva = zw * e;
      double ref = zw * pr.ref()[kk];
      int o = (ind[k] * g + r) * NT;
      out[o] += e;
      out[o + 1] += w[kk] * e;
      out[o + 2] += dva;
      out[o + 3] += dva - ref;
      out[o + 4] += zw * (ysr + pr.ly()[kk]);
      out[o + 5] += ref;
      out[o + 6] += (w[kk] - zw) * e;
      out[o + 7] += fm[kk] * e;
      out[o + 8] += zf * e;
      out[o + 9] += (fm[kk] - zf) * e;
    }
  }
}
