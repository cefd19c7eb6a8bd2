package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The VA-based RCA and the Borin–Mancini–Taglioni export split ({@link GvcSplitRows}) against their
 * literal formulas with explicit local inverses (L_SS of the economy, L_rr of every partner country
 * r, each a dense Gauss–Jordan inverse of GvcReference) and partner-by-partner sums, on random
 * tables with a split country (CHN = CN1 + CN2) inside a group (GRP = CHN + C02, one economy) and
 * overlapping industry aggregates. Relative tolerance 1e-9 on max(1, |value|).
 */
class GvcSplitsTest {
  static final double TOL = 1e-9;

  /** The literal per-row quantities of one economy S (n-vectors, 0 outside S). */
  static final class Literal {
    final double[] e;
    final double[] a;
    final double[] f;
    final double[] u;
    final double[] w;
    final double[] dvaF;

    Literal(GvcReference ref, MrioYear yr, boolean[] mem) {
      int n = ref.n;
      e = new double[n];
      a = new double[n];
      f = new double[n];
      double[] z = yr.z();
      boolean[] inS = ref.rowsOfCountries(mem);
      for (int r = 0; r < ref.g; r++) {
        if (mem[r]) {
          continue;
        }
        boolean[] inR = ref.rowsOfCountries(ref.one(r));
        double[][] lrr = ref.local(rowsOf(inR));
        double[] yrr = new double[n];
        double[] er = new double[n]; // e_r*: r's sales to every other country
        for (int j = 0; j < n; j++) {
          if (!inR[j]) {
            continue;
          }
          yrr[j] = ref.y[j][r];
          for (int l = 0; l < n; l++) {
            er[j] += inR[l] ? 0 : z[j + l * n];
          }
          for (int t = 0; t < ref.g; t++) {
            er[j] += t == r ? 0 : ref.y[j][t];
          }
        }
        double[] ly = matVec(lrr, yrr);
        double[] le = matVec(lrr, er);
        for (int i = 0; i < n; i++) {
          if (!inS[i]) {
            continue;
          }
          a[i] += ref.y[i][r];
          e[i] += ref.y[i][r];
          for (int j = 0; j < n; j++) {
            if (inR[j]) {
              a[i] += ref.a[i][j] * ly[j];
              f[i] += ref.a[i][j] * le[j];
              e[i] += z[i + j * n];
            }
          }
        }
      }
      double[][] lss = ref.local(rowsOf(inS));
      u = new double[n];
      w = new double[n];
      dvaF = new double[n];
      double[] lssE = matVec(lss, e);
      for (int i = 0; i < n; i++) {
        if (!inS[i]) {
          continue;
        }
        dvaF[i] = ref.v[i] * lssE[i];
        for (int k = 0; k < n; k++) {
          if (!inS[k]) {
            continue;
          }
          u[i] += ref.v[k] * lss[k][i];
          double imported = 0;
          for (int t = 0; t < n; t++) {
            imported += inS[t] ? 0 : ref.a[t][k];
          }
          w[i] += imported * lss[k][i];
        }
      }
    }

    static int[] rowsOf(boolean[] in) {
      List<Integer> l = new ArrayList<>();
      for (int k = 0; k < in.length; k++) {
        if (in[k]) {
          l.add(k);
        }
      }
      return l.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[] matVec(double[][] m, double[] c) {
      double[] r = new double[c.length];
      for (int i = 0; i < c.length; i++) {
        for (int j = 0; j < c.length; j++) {
          r[i] += m[i][j] * c[j];
        }
      }
      return r;
    }
  }

  /** Per-row literal values of one economy summed into slots (industries, aggregates, _T) by measure. */
  static Map<String, double[]> slotSums(GvcReference ref, Literal lit, boolean[] mem, List<int[]> slotsMembers) {
    String[] names = {"DVA_FWD", "EXGR", "BMT_DAVAX", "BMT_GVC_PF", "BMT_GVC_TS", "BMT_GVC_PB"};
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String nm : names) {
      out.put(nm, new double[slotsMembers.size()]);
    }
    for (int k = 0; k < ref.n; k++) {
      if (!mem[ref.lay.countryOfRow(k)]) {
        continue;
      }
      double[] vals = {lit.dvaF[k], lit.e[k], lit.u[k] * lit.a[k], lit.u[k] * lit.f[k], lit.w[k] * lit.f[k],
          lit.w[k] * lit.a[k]};
      for (int s = 0; s < slotsMembers.size(); s++) {
        for (int i : slotsMembers.get(s)) {
          if (i == ref.lay.industryOfRow(k)) {
            for (int q = 0; q < names.length; q++) {
              out.get(names[q])[s] += vals[q];
            }
          }
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"41, 4, 4, true", "42, 5, 4, true", "43, 6, 5, false"})
  void rcaAndBmtSplitMatchTheLiteralFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[0]);
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of(lay.countries().get(1), lay.countries().get(2)))
        .industryGroups(GvcAggregatesTest.aggregates(nInd)).build();
    YearSystem sys = YearSystem.build(yr, opt);
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    TivaSummary r = Decompositions.compute(sys, sink); // the whole gvc family: BM's GVCF_BM, GVCB_BM too
    Set<String> codes = new TreeSet<>();
    for (CheckResult c : r.checks()) {
      assertTrue(c.passed() && c.maxRelError() <= TOL, c.check() + " " + c.scope() + ": " + c.maxRelError());
      codes.add(c.check());
    }
    assertTrue(codes.contains("P7") && codes.contains("P8"), "P7, P8 written: " + codes);

