package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import java.util.List;

/**
 * Borin–Mancini importer perspective of gross imports (Borin and Mancini 2019, World Bank Policy
 * Research WP 8804, section 4.3, eq. 51; Stata {@code icio, importer(r) perspective(importer)},
 * Belotti, Borin and Mancini 2021, Stata Journal 21(3); the same equation as implemented in S. Krantz's
 * GlobalValueChains.jl {@code decompose(m; flow = :imports)}, validated there against Stata icio):
 * the perimeter is the importing economy R's border as a whole. Its intermediate imports are
 * extracted, Ã = A with A_{¬R,R} = 0, B̃ = (I − Ã)⁻¹, and for the imports d of R from a partner row
 * k ∉ R (d_k = Y_{k,R} + Σ_{j∈R} Z_kj)
 *
 * <pre>
 *   v B d = Σ_j v_j B̃_jk d_k  (VA: counted the first time it enters R)
 *         + Σ_j v_j (B − B̃)_jk d_k  (DC: eq. 51's Σ_j V_j Σ_{t∉R} B̃_jt A_tR B_R· d, entered R before)
 * </pre>
 *
 * split by the origin j of the value added: the partner country s = c(k) itself ({@code _EXP}), the
 * importer R ({@code _IMP}: R's own value added coming back), every other country ({@code _OTH}).
 * Rows by importer R × partner s × the partner's exporting industry (the product imported); icio
 * reports only the sum over partners and industries and VA by origin ({@link #ORIGIN}).
 *
 * <p><b>Algebra</b> (no inverse per importer). Ã is block triangular on [R, ¬R], so B̃_{¬R,¬R} =
 * N = (I − A_{¬R,¬R})⁻¹ and B̃_{R,¬R} = L_RR A_{R,¬R} N; with B_{R,¬R} = B_RR A_{R,¬R} N (from BM = I)
 * and the Schur complement N = B_¬¬ − B_{¬,R} B_RR⁻¹ B_{R,¬}, for a column k ∉ R:
 * <ul>
 * <li>Σ_{j∈c} v_j B̃_jk = vbc_{c,k} − (vbc_{c,R} B_RR⁻¹) B_{R,k} for a country c ∉ R;</li>
 * <li>Σ_{j∈R} v_j B̃_jk = (u B_RR⁻¹) B_{R,k}, u = v_R L_RR;</li>
 * </ul>
 * vbc = Σ_{j∈c} v_j B_j· (the year's origin multipliers). One transposed solve with the LU of B_RR for
 * G + 3 right-hand sides (2m²(G + 3)), then three dot products of length m per partner row (O(nm)).
 * Checks BI1 (VA + DC = imports), BI2 (VA by origin = VA by partner row), BI3 (eq. 51 in the
 * column-Woodbury form of GlobalValueChains.jl, B̃ d = B d − (B M) K⁻¹ (B d)_R, K = B_RR (I − A_RR)).
 */
final class BmImporter {
  static final String METHOD = "BM_IMPORTER";
  static final String ORIGIN = "BM_IMPORTER_ORIGIN";
  static final List<String> TERMS = List.of("IMGR", "VA", "VA_EXP", "VA_IMP", "VA_OTH", "DC", "DC_EXP", "DC_IMP",
      "DC_OTH");
  static final List<String> ORIGIN_TERMS = List.of("VA", "DC");
  static final int NT = 9;

  private BmImporter() {}

  /**
   * The importer's terms.
   *
   * @param out by partner industry i and partner country s at (i·G + s)·NT + q, in {@link #TERMS} order
   * @param origin VA and DC by origin: [2c], [2c + 1] for a country c ∉ R, [2G], [2G + 1] for R itself
   */
  record Outputs(double[] out, double[] origin) {}

