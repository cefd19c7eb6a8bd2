package io.tivaspark.common.math;

import java.util.Arrays;

/**
 * The terms of WWZ, BM source and BM sink per (exporting industry, partner) of one exporter S
 * (docs/methods.md §4; docs/methods.md §5–§6): A_S,r times 14 vectors on the partner's rows for every partner r ∉ S,
 * 28·m·(n − m) flops, then the terms per row of S. Also KWW terms 8 and 9 (FVA_INT, FDC), which
 * come out of the same loop.
 *
 * @param out the terms, slot (industry i, partner r, term q) at (i·G + r)·NSLOT + q
 * @param kww8 Σ_r fm·(A_Sr L_rr y^D_r) (KWW FVA_INT)
 * @param kww9 Σ_r fm·(A_Sr L_rr e^C_r) (KWW FDC)
 */
record PartnerTerms(double[] out, double kww8, double kww9) {
  // indices of the per-(s, r) vectors multiplied by A_sr
  static final int T2 = 0;
  static final int T3 = 1;
  static final int T4 = 2;
  static final int T5 = 3;
  static final int T6 = 4;
  static final int T7 = 5;
  static final int T8 = 6;
  static final int T9 = 7;
  static final int LY = 8;
  static final int LE = 9;
  static final int P4 = 10;
  static final int G1 = 11;
  static final int G2 = 12;
  static final int BETA = 13;
  static final int NV = 14;

  // result slots per (industry, partner)
  static final int W0 = 0; // 16 WWZ terms: W0..W0+15
  static final int SRC = 16; // 13 BM source terms in BM_SOURCE_TERMS order
  static final int SNK = SRC + 13; // 9 BM sink terms in BM_SINK_TERMS order
  static final int NSLOT = SNK + 9;

  private static final int[] NO_ROWS = new int[0];

  /** Everything the loop reads about the exporter. */
  record Exporter(YearSystem.Economy eco, int s0, ExporterAlgebra.Vectors ev, ExporterAlgebra.LocalSolves ls,
      ExporterAlgebra.BlockPasses bp, ExporterAlgebra.Extraction ext) {}

  /** The partner loop on the 14 vectors {@code tv} of {@link #partnerVectors}. */
  static PartnerTerms of(YearSystem sys, GvcYear yr, Exporter ex, double[] tv) {
    int n = sys.n();
    int g = sys.g();
    int m = ex.eco().rows().length;
    boolean[] mem = ex.eco().member();
    double[] out = new double[NSLOT * sys.nInd() * g];
    double[] acc = new double[m * NV];
    double[] kww89 = new double[2];
    // contiguous exporter and partner blocks: acc_r (NV×m) = tv_·R A_S,R' as one small dgemm per
    // partner, all partners in one hop; accAll holds them side by side (NV·m·G doubles)
    double[] accAll = ex.s0() >= 0 ? partnerProducts(sys, yr, ex.s0(), m, mem, tv) : null;
    double[] a = sys.a();
    int[] rows = ex.eco().rows();
    for (int r = 0; r < g; r++) {
      if (mem[r]) {
        continue;
      }
      boolean blas = accAll != null && yr.rowStart()[r] >= 0;
      if (blas) {
        System.arraycopy(accAll, r * NV * m, acc, 0, NV * m);
      } else {
        Arrays.fill(acc, 0.0);
      }
      for (int j : blas ? NO_ROWS : yr.rowsOf()[r]) {
        int off = j * n;
        int o = j * NV;
        for (int kk = 0; kk < m; kk++) {
          double aj = a[off + rows[kk]];
          if (aj == 0) {
            continue;
          }
          int ao = kk * NV;
          for (int q = 0; q < NV; q++) {
            acc[ao + q] += aj * tv[o + q];
          }
        }
      }
      addPartner(sys, yr, ex, r, acc, out, kww89);
    }
    return new PartnerTerms(out, kww89[0], kww89[1]);
  }

  /**
   * The 14 vectors on the rows of the partners (rows ∉ S), vector-major per row (NV×n): the WWZ
   * chains T2..T9, L_rr y^D, L_rr e^C, B Y_·S, the sink's γ1 = B^(S)Ŷ_¬S, γ2 = B^(S) Y_·S and
   * β = B^(S)_·S e_S.
   */
  static double[] partnerVectors(YearSystem sys, GvcYear yr, Exporter ex) {
    int n = sys.n();
    double[] x = sys.x();
    double[] p4 = ex.ev().p4();
    double[] t6 = ex.ev().t6();
    double[] bYall = ex.bp().bYall();
    double[] bYToS = ex.bp().bYToS();
    double[] bYd = ex.bp().bYd();
    double[] corr = ex.ext().corr();
    double[] bc1 = ex.ext().bc1();
    double[] bc2 = ex.ext().bc2();
    double[] brrYd = yr.brrYd();
    double[] brrYall = yr.brrYall();
    double[] bydiag = yr.bydiag();
    double[] ly = yr.ly();
    double[] le = yr.le();
    boolean[] inS = ex.ev().inS();
    double[] tv = new double[NV * n];
    for (int j = 0; j < n; j++) {
      if (inS[j]) {
        continue;
      }
      double t2 = brrYd[j];
      double t6j = t6[j];
      double t4 = brrYall[j] - t2 - t6j;
      int o = j * NV;
      tv[o + T2] = t2;
      tv[o + T3] = bydiag[j] - t2 - bYd[j];
      tv[o + T4] = t4;
      tv[o + T5] = x[j] - bydiag[j] - p4[j] - (bYall[j] - bYd[j] - bYToS[j]) - t4;
      tv[o + T6] = t6j;
      tv[o + T7] = p4[j] - t6j - bYToS[j];
      tv[o + T8] = bYToS[j];
      tv[o + T9] = bYall[j] - bYToS[j];
      tv[o + LY] = ly[j];
      tv[o + LE] = le[j];
      tv[o + P4] = p4[j];
      tv[o + G1] = bc1[j] + corr[j];
      tv[o + G2] = bc2[j] + corr[j + n];
      tv[o + BETA] = corr[j + 2 * n];
    }
    return tv;
  }

