package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production-based GVC measures against the literal matrix formulas of GvcMeasures' javadoc
 * (WWYZ 2017a/b as in the UIBE concept note and ADB's processing code; KWW position), with dense
 * n×n matrices: V̂BBŷ, V̂LLŷ^D, V̂LLA^FBŷ, V̂BA^FBŷ, V̂LA^FBA^DBŷ, … for the countries' partition and
 * for a group's own partition (the group one block). Relative tolerance 1e-9 on the largest value.
 */
class GvcMeasuresTest {

  /**
   * Dense oracle on one partition: the economy E's rows summed per industry, per industry aggregate
   * (code → member industry indices; docs/methods.md §17) and in total, every ratio divided after
   * summing, as the docs define it.
   */
  static final class Oracle {
    final int n;
    final double[][] num = new double[14][]; // row/col sums of the length matrices and WWYZ parts
    final Map<String, Double> out = new HashMap<>();

    Oracle(GvcReference ref, MrioYear yr, boolean[][] blocks, boolean[] economy, String code) {
      this(ref, yr, blocks, economy, code, Map.of());
    }

    Oracle(GvcReference ref, MrioYear yr, boolean[][] blocks, boolean[] economy, String code,
        Map<String, int[]> aggregates) {
      n = ref.n;
      Layout lay = ref.lay;
      int g = ref.g;
      int[] blockOfCountry = new int[g];
      for (int q = 0; q < blocks.length; q++) {
        for (int c = 0; c < g; c++) {
          if (blocks[q][c]) {
            blockOfCountry[c] = q;
          }
        }
      }
      int[] blk = new int[n];
      for (int k = 0; k < n; k++) {
        blk[k] = blockOfCountry[lay.countryOfRow(k)];
      }
      double[][] ad = new double[n][n];
      double[][] af = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (blk[i] == blk[j]) {
            ad[i][j] = ref.a[i][j];
          } else {
            af[i][j] = ref.a[i][j];
          }
        }
      }
      double[][] l = new double[n][n];
      for (double[] row : l) {
        java.util.Arrays.fill(row, 0);
      }
      for (int q = 0; q < blocks.length; q++) {
        int cnt = 0;
        for (int k = 0; k < n; k++) {
          cnt += blk[k] == q ? 1 : 0;
        }
        int[] rows = new int[cnt];
        int p = 0;
        for (int k = 0; k < n; k++) {
          if (blk[k] == q) {
            rows[p++] = k;
          }
        }
        double[][] lq = ref.local(rows);
        for (int i : rows) {
          for (int j : rows) {
            l[i][j] = lq[i][j];
          }
        }
      }
      double[] y = new double[n];
      double[] yD = new double[n];
      double[] e = new double[n];
      double[] z = yr.z();
      for (int k = 0; k < n; k++) {
        for (int c = 0; c < g; c++) {
          y[k] += ref.y[k][c];
          if (blockOfCountry[c] == blk[k]) {
            yD[k] += ref.y[k][c];
          } else {
            e[k] += ref.y[k][c];
          }
        }
        for (int j = 0; j < n; j++) {
          if (blk[j] != blk[k]) {
            e[k] += z[k + j * n];
          }
        }
      }
      double[] yF = new double[n];
      for (int k = 0; k < n; k++) {
        yF[k] = y[k] - yD[k];
      }
      double[][] b = ref.b;
      double[][] vh = diag(ref.v);
      double[][] bb = mul(b, b);
      double[][] ll = mul(l, l);
      double[][] afb = mul(af, b);
      // value-added production V̂ M ŷ for each M, as (matrix, final-demand vector)
      double[][] vb = mul(vh, b);
      double[][] xTot = mul(mul(vh, bb), diag(y));
      double[][] xD = mul(mul(vh, ll), diag(yD));
      double[][] xRt = mul(mul(vh, ll), diag(yF));
      double[][] xdGvc = mul(mul(mul(vh, ll), afb), diag(y));
      double[][] eGvc = mul(mul(mul(vb, af), b), diag(y));
      double[][] xfGvc = mul(mul(mul(mul(mul(vh, l), af), b), mul(ad, b)), diag(y));
      double[][] vTot = mul(vb, diag(y));
      double[][] vD = mul(mul(vh, l), diag(yD));
      double[][] vRt = mul(mul(vh, l), diag(yF));
      double[][] vGvc = mul(mul(mul(vh, l), afb), diag(y));
      double[][] vGvcS = mul(mul(mul(mul(vh, l), af), l), diag(yD));
      double[][] vGvcC = sub(vGvc, vGvcS);
      double[][][] lenNum = {xTot, xD, xRt, xdGvc, eGvc, xfGvc};
      double[][][] lenDen = {vTot, vD, vRt, vGvc};
      int nInd = lay.industries().size();
      List<String> slotCodes = new java.util.ArrayList<>(lay.industries());
      slotCodes.addAll(aggregates.keySet());
      slotCodes.add("_T");
      int slots = slotCodes.size();
      List<List<Integer>> slotsOf = new java.util.ArrayList<>();
      for (int i = 0; i < nInd; i++) {
        slotsOf.add(new java.util.ArrayList<>(List.of(i)));
      }
      int a0 = nInd;
      for (int[] members : aggregates.values()) {
        for (int i : members) {
          slotsOf.get(i).add(a0);
        }
        a0++;
      }
      slotsOf.forEach(list -> list.add(slots - 1));
      double[] va = new double[slots];
      double[] ySum = new double[slots];
      double[] xSum = new double[slots];
      double[] up = new double[slots];
      double[] down = new double[slots];
      double[][] f = new double[6][slots];
      double[][] fd = new double[4][slots];
      double[][] bk = new double[6][slots];
      double[][] bd = new double[4][slots];
      double[][] wf = new double[4][slots];
      double[][] wb = new double[4][slots];
      double[] ex = new double[slots];
      double[] iv = new double[slots];
      double[] fv = new double[slots];
      double[][][] wwyz = {vD, vRt, vGvcS, vGvcC};
      for (int k = 0; k < n; k++) {
        if (!economy[lay.countryOfRow(k)]) {
          continue;
        }
        int ind = lay.industryOfRow(k);
        double bx = 0;
        double colB = 0;
        for (int j = 0; j < n; j++) {
          bx += b[k][j] * ref.x[j];
          colB += b[j][k];
        }
        for (int s : slotsOf.get(ind)) {
          va[s] += ref.v[k] * ref.x[k];
          ySum[s] += y[k];
          xSum[s] += ref.x[k];
          if (ref.x[k] != 0) {
            up[s] += bx; // x_k U_k, U = x̂⁻¹Bx
            down[s] += ref.x[k] * colB; // x_k D_k, D = B'1
          }
          for (int q = 0; q < 6; q++) {
            f[q][s] += rowSum(lenNum[q], k);
            bk[q][s] += colSum(lenNum[q], k);
          }
          for (int q = 0; q < 4; q++) {
            fd[q][s] += rowSum(lenDen[q], k);
            bd[q][s] += colSum(lenDen[q], k);
            wf[q][s] += rowSum(wwyz[q], k);
            wb[q][s] += colSum(wwyz[q], k);
          }
          ex[s] += e[k];
          for (int j = 0; j < n; j++) {
            if (!economy[lay.countryOfRow(j)]) {
              iv[s] += ref.v[k] * b[k][j] * e[j];
              fv[s] += ref.v[j] * b[j][k] * e[k];
            }
          }
        }
      }
      String[] wfn = GvcMeasures.FWD_NAMES;
      String[] wbn = GvcMeasures.BWD_NAMES;
      for (int s = 0; s < slots; s++) {
        String in = slotCodes.get(s);
        String key = "|" + code + "|" + in;
        out.put("GVCPT_F" + key, 100 * (wf[2][s] + wf[3][s]) / va[s]);
        out.put("GVCPT_F_S" + key, 100 * wf[2][s] / va[s]);
        out.put("GVCPT_F_C" + key, 100 * wf[3][s] / va[s]);
        out.put("GVCPT_B" + key, 100 * (wb[2][s] + wb[3][s]) / ySum[s]);
        out.put("GVCPT_B_S" + key, 100 * wb[2][s] / ySum[s]);
        out.put("GVCPT_B_C" + key, 100 * wb[3][s] / ySum[s]);
        out.put("UPSTREAMNESS" + key, up[s] / xSum[s]);
        out.put("DOWNSTREAMNESS" + key, down[s] / xSum[s]);
        for (int q = 0; q < 4; q++) {
          out.put(wfn[q] + key, wf[q][s]);
          out.put(wbn[q] + key, wb[q][s]);
        }
        double[] plv = lengths(f, fd, s);
        double[] ply = lengths(bk, bd, s);
        String[] names = {"", "_D", "_RT", "_GVC_D", "_GVC_CB", "_GVC_F", "_GVC"};
        for (int q = 0; q < names.length; q++) {
          out.put("PLV" + names[q] + key, plv[q]);
          out.put("PLY" + names[q] + key, ply[q]);
        }
        out.put("GVC_POS" + key, plv[6] / ply[6]);
        out.put("GVC_POS_KWW" + key, Math.log(1 + iv[s] / ex[s]) - Math.log(1 + fv[s] / ex[s]));
      }
    }

    static double[] lengths(double[][] num, double[][] den, int s) {
      double d = num[3][s] / den[3][s];
      double cb = num[4][s] / den[3][s];
      double f = num[5][s] / den[3][s];
      return new double[] {num[0][s] / den[0][s], num[1][s] / den[1][s], num[2][s] / den[2][s], d, cb, f,
          d + cb + f};
    }

    static double rowSum(double[][] m, int k) {
      double s = 0;
      for (double v : m[k]) {
        s += v;
      }
      return s;
    }

    static double colSum(double[][] m, int k) {
      double s = 0;
      for (double[] row : m) {
        s += row[k];
      }
      return s;
    }
  }

  static double[][] diag(double[] d) {
    double[][] r = new double[d.length][d.length];
    for (int i = 0; i < d.length; i++) {
      r[i][i] = d[i];
    }
    return r;
  }

  static double[][] mul(double[][] p, double[][] q) {
    int n = p.length;
    int m = q[0].length;
    int k = q.length;
    double[][] r = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        double pv = p[i][t];
        if (pv != 0) {
          for (int j = 0; j < m; j++) {
            r[i][j] += pv * q[t][j];
          }
        }
      }
    }
    return r;
  }

  static double[][] sub(double[][] p, double[][] q) {
    double[][] r = new double[p.length][p[0].length];
    for (int i = 0; i < p.length; i++) {
      for (int j = 0; j < p[0].length; j++) {
        r[i][j] = p[i][j] - q[i][j];
      }
    }
    return r;
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"11, 3, 2, false", "12, 5, 3, true", "13, 6, 4, true", "14, 4, 5, false"})
  void lengthsPositionAndGroupsMatchTheLiteralFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[0]);
    String c1 = lay.countries().get(1);
    String c2 = lay.countries().get(2);
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of(c1, c2)).build();
    YearSystem sys = YearSystem.build(yr, opt);
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    GvcMeasures.Result r = GvcMeasures.compute(sys, sink);
    for (CheckResult c : r.checks()) {
      assertTrue(c.passed(), c.check() + " " + c.scope() + ": " + c.maxRelError());
    }
    assertTrue(sink.checks.stream().anyMatch(c -> c.check().equals("P4") && c.scope().contains("groups")));

    GvcReference ref = new GvcReference(yr);
    boolean[][] countries = new boolean[g][];
    for (int c = 0; c < g; c++) {
      countries[c] = ref.one(c);
    }
    Map<String, Double> expected = new HashMap<>();
    for (int c = 0; c < g; c++) {
      expected.putAll(new Oracle(ref, yr, countries, ref.one(c), lay.countries().get(c)).out);
    }
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[2] = true;
    boolean[][] groupPartition = new boolean[g - 1][];
    groupPartition[0] = grp;
    for (int c = 3, q = 1; c < g; c++, q++) {
      groupPartition[q] = ref.one(c);
    }
    groupPartition[g - 2] = ref.one(0);
    expected.putAll(new Oracle(ref, yr, groupPartition, grp, "GRP").out);

    int compared = 0;
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      double want = e.getValue();
      double got = sink.m(e.getKey());
      double tol = 1e-9 * Math.max(1, Math.abs(want));
      assertEquals(want, got, tol, e.getKey());
      compared++;
    }
    assertEquals(32 * (g + 1) * (nInd + 1), compared, "values compared");
    // the group's WWYZ differs from the sum of its members' (trade between members is domestic)
    double membersGvc = sink.m("WWYZ_VA_GVC_S|" + c1 + "|_T") + sink.m("WWYZ_VA_GVC_S|" + c2 + "|_T");
    assertTrue(Math.abs(sink.m("WWYZ_VA_GVC_S|GRP|_T") - membersGvc) > 1e-6 * membersGvc,
        "the group's GVC_S is not the sum of its members'");
  }
}
