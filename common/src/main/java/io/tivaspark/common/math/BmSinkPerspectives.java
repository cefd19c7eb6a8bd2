package io.tivaspark.common.math;

import io.tivaspark.common.model.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/**
 * Borin–Mancini bilateral and sectoral-exporter perspectives, sink-based (methods {@value #METHOD_BIL},
 * {@value #METHOD_SECTEXP}; docs/decompositions.md, "Borin–Mancini perspectives, sink-based").
 *
 * <p><b>Definition</b> (Borin and Mancini 2019, World Bank PRWP 8804, and the Stata icio help, Belotti,
 * Borin and Mancini 2021, "Accounting methodology"): a perspective fixes the perimeter (here the flow
 * whose sales A_KJ are extracted: A_Sr for the bilateral one, A_{S_i,¬S} for sectexp); the approach only
 * says in which sub-flow of that perimeter an item is value added: source = the first time it crosses the
 * perimeter, sink = the last time. With e the perimeter's flow (on the rows K) and
 * β = B^(x)_·K e (output induced by the perimeter's exports without crossing it again), the part of a
 * shipment k → r (k ∈ K, r ⊆ J) that will cross the perimeter again is (A_kr β_r); so, with
 * w = v_S B_SS and fm = Σ_{t∉S} v_t B_tS (the whole content, as in BM_SINK):
 * <ul>
 * <li>DC = w_k e_kr, FC = fm_k e_kr; DDC = w_k (A_kr β_r), FDC = fm_k (A_kr β_r);
 *     DVA = DC − DDC, FVA = FC − FDC;</li>
 * <li>REF = w_k (A_kr γ_r) with γ = B^(x) Y_·S (returns home and is absorbed in S without crossing the
 *     perimeter again), VAX = DVA − REF.</li>
 * </ul>
 * With the exporter's extraction (K = S, J = ¬S) these are exactly exvatools' {@code make_exvadec_bm_snk}
 * terms (BM_SINK, tested). Summed over the perimeter's sub-flows they equal the source-based terms of the
 * same perspective (B − B^(x) = B A_X B^(x) = B^(x) A_X B), which is why icio calls approach() "redundant"
 * for perspective(bilateral) and (sectbil): check BK3; a sectbil row is a whole perimeter, so its sink form
 * is BM_SOURCE_SECTBIL and is not written.
 *
 * <p><b>Algebra</b> (no n×n inverse). Bilateral: by Woodbury B^(Sr)_r· = C⁻¹ B_r· with C = I + B_rS A_Sr
 * (|r|×|r|), so β_r = C⁻¹ (B_rS e_Sr) and γ_r = C⁻¹ (B Y_·S)_r: one LU per pair. Sectexp (K = S_i):
 * B^(x)_·K = B_·K D⁻¹ and B^(x) = B − B_·K D⁻¹ A_KJ B_J· with D = I + Σ_{r∉S} A_Kr B_rK (|K|×|K|), so
 * A_kr β_r = (G_r φ)_k and A_kr γ_r = (A_Sr (B Y_·S)_r)_k − (G_r h)_k with G_r = A_Kr B_rK,
 * φ = D⁻¹ e_K, h = D⁻¹ Σ_r A_Kr (B Y_·S)_r: the blocks G_r come out of the pair loop.
 */
final class BmSinkPerspectives {
  static final String METHOD_BIL = "BM_SINK_BIL";
  static final String METHOD_SECTEXP = "BM_SINK_SECTEXP";
  static final List<String> TERMS = Decompositions.BM_SINK_TERMS;
  static final int NT = 9;

  private BmSinkPerspectives() {}

  /**
   * The terms, out[(i·G + r)·NT + q] in {@link #TERMS} order.
   *
   * @param bil bilateral perspective (extraction A_Sr), by exporting industry
   * @param sectExp sectoral exporter perspective (extraction A_{S_i,¬S}), by partner
   */
  record Outputs(double[] bil, double[] sectExp) {}

  /**
   * One pair S → r, on S's rows (m each).
   *
   * @param e E_kr
   * @param d (A_Sr β_r)_k, β = B^(Sr)_·S e_Sr
   * @param f (A_Sr γ_r)_k, γ = B^(Sr) Y_·S
   * @param ap4 (A_Sr (B Y_·S)_r)_k
   * @param gb the sectoral blocks A_{S_i,r} B_{r,S_i} ({@link BmSectoral#blocks})
   */
  record Pair(double[] e, double[] d, double[] f, double[] ap4, double[] gb) {

    /** From the pair's shared blocks {@code pb}: e, and C [β_r | γ_r] = [B_rS e | p4_r] solved with C's LU. */
    static Pair of(YearSystem sys, GvcYear yr, int[] rows, int r, BmPairBlocks pb, double[] p4) {
      int n = sys.n();
      int m = rows.length;
      int[] rr = pb.rr();
      int nr = rr.length;
      double[] e = new double[m];
      for (int kk = 0; kk < m; kk++) {
        e[kk] = sys.y()[rows[kk] + r * n] + yr.zc()[rows[kk] + r * n];
      }
      Lapack lp = sys.lapack();
      double[] x = new double[3 * nr]; // [B_rS e | p4_r | p4_r]
      lp.dgemm(false, false, nr, 1, m, 1.0, pb.bRs(), nr, e, m, 0.0, x, nr);
      for (int jj = 0; jj < nr; jj++) {
        x[jj + nr] = p4[rr[jj]];
        x[jj + 2 * nr] = p4[rr[jj]];
      }
      pb.lu().solveInPlace(x, 2, false); // the first two columns: [β_r | γ_r]
      double[] aSr = pb.aSr();
      double[] dfp = new double[3 * m];
      lp.dgemm(false, false, m, 3, nr, 1.0, aSr, m, x, nr, 0.0, dfp, m); // A_Sr [β_r | γ_r | p4_r]
      return new Pair(e, Arrays.copyOfRange(dfp, 0, m), Arrays.copyOfRange(dfp, m, 2 * m),
          Arrays.copyOfRange(dfp, 2 * m, 3 * m), pb.gb());
    }
  }