  /** acc_r = tv_·R A_S,R' (NV×m) for every non-member partner r with contiguous rows, side by side. */
  static double[] partnerProducts(YearSystem sys, GvcYear yr, int s0, int m, boolean[] mem, double[] tv) {
    int n = sys.n();
    int g = sys.g();
    double[] a = sys.a();
    Lapack lapack = sys.lapack();
    double[] all = new double[NV * m * g];
    Lapack.onLapackThread(() -> {
      for (int r = 0; r < g; r++) {
        int r0 = yr.rowStart()[r];
        if (mem[r] || r0 < 0) {
          continue;
        }
        int mr = yr.rowsOf()[r].length;
        lapack.dgemm(false, true, NV, m, mr, 1.0, tv, r0 * NV, NV, a, s0 + r0 * n, n, 0.0, all, r * NV * m, NV);
      }
      return null;
    });
    return all;
  }

  /**
   * Adds partner r's terms to {@code out} and its KWW 8, 9 parts to {@code kww89}, from acc =
   * A_S,r times the 14 vectors (NV×m). One loop over S's rows: WWZ's 16 terms, BM source's 13 and
   * BM sink's 9 share the row's multipliers w (= ws_k), u, d, fm, the origin multiplier of r and h.
   * Kept as one loop of ~70 lines: it is the innermost loop of the family, and splitting it would
   * pass 12 scalars per row.
   */
  private static void addPartner(YearSystem sys, GvcYear yr, Exporter ex, int r, double[] acc, double[] out,
      double[] kww89) {
    int n = sys.n();
    int g = sys.g();
    int[] rows = ex.eco().rows();
    int[] ind = sys.ind();
    double[] y = sys.y();
    double[] zc = yr.zc();
    double[] vbc = yr.vbc();
    double[] ws = ex.ev().ws();
    double[] u = ex.ls().u();
    double[] d = ex.bp().d();
    double[] fm = ex.ev().fm();
    double[] h = ex.ls().h();
    double kww8 = kww89[0];
    double kww9 = kww89[1];
    for (int kk = 0; kk < rows.length; kk++) {
      int k = rows[kk];
      int ao = kk * NV;
      double ysr = y[k + r * n];
      double ax = zc[k + r * n];
      double e = ysr + ax;
      double w = ws[k];
      double uu = u[kk];
      double dd = d[kk];
      double f = fm[kk];
      double mr = vbc[r + k * g];
      double ov = f - mr;
      double hh = h[kk];
      int base = (ind[k] * g + r) * NSLOT;
      // WWZ
      out[base + W0] += w * ysr;
      out[base + W0 + 1] += uu * acc[ao + T2];
      out[base + W0 + 2] += uu * acc[ao + T3];
      out[base + W0 + 3] += uu * acc[ao + T4];
      out[base + W0 + 4] += uu * acc[ao + T5];
      out[base + W0 + 5] += uu * acc[ao + T6];
      out[base + W0 + 6] += uu * acc[ao + T7];
      out[base + W0 + 7] += uu * acc[ao + T8];
      out[base + W0 + 8] += uu * acc[ao + T9];
      out[base + W0 + 9] += dd * ax;
      out[base + W0 + 10] += mr * ysr;
      out[base + W0 + 11] += mr * acc[ao + LY];
      out[base + W0 + 12] += mr * acc[ao + LE];
      out[base + W0 + 13] += ov * ysr;
      out[base + W0 + 14] += ov * acc[ao + LY];
      out[base + W0 + 15] += ov * acc[ao + LE];
      // BM source: EXGR, DC, DVA, VAX, DAVAX, REF, DDC, FC, FVA, FDC, GVC, GVCB, GVCF
      double davax = uu * (ysr + acc[ao + LY]);
      double dva = uu * e;
      double ddc = dd * e;
      double fc = f * e;
      out[base + SRC] += e;
      out[base + SRC + 1] += w * e;
      out[base + SRC + 2] += dva;
      out[base + SRC + 3] += uu * (ysr + ax - acc[ao + P4]);
      out[base + SRC + 4] += davax;
      out[base + SRC + 5] += uu * acc[ao + P4];
      out[base + SRC + 6] += ddc;
      out[base + SRC + 7] += fc;
      out[base + SRC + 8] += hh * e;
      out[base + SRC + 9] += (f - hh) * e;
      out[base + SRC + 10] += e - davax;
      out[base + SRC + 11] += ddc + fc;
      out[base + SRC + 12] += dva - davax;
      // BM sink: EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC
      double vax = w * (ysr + acc[ao + G1]);
      double ref = w * acc[ao + G2];
      double fdc = f * acc[ao + BETA];
      out[base + SNK] += e;
      out[base + SNK + 1] += w * e;
      out[base + SNK + 2] += vax + ref;
      out[base + SNK + 3] += vax;
      out[base + SNK + 4] += ref;
      out[base + SNK + 5] += w * acc[ao + BETA];
      out[base + SNK + 6] += fc;
      out[base + SNK + 7] += fc - fdc;
      out[base + SNK + 8] += fdc;
      kww8 += f * acc[ao + LY];
      kww9 += f * acc[ao + LE];
    }
    kww89[0] = kww8;
    kww89[1] = kww9;
  }
}
