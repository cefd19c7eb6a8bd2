package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;
import io.tivaspark.common.math.YearSystem.FinalDemandVa;

/**
 * Value added in final demand from the economy's side (docs/methods.md §3.3, §7; catalog codes FFD_DVA,
 * FFD_DVApSH, DFD_DVA, DFD_FVA, DFD_FVApSH, BALVAFD, VALU_FFDDVA, FD_VA, CONS_VA, GFCF_VA, their origin
 * shares FD_VASH, CONS_VASH, GFCF_VASH, and VAX_RATIO), all read from VBY = v̂BY ({@link YearSystem#vaFinalDemand()}): FFD_DVA_{s,r,i} = Σ_{k∈s, ind i} VBY_{k r}
 * (r ∉ s), DFD_DVA_i = Σ_{k∈s, ind i} Σ_{r∈s} VBY_{k r}, DFD_FVA_{s,t,i} = Σ_{k∈t, ind i} Σ_{r∈s} VBY_{k r},
 * CONS_VA / GFCF_VA the same with Y restricted to those categories. O(n·G).
 *
 * @param ffd FFD_DVA by source industry × absorbing partner (i·G + r)
 * @param dfdDva DFD_DVA by source industry
 * @param dfdFva DFD_FVA by origin industry × origin country (i·G + t)
 * @param cons CONS_VA: [0] domestic (DXD), then by origin country (index 1 + t); null when not configured
 * @param gfcf GFCF_VA likewise
 * @param yDem final demand of s, Σ_k Σ_{r∈s} Y_{k r} (T8)
 * @param ffdI Σ_{r∉s} ffd by industry; ffdR by partner; dfdFvaI, dfdFvaR likewise
 */
record FinalDemandValueAdded(double[] ffd, double[] dfdDva, double[] dfdFva, double[] cons, double[] gfcf,
    double yDem, double[] ffdI, double[] ffdR, double[] dfdFvaI, double[] dfdFvaR) {

  /** FFD_DVA_{s,WLD,_T}. */
  double ffdT() { return Codes.sum(ffdI); }
  /** DFD_DVA_{s,WLD,_T}. */
  double dfdDvaT() { return Codes.sum(dfdDva); }
  /** DFD_FVA_{s,WLD,_T}. */
  double dfdFvaT() { return Codes.sum(dfdFvaI); }

  static FinalDemandValueAdded of(YearSystem sys, Economy eco, boolean[] inEco) {
    int n = sys.n();
    int g = sys.g();
    int nn = sys.nInd();
    boolean[] mem = eco.member();
    FinalDemandVa fd = sys.vaFinalDemand();
    double[] vby = fd.vby();
    double[] y = sys.y();
    double[] ffd = new double[nn * g];
    double[] dfdDva = new double[nn];
    double[] dfdFva = new double[nn * g];
    double[] cons = fd.vbyCons() == null ? null : new double[1 + g];
    double[] gfcf = fd.vbyGfcf() == null ? null : new double[1 + g];
    double yDem = 0;
    for (int k = 0; k < n; k++) {
      double toS = 0;
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          toS += vby[k + r * n];
          yDem += y[k + r * n];
        }
      }
      int i = sys.ind()[k];
      if (inEco[k]) {
        dfdDva[i] += toS;
        for (int r = 0; r < g; r++) {
          if (!mem[r]) {
            ffd[i * g + r] += vby[k + r * n];
          }
        }
      } else {
        dfdFva[i * g + sys.cty()[k]] += toS;
      }
    }
    byOrigin(sys, eco, inEco, fd.vbyCons(), cons);
    byOrigin(sys, eco, inEco, fd.vbyGfcf(), gfcf);
    double[][] f = PartnerSums.totals(ffd, null, mem, nn, g);
    double[][] d = PartnerSums.totals(dfdFva, null, mem, nn, g);
    return new FinalDemandValueAdded(ffd, dfdDva, dfdFva, cons, gfcf, yDem, f[0], f[1], d[0], d[1]);
  }

  /** out[0] += VA of s in the final demand of s, out[1 + t] += VA of t ∉ s in it (no-op when vbyPart is null). */
  private static void byOrigin(YearSystem sys, Economy eco, boolean[] inEco, double[] vbyPart, double[] out) {
    if (vbyPart == null) {
      return;
    }
    int n = sys.n();
    int g = sys.g();
    boolean[] mem = eco.member();
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          s += vbyPart[k + r * n];
        }
      }
      if (inEco[k]) {
        out[0] += s;
      } else {
        out[1 + sys.cty()[k]] += s;
      }
    }
  }
}
