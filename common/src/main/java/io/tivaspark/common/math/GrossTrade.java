package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;

/**
 * Output, value added and gross trade of one economy s (docs/methods.md §3.1; catalog codes PROD, VALU,
 * PROD_VASH, EXGR, EXGR_INT, EXGR_FNL, EXGRpSH, IMGR, IMGR_INT, IMGR_FNL, IMGRpSH, BALGR, BALGR_INT,
 * BALGR_FNL). Arrays by industry i (N) or by industry and partner, index i·G + r; partners inside s stay
 * 0. O(n·G).
 *
 * @param prod x summed over the rows of s of each industry
 * @param valu va likewise
 * @param exInt EXGR_INT_{s,r,i} = Σ_{j∈s, ind i} Zc_{j r} (r ∉ s)
 * @param exFnl EXGR_FNL_{s,r,i} = Σ_{j∈s, ind i} Y_{j r}
 * @param eRow e_j of each row of s (in {@code rows} order): x-side sales Z_j·1 + Y_j·1 minus the sales to s
 * @param exW Σ_{j∈s, ind i} e_j (exports to every partner, computed from the row totals)
 * @param imInt IMGR_INT_{s,r,i} = Σ_{j∈r, ind i} Zc_{j s} (i = the partner's industry)
 * @param imFnl IMGR_FNL_{s,r,i} = Σ_{j∈r, ind i} Y_{j s}
 * @param salesToEco E_{j s} = Zc_{j s} + Y_{j s} of every row j outside s (0 on s): IMGR_DVA's weights
 * @param exgrI EXGR_{s,WLD,i} = Σ_{r∉s} (exInt + exFnl)
 * @param exgrR EXGR_{s,r,_T} = Σ_i (exInt + exFnl)
 * @param imgrI IMGR_{s,WLD,i}
 * @param imgrR IMGR_{s,r,_T}
 */
record GrossTrade(double[] prod, double[] valu, double[] exInt, double[] exFnl, double[] eRow, double[] exW,
    double[] imInt, double[] imFnl, double[] salesToEco, double[] exgrI, double[] exgrR, double[] imgrI, double[] imgrR) {

  /** EXGR_{s,WLD,_T}. */
  double exgrT() { return Codes.sum(exgrI); }
  /** IMGR_{s,WLD,_T}. */
  double imgrT() { return Codes.sum(imgrI); }
  /** Σ_j∈s e_j: the denominator of the participation shares. */
  double exTotRow() { return Codes.sum(exW); }
  /** PROD_{s,_T}. */
  double prodT() { return Codes.sum(prod); }
  /** VALU_{s,_T}. */
  double valuT() { return Codes.sum(valu); }

  static GrossTrade of(YearSystem sys, Economy eco, boolean[] inEco) {
    int n = sys.n();
    int g = sys.g();
    int nn = sys.nInd();
    int[] rows = eco.rows();
    boolean[] mem = eco.member();
    int[] ind = sys.ind();
    double[] zc = sys.zc();
    double[] y = sys.y();
    double[] prod = new double[nn];
    double[] valu = new double[nn];
    double[] exInt = new double[nn * g];
    double[] exFnl = new double[nn * g];
    double[] eRow = new double[rows.length];
    double[] exW = new double[nn];
    for (int q = 0; q < rows.length; q++) {
      int j = rows[q];
      int i = ind[j];
      prod[i] += sys.x()[j];
      valu[i] += sys.va()[j];
      double dom = 0;
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          dom += zc[j + r * n] + y[j + r * n];
        }
      }
      double ej = sys.zRow()[j] + sys.yTot()[j] - dom;
      eRow[q] = ej;
      for (int r = 0; r < g; r++) {
        if (!mem[r]) {
          exInt[i * g + r] += zc[j + r * n];
          exFnl[i * g + r] += y[j + r * n];
        }
      }
      exW[i] += ej;
    }
    double[] imInt = new double[nn * g];
    double[] imFnl = new double[nn * g];
    double[] salesToEco = imports(sys, mem, inEco, imInt, imFnl);
    double[][] ex = PartnerSums.totals(exInt, exFnl, mem, nn, g);
    double[][] im = PartnerSums.totals(imInt, imFnl, mem, nn, g);
    return new GrossTrade(prod, valu, exInt, exFnl, eRow, exW, imInt, imFnl, salesToEco, ex[0], ex[1], im[0], im[1]);
  }

  /** Imports of s from each partner, by the partner's industry: rows j ∉ s, their sales to s (returned by row). */
  private static double[] imports(YearSystem sys, boolean[] mem, boolean[] inEco, double[] imInt, double[] imFnl) {
    int n = sys.n();
    int g = sys.g();
    double[] zc = sys.zc();
    double[] y = sys.y();
    double[] sales = new double[n];
    for (int j = 0; j < n; j++) {
      if (inEco[j]) {
        continue;
      }
      double ei = 0;
      double efn = 0;
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          ei += zc[j + r * n];
          efn += y[j + r * n];
        }
      }
      int idx = sys.ind()[j] * g + sys.cty()[j];
      imInt[idx] += ei;
      imFnl[idx] += efn;
      sales[j] = ei + efn;
    }
    return sales;
  }
}
