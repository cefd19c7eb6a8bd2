package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Production-based GVC measures of one year into {@code gvc_measures} (country × industry, "_T"
 * for the country; split entities summed, reporting countries only — WWYZ and up/downstreamness
 * are properties of country-sectors, a group's figure would need its own domestic/foreign split and
 * is not computed), with the identities P1–P3 and U1–U3.
 *
 * <p><b>Wang–Wei–Yu–Zhu (2017, NBER WP 23222) decomposition of value-added production</b>
 * (indicators.md §8), L = block-diagonal country local inverses, A^F = A − A^D, y^D_i = Y[i, own
 * country], y^F = y − y^D:
 * V̂Bŷ = V̂Lŷ^D (D) + V̂Lŷ^F (RT) + V̂LA^FLŷ^D (GVC_S) + V̂LA^F(Bŷ − Lŷ^D) (GVC_C).
 * Only row sums (forward, by VA-producing sector) and column sums (backward, by final-goods
 * producing sector) are needed, so nothing n×n is formed:
 * rows v ∘ L yD, v ∘ L yF, v ∘ L A^F L yD, v ∘ L A^F (x − L yD) (B y = x);
 * columns (vL) ∘ yD, (vL) ∘ yF, (vLA^FL) ∘ yD, (vLA^FB) ∘ y − (vLA^FL) ∘ yD.
 * Measures (values in the input's money unit, participation in percent):
 * WWYZ_VA_D, WWYZ_VA_RT, WWYZ_VA_GVC_S, WWYZ_VA_GVC_C (forward, by source industry);
 * WWYZ_FD_D, WWYZ_FD_RT, WWYZ_FD_GVC_S, WWYZ_FD_GVC_C (backward, by final-goods industry);
 * GVCPT_F = 100·(VA_GVC_S + VA_GVC_C)/va, GVCPT_F_S, GVCPT_F_C; GVCPT_B = 100·(FD_GVC_S + FD_GVC_C)/y,
 * GVCPT_B_S, GVCPT_B_C (NaN when the denominator is 0; y can be negative with inventories).
 *
 * <p><b>Upstreamness / downstreamness</b> (§9): U = x̂⁻¹ B x (Antràs et al. 2012 / Miller–Temurshoev
 * output upstreamness = Ghosh row sums), D = B'1 (Fally's embodied stages, input downstreamness).
 * UPSTREAMNESS and DOWNSTREAMNESS by country × industry are output-weighted means over the entities
 * (Σ x_k U_k / Σ x_k, the same for D), "_T" the output-weighted country mean; NaN where x = 0.
 *
 * <p><b>Cost</b>: dgemv with A, A', B, B' (2n² each, 7 in all), G local inverses (shared, 2GN³),
 * the rest O(nN). About 0.1 s at n = 3645 with native BLAS.
 */
public final class GvcMeasures {
  private GvcMeasures() {}

  /** Checks and step timings of one computation. */
  public record Result(List<CheckResult> checks, Map<String, Double> steps) {}

