package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Family "gvc": gross-export decompositions of one year (indicators.md §4–§6) into
 * {@code export_decomposition}, GVC measures (§6 participation, §8 WWYZ, §9 up/downstreamness, the
 * latter two in {@link GvcMeasures}) into {@code gvc_measures}, and the identities K, W, B, P, U
 * into {@code quality_checks}.
 *
 * <p><b>Economies.</b> As in {@link TivaCore}: computed on the split system, reported per economy
 * (a country = the union of its entities' rows, CN1×CN2 domestic; a configured group = the union of
 * its members' rows with its own L_gg, intra-group trade domestic). Partners r are always reporting
 * countries outside the exporting economy; third countries t likewise. Values by exporting industry
 * are summed over the economy's entities (CN1, CN2; group members).
 *
 * <p><b>Rows written</b> (method, exporter, importer, industry, term): for WWZ, BM_SOURCE and
 * BM_SINK every exporter × importer × exporting industry, with totals importer "WLD" and industry
 * "_T"; KWW at exporter × WLD × _T (its own formulas, §4) and exporter × importer × _T (the WWZ→KWW
 * mapping of decompr {@code wwz2kww}; KWW is not valid below that level).
 * <ul>
 * <li>WWZ: the 16 terms DVA_FIN, DVA_INT, DVA_INTrexI1, DVA_INTrexF, DVA_INTrexI2, RDV_FIN, RDV_FIN2,
 *     RDV_INT, DDC_FIN, DDC_INT, MVA_FIN, MVA_INT, MDC, OVA_FIN, OVA_INT, ODC; the exvatools
 *     aggregates VAX (1..5), REF (6..8), DVA (1..8), DDC (9+10), FVA (11+12+14+15), FDC (13+16);
 *     and EXGR.</li>
 * <li>KWW: DVA_FIN, DVA_INT, DVA_INTrex, RDV_FIN, RDV_INT, DDC, FVA_FIN, FVA_INT, FDC, EXGR.</li>
 * <li>BM_SOURCE: EXGR, DC, DVA, VAX, DAVAX, REF, DDC, FC, FVA, FDC, GVC, GVCB, GVCF.</li>
 * <li>BM_SINK: EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC.</li>
 * </ul>
 * gvc_measures: GVC_BM, GVCB_BM, GVCF_BM (percent of gross exports, source-based exporter
 * perspective, economy × exporting industry and _T).
 *
 * <p><b>Block algebra used</b> (M = I − A, S = the economy's rows, ¬ = the other rows; all exact):
 * <ul>
 * <li>B_SS = L_SS + L_SS A_S¬ B_¬S, so v_S(B_SS − L_SS) = d with d = (v_S L_SS A_S¬) B_¬S (O(nm)).</li>
 * <li>Extraction matrix A^(s) (S's foreign sales removed) is block lower triangular, and
 *     (M_¬¬)⁻¹ A_¬S = B_¬S B_SS⁻¹, so B^(s)_¬S = B_¬S B_SS⁻¹ L_SS and
 *     (M_¬¬)⁻¹ c = (B c̄)_¬ − B_¬S B_SS⁻¹ (B c̄)_S (c̄ = c extended by 0 on S). Hence BM's FVA multiplier
 *     Σ_{t∉s} v_t B^(s)_ts = (v_¬ B_¬S) B_SS⁻¹ L_SS and every B^(s)·vector are two m×m solves plus
 *     O(nm) — no B^(s), no inverse per exporter, no n×n×G array.</li>
 * <li>For γ = B^(s) y and a partner r ∉ S: L_rr Σ_{j∉r} A_rj γ_j = γ_r − L_rr y_r, which turns the
 *     exvatools sink terms into VAX^snk_sr = w∘(Y_sr + A_sr γ1_r), REF^snk_sr = w∘A_sr γ2_r,
 *     DDC^snk_sr = w∘A_sr β_r, with γ1 = B^(s)Ŷ_¬s, γ2 = B^(s)Y_·s, β = B^(s)_·S e_S; likewise
 *     source VAX_sr = u∘(Y_sr + A_sr x^(¬s)_r), REF_sr = u∘A_sr (B Y_·s)_r (u = v_S L_SS,
 *     w = v_S B_SS). The literal formulas are re-computed in the tests with explicit inverses.</li>
 * </ul>
 *
 * <p><b>Cost</b> (n rows, G countries, E economies, m rows of an economy, N industries): B·Y one
 * dgemm 2n²G (shared with nothing else; core multiplies v̂B·Y itself); B·ydiag one dgemv; explicit
 * country local inverses 2GN³; B_rr·Y_r· per country 2nNG. Per economy: LU of I − A_SS and of B_SS
 * (2·2m³/3), a dozen O(nm) passes over B_·S / A_S· / A_·S, and the partner loop: A_S,r times 14
 * vectors for every partner r, 28·m·(n − m) flops. Total ≈ 2n²G + 40n² + Σ_groups(4m³/3 + 40nm):
 * at n = 3645, G = 80 about 2 GFlop in dgemm and 0.6 GFlop in Java loops (see DecompositionsBenchTest).
 * Memory: besides A and B, n×G (B·Y), G×n (origin multipliers), a few n-vectors per economy.
 */
public final class Decompositions {
  static final String WLD = "WLD";
  static final String TOTAL = "_T";

  /** WWZ term names in WWZ (2013) order (indicators.md §5). */
  public static final List<String> WWZ_TERMS = List.of("DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF",
      "DVA_INTrexI2", "RDV_FIN", "RDV_FIN2", "RDV_INT", "DDC_FIN", "DDC_INT", "MVA_FIN", "MVA_INT", "MDC",
      "OVA_FIN", "OVA_INT", "ODC");
  /** exvatools aggregates of the WWZ terms, then EXGR. */
  public static final List<String> WWZ_AGGREGATES = List.of("VAX", "REF", "DVA", "DDC", "FVA", "FDC", "EXGR");
  /** KWW (2014) terms in order, then EXGR. */
  public static final List<String> KWW_TERMS = List.of("DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT",
      "DDC", "FVA_FIN", "FVA_INT", "FDC", "EXGR");
  public static final List<String> BM_SOURCE_TERMS = List.of("EXGR", "DC", "DVA", "VAX", "DAVAX", "REF", "DDC",
      "FC", "FVA", "FDC", "GVC", "GVCB", "GVCF");
  public static final List<String> BM_SINK_TERMS = List.of("EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA",
      "FDC");

  private Decompositions() {}

  /** Builds the year's system and computes the whole gvc family. */
  public static TivaSummary compute(MrioYear year, TivaOptions options, ResultSink sink) {
    return compute(YearSystem.build(year, options), sink);
  }

  /** The whole gvc family (decompositions here, then {@link GvcMeasures}) on a solved system. */
  public static TivaSummary compute(YearSystem sys, ResultSink sink) {
    long t0 = System.nanoTime();
    Run run = new Run(sys, sink);
    run.run();
    long t1 = System.nanoTime();
    run.steps.put("decompositions (KWW, WWZ, BM)", (t1 - t0) / 1e9);
    GvcMeasures.Result gm = GvcMeasures.compute(sys, sink);
    run.steps.putAll(gm.steps());
    List<CheckResult> checks = new ArrayList<>(run.checks);
    checks.addAll(gm.checks());
    double secs = (System.nanoTime() - t0) / 1e9 + sys.buildSeconds();
    return new TivaSummary(sys.year().year(), sys.n(), secs, sys.leontiefSeconds(), sys.lapack().backend(), checks,
        run.steps);
  }

  // indices of the per-(s, r) vectors multiplied by A_sr
  static final int T2 = 0;
  static final int T3 = 1;
  static final int T4 = 2;
  static final int T5 = 3;
  static final int T6 = 4;
  static final int T7 = 5;
  static final int T8 = 6;
  static final int T9 = 7;
  static final int LY = 8;
  static final int LE = 9;
  static final int P4 = 10;
  static final int G1 = 11;
  static final int G2 = 12;
  static final int BETA = 13;
  static final int NV = 14;

  // result slots per (industry, partner)
  static final int W0 = 0; // 16 WWZ terms: W0..W0+15
  static final int SRC = 16; // 13 BM source terms in BM_SOURCE_TERMS order
  static final int SNK = SRC + 13; // 9 BM sink terms in BM_SINK_TERMS order
  static final int NSLOT = SNK + 9;

  /**
   * BLAS (with offsets into A and B) for the per-economy O(nm) passes and the partner loop when the
   * rows are contiguous; false = the Java loops everywhere (same results up to summation order).
   * Not final: the benchmark flips it to measure both in one process.
   */
  static volatile boolean blasBlocks = !"false".equals(System.getProperty("tiva.math.blasBlocks"));

  static final int[] NO_ROWS = new int[0];

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

  private static final class Run {
    final YearSystem sys;
    final ResultSink sink;
    final Layout lay;
    final Lapack lapack;
    final int n;
    final int g;
    final int nInd;
    final int[] cty;
    final int[] ind;
    final double tol;
    final double[] a;
    final double[] b;
    final double[] x;
    final double[] v;
    final double[] y;
    final double[] yTot;
    final List<String> countries;
    final List<String> industries;
    final List<CheckResult> checks = new ArrayList<>();
    final Map<String, CheckResult.Builder> builders = new LinkedHashMap<>();
    final Map<String, Double> steps = new LinkedHashMap<>();
    final int[][] rowsOf;
    /** First row of each country when its rows are contiguous (always, in the layouts), else −1. */
    final int[] rowStart;

    double[] zc;
    double[] vbc;
    double[] by;
    double[] ydiag;
    double[] bydiag;
    double[] eC;
    double[] ly;
    double[] le;
    double[] brrYall;
    double[] brrYd;
    double[] brrY; // n×G: (B_rr Y_{r,c})_j for r = cty(j)
    double worldK5Lhs;

    Run(YearSystem sys, ResultSink sink) {
      this.sys = sys;
      this.sink = sink;
      this.lay = sys.layout();
      this.lapack = sys.lapack();
      this.n = sys.n();
      this.g = sys.g();
      this.nInd = sys.nInd();
      this.cty = sys.cty();
      this.ind = sys.ind();
      this.tol = sys.options().algebraTolerance();
      this.a = sys.a();
      this.b = sys.b();
      this.x = sys.x();
      this.v = sys.v();
      this.y = sys.y();
      this.yTot = sys.yTot();
      this.countries = lay.countries();
      this.industries = lay.industries();
      rowsOf = new int[g][];
      rowStart = new int[g];
      for (int c = 0; c < g; c++) {
        rowsOf[c] = lay.rowsOfCountry(c);
        rowStart[c] = contiguousStart(rowsOf[c]);
      }
    }

    /** acc_r = tv_·R A_S,R' (NV×m) for every non-member partner r with contiguous rows, side by side. */
    double[] partnerProducts(int s0, int m, boolean[] mem, double[] tv) {
      double[] all = new double[NV * m * g];
      Lapack.onLapackThread(() -> {
        for (int r = 0; r < g; r++) {
          int r0 = rowStart[r];
          if (mem[r] || r0 < 0) {
            continue;
          }
          int mr = rowsOf[r].length;
          lapack.dgemm(false, true, NV, m, mr, 1.0, tv, r0 * NV, NV, a, s0 + r0 * n, n, 0.0, all, r * NV * m, NV);
        }
        return null;
      });
      return all;
    }

    CheckResult.Builder cb(String code, String scope) {
      return builders.computeIfAbsent(code + "\u0000" + scope, k -> CheckResult.builder(code, scope, tol));
    }

    long lapT = System.nanoTime();

    void lap(String step) {
      long now = System.nanoTime();
      steps.merge(step, (now - lapT) / 1e9, Double::sum);
      lapT = now;
    }

    void run() {
      lapT = System.nanoTime();
      yearLevel();
      lap("gvc: B·Y, local inverses, B_rr·Y (year level)");
      for (YearSystem.Economy eco : sys.economies()) {
        economy(eco);
      }
      for (CheckResult.Builder bl : builders.values()) {
        CheckResult r = bl.build();
        checks.add(r);
        sink.check(r);
      }
    }

    /** Year-level products shared by every economy. */
    void yearLevel() {
      zc = sys.zc();
      vbc = sys.originMultipliers();
      by = sys.by(); // 2n²G
      ydiag = new double[n];
      eC = sys.countryExports();
      for (int j = 0; j < n; j++) {
        ydiag[j] = y[j + cty[j] * n];
      }
      bydiag = new double[n];
      lapack.dgemv(false, n, n, 1.0, b, ydiag, 0.0, bydiag);
      double[][] linv = sys.countryLocalInverses();
      ly = new double[n];
      le = new double[n];
      brrYall = new double[n];
      brrYd = new double[n];
      brrY = new double[n * g];
      for (int c = 0; c < g; c++) {
        int[] r = rowsOf[c];
        int m = r.length;
        double[] l = linv[c];
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
        // B_rr Y_{r, dest} for every destination country
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
    }

    Lapack.Lu lu(double[] matrix, int m, String what, String eco) {
      try {
        return lapack.lu(matrix, m, true);
      } catch (Lapack.SingularMatrixException e) {
        throw new InvalidInputException("intermediate/", sys.year().year(), eco,
            what + " is singular for " + eco + " (LAPACK dgetrf pivot " + e.pivot() + ")", e);
      }
    }

    void economy(YearSystem.Economy eco) {
      final String s = eco.code();
      final int[] rows = eco.rows();
      final boolean[] mem = eco.member();
      final int m = rows.length;
      boolean[] inS = new boolean[n];
      for (int k : rows) {
        inS[k] = true;
      }
      // ---- vectors of the economy, O(n·G) ----
      double[] yToS = new double[n]; // Σ_{c∈s} Y_·c
      double[] p4 = new double[n]; // B Σ_{c∈s} Y_·c
      double[] t6 = new double[n]; // B_rr Y_rs
      double[] ws = new double[n]; // Σ_{t∈s} v_t B_t·
      for (int c = 0; c < g; c++) {
        if (!mem[c]) {
          continue;
        }
        int o = c * n;
        for (int j = 0; j < n; j++) {
          yToS[j] += y[j + o];
          p4[j] += by[j + o];
          t6[j] += brrY[j + o];
        }
      }
      for (int j = 0; j < n; j++) {
        double sum = 0;
        int vo = j * g;
        for (int t = 0; t < g; t++) {
          if (mem[t]) {
            sum += vbc[vo + t];
          }
        }
        ws[j] = sum;
      }
      double[] eS = new double[m]; // exports of each row of s (to non-members)
      double[] fm = new double[m]; // Σ_{t∉s} v_t B_tk
      double[] vS = new double[m];
      double[] yss = new double[m];
      double[] yExpS = new double[m]; // Y_{S,¬s} 1
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        double dom = 0;
        for (int c = 0; c < g; c++) {
          if (mem[c]) {
            dom += zc[k + c * n] + y[k + c * n];
          }
        }
        eS[kk] = sys.zRow()[k] + yTot[k] - dom;
        double f = 0;
        int vo = k * g;
        for (int t = 0; t < g; t++) {
          if (!mem[t]) {
            f += vbc[vo + t];
          }
        }
        fm[kk] = f;
        vS[kk] = v[k];
        yss[kk] = yToS[k];
        yExpS[kk] = yTot[k] - yToS[k];
      }
      lap("gvc: economy vectors");

      // ---- LU of I − A_SS and of B_SS (2·2m³/3) and the solves on them ----
      // both LUs and their solves in ONE hop to the LAPACK thread (a hop is a thread hand-off)
      Lapack.Lu[] lus = new Lapack.Lu[1];
      double[][] sol = Lapack.onLapackThread(() -> {
        Lapack.Lu luL = lu(IoMath.identityMinus(IoMath.block(a, n, rows), m), m, "I − A_ss", s);
        Lapack.Lu luB = lu(IoMath.block(b, n, rows), m, "B_ss", s);
        double[] u0 = luL.solve(vS, 1, true); // v_S L_SS
        double[] rhs = new double[2 * m];
        System.arraycopy(yss, 0, rhs, 0, m);
        System.arraycopy(eS, 0, rhs, m, m);
        luL.solveInPlace(rhs, 2, false); // L_SS Y_ss, L_SS e_S
        double[] h0 = luL.solveInPlace(luB.solve(fm, 1, true), 1, true); // fm_S B_SS⁻¹ L_SS (BM FVA multiplier)
        lus[0] = luB;
        return new double[][] {u0, rhs, h0};
      });
      Lapack.Lu luB = lus[0];
      double[] u = sol[0];
      double[] lYss = java.util.Arrays.copyOfRange(sol[1], 0, m);
      double[] lE = java.util.Arrays.copyOfRange(sol[1], m, 2 * m);
      double[] h = sol[2];
      lap("gvc: LU of I-A_ss, B_ss, solves");

      // Contiguous rows (every country; a group whose members are adjacent): the O(nm) passes over
      // A_S·, A_·S, B_·S below are BLAS calls on the blocks in place (offsets, leading dimension n),
      // all in one hop to the LAPACK thread; otherwise the Java loops over the row list.
      final int s0 = blasBlocks ? contiguousStart(rows) : -1;
      // ---- d = (v_S L_SS A_S¬) B_¬S (v_S(B_SS − L_SS)), O(nm) ----
      double[] qv = new double[n];
      double[] d = new double[m];
      double[] bYall = new double[n];
      double[] bYToS = new double[n];
      double[] bYd = new double[n];
      if (s0 >= 0) {
        double[] c3 = new double[3 * m];
        for (int kk = 0; kk < m; kk++) {
          int k = rows[kk];
          c3[kk] = yTot[k];
          c3[kk + m] = yToS[k];
          c3[kk + 2 * m] = ydiag[k];
        }
        Lapack.onLapackThread(() -> {
          lapack.dgemv(true, m, n, 1.0, a, s0, n, u, 0.0, qv); // qv = A_S·' u
          java.util.Arrays.fill(qv, s0, s0 + m, 0.0); // only c ∉ S
          lapack.dgemv(true, n, m, 1.0, b, s0 * n, n, qv, 0.0, d); // d = B_·S' qv
          double[] p3 = new double[3 * n];
          lapack.dgemm(false, false, n, 3, m, 1.0, b, s0 * n, n, c3, 0, m, 0.0, p3, 0, n);
          System.arraycopy(p3, 0, bYall, 0, n);
          System.arraycopy(p3, n, bYToS, 0, n);
          System.arraycopy(p3, 2 * n, bYd, 0, n);
          return null;
        });
      } else {
        javaDAndBys(rows, inS, u, qv, d, bYall, bYToS, bYd, yToS);
      }
      finishExtraction(s0, rows, m, x, p4, bYall, bYToS, lYss, lE, luB, inS);
      lap("gvc: B_.S passes (extraction via B_ss^-1)");
      rest(eco, rows, mem, m, inS, s0, yToS, p4, t6, ws, eS, fm, vS, yss, yExpS, u, lYss, lE, h, d, bYall, bYToS,
          bYd);
    }

    /** Java version of the qv, d and B_·S·[yTot, yToS, ydiag] passes (rows in any order). */
    void javaDAndBys(int[] rows, boolean[] inS, double[] u, double[] qv, double[] d, double[] bYall,
        double[] bYToS, double[] bYd, double[] yToS) {
      int m = rows.length;
      sys.offEconomyChain(rows, inS, u, qv, d);
      // ---- B_·S times [yTot_S, yToS_S, ydiag_S] (O(3nm)) ----
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        int off = k * n;
        double c1 = yTot[k];
        double c2 = yToS[k];
        double c3 = ydiag[k];
        for (int j = 0; j < n; j++) {
          double bv = b[off + j];
          bYall[j] += bv * c1;
          bYToS[j] += bv * c2;
          bYd[j] += bv * c3;
        }
      }
    }

    double[] corr;
    double[] bc1;
    double[] bc2;

    /** B c̄1, B c̄2, and corr = B_·S B_SS⁻¹ [...] (the extraction correction), into the fields above. */
    void finishExtraction(int s0, int[] rows, int m, double[] x, double[] p4, double[] bYall, double[] bYToS,
        double[] lYss, double[] lE, Lapack.Lu luB, boolean[] inS) {
      // B c̄1 (c̄1 = Σ_{c∉s} Y_·c off S) and B c̄2 (c̄2 = Y_·s off S)
      bc1 = new double[n];
      bc2 = new double[n];
      for (int j = 0; j < n; j++) {
        bc1[j] = x[j] - p4[j] - (bYall[j] - bYToS[j]);
        bc2[j] = p4[j] - bYToS[j];
      }
      double[] r3 = new double[3 * m];
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        r3[kk] = -bc1[k];
        r3[kk + m] = lYss[kk] - bc2[k];
        r3[kk + 2 * m] = lE[kk];
      }
      corr = new double[3 * n];
      if (s0 >= 0) {
        Lapack.onLapackThread(() -> {
          luB.solveInPlace(r3, 3, false);
          lapack.dgemm(false, false, n, 3, m, 1.0, b, s0 * n, n, r3, 0, m, 0.0, corr, 0, n);
          return null;
        });
        return;
      }
      luB.solveInPlace(r3, 3, false);
      for (int kk = 0; kk < m; kk++) {
        int off = rows[kk] * n;
        double t1 = r3[kk];
        double t2 = r3[kk + m];
        double t3 = r3[kk + 2 * m];
        for (int j = 0; j < n; j++) {
          double bv = b[off + j];
          corr[j] += bv * t1;
          corr[j + n] += bv * t2;
          corr[j + 2 * n] += bv * t3;
        }
      }
    }

    /** Partner vectors, KWW direct terms, the partner loop, emit and checks of one economy. */
    void rest(YearSystem.Economy eco, int[] rows, boolean[] mem, int m, boolean[] inS, int s0, double[] yToS,
        double[] p4, double[] t6, double[] ws, double[] eS, double[] fm, double[] vS, double[] yss,
        double[] yExpS, double[] u, double[] lYss, double[] lE, double[] h, double[] d, double[] bYall,
        double[] bYToS, double[] bYd) {
      final String s = eco.code();
      double[] corr = this.corr;
      double[] bc1 = this.bc1;
      double[] bc2 = this.bc2;

      // ---- the 14 vectors on the rows of the partners (rows ∉ S), vector-major per row ----
      double[] tv = new double[NV * n];
      for (int j = 0; j < n; j++) {
        if (inS[j]) {
          continue;
        }
        double t2 = brrYd[j];
        double t6j = t6[j];
        double t4 = brrYall[j] - t2 - t6j;
        int o = j * NV;
        tv[o + T2] = t2;
        tv[o + T3] = bydiag[j] - t2 - bYd[j];
        tv[o + T4] = t4;
        tv[o + T5] = x[j] - bydiag[j] - p4[j] - (bYall[j] - bYd[j] - bYToS[j]) - t4;
        tv[o + T6] = t6j;
        tv[o + T7] = p4[j] - t6j - bYToS[j];
        tv[o + T8] = bYToS[j];
        tv[o + T9] = bYall[j] - bYToS[j];
        tv[o + LY] = ly[j];
        tv[o + LE] = le[j];
        tv[o + P4] = p4[j];
        tv[o + G1] = bc1[j] + corr[j];
        tv[o + G2] = bc2[j] + corr[j + n];
        tv[o + BETA] = corr[j + 2 * n];
      }

      // ---- KWW terms 5 and 6 direct: ws_¬ A_¬S (L_SS Y_ss), ws_¬ A_¬S (L_SS e_S) ----
      double kww5 = 0;
      double kww6 = 0;
      double[] wsA = new double[m]; // ws_¬ A_¬S
      if (s0 >= 0) {
        double[] wsm = ws.clone();
        java.util.Arrays.fill(wsm, s0, s0 + m, 0.0);
        lapack.dgemv(true, n, m, 1.0, a, s0 * n, n, wsm, 0.0, wsA);
      } else {
        for (int kk = 0; kk < m; kk++) {
          int off = rows[kk] * n;
          double acc = 0;
          for (int j = 0; j < n; j++) {
            if (!inS[j]) {
              acc += ws[j] * a[off + j];
            }
          }
          wsA[kk] = acc;
        }
      }
      for (int kk = 0; kk < m; kk++) {
        kww5 += wsA[kk] * lYss[kk];
        kww6 += wsA[kk] * lE[kk];
      }
      double kww1 = 0;
      double kww2 = 0;
      double kww3 = 0;
      double kww4 = 0;
      for (int j = 0; j < n; j++) {
        if (inS[j]) {
          continue;
        }
        kww2 += ws[j] * ydiag[j];
        kww3 += ws[j] * (yTot[j] - ydiag[j] - yToS[j]);
        kww4 += ws[j] * yToS[j];
      }
      double kww7 = 0;
      double kww8 = 0;
      double kww9 = 0;
      double exgrS = 0;
      double dcS = 0;
      double fcS = 0;
      double vLe = 0; // v_S · (L_SS e_S), for B6
      double uYss = 0;
      for (int kk = 0; kk < m; kk++) {
        int k = rows[kk];
        kww1 += ws[k] * yExpS[kk];
        kww7 += fm[kk] * yExpS[kk];
        exgrS += eS[kk];
        dcS += ws[k] * eS[kk];
        fcS += fm[kk] * eS[kk];
        vLe += vS[kk] * lE[kk];
        uYss += u[kk] * yss[kk];
      }
      lap("gvc: partner vectors, KWW direct");

      // ---- partner loop: A_S,r times the 14 vectors; terms per (industry, partner) ----
      double[] out = new double[NSLOT * nInd * g];
      double[] acc = new double[m * NV];
      // contiguous exporter and partner blocks: acc_r (NV×m) = tv_·R A_S,R' as one small dgemm per
      // partner, all partners in one hop; accAll holds them side by side (NV·m·G doubles)
      double[] accAll = s0 >= 0 ? partnerProducts(s0, m, mem, tv) : null;
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          continue;
        }
        if (accAll != null && rowStart[r] >= 0) {
          System.arraycopy(accAll, r * NV * m, acc, 0, NV * m);
        } else {
          java.util.Arrays.fill(acc, 0.0);
        }
        for (int j : accAll != null && rowStart[r] >= 0 ? NO_ROWS : rowsOf[r]) {
          int off = j * n;
          int o = j * NV;
          for (int kk = 0; kk < m; kk++) {
            double aj = a[off + rows[kk]];
            if (aj == 0) {
              continue;
            }
            int ao = kk * NV;
            for (int q = 0; q < NV; q++) {
              acc[ao + q] += aj * tv[o + q];
            }
          }
        }
        for (int kk = 0; kk < m; kk++) {
          int k = rows[kk];
          int ao = kk * NV;
          double ysr = y[k + r * n];
          double ax = zc[k + r * n];
          double e = ysr + ax;
          double w = ws[k];
          double uu = u[kk];
          double dd = d[kk];
          double f = fm[kk];
          double mr = vbc[r + k * g];
          double ov = f - mr;
          double hh = h[kk];
          int base = (ind[k] * g + r) * NSLOT;
          // WWZ
          out[base + W0] += w * ysr;
          out[base + W0 + 1] += uu * acc[ao + T2];
          out[base + W0 + 2] += uu * acc[ao + T3];
          out[base + W0 + 3] += uu * acc[ao + T4];
          out[base + W0 + 4] += uu * acc[ao + T5];
          out[base + W0 + 5] += uu * acc[ao + T6];
          out[base + W0 + 6] += uu * acc[ao + T7];
          out[base + W0 + 7] += uu * acc[ao + T8];
          out[base + W0 + 8] += uu * acc[ao + T9];
          out[base + W0 + 9] += dd * ax;
          out[base + W0 + 10] += mr * ysr;
          out[base + W0 + 11] += mr * acc[ao + LY];
          out[base + W0 + 12] += mr * acc[ao + LE];
          out[base + W0 + 13] += ov * ysr;
          out[base + W0 + 14] += ov * acc[ao + LY];
          out[base + W0 + 15] += ov * acc[ao + LE];
          // BM source: EXGR, DC, DVA, VAX, DAVAX, REF, DDC, FC, FVA, FDC, GVC, GVCB, GVCF
          double davax = uu * (ysr + acc[ao + LY]);
          double dva = uu * e;
          double ddc = dd * e;
          double fc = f * e;
          out[base + SRC] += e;
          out[base + SRC + 1] += w * e;
          out[base + SRC + 2] += dva;
          out[base + SRC + 3] += uu * (ysr + ax - acc[ao + P4]);
          out[base + SRC + 4] += davax;
          out[base + SRC + 5] += uu * acc[ao + P4];
          out[base + SRC + 6] += ddc;
          out[base + SRC + 7] += fc;
          out[base + SRC + 8] += hh * e;
          out[base + SRC + 9] += (f - hh) * e;
          out[base + SRC + 10] += e - davax;
          out[base + SRC + 11] += ddc + fc;
          out[base + SRC + 12] += dva - davax;
          // BM sink: EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC
          double vax = w * (ysr + acc[ao + G1]);
          double ref = w * acc[ao + G2];
          double fdc = f * acc[ao + BETA];
          out[base + SNK] += e;
          out[base + SNK + 1] += w * e;
          out[base + SNK + 2] += vax + ref;
          out[base + SNK + 3] += vax;
          out[base + SNK + 4] += ref;
          out[base + SNK + 5] += w * acc[ao + BETA];
          out[base + SNK + 6] += fc;
          out[base + SNK + 7] += fc - fdc;
          out[base + SNK + 8] += fdc;
          kww8 += f * acc[ao + LY];
          kww9 += f * acc[ao + LE];
        }
      }
      lap("gvc: partner loop A_sr x 14 vectors");

      double[] kww = {kww1, kww2, kww3, kww4, kww5, kww6, kww7, kww8, kww9, exgrS};
      double dfdS = 0; // v_S (B Y_·s)_S: VA of s absorbed at home
      double ffdS = 0; // FFD_DVA_s = v_S (B Y_·c)_S summed over c ∉ s (the dgemm columns, not x − B Y_·s)
      for (int c = 0; c < g; c++) {
        double acc2 = 0;
        for (int kk = 0; kk < m; kk++) {
          acc2 += v[rows[kk]] * by[rows[kk] + c * n];
        }
        if (mem[c]) {
          dfdS += acc2;
        } else {
          ffdS += acc2;
        }
      }
      emit(eco, out, kww);
      checks(eco, out, kww, exgrS, dcS, fcS, ffdS, dfdS - uYss, vLe, ws, fm, rows);
      lap("gvc: emit, checks");
      if (sys.options().wwzThirdCountry() != TivaOptions.ThirdCountry.OFF) {
        thirdCountry(eco, rows, mem, m, s0, u, yToS, out);
        lap("gvc: WWZ third-country detail");
      }
    }

    /**
     * n×3G, column-major: [Σ_{k∈t} B_jk Y_kt | B_rr Y_rt | Σ_{k∈t} B_jk (y_k − Y_kt − Y_kS)]. The first
     * two blocks are the year's; the third starts from the year's Σ_{k∈t} B_jk (y_k − Y_kt)
     * ({@link #w5x}) and is redone per exporter S.
     */
    double[] wCat;
    double[] w5x; // n×G: Σ_{k∈t} B_jk (y_k − Y_kt)

    /**
     * Third-country detail of WWZ terms 3–5 for exporter economy S (indicators.md §5): for partner r
     * and third country t ∉ S ∪ {r}, with u = v_S L_SS,
     * DVA_INTrexI1(t) = u # A_Sr B_rt Y_tt, DVA_INTrexF(t) = u # A_Sr B_rr Y_rt,
     * DVA_INTrexI2(t) = u # A_Sr B_rt Σ_{w∉S∪{t}} Y_tw; summed over t they are the terms themselves
     * (check W5). Cost: year level 2n² (two n×G block products, Java); per economy n² for
     * B_·t Y_tS and, per partner, A_S,r times the n×3G matrix [B_·tY_tt | B_rrY_rt | B_·t Σ Y_tw]
     * (dgemm when rows are contiguous): 6n²G flops over all economies, 0.3 GB of Java/BLAS traffic
     * at ICIO scale. Memory: 4 n×G arrays, kept for the year.
     */
    void thirdCountry(YearSystem.Economy eco, int[] rows, boolean[] mem, int m, int s0, double[] u,
        double[] yToS, double[] out) {
      int cols = 3 * g;
      if (wCat == null) {
        wCat = new double[n * cols];
        w5x = new double[n * g];
        for (int t = 0; t < g; t++) {
          for (int k : rowsOf[t]) {
            double c3 = ydiag[k];
            double c5 = yTot[k] - ydiag[k];
            int bo = k * n;
            int o = t * n;
            for (int j = 0; j < n; j++) {
              double bv = b[bo + j];
              wCat[o + j] += bv * c3;
              w5x[o + j] += bv * c5;
            }
          }
        }
        System.arraycopy(brrY, 0, wCat, n * g, n * g);
      }
      double[] w = wCat;
      System.arraycopy(w5x, 0, w, 2 * n * g, n * g); // then − B_·t Y_tS for this exporter
      for (int t = 0; t < g; t++) {
        if (mem[t]) {
          continue;
        }
        int o = (2 * g + t) * n;
        for (int k : rowsOf[t]) {
          double c = yToS[k];
          if (c == 0) {
            continue;
          }
          int bo = k * n;
          for (int j = 0; j < n; j++) {
            w[o + j] -= b[bo + j] * c;
          }
        }
      }
      boolean byIndustry = sys.options().wwzThirdCountry() == TivaOptions.ThirdCountry.INDUSTRY;
      String s = eco.code();
      String[] terms = {WWZ_TERMS.get(2), WWZ_TERMS.get(3), WWZ_TERMS.get(4)};
      CheckResult.Builder w5 = cb("W5", "WWZ third-country detail: Σ_t DVA_INTrexI1/F/I2(t) = the term "
          + "(exporter × importer × industry)");
      double[] c = new double[m * cols];
      double[] byInd = new double[(nInd + 1) * cols];
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          continue;
        }
        int r0 = rowStart[r];
        if (s0 >= 0 && r0 >= 0) {
          int mr = rowsOf[r].length;
          lapack.dgemm(false, false, m, cols, mr, 1.0, a, s0 + r0 * n, n, w, r0, n, 0.0, c, 0, m);
        } else {
          java.util.Arrays.fill(c, 0.0);
          for (int j : rowsOf[r]) {
            int ao = j * n;
            for (int q = 0; q < cols; q++) {
              double wv = w[j + q * n];
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
        java.util.Arrays.fill(byInd, 0.0);
        for (int q = 0; q < cols; q++) {
          int t = q % g;
          if (mem[t] || t == r) {
            continue;
          }
          int co = q * m;
          for (int kk = 0; kk < m; kk++) {
            double val = u[kk] * c[co + kk];
            byInd[ind[rows[kk]] * cols + q] += val;
            byInd[nInd * cols + q] += val;
          }
        }
        String pr = countries.get(r);
        for (int i = 0; i <= nInd; i++) {
          // check: the detail adds up to the term of the main decomposition
          double[] sum = new double[3];
          for (int q = 0; q < cols; q++) {
            sum[q / g] += byInd[i * cols + q];
          }
          for (int term = 0; term < 3; term++) {
            double main;
            if (i < nInd) {
              main = out[(i * g + r) * NSLOT + W0 + 2 + term];
            } else {
              main = 0;
              for (int ii = 0; ii < nInd; ii++) {
                main += out[(ii * g + r) * NSLOT + W0 + 2 + term];
              }
            }
            final int ii = i;
            final int tt = term;
            w5.compare(sum[term], main, () -> s + "→" + pr + " " + (ii == nInd ? TOTAL : industries.get(ii)) + " "
                + terms[tt]);
          }
          if (i < nInd && !byIndustry) {
            continue;
          }
          String in = i == nInd ? TOTAL : industries.get(i);
          for (int q = 0; q < cols; q++) {
            int t = q % g;
            if (mem[t] || t == r) {
              continue;
            }
            sink.wwzThirdCountry(s, pr, countries.get(t), in, terms[q / g], byInd[i * cols + q]);
          }
        }
      }
    }

    void emit(YearSystem.Economy eco, double[] out, double[] kww) {
      String s = eco.code();
      boolean[] mem = eco.member();
      // totals over partners (per industry) and over industries (per partner), and grand totals
      double[] byInd = new double[nInd * NSLOT];
      double[] byPartner = new double[g * NSLOT];
      double[] tot = new double[NSLOT];
      for (int i = 0; i < nInd; i++) {
        for (int r = 0; r < g; r++) {
          if (mem[r]) {
            continue;
          }
          int base = (i * g + r) * NSLOT;
          for (int q = 0; q < NSLOT; q++) {
            double val = out[base + q];
            byInd[i * NSLOT + q] += val;
            byPartner[r * NSLOT + q] += val;
            tot[q] += val;
          }
        }
      }
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          continue;
        }
        String pr = countries.get(r);
        for (int i = 0; i < nInd; i++) {
          emitAll(s, pr, industries.get(i), out, (i * g + r) * NSLOT);
        }
        emitAll(s, pr, TOTAL, byPartner, r * NSLOT);
        // KWW bilateral by the WWZ→KWW mapping (decompr wwz2kww)
        double[] mp = kwwFromWwz(byPartner, r * NSLOT);
        for (int q = 0; q < 9; q++) {
          sink.exportDecomposition("KWW", s, pr, TOTAL, KWW_TERMS.get(q), mp[q]);
        }
        sink.exportDecomposition("KWW", s, pr, TOTAL, "EXGR", byPartner[r * NSLOT + SRC]);
      }
      for (int i = 0; i < nInd; i++) {
        emitAll(s, WLD, industries.get(i), byInd, i * NSLOT);
        emitParticipation(s, industries.get(i), byInd, i * NSLOT);
      }
      emitAll(s, WLD, TOTAL, tot, 0);
      emitParticipation(s, TOTAL, tot, 0);
      for (int q = 0; q < KWW_TERMS.size(); q++) {
        sink.exportDecomposition("KWW", s, WLD, TOTAL, KWW_TERMS.get(q), kww[q]);
      }
    }

    static double[] kwwFromWwz(double[] o, int base) {
      int w = base + W0;
      return new double[] {o[w], o[w + 1] + o[w + 2], o[w + 3] + o[w + 4], o[w + 5] + o[w + 6], o[w + 7],
          o[w + 8] + o[w + 9], o[w + 10] + o[w + 13], o[w + 11] + o[w + 14], o[w + 12] + o[w + 15]};
    }

    void emitAll(String s, String pr, String in, double[] o, int base) {
      for (int q = 0; q < 16; q++) {
        sink.exportDecomposition("WWZ", s, pr, in, WWZ_TERMS.get(q), o[base + W0 + q]);
      }
      int w = base + W0;
      double vax = o[w] + o[w + 1] + o[w + 2] + o[w + 3] + o[w + 4];
      double ref = o[w + 5] + o[w + 6] + o[w + 7];
      sink.exportDecomposition("WWZ", s, pr, in, "VAX", vax);
      sink.exportDecomposition("WWZ", s, pr, in, "REF", ref);
      sink.exportDecomposition("WWZ", s, pr, in, "DVA", vax + ref);
      sink.exportDecomposition("WWZ", s, pr, in, "DDC", o[w + 8] + o[w + 9]);
      sink.exportDecomposition("WWZ", s, pr, in, "FVA", o[w + 10] + o[w + 11] + o[w + 13] + o[w + 14]);
      sink.exportDecomposition("WWZ", s, pr, in, "FDC", o[w + 12] + o[w + 15]);
      sink.exportDecomposition("WWZ", s, pr, in, "EXGR", o[base + SRC]);
      for (int q = 0; q < BM_SOURCE_TERMS.size(); q++) {
        sink.exportDecomposition("BM_SOURCE", s, pr, in, BM_SOURCE_TERMS.get(q), o[base + SRC + q]);
      }
      for (int q = 0; q < BM_SINK_TERMS.size(); q++) {
        sink.exportDecomposition("BM_SINK", s, pr, in, BM_SINK_TERMS.get(q), o[base + SNK + q]);
      }
    }

    void emitParticipation(String s, String in, double[] o, int base) {
      double ex = o[base + SRC];
      sink.gvcMeasure("GVC_BM", s, in, share(o[base + SRC + 10], ex));
      sink.gvcMeasure("GVCB_BM", s, in, share(o[base + SRC + 11], ex));
      sink.gvcMeasure("GVCF_BM", s, in, share(o[base + SRC + 12], ex));
    }

    static double share(double num, double den) {
      return den == 0 ? Double.NaN : 100.0 * num / den;
    }

    void checks(YearSystem.Economy eco, double[] out, double[] kww, double exgrS, double dcS, double fcS,
        double ffdS, double returned, double vLe, double[] ws, double[] fm, int[] rows) {
      String s = eco.code();
      boolean[] mem = eco.member();
      double[] tot = new double[NSLOT];
      double[] byPartner = new double[g * NSLOT];
      // builders fetched once (not a key concatenation + lookup per element), in first-use order
      CheckResult.Builder w1 = null;
      CheckResult.Builder w2 = null;
      CheckResult.Builder w3 = null;
      CheckResult.Builder b1a = null;
      CheckResult.Builder b1b = null;
      CheckResult.Builder b1c = null;
      CheckResult.Builder b1d = null;
      CheckResult.Builder b4 = null;
      CheckResult.Builder b2 = null;
      for (int i = 0; i < nInd; i++) {
        double[] perInd = new double[NSLOT];
        for (int r = 0; r < g; r++) {
          if (mem[r]) {
            continue;
          }
          if (w1 == null) { // first use, in the order the checks are emitted
            w1 = cb("W1", "sum of the 16 WWZ terms = EXGR (exporter x importer x industry)");
            w2 = cb("W2", "WWZ 1..10 = domestic content v_s B_ss E_sr");
            w3 = cb("W3", "WWZ 11..16 = foreign content");
            b1a = cb("B1", "BM source DVA + DDC + FVA + FDC = EXGR (exporter x importer x industry)");
            b1b = cb("B1", "BM source VAX + REF = DVA (exporter x importer x industry)");
            b1c = cb("B1", "BM sink DVA + DDC + FVA + FDC = EXGR (exporter x importer x industry)");
            b1d = cb("B1", "BM sink DVA + DDC = DC (exporter x importer x industry)");
            b4 = cb("B4", "BM GVC = GVCB + GVCF (exporter x importer x industry)");
          }
          int base = (i * g + r) * NSLOT;
          final int ri = r;
          final int ii = i;
          java.util.function.Supplier<String> where = () -> s + "/" + countries.get(ri) + "/" + industries.get(ii);
          double e = out[base + SRC];
          double w16 = 0;
          double w10 = 0;
          for (int q = 0; q < 16; q++) {
            w16 += out[base + W0 + q];
            if (q < 10) {
              w10 += out[base + W0 + q];
            }
          }
          w1.compare(w16, e, where);
          w2.compare(w10, out[base + SRC + 1], where);
          w3.compare(w16 - w10, out[base + SRC + 7], where);
          double src = out[base + SRC + 2] + out[base + SRC + 6] + out[base + SRC + 8] + out[base + SRC + 9];
          b1a.compare(src, e, where);
          b1b.compare(out[base + SRC + 3] + out[base + SRC + 5], out[base + SRC + 2], where);
          double snk = out[base + SNK + 2] + out[base + SNK + 5] + out[base + SNK + 7] + out[base + SNK + 8];
          b1c.compare(snk, e, where);
          b1d.compare(out[base + SNK + 2] + out[base + SNK + 5], out[base + SNK + 1], where);
          b4.compare(out[base + SRC + 11] + out[base + SRC + 12], out[base + SRC + 10], where);
          for (int q = 0; q < NSLOT; q++) {
            perInd[q] += out[base + q];
            tot[q] += out[base + q];
            byPartner[r * NSLOT + q] += out[base + q];
          }
        }
        final int ii = i;
        if (b2 == null) {
          b2 = cb("B2", "BM source DC = DVA + DDC (v_s B_ss = v_s L_ss + RIM path; exporter x industry)");
        }
        b2.compare(perInd[SRC + 2] + perInd[SRC + 6], perInd[SRC + 1], () -> s + "/" + industries.get(ii));
      }
      // country level
      double k19 = 0;
      for (int q = 0; q < 9; q++) {
        k19 += kww[q];
      }
      cb("K1", "sum of the 9 KWW terms = EXGR").compare(k19, exgrS, s);
      cb("K2", "KWW 1+2+3 = FFD_DVA (VA of s absorbed abroad, from B·Y)").compare(kww[0] + kww[1] + kww[2], ffdS, s);
      cb("K3", "KWW 1..6 = v_s B_ss e_s").compare(kww[0] + kww[1] + kww[2] + kww[3] + kww[4] + kww[5], dcS, s);
      cb("K4", "KWW 7+8+9 = foreign content (EXGR_FVA)").compare(kww[6] + kww[7] + kww[8], fcS, s);
      cb("K5", "KWW 4+5 = DVA returned home: v_s B_s· Y_·s − v_s L_ss Y_ss").compare(kww[3] + kww[4], returned, s);
      double[] mp = kwwFromWwz(tot, 0);
      for (int q = 0; q < 9; q++) {
        cb("K6", "KWW term = WWZ→KWW mapping summed over importers (decompr wwz2kww)").compare(mp[q], kww[q],
            s + "/" + KWW_TERMS.get(q));
      }
      double w15 = tot[W0] + tot[W0 + 1] + tot[W0 + 2] + tot[W0 + 3] + tot[W0 + 4];
      cb("W4", "sum over importers of WWZ 1..5 = FFD_DVA").compare(w15, ffdS, s);
      cb("B3", "BM source VAX = FFD_DVA").compare(tot[SRC + 3], ffdS, s);
      cb("B3", "BM sink VAX = FFD_DVA").compare(tot[SNK + 3], ffdS, s);
      String[] names = {"DVA", "DDC", "FVA", "FDC", "VAX", "REF"};
      int[] src = {2, 6, 8, 9, 3, 5};
      int[] snk = {2, 5, 7, 8, 3, 4};
      for (int q = 0; q < names.length; q++) {
        cb("B5", "BM source total = sink total (exporter)").compare(tot[SNK + snk[q]], tot[SRC + src[q]],
            s + "/" + names[q]);
      }
      cb("B6", "BM source DVA = v_s L_ss e_s (forward solve)").compare(tot[SRC + 2], vLe, s);
    }
  }
}