  /**
   * The importer view of economy R ({@code eco}), with {@code u} = v_R L_RR and {@code luB} the LU of
   * B_RR (both from the exporter algebra of the same economy); checks BI1–BI3 into {@code checks}.
   */
  static Outputs of(YearSystem sys, GvcYear yr, YearSystem.Economy eco, double[] u, Lapack.Lu luB, Checks checks) {
    int g = sys.g();
    int m = eco.rows().length;
    double[] x = rhs(sys, yr, eco, u);
    luB.solveInPlace(x, g + 3, true); // row vectors times B_RR⁻¹
    double[] be = new double[m]; // B_{R,¬R} d
    double[] content = new double[g + 1]; // Σ_k vbc_{c,k} d_k by origin (R at g)
    double[] out = new double[sys.nInd() * g * NT];
    double vaRows = partnerRows(sys, yr, eco, x, be, content, out);
    double[] origin = new double[2 * g + 2];
    double vaOrigin = 0;
    for (int c = 0; c <= g; c++) {
      if (c < g && eco.member()[c]) {
        continue;
      }
      double dc = dot(x, (c < g ? 2 + c : 1) * m, be, m); // vbc_{c,R} B_RR⁻¹ B_{R,¬R} d
      double va = c < g ? content[c] - dc : dc; // R's own: (u B_RR⁻¹) B_{R,¬R} d
      origin[2 * c] = va;
      origin[2 * c + 1] = c < g ? dc : content[g] - va;
      vaOrigin += va;
    }
    check(sys, eco, out, origin, vaRows, vaOrigin, content, dot(x, (g + 2) * m, be, m), checks);
    return new Outputs(out, origin);
  }

  /**
   * The right-hand sides, m × (G + 3): [Σ_{c∉R} vbc_{c,R} | u | vbc_{c,R} for every country c (0 for
   * R's members) | (vB)_R − u (check BI3)].
   */
  private static double[] rhs(YearSystem sys, GvcYear yr, YearSystem.Economy eco, double[] u) {
    int g = sys.g();
    int[] rows = eco.rows();
    int m = rows.length;
    boolean[] mem = eco.member();
    double[] vbc = yr.vbc();
    double[] x = new double[m * (g + 3)];
    for (int jj = 0; jj < m; jj++) {
      int vo = rows[jj] * g;
      double notR = 0;
      double all = 0;
      for (int c = 0; c < g; c++) {
        double t = vbc[vo + c];
        all += t;
        if (!mem[c]) {
          notR += t;
          x[jj + (2 + c) * m] = t;
        }
      }
      x[jj] = notR;
      x[jj + m] = u[jj];
      x[jj + (g + 2) * m] = all - u[jj];
    }
    return x;
  }

  /**
   * Every partner row k ∉ R: the terms into {@code out}, B_{R,k} d_k summed into {@code be}, the
   * content by origin into {@code content}; returns Σ_k VA_k.
   */
  private static double partnerRows(YearSystem sys, GvcYear yr, YearSystem.Economy eco, double[] x, double[] be,
      double[] content, double[] out) {
    int n = sys.n();
    int g = sys.g();
    int[] rows = eco.rows();
    int m = rows.length;
    boolean[] mem = eco.member();
    int[] cty = sys.cty();
    int[] ind = sys.ind();
    double[] b = sys.b();
    double[] vbc = yr.vbc();
    double va = 0;
    for (int k = 0; k < n; k++) {
      int s = cty[k];
      double d = mem[s] ? 0 : imports(sys, yr, mem, k);
      if (d == 0) {
        continue;
      }
      int bo = k * n;
      int qo = (2 + s) * m;
      double da = 0;
      double db = 0;
      double dq = 0;
      for (int jj = 0; jj < m; jj++) {
        double bv = b[bo + rows[jj]];
        da += x[jj] * bv;
        db += x[jj + m] * bv;
        dq += x[qo + jj] * bv;
        be[jj] += bv * d;
      }
      int vo = k * g;
      double inR = 0;
      double notR = 0;
      for (int c = 0; c < g; c++) {
        if (mem[c]) {
          inR += vbc[vo + c];
        } else {
          notR += vbc[vo + c];
          content[c] += vbc[vo + c] * d;
        }
      }
      content[g] += inR * d;
      double[] mult = {notR - da + db, vbc[vo + s] - dq, db, notR + inR, vbc[vo + s], inR};
      add(out, (ind[k] * g + s) * NT, d, mult);
      va += mult[0] * d;
    }
    return va;
  }