  public static Result compute(YearSystem sys, ResultSink sink) {
    long t0 = System.nanoTime();
    int n = sys.n;
    int g = sys.g;
    int nInd = sys.nInd;
    int[] cty = sys.cty;
    int[] ind = sys.ind;
    double[] a = sys.a;
    double[] b = sys.b;
    double[] v = sys.v;
    double[] x = sys.x;
    double[] y = sys.y;
    double[] yTot = sys.yTot;
    Lapack lapack = sys.lapack;
    double tol = sys.opt.algebraTolerance();
    double[][] linv = sys.countryLocalInverses();
    int[][] rowsOf = new int[g][];
    for (int c = 0; c < g; c++) {
      rowsOf[c] = sys.lay.rowsOfCountry(c);
    }
    double[] yD = new double[n];
    double[] yF = new double[n];
    for (int j = 0; j < n; j++) {
      yD[j] = y[j + cty[j] * n];
      yF[j] = yTot[j] - yD[j];
    }
    Block blk = new Block(n, rowsOf, linv, a);

    // forward (row sums)
    double[] lyD = blk.l(yD, false);
    double[] lyF = blk.l(yF, false);
    double[] t = blk.af(lyD, lapack, false); // A^F L yD
    double[] lafLyD = blk.l(t, false);
    double[] rest = new double[n];
    for (int j = 0; j < n; j++) {
      rest[j] = x[j] - lyD[j];
    }
    double[] lafRest = blk.l(blk.af(rest, lapack, false), false);
    // backward (column sums): row vectors as columns, transposed operators
    double[] vl = blk.l(v, true); // (v L)'
    double[] vlaf = blk.af(vl, lapack, true); // (v L A^F)'
    double[] vlafl = blk.l(vlaf, true);
    double[] vlafb = new double[n];
    lapack.dgemv(true, n, n, 1.0, b, vlaf, 0.0, vlafb); // (v L A^F B)'

    double[][] fwd = new double[4][n];
    double[][] bwd = new double[4][n];
    for (int k = 0; k < n; k++) {
      fwd[0][k] = v[k] * lyD[k];
      fwd[1][k] = v[k] * lyF[k];
      fwd[2][k] = v[k] * lafLyD[k];
      fwd[3][k] = v[k] * lafRest[k];
      bwd[0][k] = vl[k] * yD[k];
      bwd[1][k] = vl[k] * yF[k];
      bwd[2][k] = vlafl[k] * yD[k];
      bwd[3][k] = vlafb[k] * yTot[k] - vlafl[k] * yD[k];
    }
    double t1 = (System.nanoTime() - t0) / 1e9;

    // upstreamness, downstreamness, production lengths (for U3)
    double[] bx = new double[n];
    lapack.dgemv(false, n, n, 1.0, b, x, 0.0, bx);
    double[] colB = IoMath.columnSums(b, n, n); // D = B'1
    double[] byv = new double[n];
    lapack.dgemv(false, n, n, 1.0, b, yTot, 0.0, byv);
    double[] bby = new double[n];
    lapack.dgemv(false, n, n, 1.0, b, byv, 0.0, bby); // B B y
    double[] vb = new double[n];
    lapack.dgemv(true, n, n, 1.0, b, v, 0.0, vb); // (v'B)'
    double[] vbb = new double[n];
    lapack.dgemv(true, n, n, 1.0, b, vb, 0.0, vbb); // (v'B B)'

    List<CheckResult> checks = new ArrayList<>();
    Map<String, CheckResult.Builder> cbs = new LinkedHashMap<>();
    java.util.function.BiFunction<String, String, CheckResult.Builder> cb =
        (code, scope) -> cbs.computeIfAbsent(code + "\u0000" + scope, k -> CheckResult.builder(code, scope, tol));
    String[] comp = {"D", "RT", "GVC_S", "GVC_C"};
    double sumAll = 0;
    double sumVa = 0;
    for (int q = 0; q < 4; q++) {
      double sf = 0;
      double sb = 0;
      for (int k = 0; k < n; k++) {
        sf += fwd[q][k];
        sb += bwd[q][k];
      }
      cb.apply("P1", "WWYZ: each component's row-sum total = its column-sum total").compare(sb, sf, comp[q]);
      sumAll += sf;
    }
    for (int k = 0; k < n; k++) {
      sumVa += v[k] * x[k];
    }
    cb.apply("P1", "WWYZ: the four components add up to v'Bŷ1 = Σ va").compare(sumAll, sumVa, "world");
    double sumX = 0;
    double vaU = 0;
    double yD1 = 0;
    // builders fetched once each (lazily, so the emission order is the first-use order as before)
    CheckResult.Builder p2 = null;
    CheckResult.Builder p3 = null;
    CheckResult.Builder u1u = null;
    CheckResult.Builder u1d = null;
    CheckResult.Builder u3u = null;
    CheckResult.Builder u3d = null;
    for (int k = 0; k < n; k++) {
      final int kk = k;
      java.util.function.Supplier<String> where = () -> sys.label(kk);
      if (p2 == null) {
        p2 = cb.apply("P2", "WWYZ forward: V_D + V_RT + V_GVC_S + V_GVC_C = va (by sector)");
        p3 = cb.apply("P3", "WWYZ backward: Y_D + Y_RT + Y_GVC_S + Y_GVC_C = y (by sector)");
      }
      p2.compare(fwd[0][k] + fwd[1][k] + fwd[2][k] + fwd[3][k], v[k] * x[k], where);
      p3.compare(bwd[0][k] + bwd[1][k] + bwd[2][k] + bwd[3][k], yTot[k], where);
      sumX += x[k];
      vaU += v[k] * bx[k]; // va_k U_k = v_k x_k (Bx)_k / x_k
      yD1 += yTot[k] * colB[k];
      if (x[k] != 0) {
        double u = bx[k] / x[k];
        if (u1u == null) {
          u1u = cb.apply("U1", "upstreamness U >= 1 (active sectors)");
          u1d = cb.apply("U1", "downstreamness D >= 1 (active sectors)");
        }
        u1u.compare(Math.min(u, 1.0), 1.0, where);
        u1d.compare(Math.min(colB[k], 1.0), 1.0, where);
        if (byv[k] != 0 && v[k] != 0) {
          if (u3u == null) {
            u3u = cb.apply("U3", "U = PLv = (V̂BBŷ1) ⊘ (V̂Bŷ1)");
          }
          u3u.compare(bby[k] / byv[k], u, where);
        }
        if (vb[k] != 0) {
          if (u3d == null) {
            u3d = cb.apply("U3", "D = PLy = (1'V̂BBŷ) ⊘ (1'V̂Bŷ)");
          }
          u3d.compare(vbb[k] / vb[k], colB[k], where);
        }
      }
    }
    cb.apply("U2", "va'U = 1'x").compare(vaU, sumX, "world");
    cb.apply("U2", "y'D = 1'x").compare(yD1, sumX, "world");
    for (CheckResult.Builder bl : cbs.values()) {
      CheckResult r = bl.build();
      checks.add(r);
      sink.check(r);
    }

    // emit by country × industry (entities summed) and _T
    List<String> countries = sys.lay.countries();
    List<String> industries = sys.lay.industries();
    String[] fwdNames = {"WWYZ_VA_D", "WWYZ_VA_RT", "WWYZ_VA_GVC_S", "WWYZ_VA_GVC_C"};
    String[] bwdNames = {"WWYZ_FD_D", "WWYZ_FD_RT", "WWYZ_FD_GVC_S", "WWYZ_FD_GVC_C"};
    for (int c = 0; c < g; c++) {
      int slots = nInd + 1; // industries, then _T
      double[][] f = new double[4][slots];
      double[][] bw = new double[4][slots];
      double[] va = new double[slots];
      double[] yy = new double[slots];
      double[] xs = new double[slots];
      double[] bxs = new double[slots];
      double[] xd = new double[slots];
      for (int k : rowsOf[c]) {
        int i = ind[k];
        for (int q = 0; q < 4; q++) {
          f[q][i] += fwd[q][k];
          f[q][nInd] += fwd[q][k];
          bw[q][i] += bwd[q][k];
          bw[q][nInd] += bwd[q][k];
        }
        double vak = v[k] * x[k];
        va[i] += vak;
        va[nInd] += vak;
        yy[i] += yTot[k];
        yy[nInd] += yTot[k];
        xs[i] += x[k];
        xs[nInd] += x[k];
        if (x[k] != 0) {
          bxs[i] += bx[k];
          bxs[nInd] += bx[k];
          xd[i] += x[k] * colB[k];
          xd[nInd] += x[k] * colB[k];
        }
      }
      String cc = countries.get(c);
      for (int i = 0; i < slots; i++) {
        String in = i == nInd ? Decompositions.TOTAL : industries.get(i);
        for (int q = 0; q < 4; q++) {
          sink.gvcMeasure(fwdNames[q], cc, in, f[q][i]);
          sink.gvcMeasure(bwdNames[q], cc, in, bw[q][i]);
        }
        sink.gvcMeasure("GVCPT_F", cc, in, pct(f[2][i] + f[3][i], va[i]));
        sink.gvcMeasure("GVCPT_F_S", cc, in, pct(f[2][i], va[i]));
        sink.gvcMeasure("GVCPT_F_C", cc, in, pct(f[3][i], va[i]));
        sink.gvcMeasure("GVCPT_B", cc, in, pct(bw[2][i] + bw[3][i], yy[i]));
        sink.gvcMeasure("GVCPT_B_S", cc, in, pct(bw[2][i], yy[i]));
        sink.gvcMeasure("GVCPT_B_C", cc, in, pct(bw[3][i], yy[i]));
        sink.gvcMeasure("UPSTREAMNESS", cc, in, xs[i] == 0 ? Double.NaN : bxs[i] / xs[i]);
        sink.gvcMeasure("DOWNSTREAMNESS", cc, in, xs[i] == 0 ? Double.NaN : xd[i] / xs[i]);
      }
    }
    double t2 = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> steps = new LinkedHashMap<>();
    steps.put("gvc: WWYZ row/column sums", t1);
    steps.put("gvc: up/downstreamness, checks P U, emit", t2 - t1);
    return new Result(checks, steps);
  }