    GvcReference ref = new GvcReference(yr);
    List<String> slotCodes = new ArrayList<>(lay.industries());
    List<int[]> slotMembers = new ArrayList<>();
    for (int i = 0; i < nInd; i++) {
      slotMembers.add(new int[] {i});
    }
    for (String ag : List.of("AG1", "AG2", "ONE", "ALL")) {
      slotCodes.add(ag);
      slotMembers.add(GvcAggregatesTest.aggregates(nInd).get(ag).stream()
          .mapToInt(s -> Integer.parseInt(s.substring(1))).toArray());
    }
    slotCodes.add("_T");
    slotMembers.add(java.util.stream.IntStream.range(0, nInd).toArray());

    Map<String, Map<String, double[]>> byEconomy = new LinkedHashMap<>();
    for (int c = 0; c < g; c++) {
      boolean[] mem = ref.one(c);
      byEconomy.put(lay.countries().get(c), slotSums(ref, new Literal(ref, yr, mem), mem, slotMembers));
    }
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[2] = true;
    byEconomy.put("GRP", slotSums(ref, new Literal(ref, yr, grp), grp, slotMembers));
    int tot = slotCodes.size() - 1;
    double[] world = new double[slotCodes.size()];
    for (int c = 0; c < g; c++) {
      double[] d = byEconomy.get(lay.countries().get(c)).get("DVA_FWD");
      for (int s = 0; s < world.length; s++) {
        world[s] += d[s];
      }
    }
    Map<String, Double> expected = new HashMap<>();
    byEconomy.forEach((code, m) -> {
      for (int s = 0; s < slotCodes.size(); s++) {
        String key = "|" + code + "|" + slotCodes.get(s);
        double[] d = m.get("DVA_FWD");
        expected.put("DVA_FWD" + key, d[s]);
        expected.put("RCA_VA" + key, (d[s] / d[tot]) / (world[s] / world[tot]));
        double ex = m.get("EXGR")[s];
        for (String lv : List.of("BMT_DAVAX", "BMT_GVC_PF", "BMT_GVC_TS", "BMT_GVC_PB")) {
          expected.put(lv + key, m.get(lv)[s]);
        }
        expected.put("GVC_PF_BMT" + key, 100 * m.get("BMT_GVC_PF")[s] / ex);
        expected.put("GVC_TS_BMT" + key, 100 * m.get("BMT_GVC_TS")[s] / ex);
        expected.put("GVC_PB_BMT" + key, 100 * m.get("BMT_GVC_PB")[s] / ex);
      }
    });
    int compared = 0;
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      double want = e.getValue();
      Double got = sink.gvc.get(e.getKey());
      assertTrue(got != null, "no row " + e.getKey());
      assertEquals(want, got, TOL * Math.max(1, Math.abs(want)), e.getKey());
      compared++;
    }
    assertEquals(9 * (g + 1) * slotCodes.size(), compared, "values compared");
    // PF = BM's GVCF and TS + PB = BM's GVCB (percent of gross exports, source-based exporter perspective)
    for (String code : byEconomy.keySet()) {
      for (String in : slotCodes) {
        String key = "|" + code + "|" + in;
        double gvcf = sink.gvc.get("GVCF_BM" + key);
        double gvcb = sink.gvc.get("GVCB_BM" + key);
        assertEquals(gvcf, sink.gvc.get("GVC_PF_BMT" + key), TOL * Math.max(1, Math.abs(gvcf)), "PF = GVCF " + key);
        assertEquals(gvcb, sink.gvc.get("GVC_TS_BMT" + key) + sink.gvc.get("GVC_PB_BMT" + key),
            TOL * Math.max(1, Math.abs(gvcb)), "TS + PB = GVCB " + key);
      }
    }
    // the group is one economy: its DVA in exports is not the sum of its members' (intra-group trade is domestic)
    double members = sink.gvc.get("DVA_FWD|" + lay.countries().get(1) + "|_T")
        + sink.gvc.get("DVA_FWD|" + lay.countries().get(2) + "|_T");
    assertTrue(Math.abs(sink.gvc.get("DVA_FWD|GRP|_T") - members) > 1e-6 * members, "group ≠ Σ members");
  }
}
