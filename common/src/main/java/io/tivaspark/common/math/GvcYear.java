package io.tivaspark.common.math;

/**
 * Year-level products of the gvc decompositions, shared by every exporting economy (docs/methods.md
 * §4 and docs/methods.md §4–§6; n rows, G countries, N industries). The system's shared quantities
 * ({@link YearSystem#zc()}, {@link YearSystem#originMultipliers()}, {@link YearSystem#by()},
 * {@link YearSystem#countryExports()}) are referenced, not recomputed; only what the gvc family alone
 * uses is computed here.
 *
 * @param zc Z by destination country, n×G ({@link YearSystem#zc()})
 * @param vbc origin multipliers vbc[t + j·G] = Σ_{k∈t} v_k B_kj ({@link YearSystem#originMultipliers()})
 * @param by B·Y, n×G ({@link YearSystem#by()})
 * @param eC country-level exports of each row ({@link YearSystem#countryExports()})
 * @param ydiag y^D_j = Y_{j, c(j)}: final demand bought by the row's own country
 * @param bydiag B·y^D (one dgemv)
 * @param ly L_rr y^D_r on each country's rows (L_rr the country's local inverse)
 * @param le L_rr e^C_r
 * @param brrYall B_rr (Y·1)_r
 * @param brrYd B_rr y^D_r
 * @param brrY n×G: (B_rr Y_{r,c})_j for r = c(j) and every destination c
 * @param rowsOf rows of each country
 * @param rowStart first row of each country when its rows are contiguous (always, in the layouts), else −1
 */
record GvcYear(double[] zc, double[] vbc, double[] by, double[] eC, double[] ydiag, double[] bydiag,
    double[] ly, double[] le, double[] brrYall, double[] brrYd, double[] brrY, int[][] rowsOf, int[] rowStart) {

  /** The products of one year. Cost: one dgemv 2n², the local products 2GN²(4 + G) (Java). */
  static GvcYear of(YearSystem sys) {
    int n = sys.n();
    int g = sys.g();
    int[] cty = sys.cty();
    double[] y = sys.y();
    int[][] rowsOf = new int[g][];
    int[] rowStart = new int[g];
    for (int c = 0; c < g; c++) {
      rowsOf[c] = sys.layout().rowsOfCountry(c);
      rowStart[c] = contiguousStart(rowsOf[c]);
    }
    double[] zc = sys.zc();
    double[] vbc = sys.originMultipliers();
    double[] by = sys.by(); // 2n²G
    double[] ydiag = new double[n];
    double[] eC = sys.countryExports();
    for (int j = 0; j < n; j++) {
      ydiag[j] = y[j + cty[j] * n];
    }
    double[] bydiag = new double[n];
    sys.lapack().dgemv(false, n, n, 1.0, sys.b(), ydiag, 0.0, bydiag);
    double[][] linv = sys.countryLocalInverses();
    double[] ly = new double[n];
    double[] le = new double[n];
    double[] brrYall = new double[n];
    double[] brrYd = new double[n];
    double[] brrY = new double[n * g];
    for (int c = 0; c < g; c++) {
      localProducts(sys, rowsOf[c], linv[c], ydiag, eC, new double[][] {ly, le, brrYall, brrYd});
      localTimesY(sys, rowsOf[c], brrY);
    }
    return new GvcYear(zc, vbc, by, eC, ydiag, bydiag, ly, le, brrYall, brrYd, brrY, rowsOf, rowStart);
  }

  /**
   * On the rows r of one country (local inverse l, |r|×|r|): ly = L_rr y^D, le = L_rr e^C,
   * brrYall = B_rr (Y1)_r, brrYd = B_rr y^D_r, fused in one pass over the block (written into the
   * four n-vectors {@code into} = {ly, le, brrYall, brrYd} at the country's rows).
   */
  private static void localProducts(YearSystem sys, int[] r, double[] l, double[] ydiag, double[] eC,
      double[][] into) {
    double[] ly = into[0];
    double[] le = into[1];
    double[] brrYall = into[2];
    double[] brrYd = into[3];
    int n = sys.n();
    double[] b = sys.b();
    double[] yTot = sys.yTot();
    int m = r.length;
    for (int jj = 0; jj < m; jj++) {
      double sYd = 0;
      double sE = 0;
      double bYa = 0;
      double bYd = 0;
      for (int kk = 0; kk < m; kk++) {
        double lv = l[jj + kk * m];
        double bv = b[r[jj] + r[kk] * n];
        sYd += lv * ydiag[r[kk]];
        sE += lv * eC[r[kk]];
        bYa += bv * yTot[r[kk]];
        bYd += bv * ydiag[r[kk]];
      }
      ly[r[jj]] = sYd;
      le[r[jj]] = sE;
      brrYall[r[jj]] = bYa;
      brrYd[r[jj]] = bYd;
    }
  }

  /** brrY += B_rr Y_{r, d} for every destination country d, on the rows r of one country. */
  private static void localTimesY(YearSystem sys, int[] r, double[] brrY) {
    int n = sys.n();
    int g = sys.g();
    double[] b = sys.b();
    double[] y = sys.y();
    int m = r.length;
    for (int d = 0; d < g; d++) {
      int yo = d * n;
      for (int kk = 0; kk < m; kk++) {
        double yk = y[r[kk] + yo];
        if (yk == 0) {
          continue;
        }
        int bo = r[kk] * n;
        for (int jj = 0; jj < m; jj++) {
          brrY[r[jj] + yo] += b[r[jj] + bo] * yk;
        }
      }
    }
  }

  /** rows[0] if rows = rows[0], rows[0] + 1, ..., else −1 (also for an empty list). */
  static int contiguousStart(int[] rows) {
    if (rows.length == 0) {
      return -1;
    }
    for (int k = 1; k < rows.length; k++) {
      if (rows[k] != rows[0] + k) {
        return -1;
      }
    }
    return rows[0];
  }
}
