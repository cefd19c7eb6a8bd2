package io.tivaspark.common.math;

/**
 * The published totals of one reporting country that the value-added cubes {@link ImportsOrigin},
 * {@link FinalProductVa} and {@link ExportsDestination} must add up to (checks J3, J4, J6–J8,
 * docs/methods.md §11): taken from the core's
 * economy results as written to {@code indicators}, never recomputed. Arrays by industry i (N) or by
 * industry × partner (index i·G + r).
 *
 * @param imgr IMGR_{s,r,i} = IMGR_INT + IMGR_FNL (i = the partner's industry)
 * @param imgrDva IMGR_DVA_{s,r,i}
 * @param exgrDva EXGR_DVA_{s,WLD,i} (from the row totals e_j)
 * @param exgrFva EXGR_FVA_{s,WLD,i}
 * @param ffdDva FFD_DVA_{s,WLD,i} by source industry
 * @param valu VALU_{s,i}
 * @param intDva EXGR_INT_DVA_{s,WLD,i} = Σ w_j Σ_{r∉s} Zc_{j r} (domestic VA in intermediate exports)
 * @param fnlDva EXGR_FNL_DVA_{s,WLD,i} (domestic VA in final exports)
 * @param exgrFnl EXGR_FNL_{s,r,i} (index i·G + r)
 */
record CountryTotals(double[] imgr, double[] imgrDva, double[] exgrDva, double[] exgrFva, double[] ffdDva,
    double[] valu, double[] intDva, double[] fnlDva, double[] exgrFnl) {

  /** The totals of a country economy (not a group). O(N·G). */
  static CountryTotals of(EconomyResults res) {
    GrossTrade t = res.trade();
    double[] imgr = new double[t.imInt().length];
    for (int k = 0; k < imgr.length; k++) {
      imgr[k] = t.imInt()[k] + t.imFnl()[k];
    }
    return new CountryTotals(imgr, res.forward().imDva(), res.exportVa().dvaW(), res.exportVa().fvaW(),
        res.finalDemand().ffdI(), t.valu(), res.exportVa().intDvaI(), res.exportVa().fnlDva(), t.exFnl());
  }
}
