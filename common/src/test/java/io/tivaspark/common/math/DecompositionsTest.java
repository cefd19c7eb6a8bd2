package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gvc family: identities, the literal formulas (GvcReference), splits, groups, leather, WIOD. */
class DecompositionsTest {

  /** Keeps export_decomposition and gvc_measures rows; fails on duplicates. */
  static class GvcSink implements ResultSink {
    final Map<String, Double> dec = new HashMap<>();
    final Map<String, Double> gvc = new HashMap<>();
    final List<CheckResult> checks = new ArrayList<>();
    final Map<String, Double> indicators = new HashMap<>();

    @Override
    public void indicator(String indicator, String country, String partner, String industry, double value, Unit unit) {
      indicators.put(indicator + "|" + country + "|" + partner + "|" + industry, value);
    }

    @Override
    public void vaFinalDemand(String sc, String si, String dc, double value) {}

    @Override
    public void vaOriginExports(String sc, String si, String ec, String ei, double value) {}

    @Override
    public void check(CheckResult result) {
      checks.add(result);
    }

    @Override
    public void exportDecomposition(String method, String exporter, String importer, String industry, String term,
        double value) {
      String k = method + "|" + exporter + "|" + importer + "|" + industry + "|" + term;
      if (dec.put(k, value) != null) {
        throw new AssertionError("duplicate export_decomposition row " + k);
      }
    }

    @Override
    public void gvcMeasure(String measure, String country, String industry, double value) {
      String k = measure + "|" + country + "|" + industry;
      if (gvc.put(k, value) != null) {
        throw new AssertionError("duplicate gvc_measures row " + k);
      }
    }

    double d(String key) {
      Double v = dec.get(key);
      if (v == null) {
        throw new AssertionError("no export_decomposition row " + key);
      }
      return v;
    }

    /** A gvc_measures value by "measure|country|industry"; fails when the row is missing. */
    double m(String key) {
      Double v = gvc.get(key);
      if (v == null) {
        throw new AssertionError("no gvc_measures row " + key);
      }
      return v;
    }
  }

  static void assertAllPassed(TivaSummary s, double tol) {
    assertFalse(s.checks().isEmpty());
    for (CheckResult c : s.checks()) {
      assertTrue(c.passed() && c.maxRelError() <= tol, "check failed: " + c);
      assertEquals(Family.GVC, Family.ofCheck(c.check()), "check code of another family: " + c);
    }
  }

  static void rel(double expected, double actual, double tol, String what) {
    assertTrue(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
        what + ": expected " + expected + ", got " + actual);
  }