  /** Both sink perspectives of exporter S for every partner r ∉ S; one hop to the LAPACK thread. */
  static Outputs of(YearSystem sys, GvcYear yr, YearSystem.Economy eco, ExporterAlgebra.Vectors ev,
      BmPairBlocks.Economy pbs) {
    int g = sys.g();
    int[] rows = eco.rows();
    double[] w = pbs.w();
    int[][] byInd = pbs.byInd();
    int[] off = pbs.off();
    Outputs out = new Outputs(new double[sys.nInd() * g * NT], new double[sys.nInd() * g * NT]);
    Lapack.onLapackThread(() -> {
      Pair[] pairs = new Pair[g];
      for (int r = 0; r < g; r++) {
        if (!eco.member()[r]) {
          pairs[r] = Pair.of(sys, yr, rows, r, pbs.pairs()[r], ev.p4());
          add(sys, rows, r, w, ev.fm(), pairs[r].e(), pairs[r].d(), pairs[r].f(), out.bil());
        }
      }
      sectExp(sys, rows, byInd, off, pairs, w, ev.fm(), out.sectExp());
      return null;
    });
    return out;
  }

  /**
   * Sectexp: per industry, D = I + Σ_r G_r, [φ | h] = D⁻¹ [e_K | Σ_r (A_Kr p4_r)], then per partner
   * d = G_r φ and f = A_Kr p4_r − G_r h on K's rows. Runs on the LAPACK thread.
   */
  private static void sectExp(YearSystem sys, int[] rows, int[][] byInd, int[] off, Pair[] pairs, double[] w,
      double[] fm, double[] out) {
    int m = rows.length;
    for (int i = 0; i < byInd.length; i++) {
      int[] kk = byInd[i];
      int s = kk.length;
      if (s == 0) {
        continue;
      }
      double[] dm = new double[s * s];
      double[] rhs = new double[2 * s];
      for (int a = 0; a < s; a++) {
        dm[a + a * s] = 1.0;
      }
      for (Pair p : pairs) {
        if (p == null) {
          continue;
        }
        for (int q = 0; q < s * s; q++) {
          dm[q] += p.gb()[off[i] + q];
        }
        for (int a = 0; a < s; a++) {
          rhs[a] += p.e()[kk[a]];
          rhs[a + s] += p.ap4()[kk[a]];
        }
      }
      solve(sys, dm, s, rhs);
      for (int r = 0; r < pairs.length; r++) {
        Pair p = pairs[r];
        if (p == null) {
          continue;
        }
        double[] d = new double[m];
        double[] f = new double[m];
        for (int a = 0; a < s; a++) {
          double gphi = 0;
          double gh = 0;
          for (int b = 0; b < s; b++) {
            double gab = p.gb()[off[i] + a + b * s];
            gphi += gab * rhs[b];
            gh += gab * rhs[b + s];
          }
          d[kk[a]] = gphi;
          f[kk[a]] = p.ap4()[kk[a]] - gh;
        }
        addRows(sys, rows, kk, r, w, fm, p.e(), d, f, out);
      }
    }
  }

  /** D x = rhs in place for two right-hand sides (a division when |K| = 1). */
  private static void solve(YearSystem sys, double[] dm, int s, double[] rhs) {
    if (s == 1) {
      rhs[0] /= dm[0];
      rhs[1] /= dm[0];
      return;
    }
    try {
      sys.lapack().lu(dm, s, true).solveInPlace(rhs, 2, false);
    } catch (Lapack.SingularMatrixException ex) {
      throw new InvalidInputException("intermediate/", sys.year().year(), "",
          "I + A_KJ B_JK is singular (sectoral extraction, LAPACK dgetrf pivot " + ex.pivot() + ")", ex);
    }
  }

  /** Adds the sink terms of every row of S to partner r (summed by exporting industry). */
  private static void add(YearSystem sys, int[] rows, int r, double[] w, double[] fm, double[] e, double[] d,
      double[] f, double[] out) {
    int[] all = new int[rows.length];
    for (int kk = 0; kk < all.length; kk++) {
      all[kk] = kk;
    }
    addRows(sys, rows, all, r, w, fm, e, d, f, out);
  }

  /** Adds the sink terms of the local rows {@code kk} of S to partner r into their industries' slots. */
  private static void addRows(YearSystem sys, int[] rows, int[] kk, int r, double[] w, double[] fm, double[] e,
      double[] d, double[] f, double[] out) {
    int g = sys.g();
    for (int k : kk) {
      double dva = w[k] * (e[k] - d[k]);
      double ref = w[k] * f[k];
      int o = (sys.ind()[rows[k]] * g + r) * NT;
      out[o] += e[k];
      out[o + 1] += w[k] * e[k];
      out[o + 2] += dva;
      out[o + 3] += dva - ref;
      out[o + 4] += ref;
      out[o + 5] += w[k] * d[k];
      out[o + 6] += fm[k] * e[k];
      out[o + 7] += fm[k] * (e[k] - d[k]);
      out[o + 8] += fm[k] * d[k];
    }
  }
}
