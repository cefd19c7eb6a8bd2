package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;

/**
 * Value added of economy s that leaves in other countries' exports or comes back in s's imports
 * (docs/methods.md §3.2; catalog codes FEXDVApSH, EXGR_DVAFXSH, IMGR_DVA, IMGR_DVASH). With
 * w_j = Σ_{t∈s} vbc[t, j] and e the country-level exports ({@link YearSystem#countryExports()}):
 * FEXDVApSH numerator fex_r = Σ_{j∈r} w_j e_j; EXGR_DVAFXSH numerator
 * dvafx_i = Σ_{k∈s, ind i} v_k ((B e)_k − Σ_{j∈s} B_kj e_j); IMGR_DVA_{s,r,i} = Σ_{j∈r, ind i} w_j E_{j s}.
 * O(n·G + m²); E_{j s} from {@link GrossTrade#salesToEco()}.
 *
 * @param fex by exporting country r (0 for members of s)
 * @param dvafx by source industry of s
 * @param imDva by the partner's industry × partner (i·G + r)
 * @param imDvaI Σ_{r∉s} imDva by industry
 * @param imDvaR Σ_i imDva by partner
 */
record ForwardValueAdded(double[] fex, double[] dvafx, double[] imDva, double[] imDvaI, double[] imDvaR) {

  static ForwardValueAdded of(YearSystem sys, Economy eco, boolean[] inEco, double[] salesToEco) {
    int n = sys.n();
    int g = sys.g();
    int nn = sys.nInd();
    boolean[] mem = eco.member();
    double[] vbc = sys.originMultipliers();
    double[] eC = sys.countryExports();
    double[] fex = new double[g];
    double[] imDva = new double[nn * g];
    for (int j = 0; j < n; j++) {
      if (inEco[j]) {
        continue;
      }
      double dmS = 0;
      int vo = j * g;
      for (int t = 0; t < g; t++) {
        if (mem[t]) {
          dmS += vbc[vo + t];
        }
      }
      fex[sys.cty()[j]] += dmS * eC[j];
      imDva[sys.ind()[j] * g + sys.cty()[j]] += dmS * salesToEco[j];
    }
    double[][] t = PartnerSums.totals(imDva, null, mem, nn, g);
    return new ForwardValueAdded(fex, foreignExportsVa(sys, eco), imDva, t[0], t[1]);
  }

  /** dvafx_i = Σ_{k∈s, ind i} v_k ((B e)_k − Σ_{j∈s} B_kj e_j). O(m²) after the shared B·e. */
  private static double[] foreignExportsVa(YearSystem sys, Economy eco) {
    int n = sys.n();
    int[] rows = eco.rows();
    double[] b = sys.b();
    double[] eC = sys.countryExports();
    double[] be = sys.exportsOutput();
    double[] dvafx = new double[sys.nInd()];
    for (int k : rows) {
      double inner = 0;
      for (int j : rows) {
        inner += b[k + j * n] * eC[j];
      }
      dvafx[sys.ind()[k]] += sys.v()[k] * (be[k] - inner);
    }
    return dvafx;
  }
}