  static double pct(double num, double den) {
    return den == 0 ? Double.NaN : 100.0 * num / den;
  }

  /** Block-diagonal local inverse L and A^F = A − A^D applied to vectors (or their transposes). */
  static final class Block {
    final int n;
    final int[][] rowsOf;
    final double[][] linv;
    final double[] a;

    Block(int n, int[][] rowsOf, double[][] linv, double[] a) {
      this.n = n;
      this.rowsOf = rowsOf;
      this.linv = linv;
      this.a = a;
    }

    /** L c (or L' c when transpose), O(nN). */
    double[] l(double[] c, boolean transpose) {
      double[] r = new double[n];
      for (int q = 0; q < rowsOf.length; q++) {
        int[] rows = rowsOf[q];
        int m = rows.length;
        double[] l = linv[q];
        for (int ii = 0; ii < m; ii++) {
          double acc = 0;
          for (int jj = 0; jj < m; jj++) {
            double lv = transpose ? l[jj + ii * m] : l[ii + jj * m];
            acc += lv * c[rows[jj]];
          }
          r[rows[ii]] = acc;
        }
      }
      return r;
    }

    /** A^F c = A c − A^D c (or the transposes): one dgemv plus O(nN). */
    double[] af(double[] c, Lapack lapack, boolean transpose) {
      double[] r = new double[n];
      lapack.dgemv(transpose, n, n, 1.0, a, c, 0.0, r);
      for (int[] rows : rowsOf) {
        for (int ii : rows) {
          double acc = 0;
          for (int jj : rows) {
            acc += (transpose ? a[jj + ii * n] : a[ii + jj * n]) * c[jj];
          }
          r[ii] -= acc;
        }
      }
      return r;
    }
  }
}