  /** d_k = Y_{k,R} + Σ_{j∈R} Z_kj: what row k (outside R) sells to R. */
  static double imports(YearSystem sys, GvcYear yr, boolean[] mem, int k) {
    int n = sys.n();
    double[] zc = yr.zc();
    double[] y = sys.y();
    double d = 0;
    for (int c = 0; c < mem.length; c++) {
      if (mem[c]) {
        d += zc[k + c * n] + y[k + c * n];
      }
    }
    return d;
  }

  /**
   * Adds one row's terms: {@code mult} = [VA multiplier, of which the partner's own, of which R's;
   * content (vB)_k, of which the partner's own, of which R's].
   */
  private static void add(double[] out, int o, double d, double[] mult) {
    double va = mult[0] * d;
    double vaExp = mult[1] * d;
    double vaImp = mult[2] * d;
    double dc = (mult[3] - mult[0]) * d;
    double dcExp = (mult[4] - mult[1]) * d;
    double dcImp = (mult[5] - mult[2]) * d;
    out[o] += d;
    out[o + 1] += va;
    out[o + 2] += vaExp;
    out[o + 3] += vaImp;
    out[o + 4] += va - vaExp - vaImp;
    out[o + 5] += dc;
    out[o + 6] += dcExp;
    out[o + 7] += dcImp;
    out[o + 8] += dc - dcExp - dcImp;
  }

  private static double dot(double[] x, int off, double[] y, int m) {
    double s = 0;
    for (int i = 0; i < m; i++) {
      s += x[off + i] * y[i];
    }
    return s;
  }

  /**
   * BI1 per partner × industry: VA + DC = IMGR; BI2 per importer: Σ origins VA = Σ partner rows VA, and
   * R's own VA by origin = Σ VA_IMP; BI3 per importer: VA = (vB)·d − ((vB)_R − u) B_RR⁻¹ B_{R,¬R} d
   * ({@code woodbury} = the last product).
   */
  private static void check(YearSystem sys, YearSystem.Economy eco, double[] out, double[] origin, double vaRows,
      double vaOrigin, double[] content, double woodbury, Checks checks) {
    int g = sys.g();
    CheckResult.Builder im1 = checks.identity("BI1", "BM importer perspective: VA + DC = gross imports "
        + "(importer x partner x industry)");
    double vaImp = 0;
    double all = content[g];
    for (int s = 0; s < g; s++) {
      if (eco.member()[s]) {
        continue;
      }
      all += content[s];
      for (int i = 0; i < sys.nInd(); i++) {
        int o = (i * g + s) * NT;
        vaImp += out[o + 3];
        int ss = s;
        int ii = i;
        im1.compare(out[o + 1] + out[o + 5], out[o], () -> eco.code() + "←" + sys.layout().countries().get(ss) + " "
            + sys.layout().industries().get(ii));
      }
    }
    CheckResult.Builder im2 = checks.identity("BI2", "BM importer perspective: VA by origin economy = VA by "
        + "partner row (total and the importer's own)");
    im2.compare(vaOrigin, vaRows, eco.code() + " VA");
    im2.compare(origin[2 * g], vaImp, eco.code() + " VA_IMP");
    checks.identity("BI3", "BM importer perspective: VA = (vB)d − ((vB)_R − v_R L_RR) B_RR⁻¹ B_R¬ d "
        + "(eq. 51, column-Woodbury form)").compare(all - woodbury, vaRows, eco.code());
  }
}
