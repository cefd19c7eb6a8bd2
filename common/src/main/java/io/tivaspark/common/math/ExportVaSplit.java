package io.tivaspark.common.math;

/**
 * The gross exports of one economy S (a country, its entities together, or a group as one economy)
 * split by where the value comes from and where the goods go, per exporting row i of S (local
 * index ii, row {@code rows[ii]}); docs/decompositions.md "VA-based RCA" and "Borin–Mancini–Taglioni
 * split". With L_SS the economy's local inverse, r the partner countries outside S, L_rr their
 * local inverses, y_rr their final demand of home goods and e_r* their gross exports (to every
 * other country, S included):
 * <pre>
 *   e_i  = Σ_{r∉S} (Z_i,r 1 + y_ir)                           gross exports of row i out of S
 *   a_i  = Σ_{r∉S} (y_ir + A_i,r L_rr y_rr)                   absorbed by the direct importer r
 *   f_i  = Σ_{r∉S} A_i,r L_rr e_r*                            re-exported by r (crosses ≥ 2 borders)
 *   u    = v_S' L_SS                                          domestic VA per unit of S's exports
 *   w    = (1'A_¬S,S) L_SS                                    imported inputs per unit of S's exports
 *   dvaF_i = v_i (L_SS e_S)_i                                 forward-linkage DVA in S's gross exports
 * </pre>
 * so e = a + f when x_r = L_rr (y_rr + e_r*) (rows balance) and u + w = 1' when v = 1' − 1'A
 * (columns balance); both are checked (P8). Cost per economy of m rows: O(n·m) over A's columns
 * outside S and rows of S, O(m²) with L_SS; the partner vectors ℓy = L_rr y_rr and ℓe = L_rr e_r*
 * are computed once a year for all countries ({@link Partners}, O(Σ|c|²)).
 */
final class ExportVaSplit {
  final int[] rows;
  final double[] e;
  final double[] a;
  final double[] f;
  final double[] u;
  final double[] w;
  final double[] dvaF;

  private ExportVaSplit(int[] rows, double[] e, double[] a, double[] f, double[] u, double[] w, double[] dvaF) {
    this.rows = rows;
    this.e = e;
    this.a = a;
    this.f = f;
    this.u = u;
    this.w = w;
    this.dvaF = dvaF;
  }

  /** ℓy = L_cc y_cc and ℓe = L_cc e_c* on the rows of every country c (n-vectors), from the shared local inverses. */
  record Partners(double[] ly, double[] le) {
    static Partners of(YearSystem sys) {
      int n = sys.n();
      double[] y = sys.y();
      int[] cty = sys.cty();
      double[] yHome = new double[n];
      for (int k = 0; k < n; k++) {
        yHome[k] = y[k + cty[k] * n];
      }
      double[] eC = sys.countryExports();
      double[][] linv = sys.countryLocalInverses();
      double[] ly = new double[n];
      double[] le = new double[n];
      for (int c = 0; c < sys.g(); c++) {
        int[] rc = sys.layout().rowsOfCountry(c);
        scatter(rc, times(linv[c], gather(rc, yHome), false), ly);
        scatter(rc, times(linv[c], gather(rc, eC), false), le);
      }
      return new Partners(ly, le);
    }
  }

  /** The split of economy S (rows, member countries, local inverse L_SS column-major). */
  static ExportVaSplit of(YearSystem sys, Partners p, int[] rows, boolean[] member, double[] lss) {
    int n = sys.n();
    int m = rows.length;
    int[] cty = sys.cty();
    double[] e = new double[m];
    double[] a = new double[m];
    double[] f = new double[m];
    exportsOut(sys, rows, member, e, a);
    double[] aa = sys.a();
    for (int j = 0; j < n; j++) { // A_S,¬S [ℓy ℓe], column by column
      if (member[cty[j]]) {
        continue;
      }
      int off = j * n;
      double ly = p.ly()[j];
      double le = p.le()[j];
      for (int ii = 0; ii < m; ii++) {
        double aij = aa[off + rows[ii]];
        a[ii] += aij * ly;
        f[ii] += aij * le;
      }
    }
    double[] u = times(lss, gather(rows, sys.v()), true);
    double[] w = times(lss, importedInputs(sys, rows, member), true);
    double[] le = times(lss, e, false);
    double[] dvaF = new double[m];
    for (int ii = 0; ii < m; ii++) {
      dvaF[ii] = sys.v()[rows[ii]] * le[ii];
    }
    return new ExportVaSplit(rows, e, a, f, u, w, dvaF);
  }

  /** e_i = Σ_{r∉S} (Zc_ir + Y_ir) into {@code e}; the final-goods part Σ_{r∉S} Y_ir into {@code a}. */
  private static void exportsOut(YearSystem sys, int[] rows, boolean[] member, double[] e, double[] a) {
    int n = sys.n();
    double[] y = sys.y();
    double[] zc = sys.zc();
    for (int c = 0; c < sys.g(); c++) {
      if (member[c]) {
        continue;
      }
      int off = c * n;
      for (int ii = 0; ii < rows.length; ii++) {
        int k = rows[ii];
        e[ii] += zc[off + k] + y[off + k];
        a[ii] += y[off + k];
      }
    }
  }

  /** (1'A_¬S,S)_j = Σ_{i∉S} A_ij for each column j of S: imported inputs per unit of output. O(n·m). */
  private static double[] importedInputs(YearSystem sys, int[] rows, boolean[] member) {
    int n = sys.n();
    int[] cty = sys.cty();
    double[] aa = sys.a();
    double[] r = new double[rows.length];
    for (int jj = 0; jj < rows.length; jj++) {
      int off = rows[jj] * n;
      double s = 0;
      for (int i = 0; i < n; i++) {
        if (!member[cty[i]]) {
          s += aa[off + i];
        }
      }
      r[jj] = s;
    }
    return r;
  }

  /** L c (or L' c when transpose) for an m×m column-major L. O(m²). */
  static double[] times(double[] l, double[] c, boolean transpose) {
    int m = c.length;
    double[] r = new double[m];
    for (int jj = 0; jj < m; jj++) {
      int off = jj * m;
      if (transpose) {
        double s = 0;
        for (int ii = 0; ii < m; ii++) {
          s += l[off + ii] * c[ii];
        }
        r[jj] = s;
      } else {
        double cj = c[jj];
        for (int ii = 0; ii < m; ii++) {
          r[ii] += l[off + ii] * cj;
        }
      }
    }
    return r;
  }

  static double[] gather(int[] rows, double[] full) {
    double[] r = new double[rows.length];
    for (int ii = 0; ii < rows.length; ii++) {
      r[ii] = full[rows[ii]];
    }
    return r;
  }

  private static void scatter(int[] rows, double[] local, double[] full) {
    for (int ii = 0; ii < rows.length; ii++) {
      full[rows[ii]] = local[ii];
    }
  }
}
