package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import java.util.Arrays;
import java.util.List;

/**
 * Third-country detail of WWZ terms 3–5 (docs/methods.md §4; docs/methods.md §5): for exporter S, partner r and third
 * country t ∉ S ∪ {r}, with u = v_S L_SS,
 * DVA_INTrexI1(t) = u # A_Sr B_rt Y_tt, DVA_INTrexF(t) = u # A_Sr B_rr Y_rt,
 * DVA_INTrexI2(t) = u # A_Sr B_rt Σ_{w∉S∪{t}} Y_tw; summed over t they are the terms themselves
 * (check W5). Cost: year level 2n² (two n×G block products, Java); per economy n² for
 * B_·t Y_tS and, per partner, A_S,r times the n×3G matrix [B_·tY_tt | B_rrY_rt | B_·t Σ Y_tw]
 * (dgemm when rows are contiguous): 6n²G flops over all economies, 0.3 GB of Java/BLAS traffic
 * at ICIO scale. Memory: 4 n×G arrays, kept for the year.
 *
 * <p>One instance per year: it holds the year's n×3G matrix, column-major,
 * [Σ_{k∈t} B_jk Y_kt | B_rr Y_rt | Σ_{k∈t} B_jk (y_k − Y_kt − Y_kS)]; the first two blocks are the
 * year's, the third starts from the year's Σ_{k∈t} B_jk (y_k − Y_kt) and is redone per exporter.
 */
final class WwzThirdCountry {
  private static final String[] TERMS = {Decompositions.WWZ_TERMS.get(2), Decompositions.WWZ_TERMS.get(3),
      Decompositions.WWZ_TERMS.get(4)};

  private final YearSystem sys;
  private final GvcYear yr;
  private final boolean byIndustry;
  /** n×3G working matrix (see the class comment); its third block is rewritten per exporter. */
  private final double[] wCat;
  /** n×G: Σ_{k∈t} B_jk (y_k − Y_kt). */
  private final double[] w5x;

  WwzThirdCountry(YearSystem sys, GvcYear yr) {
    this.sys = sys;
    this.yr = yr;
    this.byIndustry = sys.options().wwzThirdCountry() == TivaOptions.ThirdCountry.INDUSTRY;
    int n = sys.n();
    int g = sys.g();
    double[] b = sys.b();
    wCat = new double[n * 3 * g];
    w5x = new double[n * g];
    for (int t = 0; t < g; t++) {
      for (int k : yr.rowsOf()[t]) {
        double c3 = yr.ydiag()[k];
        double c5 = sys.yTot()[k] - yr.ydiag()[k];
        int bo = k * n;
        int o = t * n;
        for (int j = 0; j < n; j++) {
          double bv = b[bo + j];
          wCat[o + j] += bv * c3;
          w5x[o + j] += bv * c5;
        }
      }
    }
    System.arraycopy(yr.brrY(), 0, wCat, n * g, n * g);
  }

  /** The detail of exporter S (first row s0 if contiguous, else −1) written to the sink, and check W5. */
  void exporter(YearSystem.Economy eco, int s0, double[] u, double[] yToS, double[] out, Checks checks,
      ResultSink sink) {
    int g = sys.g();
    int m = eco.rows().length;
    int cols = 3 * g;
    redoThirdBlock(eco.member(), yToS);
    CheckResult.Builder w5 = checks.identity("W5", "WWZ third-country detail: Σ_t DVA_INTrexI1/F/I2(t) = the term "
        + "(exporter × importer × industry)");
    double[] c = new double[m * cols];
    double[] byInd = new double[(sys.nInd() + 1) * cols];
    for (int r = 0; r < g; r++) {
      if (eco.member()[r]) {
        continue;
      }
      partnerProduct(eco.rows(), s0, r, c);
      byIndustry(eco, r, u, c, byInd);
      checkAndWrite(eco, r, byInd, out, w5, sink);
    }
  }

  /** Third block = the year's Σ_{k∈t} B_jk (y_k − Y_kt) − B_·t Y_tS for this exporter. */
  private void redoThirdBlock(boolean[] mem, double[] yToS) {
    int n = sys.n();
    int g = sys.g();
    double[] b = sys.b();
    System.arraycopy(w5x, 0, wCat, 2 * n * g, n * g);
    for (int t = 0; t < g; t++) {
      if (mem[t]) {
        continue;
      }
      int o = (2 * g + t) * n;
      for (int k : yr.rowsOf()[t]) {
        double c = yToS[k];
        if (c == 0) {
          continue;
        }
        int bo = k * n;
        for (int j = 0; j < n; j++) {
          wCat[o + j] -= b[bo + j] * c;
        }
      }
    }
  }

