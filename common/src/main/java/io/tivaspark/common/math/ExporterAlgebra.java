package io.tivaspark.common.math;

import io.tivaspark.common.model.InvalidInputException;
import java.util.Arrays;

/**
 * The per-exporter quantities of the gvc decompositions (docs/methods.md §4; docs/methods.md §4–§6; the block algebra in
 * {@link Decompositions}): for an exporting economy S (m rows) the vectors of the economy, the
 * solves on L_SS and B_SS, the O(nm) passes over B_·S, the extraction terms of Borin–Mancini and
 * the KWW terms that need no partner loop. Each unit takes its inputs explicitly and returns a
 * record. Contiguous rows (every country; a group whose members are adjacent) use BLAS on the
 * blocks in place (offset s0, leading dimension n); otherwise Java loops over the row list (same
 * results up to summation order).
 */
final class ExporterAlgebra {
  private ExporterAlgebra() {}

  /**
   * Vectors of the exporter S, O(n·G) and O(m·G).
   *
   * @param inS whether each row belongs to S
   * @param yToS Σ_{c∈S} Y_·c (n)
   * @param p4 B Σ_{c∈S} Y_·c (n)
   * @param t6 B_rr Y_rS (n; r the row's country)
   * @param ws Σ_{t∈S} v_t B_t· (n)
   * @param eS exports of each row of S to non-members (m)
   * @param fm Σ_{t∉S} v_t B_tk (m)
   * @param vS v on S (m)
   * @param yss Y_SS 1 (m)
   * @param yExpS Y_{S,¬S} 1 (m)
   */
  record Vectors(boolean[] inS, double[] yToS, double[] p4, double[] t6, double[] ws, double[] eS, double[] fm,
      double[] vS, double[] yss, double[] yExpS) {

    static Vectors of(YearSystem sys, GvcYear yr, YearSystem.Economy eco) {
      int n = sys.n();
      int g = sys.g();
      double[] y = sys.y();
      boolean[] mem = eco.member();
      boolean[] inS = new boolean[n];
      for (int k : eco.rows()) {
        inS[k] = true;
      }
      double[] yToS = new double[n];
      double[] p4 = new double[n];
      double[] t6 = new double[n];
      double[] ws = new double[n];
      double[] by = yr.by();
      double[] brrY = yr.brrY();
      for (int c = 0; c < g; c++) {
        if (!mem[c]) {
          continue;
        }
        int o = c * n;
        for (int j = 0; j < n; j++) {
          yToS[j] += y[j + o];
          p4[j] += by[j + o];
          t6[j] += brrY[j + o];
        }
      }
      double[] vbc = yr.vbc();
      for (int j = 0; j < n; j++) {
        double sum = 0;
        int vo = j * g;
        for (int t = 0; t < g; t++) {
          if (mem[t]) {
            sum += vbc[vo + t];
          }
        }
        ws[j] = sum;
      }
      return onRows(sys, yr, eco, inS, yToS, p4, t6, ws);
    }

    /** The m-vectors on S's rows. */
    private static Vectors onRows(YearSystem sys, GvcYear yr, YearSystem.Economy eco, boolean[] inS, double[] yToS,
        double[] p4, double[] t6, double[] ws) {
      int n = sys.n();
      int g = sys.g();
      int[] rows = eco.rows();
      boolean[] mem = eco.member();
      int m = rows.length;
      double[] y = sys.y();
      double[] yTot = sys.yTot();
      double[] zRow = sys.zRow();
      double[] v = sys.v();
      double[] zc = yr.zc();
      double[] vbc = yr.vbc();
      double[] eS = new double[m];
      double[] fm = new double[m];
      double[] vS = new double[m];
      double[] yss = new double[m];
      double[] yExpS = new double[m];
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        double dom = 0;
        for (int c = 0; c < g; c++) {
          if (mem[c]) {
            dom += zc[k + c * n] + y[k + c * n];
          }
        }
        eS[kk] = zRow[k] + yTot[k] - dom;
        double f = 0;
        int vo = k * g;
        for (int t = 0; t < g; t++) {
          if (!mem[t]) {
            f += vbc[vo + t];
          }
        }
        fm[kk] = f;
        vS[kk] = v[k];
        yss[kk] = yToS[k];
        yExpS[kk] = yTot[k] - yToS[k];
      }
      return new Vectors(inS, yToS, p4, t6, ws, eS, fm, vS, yss, yExpS);
    }
  }

  /**
   * Solves on the LUs of I − A_SS and of B_SS (2·2m³/3), in one hop to the LAPACK thread (a hop is
   * a thread hand-off).
   *
   * @param u v_S L_SS (m)
   * @param lYss L_SS Y_SS 1 (m)
   * @param lE L_SS e_S (m)
   * @param h fm_S B_SS⁻¹ L_SS: BM's FVA multiplier Σ_{t∉S} v_t B^(S)_tS (m)
   * @param luB the LU of B_SS (for the extraction)
   */
  record LocalSolves(double[] u, double[] lYss, double[] lE, double[] h, Lapack.Lu luB) {

    static LocalSolves of(YearSystem sys, YearSystem.Economy eco, Vectors ev) {
      int n = sys.n();
      int[] rows = eco.rows();
      int m = rows.length;
      return Lapack.onLapackThread(() -> {
        Lapack.Lu luL = lu(sys, IoMath.identityMinus(IoMath.block(sys.a(), n, rows), m), m, "I − A_ss", eco.code());
        Lapack.Lu luB = lu(sys, IoMath.block(sys.b(), n, rows), m, "B_ss", eco.code());
        double[] u0 = luL.solve(ev.vS(), 1, true); // v_S L_SS
        double[] rhs = new double[2 * m];
        System.arraycopy(ev.yss(), 0, rhs, 0, m);
        System.arraycopy(ev.eS(), 0, rhs, m, m);
        luL.solveInPlace(rhs, 2, false); // L_SS Y_ss, L_SS e_S
        double[] h0 = luL.solveInPlace(luB.solve(ev.fm(), 1, true), 1, true); // fm_S B_SS⁻¹ L_SS
        return new LocalSolves(u0, Arrays.copyOfRange(rhs, 0, m), Arrays.copyOfRange(rhs, m, 2 * m), h0, luB);
      });
    }

    private static Lapack.Lu lu(YearSystem sys, double[] matrix, int m, String what, String eco) {
      try {
        return sys.lapack().lu(matrix, m, true);
      } catch (Lapack.SingularMatrixException e) {
        throw new InvalidInputException("intermediate/", sys.year().year(), eco,
            what + " is singular for " + eco + " (LAPACK dgetrf pivot " + e.pivot() + ")", e);
      }
    }
  }

  /**
   * The O(nm) passes over A_S· and B_·S of the exporter.
   *
   * @param d (v_S L_SS A_S¬) B_¬S = v_S (B_SS − L_SS) on S (m)
   * @param bYall B_·S (Y1)_S (n)
   * @param bYToS B_·S (Σ_{c∈S} Y_·c)_S (n)
   * @param bYd B_·S y^D_S (n)
   */
  record BlockPasses(double[] d, double[] bYall, double[] bYToS, double[] bYd) {

    /** s0 = the first row of S when its rows are contiguous and BLAS is used, else −1. */
    static BlockPasses of(YearSystem sys, GvcYear yr, YearSystem.Economy eco, Vectors ev, double[] u, int s0) {
      int n = sys.n();
      int[] rows = eco.rows();
      int m = rows.length;
      if (s0 < 0) {
        return javaPasses(sys, yr, rows, ev, u);
      }
      double[] qv = new double[n];
      double[] d = new double[m];
      double[] bYall = new double[n];
      double[] bYToS = new double[n];
      double[] bYd = new double[n];
      double[] c3 = new double[3 * m];
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        c3[kk] = sys.yTot()[k];
        c3[kk + m] = ev.yToS()[k];
        c3[kk + 2 * m] = yr.ydiag()[k];
      }
      Lapack lapack = sys.lapack();
      double[] a = sys.a();
      double[] b = sys.b();
      Lapack.onLapackThread(() -> {
        lapack.dgemv(true, m, n, 1.0, a, s0, n, u, 0.0, qv); // qv = A_S·' u
        Arrays.fill(qv, s0, s0 + m, 0.0); // only c ∉ S
        lapack.dgemv(true, n, m, 1.0, b, s0 * n, n, qv, 0.0, d); // d = B_·S' qv
        double[] p3 = new double[3 * n];
        lapack.dgemm(false, false, n, 3, m, 1.0, b, s0 * n, n, c3, 0, m, 0.0, p3, 0, n);
        System.arraycopy(p3, 0, bYall, 0, n);
        System.arraycopy(p3, n, bYToS, 0, n);
        System.arraycopy(p3, 2 * n, bYd, 0, n);
        return null;
      });
      return new BlockPasses(d, bYall, bYToS, bYd);
    }

    /** Java version of the d and B_·S·[yTot, yToS, ydiag] passes (rows in any order). */
    private static BlockPasses javaPasses(YearSystem sys, GvcYear yr, int[] rows, Vectors ev, double[] u) {
      int n = sys.n();
      int m = rows.length;
      double[] b = sys.b();
      double[] qv = new double[n];
      double[] d = new double[m];
      double[] bYall = new double[n];
      double[] bYToS = new double[n];
      double[] bYd = new double[n];
      sys.offEconomyChain(rows, ev.inS(), u, qv, d);
      double[] yTot = sys.yTot();
      double[] yToS = ev.yToS();
      double[] ydiag = yr.ydiag();
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        int off = k * n;
        double c1 = yTot[k];
        double c2 = yToS[k];
        double c3 = ydiag[k];
        for (int j = 0; j < n; j++) {
          double bv = b[off + j];
          bYall[j] += bv * c1;
          bYToS[j] += bv * c2;
          bYd[j] += bv * c3;
        }
      }
      return new BlockPasses(d, bYall, bYToS, bYd);
    }
  }

  /**
   * The extraction terms of Borin–Mancini: with c̄1 = Σ_{c∉S} Y_·c off S and c̄2 = Y_·S off S,
   * bc1 = B c̄1, bc2 = B c̄2, and corr = B_·S B_SS⁻¹ [−(B c̄1)_S | L_SS Y_SS − (B c̄2)_S | L_SS e_S]
   * (n×3), so that B^(S) c̄ = B c̄ + corr column (docs/methods.md §4; docs/methods.md §6; block algebra in
   * {@link Decompositions}).
   */
  record Extraction(double[] bc1, double[] bc2, double[] corr) {

    static Extraction of(YearSystem sys, int[] rows, int s0, Vectors ev, LocalSolves ls, BlockPasses bp) {
      int n = sys.n();
      int m = rows.length;
      double[] x = sys.x();
      double[] p4 = ev.p4();
      double[] bYall = bp.bYall();
      double[] bYToS = bp.bYToS();
      double[] bc1 = new double[n];
      double[] bc2 = new double[n];
      for (int j = 0; j < n; j++) {
        bc1[j] = x[j] - p4[j] - (bYall[j] - bYToS[j]);
        bc2[j] = p4[j] - bYToS[j];
      }
      double[] r3 = new double[3 * m];
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        r3[kk] = -bc1[k];
        r3[kk + m] = ls.lYss()[kk] - bc2[k];
        r3[kk + 2 * m] = ls.lE()[kk];
      }
      double[] corr = new double[3 * n];
      Lapack.Lu luB = ls.luB();
      double[] b = sys.b();
      if (s0 >= 0) {
        Lapack.onLapackThread(() -> {
          luB.solveInPlace(r3, 3, false);
          sys.lapack().dgemm(false, false, n, 3, m, 1.0, b, s0 * n, n, r3, 0, m, 0.0, corr, 0, n);
          return null;
        });
        return new Extraction(bc1, bc2, corr);
      }
      luB.solveInPlace(r3, 3, false);
      for (int kk = 0; kk < m; kk++) {
        int off = rows[kk] * n;
        double t1 = r3[kk];
        double t2 = r3[kk + m];
        double t3 = r3[kk + 2 * m];
        for (int j = 0; j < n; j++) {
          double bv = b[off + j];
          corr[j] += bv * t1;
          corr[j + n] += bv * t2;
          corr[j + 2 * n] += bv * t3;
        }
      }
      return new Extraction(bc1, bc2, corr);
    }
  }

  /**
   * The exporter-level sums that need no partner loop (docs/methods.md §4; docs/methods.md §4): KWW terms 1–7 (term 5 =
   * ws_¬ A_¬S (L_SS Y_SS), term 6 = ws_¬ A_¬S (L_SS e_S), ws = Σ_{t∈S} v_t B_t·), gross exports
   * EXGR = Σ e_S, domestic content dc = ws_S·e_S, foreign content fc = fm·e_S, vLe = v_S·(L_SS e_S)
   * (check B6) and uYss = v_S L_SS Y_SS (check K5).
   */
  record DirectTerms(double kww1, double kww2, double kww3, double kww4, double kww5, double kww6, double kww7,
      double exgr, double dc, double fc, double vLe, double uYss) {

    static DirectTerms of(YearSystem sys, GvcYear yr, int[] rows, int s0, Vectors ev, LocalSolves ls) {
      int n = sys.n();
      int m = rows.length;
      double[] ws = ev.ws();
      double[] wsA = wsTimesA(sys, rows, s0, ev); // ws_¬ A_¬S
      double kww5 = 0;
      double kww6 = 0;
      for (int kk = 0; kk < m; kk++) {
        kww5 += wsA[kk] * ls.lYss()[kk];
        kww6 += wsA[kk] * ls.lE()[kk];
      }
      double kww2 = 0;
      double kww3 = 0;
      double kww4 = 0;
      double[] ydiag = yr.ydiag();
      double[] yToS = ev.yToS();
      double[] yTot = sys.yTot();
      boolean[] inS = ev.inS();
      for (int j = 0; j < n; j++) {
        if (inS[j]) {
          continue;
        }
        kww2 += ws[j] * ydiag[j];
        kww3 += ws[j] * (yTot[j] - ydiag[j] - yToS[j]);
        kww4 += ws[j] * yToS[j];
      }
      double kww1 = 0;
      double kww7 = 0;
      double exgrS = 0;
      double dcS = 0;
      double fcS = 0;
      double vLe = 0;
      double uYss = 0;
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        kww1 += ws[k] * ev.yExpS()[kk];
        kww7 += ev.fm()[kk] * ev.yExpS()[kk];
        exgrS += ev.eS()[kk];
        dcS += ws[k] * ev.eS()[kk];
        fcS += ev.fm()[kk] * ev.eS()[kk];
        vLe += ev.vS()[kk] * ls.lE()[kk];
        uYss += ls.u()[kk] * ev.yss()[kk];
      }
      return new DirectTerms(kww1, kww2, kww3, kww4, kww5, kww6, kww7, exgrS, dcS, fcS, vLe, uYss);
    }

    /** ws_¬ A_¬S (m): one dgemv on the block when contiguous, else a Java pass. */
    private static double[] wsTimesA(YearSystem sys, int[] rows, int s0, Vectors ev) {
      int n = sys.n();
      int m = rows.length;
      double[] a = sys.a();
      double[] wsA = new double[m];
      if (s0 >= 0) {
        double[] wsm = ev.ws().clone();
        Arrays.fill(wsm, s0, s0 + m, 0.0);
        sys.lapack().dgemv(true, n, m, 1.0, a, s0 * n, n, wsm, 0.0, wsA);
        return wsA;
      }
      boolean[] inS = ev.inS();
      double[] ws = ev.ws();
      for (int kk = 0; kk < m; kk++) {
        int off = rows[kk] * n;
        double acc = 0;
        for (int j = 0; j < n; j++) {
          if (!inS[j]) {
            acc += ws[j] * a[off + j];
          }
        }
        wsA[kk] = acc;
      }
      return wsA;
    }
  }

  /**
   * Where the exporter's value added is absorbed, from the B·Y dgemm: home = v_S (B Y_·c)_S summed
   * over c ∈ S, abroad = FFD_DVA = the same over c ∉ S (the dgemm columns, not x − B Y_·S).
   */
  record Absorbed(double home, double abroad) {

    static Absorbed of(YearSystem sys, GvcYear yr, YearSystem.Economy eco) {
      int n = sys.n();
      int[] rows = eco.rows();
      double[] v = sys.v();
      double[] by = yr.by();
      double dfdS = 0;
      double ffdS = 0;
      for (int c = 0; c < sys.g(); c++) {
        double acc2 = 0;
        for (int kk = 0; kk < rows.length; kk++) {
          acc2 += v[rows[kk]] * by[rows[kk] + c * n];
        }
        if (eco.member()[c]) {
          dfdS += acc2;
        } else {
          ffdS += acc2;
        }
      }
      return new Absorbed(dfdS, ffdS);
    }
  }
}
