package io.tivaspark.common.math;

/**
 * The published totals of one reporting country that the value-added cubes {@link ImportsOrigin} and
 * {@link FinalProductVa} must add up to (checks J3, J4, docs/methods.md §11): taken from the core's
 * economy results as written to {@code indicators}, never recomputed. Arrays by industry i (N) or by
 * industry × partner (index i·G + r).
 *
 * @param imgr IMGR_{s,r,i} = IMGR_INT + IMGR_FNL (i = the partner's industry)
 * @param imgrDva IMGR_DVA_{s,r,i}
 * @param exgrDva EXGR_DVA_{s,WLD,i} (from the row totals e_j)
 * @param exgrFva EXGR_FVA_{s,WLD,i}
 * @param ffdDva FFD_DVA_{s,WLD,i} by source industry
 * @param valu VALU_{s,i}
 */
record CountryTotals(double[] imgr, double[] imgrDva, double[] exgrDva, double[] exgrFva, double[] ffdDva,
    double[] valu) {

  /** The totals of a country economy (not a group). O(N·G). */
  static CountryTotals of(EconomyResults res) {
    GrossTrade t = res.trade();
    double[] imgr = new double[t.imInt().length];
    for (int k = 0; k < imgr.length; k++) {
      imgr[k] = t.imInt()[k] + t.imFnl()[k];
    }
    return new CountryTotals(imgr, res.forward().imDva(), res.exportVa().dvaW(), res.exportVa().fvaW(),
        res.finalDemand().ffdI(), t.valu());
  }
}
