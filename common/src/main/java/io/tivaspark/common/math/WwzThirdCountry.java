package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.IndustryAggregates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

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
  /** The table's industry aggregates: rows by industry are written for them too (docs/methods.md §17). */
  private final IndustryAggregates agg;
  /** Check W7 on the rows by industry as written; null until the first exporter, or without aggregates. */
  private AggregateBlockCheck w7;
  /** n×3G working matrix (see the class comment); its third block is rewritten per exporter. */
  private final double[] wCat;
  /** n×G: Σ_{k∈t} B_jk (y_k − Y_kt). */
  private final double[] w5x;

  WwzThirdCountry(YearSystem sys, GvcYear yr) {
    this.sys = sys;
    this.yr = yr;
    this.byIndustry = sys.options().wwzThirdCountry() == TivaOptions.ThirdCountry.INDUSTRY;
    this.agg = sys.industryAggregates();
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
    if (w7 == null && byIndustry && agg.count() > 0) {
      w7 = aggregateCheck(checks);
    }
    double[] c = new double[m * cols];
    double[] byInd = new double[(agg.slots() + 1) * cols];
    for (int r = 0; r < g; r++) {
      if (eco.member()[r]) {
        continue;
      }
      partnerProduct(eco.rows(), s0, r, c);
      byIndustry(eco, r, u, c, byInd);
      checkAndWrite(eco, r, byInd, out, w5, sink);
    }
  }

  /**
   * Check W7: the rows of an industry aggregate = Σ of its members' rows, on the rows as written (one
   * block per exporter → importer and industry: the 3G values "third/term").
   */
  private AggregateBlockCheck aggregateCheck(Checks checks) {
    int g = sys.g();
    List<String> names = new ArrayList<>();
    for (int q = 0; q < 3 * g; q++) {
      names.add(sys.layout().countries().get(q % g) + "/" + TERMS[q / g]);
    }
    CheckResult.Builder b = checks.identity("W7",
        "industry aggregate = sum of its member industries (export_decomposition_third rows as written)");
    CheckResult.Builder[] of = new CheckResult.Builder[names.size()];
    Arrays.fill(of, b);
    return new AggregateBlockCheck(agg, sys.layout().industries(), List.of(""), names, of);
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

  /**
   * byInd[(i, q)] = Σ_{k∈S of industry i} u_k c_kq, the total at i = slots (third countries t ∉ S ∪ {r});
   * with the detail by industry, each aggregate's row i = N … slots − 1 = Σ of its members' rows.
   */
  private void byIndustry(YearSystem.Economy eco, int r, double[] u, double[] c, double[] byInd) {
    int g = sys.g();
    int nInd = sys.nInd();
    int cols = 3 * g;
    int[] rows = eco.rows();
    int[] ind = sys.ind();
    int m = rows.length;
    int tot = agg.slots();
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
        byInd[tot * cols + q] += val;
      }
    }
    if (byIndustry) {
      IndustrySlots.sumMembers(byInd, agg, cols);
    }
  }

  /**
   * Check W5 (the detail adds up to the main decomposition's term, per industry and _T) and the rows
   * of partner r: _T, and with the detail by industry every industry and aggregate (check W7).
   */
  private void checkAndWrite(YearSystem.Economy eco, int r, double[] byInd, double[] out, CheckResult.Builder w5,
      ResultSink sink) {
    int g = sys.g();
    int nInd = sys.nInd();
    int cols = 3 * g;
    int tot = agg.slots();
    String s = eco.code();
    List<String> countries = sys.layout().countries();
    List<String> industries = sys.layout().industries();
    String pr = countries.get(r);
    double[] row = new double[cols];
    for (int i = 0; i <= tot; i++) {
      if (i < nInd || i == tot) {
        final int ii = i;
        w5(byInd, out, i, r, w5, () -> s + "→" + pr + " " + IndustrySlots.code(agg, ii, industries));
      }
      if (i < tot && !byIndustry) {
        continue;
      }
      String in = IndustrySlots.code(agg, i, industries);
      for (int q = 0; q < cols; q++) {
        int t = q % g;
        row[q] = Double.NaN;
        if (eco.member()[t] || t == r) {
          continue;
        }
        row[q] = byInd[i * cols + q];
        sink.wwzThirdCountry(s, pr, countries.get(t), in, TERMS[q / g], row[q]);
      }
      if (w7 != null && i < tot) {
        w7.record("", in, row);
      }
    }
    if (w7 != null) {
      w7.verify(s + "→" + pr);
    }
  }

  /** W5 for slot i (an industry, or the total): Σ_t of the detail of each term = the main decomposition's term. */
  private void w5(double[] byInd, double[] out, int i, int r, CheckResult.Builder w5, Supplier<String> where) {
    int g = sys.g();
    int cols = 3 * g;
    double[] sum = new double[3];
    for (int q = 0; q < cols; q++) {
      sum[q / g] += byInd[i * cols + q];
    }
    for (int term = 0; term < 3; term++) {
      final int tt = term;
      w5.compare(sum[term], mainTerm(out, i, r, term), () -> where.get() + " " + TERMS[tt]);
    }
  }

  /** WWZ term 3 + {@code term} of the main decomposition for industry i (i ≥ N: the total) and partner r. */
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
