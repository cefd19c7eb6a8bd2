package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;

/**
 * Domestic and foreign value added in the gross exports of economy s (docs/methods.md §3.2; catalog
 * codes EXGR_DVA, EXGR_FVA, EXGR_DVASH, EXGR_FVASH, EXGR_TDVAIND, EXGR_TFVAIND, EXGR_INT_DVA,
 * EXGR_INTDVASH, EXGR_INTDVApSH, EXGR_FNLDVASH, EXGR_DVApSH, DEXFVApSH, EXGR_SERV_DVA, EXGR_SERV_FVA,
 * EXGR_SERV_DVASH, EXGR_SERV_FVASH). With
 * w_j = Σ_{t∈s} vbc[t, j] and f_j = Σ_{t∉s} vbc[t, j] ({@link YearSystem#originMultipliers()}),
 * for rows j of s: EXGR_DVA_{s,r,i} = Σ w_j E_{j r}, EXGR_FVA likewise with f_j. O(m·G).
 *
 * @param dva EXGR_DVA by industry × partner (i·G + r)
 * @param fva EXGR_FVA by industry × partner
 * @param dvaW Σ w_j e_j by industry (partner WLD, from the row totals e_j)
 * @param fvaW Σ f_j e_j by industry
 * @param intDva EXGR_INT_DVA_{s,r,i} = Σ_{j∈s, ind i} w_j Zc_{j r} by industry × partner (i·G + r)
 * @param fnlDva Σ w_j Σ_{r∉s} Y_{j r} by industry (EXGR_FNLDVASH numerator)
 * @param dexfva Σ vbc[t, j] e_j by industry × origin t ∉ s (DEXFVApSH numerator)
 * @param servD Σ_{t∈s} vbcServ[t, j] e_j (VA created in service industries of s), or null without services
 * @param servF the same for t ∉ s
 * @param dvaI Σ_{r∉s} dva by industry; {@code dvaR} by partner; likewise fvaI, fvaR
 * @param dexR Σ_i dexfva by origin
 * @param intDvaI Σ_{r∉s} intDva by industry; {@code intDvaR} by partner
 */
record ExportValueAdded(double[] dva, double[] fva, double[] dvaW, double[] fvaW, double[] intDva, double[] fnlDva,
    double[] dexfva, double[] servD, double[] servF, double[] dvaI, double[] dvaR, double[] fvaI, double[] fvaR,
    double[] dexR, double[] intDvaI, double[] intDvaR) {

  /** EXGR_DVA_{s,WLD,_T}. */
  double dvaWT() { return Codes.sum(dvaW); }
  /** EXGR_FVA_{s,WLD,_T}. */
  double fvaWT() { return Codes.sum(fvaW); }

  static ExportValueAdded of(YearSystem sys, Economy eco, double[] eRow) {
    int n = sys.n();
    int g = sys.g();
    int nn = sys.nInd();
    int[] rows = eco.rows();
    boolean[] mem = eco.member();
    double[] vbc = sys.originMultipliers();
    double[] vbcServ = sys.serviceOriginMultipliers();
    double[] zc = sys.zc();
    double[] y = sys.y();
    double[] dva = new double[nn * g];
    double[] fva = new double[nn * g];
    double[] dvaW = new double[nn];
    double[] fvaW = new double[nn];
    double[] intDva = new double[nn * g];
    double[] fnlDva = new double[nn];
    double[] dexfva = new double[nn * g];
    double[] servD = vbcServ == null ? null : new double[nn];
    double[] servF = vbcServ == null ? null : new double[nn];
    for (int q = 0; q < rows.length; q++) {
      int j = rows[q];
      int i = sys.ind()[j];
      double ej = eRow[q];
      double dm = originSum(vbc, j, g, mem, true);
      double fm = originSum(vbc, j, g, mem, false);
      for (int t = 0; t < g; t++) {
        dexfva[i * g + t] += mem[t] ? 0 : vbc[j * g + t] * ej;
      }
      for (int r = 0; r < g; r++) {
        if (!mem[r]) {
          double ei = zc[j + r * n];
          double efn = y[j + r * n];
          dva[i * g + r] += dm * (ei + efn);
          fva[i * g + r] += fm * (ei + efn);
          intDva[i * g + r] += dm * ei;
          fnlDva[i] += dm * efn;
        }
      }
      dvaW[i] += dm * ej;
      fvaW[i] += fm * ej;
      if (servD != null) {
        servD[i] += originSum(vbcServ, j, g, mem, true) * ej;
        servF[i] += originSum(vbcServ, j, g, mem, false) * ej;
      }
    }
    double[][] d = PartnerSums.totals(dva, null, mem, nn, g);
    double[][] f = PartnerSums.totals(fva, null, mem, nn, g);
    double[][] x = PartnerSums.totals(dexfva, null, mem, nn, g);
    double[][] in = PartnerSums.totals(intDva, null, mem, nn, g);
    return new ExportValueAdded(dva, fva, dvaW, fvaW, intDva, fnlDva, dexfva, servD, servF, d[0], d[1], f[0], f[1],
        x[1], in[0], in[1]);
  }

  /** Σ_{t∈s} m[t, j] ({@code inside}) or Σ_{t∉s} m[t, j] for an origin-by-row array m[t + j·G]. */
  private static double originSum(double[] m, int j, int g, boolean[] mem, boolean inside) {
    double sum = 0;
    for (int t = 0; t < g; t++) {
      sum += mem[t] == inside ? m[j * g + t] : 0;
    }
    return sum;
  }
}