  /** c (m×3G) = A_S,r times the working matrix's rows of r: one dgemm when contiguous, else Java. */
  private void partnerProduct(int[] rows, int s0, int r, double[] c) {
    int n = sys.n();
    int m = rows.length;
    int cols = 3 * sys.g();
    double[] a = sys.a();
    int r0 = yr.rowStart()[r];
    if (s0 >= 0 && r0 >= 0) {
      int mr = yr.rowsOf()[r].length;
      sys.lapack().dgemm(false, false, m, cols, mr, 1.0, a, s0 + r0 * n, n, wCat, r0, n, 0.0, c, 0, m);
      return;
    }
    Arrays.fill(c, 0.0);
    for (int j : yr.rowsOf()[r]) {
      int ao = j * n;
      for (int q = 0; q < cols; q++) {
        double wv = wCat[j + q * n];
        if (wv == 0) {
          continue;
        }
        int co = q * m;
        for (int kk = 0; kk < m; kk++) {
          c[co + kk] += a[ao + rows[kk]] * wv;
        }
      }
    }
  }

  /** byInd[(i, q)] = Σ_{k∈S of industry i} u_k c_kq, and the total at i = N (third countries t ∉ S ∪ {r}). */
  private void byIndustry(YearSystem.Economy eco, int r, double[] u, double[] c, double[] byInd) {
    int g = sys.g();
    int nInd = sys.nInd();
    int cols = 3 * g;
    int[] rows = eco.rows();
    int[] ind = sys.ind();
    int m = rows.length;
    Arrays.fill(byInd, 0.0);
    for (int q = 0; q < cols; q++) {
      int t = q % g;
      if (eco.member()[t] || t == r) {
        continue;
      }
      int co = q * m;
      for (int kk = 0; kk < m; kk++) {
        double val = u[kk] * c[co + kk];
        byInd[ind[rows[kk]] * cols + q] += val;
        byInd[nInd * cols + q] += val;
      }
    }
  }

  /** Check W5 (the detail adds up to the main decomposition's term) and the rows of partner r. */
  private void checkAndWrite(YearSystem.Economy eco, int r, double[] byInd, double[] out, CheckResult.Builder w5,
      ResultSink sink) {
    int g = sys.g();
    int nInd = sys.nInd();
    int cols = 3 * g;
    String s = eco.code();
    List<String> countries = sys.layout().countries();
    List<String> industries = sys.layout().industries();
    String pr = countries.get(r);
    for (int i = 0; i <= nInd; i++) {
      double[] sum = new double[3];
      for (int q = 0; q < cols; q++) {
        sum[q / g] += byInd[i * cols + q];
      }
      for (int term = 0; term < 3; term++) {
        double main = mainTerm(out, i, r, term);
        final int ii = i;
        final int tt = term;
        w5.compare(sum[term], main, () -> s + "→" + pr + " " + (ii == nInd ? Decompositions.TOTAL
            : industries.get(ii)) + " " + TERMS[tt]);
      }
      if (i < nInd && !byIndustry) {
        continue;
      }
      String in = i == nInd ? Decompositions.TOTAL : industries.get(i);
      for (int q = 0; q < cols; q++) {
        int t = q % g;
        if (eco.member()[t] || t == r) {
          continue;
        }
        sink.wwzThirdCountry(s, pr, countries.get(t), in, TERMS[q / g], byInd[i * cols + q]);
      }
    }
  }

  /** WWZ term 3 + {@code term} of the main decomposition for industry i (i = N: summed) and partner r. */
  private double mainTerm(double[] out, int i, int r, int term) {
    int g = sys.g();
    int nInd = sys.nInd();
    int slot = PartnerTerms.W0 + 2 + term;
    if (i < nInd) {
      return out[(i * g + r) * PartnerTerms.NSLOT + slot];
    }
    double main = 0;
    for (int ii = 0; ii < nInd; ii++) {
      main += out[(ii * g + r) * PartnerTerms.NSLOT + slot];
    }
    return main;
  }
}
