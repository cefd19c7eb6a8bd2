package io.tivaspark.common.math;

/**
 * Year-level products behind the detailed Borin–Mancini terms ({@link BmDetailedTerms};
 * docs/decompositions.md, "Detailed Borin–Mancini terms"): the partner's final demand pushed through
 * its own local inverse, by destination.
 *
 * <p>lyc[j + c·n] = (L_rr Y_{r,c})_j for the row j of country r = c(j) and every destination country
 * c (L_rr the country's local inverse over all its entities, {@link YearSystem#countryLocalInverses()};
 * Y by reporting country), and lyt_j = Σ_c lyc[j + c·n] = (L_rr (Y1)_r)_j. An exporter S reads
 * L_rr Y_{r,S} = Σ_{c∈S} lyc[· + c·n] (S a country, or a group's members) and L_rr Σ_{c≠r} Y_rc =
 * lyt − L_rr Y_rr. Cost: Σ_c |c|²·G = n² multiply-adds (Java), n×G doubles; once a year.
 *
 * @param lyc n×G, column-major by destination country
 * @param lyt n
 */
record BmDetailYear(double[] lyc, double[] lyt) {

  static BmDetailYear of(YearSystem sys, GvcYear yr) {
    int n = sys.n();
    int g = sys.g();
    double[] y = sys.y();
    double[][] linv = sys.countryLocalInverses();
    double[] lyc = new double[n * g];
    double[] lyt = new double[n];
    for (int c = 0; c < g; c++) {
      int[] r = yr.rowsOf()[c];
      double[] l = linv[c];
      int m = r.length;
      for (int d = 0; d < g; d++) {
        int yo = d * n;
        for (int kk = 0; kk < m; kk++) {
          double yk = y[r[kk] + yo];
          if (yk == 0) {
            continue;
          }
          int lo = kk * m;
          for (int jj = 0; jj < m; jj++) {
            lyc[r[jj] + yo] += l[jj + lo] * yk;
          }
        }
      }
      for (int jj = 0; jj < m; jj++) {
        double s = 0;
        for (int d = 0; d < g; d++) {
          s += lyc[r[jj] + d * n];
        }
        lyt[r[jj]] = s;
      }
    }
    return new BmDetailYear(lyc, lyt);
  }
}