  static Set<String> codes(TivaSummary s) {
    Set<String> c = new TreeSet<>();
    s.checks().forEach(r -> c.add(r.check()));
    return c;
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"1, 3, 2, false", "2, 5, 4, true", "3, 6, 3, true", "4, 8, 5, false", "5, 4, 6, true"})
  void identitiesAndLiteralFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1});
    String c0 = lay.countries().get(0);
    String c1 = lay.countries().get(1);
    String c2 = lay.countries().get(2);
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of(c1, c2, "XXX")).build();
    GvcSink sink = new GvcSink();
    TivaSummary s = Decompositions.compute(yr, opt, sink);
    assertAllPassed(s, 1e-9);
    assertEquals(Set.of("B1", "B2", "B3", "B4", "B5", "B6", "BD1", "BD2", "BD3", "BD4", "BD5", "BD6", "BI1", "BI2", "BI3", "BK1", "BK2", "BK3", "BP1", "BP2", "BP3", "BP4", "BW1", "K1", "K2", "K3", "K4", "K5", "K6",
        "P1", "P2", "P3", "P4", "P5", "P7", "P8", "P9", "U1", "U2", "U3", "W1", "W2", "W3", "W4"), codes(s));
    // every term of every country and of the group against the literal formulas
    GvcReference ref = new GvcReference(yr);
    for (int c = 0; c < lay.countryCount(); c++) {
      ref.economy(lay.countries().get(c), ref.one(c));
    }
    boolean[] grp = new boolean[lay.countryCount()];
    grp[1] = true;
    grp[2] = true;
    ref.economy("GRP", grp);
    double scale = 0;
    for (double v : ref.values.values()) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (Map.Entry<String, Double> e : ref.values.entrySet()) {
      double got = sink.d(e.getKey());
      assertTrue(Math.abs(got - e.getValue()) <= 1e-9 * Math.max(1, scale),
          e.getKey() + ": literal " + e.getValue() + ", computed " + got);
    }
    // totals are sums of the detail
    for (String term : Decompositions.WWZ_TERMS) {
      double sum = 0;
      for (String r : lay.countries()) {
        if (!r.equals(c0)) {
          for (String i : lay.industries()) {
            sum += sink.d("WWZ|" + c0 + "|" + r + "|" + i + "|" + term);
          }
        }
      }
      rel(sum, sink.d("WWZ|" + c0 + "|WLD|_T|" + term), 1e-9, term);
    }
    // group: no rows against its own members
    assertFalse(sink.dec.keySet().stream().anyMatch(k -> k.startsWith("WWZ|GRP|" + c1 + "|")));
    // split entities never appear
    assertFalse(sink.dec.keySet().stream().anyMatch(k -> k.contains("CN1") || k.contains("CN2")));
    assertFalse(sink.gvc.keySet().stream().anyMatch(k -> k.contains("CN1") || k.contains("CN2")));
  }

  /** WWZ third-country detail (option INDUSTRY) against the literal formulas, for countries and a group. */
  @ParameterizedTest(name = "seed {0}, split={1}")
  @CsvSource({"21, false", "22, true"})
  void wwzThirdCountryDetailMatchesTheLiteralFormulas(long seed, boolean split) {
    Layout lay = RandomTables.layout(5, 3, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[0]);
    String c1 = lay.countries().get(1);
    String c3 = lay.countries().get(3);
    // a group with non-adjacent members: the Java path of the partner products
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of(c1, c3))
        .wwzThirdCountry(TivaOptions.ThirdCountry.INDUSTRY).build();
    Map<String, Double> third = new HashMap<>();
    GvcSink sink = new GvcSink() {
      @Override
      public void wwzThirdCountry(String exporter, String importer, String t, String industry, String term,
          double value) {
        if (third.put(exporter + "|" + importer + "|" + t + "|" + industry + "|" + term, value) != null) {
          throw new AssertionError("duplicate third-country row");
        }
      }
    };
    TivaSummary s = Decompositions.compute(yr, opt, sink);
    assertAllPassed(s, 1e-9);
    assertTrue(codes(s).contains("W5"));
    GvcReference ref = new GvcReference(yr);
    int n = ref.n;
    int g = ref.g;
    List<boolean[]> economies = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (int c = 0; c < g; c++) {
      economies.add(ref.one(c));
      codes.add(lay.countries().get(c));
    }
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[3] = true;
    economies.add(grp);
    codes.add("GRP");
    double scale = 0;
    Map<String, Double> want = new HashMap<>();
    for (int e = 0; e < economies.size(); e++) {
      boolean[] mem = economies.get(e);
      boolean[] sRows = ref.rowsOfCountries(mem);
      int cnt = 0;
      for (boolean b : sRows) {
        cnt += b ? 1 : 0;
      }
      int[] rows = new int[cnt];
      for (int k = 0, p = 0; k < n; k++) {
        if (sRows[k]) {
          rows[p++] = k;
        }
      }
      double[][] lss = ref.local(rows);
      double[] u = new double[n]; // v_S L_SS on S's rows
      for (int i : rows) {
        for (int k : rows) {
          u[i] += ref.v[k] * lss[k][i];
        }
      }
      for (int r = 0; r < g; r++) {
        if (mem[r]) {
          continue;
        }
        for (int t = 0; t < g; t++) {
          if (mem[t] || t == r) {
            continue;
          }
          double[][] vals = new double[3][lay.industries().size() + 1];
          for (int i : rows) {
            double[] inner = new double[3];
            for (int j = 0; j < n; j++) {
              if (lay.countryOfRow(j) != r || ref.a[i][j] == 0) {
                continue;
              }
              double t3 = 0;
              double t4 = 0;
              double t5 = 0;
              for (int k = 0; k < n; k++) {
                int ck = lay.countryOfRow(k);
                if (ck == t) {
                  double rest = 0;
                  for (int w = 0; w < g; w++) {
                    if (!mem[w] && w != t) {
                      rest += ref.y[k][w];
                    }
                  }
                  t3 += ref.b[j][k] * ref.y[k][t];
                  t5 += ref.b[j][k] * rest;
                } else if (ck == r) {
                  t4 += ref.b[j][k] * ref.y[k][t];
                }
              }
              inner[0] += ref.a[i][j] * t3;
              inner[1] += ref.a[i][j] * t4;
              inner[2] += ref.a[i][j] * t5;
            }
            int ii = lay.industryOfRow(i);
            for (int q = 0; q < 3; q++) {
              vals[q][ii] += u[i] * inner[q];
              vals[q][vals[q].length - 1] += u[i] * inner[q];
            }
          }
          for (int q = 0; q < 3; q++) {
            for (int ii = 0; ii < vals[q].length; ii++) {
              String in = ii == vals[q].length - 1 ? "_T" : lay.industries().get(ii);
              want.put(codes.get(e) + "|" + lay.countries().get(r) + "|" + lay.countries().get(t) + "|" + in + "|"
                  + Decompositions.WWZ_TERMS.get(2 + q), vals[q][ii]);
              scale = Math.max(scale, Math.abs(vals[q][ii]));
            }
          }
        }
      }
    }
    assertEquals(want.keySet(), third.keySet());
    for (Map.Entry<String, Double> e : want.entrySet()) {
      assertEquals(e.getValue(), third.get(e.getKey()), 1e-9 * Math.max(1, scale), e.getKey());
    }
  }

  /** A split country's decomposition = merged reporting of the split computation, consistent with core's EXGR. */
  @Test
  void splitCountryIsComputedSplitAndReportedMerged() {
    Layout lay = RandomTables.layout(5, 4, true);
    MrioYear yr = RandomTables.year(77, lay, new int[0]);
    TivaOptions opt = TivaOptions.builder().group("G2", List.of("CHN", "C00")).build();
    YearSystem sys = YearSystem.build(yr, opt);
    GvcSink sink = new GvcSink();
    TivaCore.compute(sys, sink); // core on the same solved system
    TivaSummary s = Decompositions.compute(sys, sink);
    assertAllPassed(s, 1e-9);
    for (String e : List.of("CHN", "G2", "C03")) {
      for (String p : lay.countries()) {
        if (sink.indicators.containsKey("EXGR|" + e + "|" + p + "|_T") && !sink.dec.containsKey("WWZ|" + e + "|" + p
            + "|_T|EXGR")) {
          continue; // member partner of the group
        }
        if (!sink.dec.containsKey("WWZ|" + e + "|" + p + "|_T|EXGR")) {
          continue;
        }
        double exgr = sink.indicators.get("EXGR|" + e + "|" + p + "|_T");
        for (String m : List.of("WWZ", "BM_SOURCE", "BM_SINK", "KWW")) {
          rel(exgr, sink.d(m + "|" + e + "|" + p + "|_T|EXGR"), 1e-12, m + " EXGR " + e + "->" + p);
        }
        rel(sink.indicators.get("EXGR_DVA|" + e + "|" + p + "|_T"), sink.d("BM_SOURCE|" + e + "|" + p + "|_T|DC"),
            1e-9, "DC = EXGR_DVA " + e + "->" + p);
      }
      rel(sink.indicators.get("FFD_DVA|" + e + "|WLD|_T"), sink.d("BM_SOURCE|" + e + "|WLD|_T|VAX"), 1e-9,
          "VAX = FFD_DVA " + e);
      rel(sink.indicators.get("EXGR_DDC|" + e + "|WLD|_T") + sink.indicators.get("EXGR_IDC|" + e + "|WLD|_T"),
          sink.d("BM_SOURCE|" + e + "|WLD|_T|DVA"), 1e-9, "B6 against core " + e);
    }
    // the literal formulas on the split system, CHN = CN1 ∪ CN2 rows
    GvcReference ref = new GvcReference(yr);
    ref.economy("CHN", ref.one(lay.countryIndex("CHN")));
    for (Map.Entry<String, Double> e : ref.values.entrySet()) {
      rel(e.getValue(), sink.d(e.getKey()), 1e-9, e.getKey());
    }
    // and it differs from aggregating CN1+CN2 first (§2.4): the merged table's CHN DVA
    assertTrue(sink.d("BM_SOURCE|CHN|WLD|_T|DVA") > 0);
  }

  // ---------------- decompr / gvc leather ----------------

  static final List<String> LC = List.of("ARG", "TUR", "DEU");
  static final List<String> LI = List.of("Agriculture", "Textile_and_Leather", "Transport_Equipment");

  static Path leatherPath() {
    return SharedData.require("data/leather/leather.csv.gz");
  }

  @Test
  void leatherPublishedNumbersAndWwzProperties() throws Exception {
    MrioYear yr = IcioCsv.read(leatherPath(), 2000);
    GvcSink sink = new GvcSink();
    TivaSummary s = Decompositions.compute(yr, TivaOptions.defaults(), sink);
    assertAllPassed(s, 1e-9);
    // gvc i2e (tests/testthat/test_i2e.R): foreign VA in the exports of sector j = WWZ FVA + FDC = BM FC
    rel(3.404712, sink.d("WWZ|ARG|WLD|Agriculture|FVA") + sink.d("WWZ|ARG|WLD|Agriculture|FDC"), 2e-7, "i2e[1]");
    rel(25.397173, sink.d("BM_SOURCE|DEU|WLD|Transport_Equipment|FC"), 2e-7, "i2e[9]");
    rel(3.404712275644761, sink.d("BM_SINK|ARG|WLD|Agriculture|FC"), 1e-12, "i2e[1] recomputed");
    // decompr test_wwz.R: v zeroed outside Argentina -> only Argentina's DVA_FIN positive
    YearSystem sys = YearSystem.build(yr, TivaOptions.defaults());
    for (int k = 0; k < sys.n(); k++) {
      if (sys.cty()[k] != 0) {
        sys.v()[k] = 0;
      }
    }
    GvcSink s2 = new GvcSink();
    Decompositions.compute(sys, s2);
    int positive = 0;
    for (String e : LC) {
      for (String r : LC) {
        for (String i : LI) {
          String key = "WWZ|" + e + "|" + r + "|" + i + "|DVA_FIN";
          if (!e.equals(r)) {
            double val = s2.d(key);
            if (e.equals("ARG")) {
              assertTrue(val > 0, key + " = " + val);
              positive++;
            } else {
              assertEquals(0.0, val, 0.0, key);
            }
          } else {
            assertFalse(s2.dec.containsKey(key), "no rows within a country: " + key);
          }
        }
      }
    }
    assertEquals(6, positive);
    // v kept only for Transport_Equipment -> DVA_FIN > 0 across countries (none within)
    YearSystem sys3 = YearSystem.build(yr, TivaOptions.defaults());
    for (int k = 0; k < sys3.n(); k++) {
      if (sys3.ind()[k] != 2) {
        sys3.v()[k] = 0;
      }
    }
    GvcSink s3 = new GvcSink();
    Decompositions.compute(sys3, s3);
    for (String e : LC) {
      for (String r : LC) {
        if (!e.equals(r)) {
          for (String i : LI) {
            assertTrue(s3.d("WWZ|" + e + "|" + r + "|" + i + "|DVA_FIN") > 0, e + r + i);
          }
        }
      }
    }
  }

  // ---------------- WIOD 2013 ----------------

  /**
   * Slow (195 s of the default suite at load 40 on 2 cores, the longest test of common; about 40 s
   * quiet): {@code @Tag("slow")}, run with -Dtiva.slow=true by bin/test --slow, which CI runs.
   */
  @Test
  @Tag("slow")
  void wiodYearAllIdentities() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("tiva.slow"), "slow test: run with -Dtiva.slow=true");
    int year = Integer.getInteger("tiva.wiod.gvc.year", 2009);
    Path p = SharedData.require("data/wiod2013/wiot_" + year + ".csv.gz");
    MrioYear yr = IcioCsv.read(p, year);
    TivaOptions opt = TivaOptions.builder().group("EU27", WiodRealDataTest.EU27).group("NAFTA", WiodRealDataTest.NAFTA)
        .build();
    long t0 = System.nanoTime();
    YearSystem sys = YearSystem.build(yr, opt);
    GvcSink sink = new GvcSink();
    TivaSummary s = Decompositions.compute(sys, sink);
    System.out.printf("WIOD %d gvc family: n = %d, %.2f s (B %.2f s), %d decomposition rows, %d gvc rows%n", year,
        sys.n(), (System.nanoTime() - t0) / 1e9, sys.leontiefSeconds(), sink.dec.size(), sink.gvc.size());
    double worst = 0;
    for (CheckResult c : s.checks()) {
      assertTrue(c.passed(), "check failed: " + c);
      worst = Math.max(worst, c.maxRelError());
    }
    System.out.printf("WIOD %d: %d gvc checks passed, worst relative error %.2e; CHN GVC_BM %.2f %%, EU27 %.2f %%, "
        + "DEU GVCPT_F %.2f %%, USA upstreamness %.3f%n", year, s.checks().size(), worst,
        sink.gvc.get("GVC_BM|CHN|_T"), sink.gvc.get("GVC_BM|EU27|_T"), sink.gvc.get("GVCPT_F|DEU|_T"),
        sink.gvc.get("UPSTREAMNESS|USA|_T"));
    // WWYZ (2017b) lengths: GVC chains are longer than purely domestic ones and cross a border at least once
    for (String c : List.of("CHN", "DEU", "USA", "EU27")) {
      System.out.printf("WIOD %d %s: PLV_D %.3f PLV_GVC %.6f (D %.3f CB %.3f F %.3f) PLY_GVC %.6f GVC_POS %.6f "
          + "GVC_POS_KWW %.3f%n", year, c, sink.gvc.get("PLV_D|" + c + "|_T"), sink.gvc.get("PLV_GVC|" + c + "|_T"),
          sink.gvc.get("PLV_GVC_D|" + c + "|_T"), sink.gvc.get("PLV_GVC_CB|" + c + "|_T"),
          sink.gvc.get("PLV_GVC_F|" + c + "|_T"), sink.gvc.get("PLY_GVC|" + c + "|_T"),
          sink.gvc.get("GVC_POS|" + c + "|_T"), sink.gvc.get("GVC_POS_KWW|" + c + "|_T"));
      assertTrue(sink.gvc.get("PLV_GVC|" + c + "|_T") > sink.gvc.get("PLV_D|" + c + "|_T"), c);
      assertTrue(sink.gvc.get("PLV_GVC_CB|" + c + "|_T") >= 1.0, c);
    }
    // group: one economy; its exports = members' exports less intra-group trade
    assertTrue(sink.d("WWZ|EU27|WLD|_T|EXGR") < sink.d("WWZ|DEU|WLD|_T|EXGR") * 20);
  }
}
