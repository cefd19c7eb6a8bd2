package io.tivaspark.common.math;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.HashMap;
import java.util.Map;

/**
 * Test oracle: the literal formulas of docs/methods.md §4–§6 (and exvatools' sink code) with explicit
 * inverses (B, L_ss, L_rr, the extraction matrices B^(s)) on small tables. Slow on purpose (O(n³)
 * per economy); values keyed "method|exporter|importer|industry|term", by exporting industry
 * (entities of a split country and members of a group summed).
 */
final class GvcReference {
  final int n;
  final int g;
  final Layout lay;
  final double[][] a;
  final double[][] b;
  final double[] v;
  final double[] x;
  final double[][] y; // n × G
  final Map<String, Double> values = new HashMap<>();

  GvcReference(MrioYear yr) {
    lay = yr.layout();
    n = lay.n();
    g = lay.countryCount();
    double[] yv = yr.finalDemandByCountry();
    double[] yt = IoMath.rowSums(yv, n, g);
    double[] xx = IoMathReference.outputFromRows(yr.z(), yt, n);
    double[] aa = IoMath.coefficients(yr.z(), xx, n);
    double[] vv = IoMath.vaCoefficientsResidual(IoMath.valueAddedResidual(xx, yr.z(), n), xx);
    a = new double[n][n];
    y = new double[n][g];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = aa[i + j * n];
      }
      for (int c = 0; c < g; c++) {
        y[i][c] = yv[i + c * n];
      }
    }
    v = vv;
    x = xx;
    b = inv(iMinus(a, all()));
  }

  int[] all() {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  /** (I − A)[rows, rows] as an |rows|² matrix (indices local). */
  double[][] iMinus(double[][] m, int[] rows) {
    int k = rows.length;
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        r[i][j] = (i == j ? 1 : 0) - m[rows[i]][rows[j]];
      }
    }
    return r;
  }

  static double[][] inv(double[][] m) {
    int k = m.length;
    double[][] w = new double[k][2 * k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(m[i], 0, w[i], 0, k);
      w[i][k + i] = 1;
    }
    for (int c = 0; c < k; c++) {
      int p = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(w[r][c]) > Math.abs(w[p][c])) {
          p = r;
        }
      }
      double[] t = w[c];
      w[c] = w[p];
      w[p] = t;
      double d = w[c][c];
      for (int j = 0; j < 2 * k; j++) {
        w[c][j] /= d;
      }
      for (int r = 0; r < k; r++) {
        if (r != c && w[r][c] != 0) {
          double f = w[r][c];
          for (int j = 0; j < 2 * k; j++) {
            w[r][j] -= f * w[c][j];
          }
        }
      }
    }
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(w[i], k, r[i], 0, k);
    }
    return r;
  }

  /** Full n×n matrix holding the local inverse of the given row set (zero elsewhere). */
  double[][] local(int[] rows) {
    double[][] li = inv(iMinus(a, rows));
    double[][] r = new double[n][n];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows.length; j++) {
        r[rows[i]][rows[j]] = li[i][j];
      }
    }
    return r;
  }

  /** M[rows, cols] z[cols], as an n-vector (zero outside rows). */
  double[] mv(double[][] m, boolean[] rows, boolean[] cols, double[] z) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      if (!rows[i]) {
        continue;
      }
      double s = 0;
      for (int j = 0; j < n; j++) {
        if (cols[j]) {
          s += m[i][j] * z[j];
        }
      }
      r[i] = s;
    }
    return r;
  }

  boolean[] rowsOfCountries(boolean[] cs) {
    boolean[] r = new boolean[n];
    for (int k = 0; k < n; k++) {
      r[k] = cs[lay.countryOfRow(k)];
    }
    return r;
  }

  boolean[] one(int c) {
    boolean[] m = new boolean[g];
    m[c] = true;
    return m;
  }

  static boolean[] not(boolean[] m) {
    boolean[] r = new boolean[m.length];
    for (int i = 0; i < m.length; i++) {
      r[i] = !m[i];
    }
    return r;
  }

  /** Y summed over the destination countries in {@code dest}, restricted to rows in {@code rows}. */
  double[] ysum(boolean[] rows, boolean[] dest) {
    double[] r = new double[n];
    for (int k = 0; k < n; k++) {
      if (rows[k]) {
        for (int c = 0; c < g; c++) {
          if (dest[c]) {
            r[k] += y[k][c];
          }
        }
      }
    }
    return r;
  }

  void add(String key, double val) {
    values.merge(key, val, Double::sum);
  }

  /** Every term of the economy made of the countries {@code mem}, reported as {@code code}. */
  void economy(String code, boolean[] mem) {
    boolean[] inS = rowsOfCountries(mem);
    boolean[] notS = not(inS);
    boolean[] allRows = new boolean[n];
    java.util.Arrays.fill(allRows, true);
    int[] sRows = java.util.stream.IntStream.range(0, n).filter(k -> inS[k]).toArray();
    double[][] lss = local(sRows);
    // block-diagonal local inverses of the countries
    double[][] lc = new double[n][n];
    for (int c = 0; c < g; c++) {
      int[] rr = lay.rowsOfCountry(c);
      double[][] l = local(rr);
      for (int i : rr) {
        for (int j : rr) {
          lc[i][j] = l[i][j];
        }
      }
    }
    // extraction matrix
    double[][] ax = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ax[i][j] = inS[i] && !inS[j] ? 0 : a[i][j];
      }
    }
    double[][] bx = inv(iMinus(ax, all()));
    // row multipliers
    double[] w = new double[n];
    double[] uL = new double[n];
    double[] fm = new double[n];
    double[] fmx = new double[n];
    for (int k = 0; k < n; k++) {
      for (int l = 0; l < n; l++) {
        if (inS[l]) {
          w[k] += v[l] * b[l][k];
          uL[k] += v[l] * lss[l][k];
        } else {
          fm[k] += v[l] * b[l][k];
          fmx[k] += v[l] * bx[l][k];
        }
      }
    }
    // uL A_s¬ B_¬s
    double[] uA = new double[n];
    for (int c = 0; c < n; c++) {
      if (!inS[c]) {
        for (int k : sRows) {
          uA[c] += uL[k] * a[k][c];
        }
      }
    }
    double[] dd = new double[n];
    for (int k : sRows) {
      for (int c = 0; c < n; c++) {
        dd[k] += uA[c] * b[c][k];
      }
    }
    // exports
    double[] zAll = new double[n];
    double[] eS = new double[n]; // exports of S rows to non-members
    double[] eC = new double[n]; // country exports of every row
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < n; j++) {
        double zz = a[k][j] * x[j];
        if (inS[k] && !inS[j]) {
          eS[k] += zz;
        }
        if (lay.countryOfRow(k) != lay.countryOfRow(j)) {
          eC[k] += zz;
        }
      }
      for (int c = 0; c < g; c++) {
        if (inS[k] && !mem[c]) {
          eS[k] += y[k][c];
        }
        if (lay.countryOfRow(k) != c) {
          eC[k] += y[k][c];
        }
      }
    }
    boolean[] notMem = not(mem);
    double[] xNotS = mv(b, allRows, allRows, ysum(allRows, notMem)); // x^(¬s)
    double[] bYs = mv(b, allRows, allRows, ysum(allRows, mem)); // B Y_·s
    double[] yHat = ysum(notS, notMem); // Ŷ_¬s: S rows zero
    double[] g1 = mv(bx, allRows, allRows, yHat);
    double[] g2 = mv(bx, allRows, allRows, ysum(allRows, mem));
    double[] beta = mv(bx, allRows, inS, eS);
    double[] kww = new double[9];
    for (int r = 0; r < g; r++) {
      if (mem[r]) {
        continue;
      }
      boolean[] rr = rowsOfCountries(one(r));
      boolean[] third = not(mem);
      third[r] = false; // t ∉ s, t ≠ r
      boolean[] tRows = rowsOfCountries(third);
      // WWZ inner vectors on r rows
      double[] v2 = mv(b, rr, rr, ysum(rr, one(r)));
      double[] ytt = new double[n]; // Y_tt for third t
      double[] ytu = new double[n]; // Σ_{u∉{s,t}} Y_tu
      double[] yts = new double[n];
      for (int k = 0; k < n; k++) {
        int t = lay.countryOfRow(k);
        if (tRows[k]) {
          ytt[k] = y[k][t];
          yts[k] = 0;
          for (int c = 0; c < g; c++) {
            if (!mem[c] && c != t) {
              ytu[k] += y[k][c];
            }
            if (mem[c]) {
              yts[k] += y[k][c];
            }
          }
        }
      }
      double[] v3 = mv(b, rr, tRows, ytt);
      double[] v4 = mv(b, rr, rr, ysum(rr, third));
      double[] v5 = mv(b, rr, tRows, ytu);
      double[] v6 = mv(b, rr, rr, ysum(rr, mem));
      double[] v7 = mv(b, rr, tRows, yts);
      double[] v8 = mv(b, rr, inS, ysum(inS, mem));
      double[] v9 = mv(b, rr, inS, ysum(inS, notMem));
      double[] lyr = mv(lc, rr, rr, ysum(rr, one(r)));
      double[] ler = mv(lc, rr, rr, eC);
      double[][] vs = {v2, v3, v4, v5, v6, v7, v8, v9, lyr, ler, x};
      double[][] av = new double[vs.length][];
      for (int q = 0; q < vs.length; q++) {
        av[q] = mv(a, inS, rr, vs[q]);
      }
      // BM source
      double[] vaxIn = new double[n]; // Σ_{k∉s} Y_rk + Σ_{j∉r} A_rj x^(¬s)_j
      double[] refIn = new double[n]; // Y_rs + Σ_{j∉r} A_rj (B Y_s)_j
      double[] snk4 = new double[n];
      double[] snkR2 = new double[n];
      double[] snkD = new double[n];
      double[] snk3 = new double[n];
      boolean[] notR = not(rr);
      double[] ax1 = mv(a, rr, notR, xNotS);
      double[] ax2 = mv(a, rr, notR, bYs);
      double[] ax3 = mv(a, rr, notR, g1);
      double[] ax4 = mv(a, rr, notR, g2);
      double[] ax5 = mv(a, rr, notR, beta);
      double[] yrNot = ysum(rr, notMem);
      double[] yrS = ysum(rr, mem);
      boolean[] notRS = not(mem);
      notRS[r] = false;
      double[] yrOther = ysum(rr, notRS);
      for (int k = 0; k < n; k++) {
        if (rr[k]) {
          vaxIn[k] = yrNot[k] + ax1[k];
          refIn[k] = yrS[k] + ax2[k];
          snk3[k] = yrOther[k];
          snk4[k] = ax3[k];
          snkR2[k] = ax4[k];
          snkD[k] = ax5[k];
        }
      }
      double[][] ins = {vaxIn, refIn, snk3, snk4, yrS, snkR2, snkD};
      double[][] al = new double[ins.length][];
      for (int q = 0; q < ins.length; q++) {
        al[q] = mv(a, inS, rr, mv(lc, rr, rr, ins[q]));
      }
      String pr = lay.countries().get(r);
      for (int k : sRows) {
        String in = lay.industries().get(lay.industryOfRow(k));
        String kw = "WWZ|" + code + "|" + pr + "|" + in + "|";
        double ysr = y[k][r];
        double e = ysr + av[10][k];
        double mr = 0;
        for (int l = 0; l < n; l++) {
          if (lay.countryOfRow(l) == r) {
            mr += v[l] * b[l][k];
          }
        }
        double ov = fm[k] - mr;
        double[] t = {w[k] * ysr, uL[k] * av[0][k], uL[k] * av[1][k], uL[k] * av[2][k], uL[k] * av[3][k],
            uL[k] * av[4][k], uL[k] * av[5][k], uL[k] * av[6][k], uL[k] * av[7][k], dd[k] * av[10][k],
            mr * ysr, mr * av[8][k], mr * av[9][k], ov * ysr, ov * av[8][k], ov * av[9][k]};
        for (int q = 0; q < 16; q++) {
          add(kw + Decompositions.WWZ_TERMS.get(q), t[q]);
        }
        String ks = "BM_SOURCE|" + code + "|" + pr + "|" + in + "|";
        add(ks + "EXGR", e);
        add(ks + "DC", w[k] * e);
        add(ks + "DVA", uL[k] * e);
        add(ks + "DDC", (w[k] - uL[k]) * e);
        add(ks + "FC", fm[k] * e);
        add(ks + "FVA", fmx[k] * e);
        add(ks + "FDC", (fm[k] - fmx[k]) * e);
        double davax = uL[k] * (ysr + av[8][k]);
        add(ks + "DAVAX", davax);
        add(ks + "VAX", uL[k] * (ysr + al[0][k]));
        add(ks + "REF", uL[k] * al[1][k]);
        add(ks + "GVC", e - davax);
        add(ks + "GVCB", (w[k] - uL[k]) * e + fm[k] * e);
        add(ks + "GVCF", uL[k] * e - davax);
        String kn = "BM_SINK|" + code + "|" + pr + "|" + in + "|";
        double vax = w[k] * (ysr + av[8][k] + al[2][k] + al[3][k]);
        double ref = w[k] * (al[4][k] + al[5][k]);
        double ddc = w[k] * al[6][k];
        double fdc = fm[k] * al[6][k];
        add(kn + "EXGR", e);
        add(kn + "DC", w[k] * e);
        add(kn + "VAX", vax);
        add(kn + "REF", ref);
        add(kn + "DVA", vax + ref);
        add(kn + "DDC", ddc);
        add(kn + "FC", fm[k] * e);
        add(kn + "FDC", fdc);
        add(kn + "FVA", fm[k] * e - fdc);
        kww[6] += fm[k] * ysr;
        kww[7] += fm[k] * av[8][k];
        kww[8] += fm[k] * av[9][k];
      }
      // KWW 2-6 (country level), literal
      double[] bsr = new double[n]; // v_s B_sr as a row over r's columns
      for (int j = 0; j < n; j++) {
        if (rr[j]) {
          for (int l : sRows) {
            bsr[j] += v[l] * b[l][j];
          }
        }
      }
      double[] lYss = mv(lss, inS, inS, ysum(inS, mem));
      double[] lEs = mv(lss, inS, inS, eS);
      double[] arsY = mv(a, rr, inS, lYss);
      double[] arsE = mv(a, rr, inS, lEs);
      double[] yrr = ysum(rr, one(r));
      double[] yrt = ysum(rr, third);
      for (int j = 0; j < n; j++) {
        if (rr[j]) {
          kww[1] += bsr[j] * yrr[j];
          kww[2] += bsr[j] * yrt[j];
          kww[3] += bsr[j] * yrS[j];
          kww[4] += bsr[j] * arsY[j];
          kww[5] += bsr[j] * arsE[j];
        }
      }
    }
    for (int k : sRows) {
      for (int c = 0; c < g; c++) {
        if (!mem[c]) {
          kww[0] += w[k] * y[k][c];
        }
      }
    }
    for (int q = 0; q < 9; q++) {
      add("KWW|" + code + "|WLD|_T|" + Decompositions.KWW_TERMS.get(q), kww[q]);
    }
  }
}
