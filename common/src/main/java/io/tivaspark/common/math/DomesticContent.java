package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;
import io.tivaspark.common.model.InvalidInputException;

/**
 * The split of the domestic VA in s's exports by where it was created (docs/methods.md §3.2; catalog
 * codes EXGR_DDC, EXGR_IDC, EXGR_RIM), with the local inverse L_ss = (I − A_ss)⁻¹ of s:
 * DDC_i = Σ_{j∈s, ind i} Σ_{k∈s, ind(k)=i} v_k (L_ss)_kj e_j, IDC_i the same over ind(k) ≠ i, and
 * RIM_i = Σ_{j∈s, ind i} (v_s (B_ss − L_ss))_j e_j, computed independently of B_ss through
 * B_ss − L_ss = L_ss A_{s,¬s} B_{¬s,s} (so T2, DVA = DDC + IDC + RIM, is a real check).
 *
 * <p>The same LU also gives {@link #localOutput}: L_ss e_s and L_ss y^D_s, the output of s needed,
 * through domestic linkages only, for its exports and for its own final demand (x_s is their sum
 * when x = Z1 + y); {@link ReexportedImports} multiplies them by the import coefficients.
 *
 * <p>Cost: L_ss only through one LU of I − A_ss (2m³/3), N transposed solves (2m²N) and two plain
 * solves (4m²); the chain O(n·m) ({@link YearSystem#offEconomyChain}).
 *
 * @param ddc EXGR_DDC by exporting industry
 * @param idc EXGR_IDC by exporting industry
 * @param rim EXGR_RIM by exporting industry
 * @param localOutput m×2 column-major, rows of s in {@code rows} order: column 0 = L_ss e_s,
 *     column 1 = L_ss y^D_s with y^D_j = Σ_{r∈s} Y_{j r} (final demand of s for row j)
 */
record DomesticContent(double[] ddc, double[] idc, double[] rim, double[] localOutput) {

  static DomesticContent of(YearSystem sys, Economy eco, boolean[] inEco, double[] eRow) {
    int nn = sys.nInd();
    int[] rows = eco.rows();
    int m = rows.length;
    int[] ind = sys.ind();
    double[] lo = localOutputRhs(sys, eco, eRow);
    double[] u = localSolves(sys, eco, lo);
    double[] uL = new double[m];
    double[] ddc = new double[nn];
    double[] idc = new double[nn];
    for (int jj = 0; jj < m; jj++) {
      int ij = ind[rows[jj]];
      double all = 0;
      for (int i = 0; i < nn; i++) {
        all += u[jj + i * m];
      }
      double same = u[jj + ij * m];
      uL[jj] = all;
      ddc[ij] += same * eRow[jj];
      idc[ij] += (all - same) * eRow[jj];
    }
    // q_c = Σ_{k∈s} uL_k A_kc for c ∉ s; RIM_j = Σ_{c∉s} q_c B_cj e_j  (B_ss − L_ss = L_ss A_s,¬s B_¬s,s)
    double[] qv = new double[sys.n()];
    double[] qb = new double[m];
    sys.offEconomyChain(rows, inEco, uL, qv, qb);
    double[] rim = new double[nn];
    for (int jj = 0; jj < m; jj++) {
      rim[ind[rows[jj]]] += qb[jj] * eRow[jj];
    }
    return new DomesticContent(ddc, idc, rim, lo);
  }

  /** [e_s | y^D_s] (m×2): the right-hand sides of {@link #localOutput}, solved in place by {@link #localSolves}. */
  private static double[] localOutputRhs(YearSystem sys, Economy eco, double[] eRow) {
    int[] rows = eco.rows();
    int m = rows.length;
    int n = sys.n();
    boolean[] mem = eco.member();
    double[] y = sys.y();
    double[] rhs = new double[2 * m];
    for (int q = 0; q < m; q++) {
      rhs[q] = eRow[q];
      for (int r = 0; r < mem.length; r++) {
        if (mem[r]) {
          rhs[m + q] += y[rows[q] + r * n];
        }
      }
    }
    return rhs;
  }

  /**
   * U = L_ss' V (m×N), V column i = v on the rows of industry i: U[j, i] = Σ_{k∈s: ind(k)=i} v_k (L_ss)_kj,
   * returned; and {@code rhs} (m×2) overwritten by L_ss·rhs. One LU of I − A_ss, N transposed and two
   * plain solves, in ONE hop to the LAPACK thread (a hop is a thread hand-off, which on a busy machine
   * costs far more than these small factorisations).
   */
  private static double[] localSolves(YearSystem sys, Economy eco, double[] rhs) {
    int[] rows = eco.rows();
    int m = rows.length;
    int nn = sys.nInd();
    double[] u = new double[m * nn];
    for (int kk = 0; kk < m; kk++) {
      u[kk + sys.ind()[rows[kk]] * m] = sys.v()[rows[kk]];
    }
    try {
      Lapack.onLapackThread(() -> {
        Lapack.Lu lu = sys.lapack().lu(IoMath.identityMinus(IoMath.block(sys.a(), sys.n(), rows), m), m, true);
        lu.solveInPlace(rhs, 2, false);
        return lu.solveInPlace(u, nn, true);
      });
    } catch (Lapack.SingularMatrixException ex) {
      int k = ex.pivot() - 1;
      throw new InvalidInputException("intermediate/", sys.year().year(),
          eco.code() + (k >= 0 && k < m ? " " + sys.label(rows[k]) : ""),
          "I − A_ss is singular for " + eco.code() + " (LAPACK dgetrf pivot " + ex.pivot() + ")", ex);
    }
    return u;
  }
}
