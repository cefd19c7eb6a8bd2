package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Industry aggregates in the gvc and footprints families (docs/methods.md §17, docs/decompositions.md,
 * docs/footprints.md) on random tables with a split country (CHN = CN1 + CN2), a group whose members
 * are not adjacent, and user aggregates that overlap, have one member, cover every industry, or name
 * no industry of the table (dropped): export_decomposition aggregates = Σ over the members of the
 * literal terms ({@link GvcReference}); gvc_measures of an aggregate = the literal dense formulas
 * summed over the members before dividing ({@link GvcMeasuresTest.Oracle}); footprint_coefficients of
 * an aggregate = the literal merge rules with a dense inverse; the third-country rows; every row of
 * an industry unchanged by adding aggregates; checks W6, B7, W7, P6 written, passing, of family gvc,
 * and catching a wrong row. Tolerance: relative 1e-9 (on the largest literal value for the terms).
 */
class GvcAggregatesTest {
  private static final double TOL = 1e-9;

  /** Aggregates of RandomTables' industries D00 … D0(N−1) (N ≥ 4). */
  static Map<String, List<String>> aggregates(int nInd) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("AG1", List.of("D00", "D02")); // members not adjacent
    m.put("AG2", List.of("D01", "D02", "D03")); // overlaps AG1
    m.put("ONE", List.of("D03"));
    List<String> all = new ArrayList<>();
    for (int i = 0; i < nInd; i++) {
      all.add(String.format("D%02d", i));
    }
    m.put("ALL", all);
    m.put("ABSENT", List.of("ZZZ")); // no member in the table: dropped
    return m;
  }

  static TivaOptions options(Layout lay, boolean aggregates, TivaOptions.ThirdCountry third) {
    TivaOptions.Builder b = TivaOptions.builder()
        .group("GRP", List.of(lay.countries().get(1), lay.countries().get(3)))
        .wwzThirdCountry(third);
    if (aggregates) {
      b.industryGroups(aggregates(lay.industryCount()));
    }
    return b.build();
  }

  static void allPassedAndGvc(List<CheckResult> checks, Set<String> mustHave) {
    Set<String> codes = new TreeSet<>();
    for (CheckResult c : checks) {
      assertTrue(c.passed() && c.maxRelError() <= TOL, "check failed: " + c);
      assertEquals(Family.GVC, Family.ofCheck(c.check()), "check of another family: " + c);
      codes.add(c.check());
    }
    assertTrue(codes.containsAll(mustHave), codes + " lacks some of " + mustHave);
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}")
  @CsvSource({"31, 5, 4", "32, 6, 5"})
  void decompositionRowsOfAnAggregateAreSumsOfTheLiteralTerms(long seed, int g, int nInd) {
    Layout lay = RandomTables.layout(g, nInd, true);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1});
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    TivaSummary s = Decompositions.compute(yr, options(lay, true, TivaOptions.ThirdCountry.OFF), sink);
    allPassedAndGvc(s.checks(), Set.of("W6", "B7", "P6"));
    assertFalse(s.checks().stream().anyMatch(c -> c.check().equals("W7")), "no W7 without the detail by industry");
    IndustryAggregates agg = IndustryAggregates.of(lay.industries(), aggregates(nInd));
    GvcReference ref = new GvcReference(yr);
    for (int c = 0; c < g; c++) {
      ref.economy(lay.countries().get(c), ref.one(c));
    }
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[3] = true;
    ref.economy("GRP", grp);
    // the literal aggregate: Σ over the member industries (and over the importers for WLD) of the literal terms
    Map<String, Double> want = new HashMap<>();
    double scale = 0;
    for (Map.Entry<String, Double> e : ref.values.entrySet()) {
      String[] k = e.getKey().split("\\|"); // method|exporter|importer|industry|term
      int i = lay.industries().indexOf(k[3]);
      if (i < 0) {
        continue; // KWW totals
      }
      for (int a = nInd; a < agg.slots(); a++) {
        if (java.util.Arrays.stream(agg.members(a)).anyMatch(m -> m == i)) {
          String code = agg.code(a, lay.industries());
          want.merge(String.join("|", k[0], k[1], k[2], code, k[4]), e.getValue(), Double::sum);
          want.merge(String.join("|", k[0], k[1], "WLD", code, k[4]), e.getValue(), Double::sum);
        }
      }
      scale = Math.max(scale, Math.abs(e.getValue()));
    }
    assertTrue(want.size() > 1000, "aggregate terms compared: " + want.size());
    for (Map.Entry<String, Double> e : want.entrySet()) {
      assertEquals(e.getValue(), sink.d(e.getKey()), TOL * Math.max(1, scale), e.getKey());
    }
    // exvatools aggregates and the participation shares are recomputed from the aggregated terms
    for (String eco : List.of("C00", "CHN", "GRP")) {
      for (String a : List.of("AG1", "AG2", "ALL")) {
        double vax = 0;
        for (int q = 0; q < 5; q++) {
          vax += want.get("WWZ|" + eco + "|WLD|" + a + "|" + Decompositions.WWZ_TERMS.get(q));
        }
        assertEquals(vax, sink.d("WWZ|" + eco + "|WLD|" + a + "|VAX"), TOL * Math.max(1, scale));
        String src = "BM_SOURCE|" + eco + "|WLD|" + a + "|";
        double gvc = 100 * want.get(src + "GVC") / want.get(src + "EXGR");
        assertEquals(gvc, sink.m("GVC_BM|" + eco + "|" + a), TOL * Math.max(1, Math.abs(gvc)), eco + " " + a);
        assertEquals(100 * want.get(src + "GVCB") / want.get(src + "EXGR"), sink.m("GVCB_BM|" + eco + "|" + a), TOL);
      }
      // an aggregate of every industry is _T, one of one industry is that industry
      assertEquals(sink.d("WWZ|" + eco + "|WLD|_T|DVA"), sink.d("WWZ|" + eco + "|WLD|ALL|DVA"), TOL * Math.max(1, scale));
      assertEquals(sink.d("BM_SINK|" + eco + "|WLD|D03|FVA"), sink.d("BM_SINK|" + eco + "|WLD|ONE|FVA"), 0.0);
    }
    assertFalse(sink.dec.keySet().stream().anyMatch(k -> k.contains("|ABSENT|")));
    assertFalse(sink.dec.keySet().stream().anyMatch(k -> k.startsWith("KWW|") && !k.contains("|_T|")),
        "KWW has no industry rows, so no aggregate rows");
  }

  @Test
  void industryRowsAreUnchangedByAggregates() {
    Layout lay = RandomTables.layout(5, 4, true);
    MrioYear yr = RandomTables.year(41, lay, new int[] {lay.n() - 1});
    DecompositionsTest.GvcSink with = new DecompositionsTest.GvcSink();
    DecompositionsTest.GvcSink without = new DecompositionsTest.GvcSink();
    Decompositions.compute(yr, options(lay, true, TivaOptions.ThirdCountry.OFF), with);
    Decompositions.compute(yr, options(lay, false, TivaOptions.ThirdCountry.OFF), without);
    Set<String> codes = aggregates(4).keySet();
    for (Map<String, Double>[] pair : List.of(new Map[] {without.dec, with.dec}, new Map[] {without.gvc, with.gvc})) {
      for (Map.Entry<String, Double> e : pair[0].entrySet()) {
        Double v = pair[1].get(e.getKey());
        assertTrue(v != null, "row lost: " + e.getKey());
        if (Double.isNaN(e.getValue())) {
          assertTrue(Double.isNaN(v), e.getKey()); // a ratio of a zero-output industry stays null
        } else {
          assertEquals(e.getValue(), v, 1e-12 * Math.max(1, Math.abs(e.getValue())), e.getKey());
        }
      }
      for (Object k : pair[1].keySet()) {
        if (!pair[0].containsKey(k)) {
          String[] f = ((String) k).split("\\|");
          assertTrue(codes.contains(f[f.length == 3 ? 2 : 3]), "a new row that is not an aggregate's: " + k);
        }
      }
    }
    assertTrue(with.dec.size() > without.dec.size() && with.gvc.size() > without.gvc.size());
    assertTrue(without.checks.stream().noneMatch(c -> Set.of("W6", "B7", "W7", "P6").contains(c.check())));
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"51, 5, 4, true", "52, 6, 5, false"})
  void gvcMeasuresOfAnAggregateMatchTheLiteralFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[0]);
    YearSystem sys = YearSystem.build(yr, options(lay, true, TivaOptions.ThirdCountry.OFF));
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    GvcMeasures.Result r = GvcMeasures.compute(sys, sink);
    allPassedAndGvc(r.checks(), Set.of("P6"));
    Map<String, int[]> aggs = new LinkedHashMap<>();
    IndustryAggregates agg = sys.industryAggregates();
    for (int a = nInd; a < agg.slots(); a++) {
      aggs.put(agg.code(a, lay.industries()), agg.members(a));
    }
    assertFalse(aggs.containsKey("ABSENT"));
    GvcReference ref = new GvcReference(yr);
    boolean[][] countries = new boolean[g][];
    for (int c = 0; c < g; c++) {
      countries[c] = ref.one(c);
    }
    Map<String, Double> expected = new HashMap<>();
    for (int c = 0; c < g; c++) {
      expected.putAll(new GvcMeasuresTest.Oracle(ref, yr, countries, ref.one(c), lay.countries().get(c), aggs).out);
    }
    // the group (members 1 and 3) on its own partition: its block, then every other country
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[3] = true;
    List<boolean[]> blocks = new ArrayList<>(List.of(grp));
    for (int c = 0; c < g; c++) {
      if (!grp[c]) {
        blocks.add(ref.one(c));
      }
    }
    expected.putAll(new GvcMeasuresTest.Oracle(ref, yr, blocks.toArray(new boolean[0][]), grp, "GRP", aggs).out);
    int compared = 0;
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      double want = e.getValue();
      assertEquals(want, sink.m(e.getKey()), TOL * Math.max(1, Math.abs(want)), e.getKey());
      compared++;
    }
    assertEquals(32 * (g + 1) * (nInd + aggs.size() + 1), compared, "values compared");
  }

  @Test
  void thirdCountryRowsOfAnAggregateAreSumsOfTheirMembers() {
    Layout lay = RandomTables.layout(5, 4, true);
    MrioYear yr = RandomTables.year(61, lay, new int[0]);
    for (TivaOptions.ThirdCountry mode : List.of(TivaOptions.ThirdCountry.INDUSTRY, TivaOptions.ThirdCountry.COUNTRY)) {
      Map<String, Double> third = new HashMap<>();
      DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink() {
        @Override
        public void wwzThirdCountry(String exporter, String importer, String t, String industry, String term,
            double value) {
          if (third.put(exporter + "|" + importer + "|" + t + "|" + industry + "|" + term, value) != null) {
            throw new AssertionError("duplicate third-country row");
          }
        }
      };
      TivaSummary s = Decompositions.compute(yr, options(lay, true, mode), sink);
      boolean byIndustry = mode == TivaOptions.ThirdCountry.INDUSTRY;
      allPassedAndGvc(s.checks(), byIndustry ? Set.of("W5", "W6", "W7") : Set.of("W5", "W6"));
      assertEquals(byIndustry, s.checks().stream().anyMatch(c -> c.check().equals("W7")), mode.toString());
      int aggregateRows = 0;
      for (Map.Entry<String, List<String>> a : aggregates(4).entrySet()) {
        for (Map.Entry<String, Double> e : third.entrySet()) {
          String[] k = e.getKey().split("\\|");
          if (!k[3].equals("D00")) {
            continue;
          }
          double sum = 0;
          for (String m : a.getValue()) {
            Double v = third.get(String.join("|", k[0], k[1], k[2], m, k[4]));
            sum += v == null ? 0 : v;
          }
          Double got = third.get(String.join("|", k[0], k[1], k[2], a.getKey(), k[4]));
          if (a.getKey().equals("ABSENT")) {
            assertEquals(null, got);
            continue;
          }
          assertEquals(sum, got, TOL * Math.max(1, Math.abs(sum)), e.getKey() + " " + a.getKey());
          aggregateRows++;
        }
      }
      assertEquals(byIndustry, aggregateRows > 0, mode + ": " + aggregateRows);
      assertEquals(byIndustry, third.keySet().stream().anyMatch(k -> k.contains("|AG1|")));
    }
  }

  @Test
  void footprintCoefficientsOfAnAggregateMatchTheLiteralMerge() {
    GeneratorSpec spec = GeneratorSpec.builder().regions(9).industries(7).years(2015, 2015).seed(5).splits(true).build();
    MrioYear yr = new SyntheticMrio(spec).year(2015);
    Layout lay = yr.layout();
    List<String> ind = lay.industries();
    Map<String, List<String>> aggs = new LinkedHashMap<>();
    aggs.put("AGA", List.of(ind.get(0), ind.get(1)));
    aggs.put("AGB", List.of(ind.get(1), ind.get(4), ind.get(6)));
    aggs.put("ONE", List.of(ind.get(6))); // the industry some countries produce nothing of
    aggs.put("ALL", ind);
    String[] grp = {"USA", "CHN", "JPN"};
    YearSystem sys = YearSystem.build(yr, TivaOptions.builder().group("G3", List.of(grp)).industryGroups(aggs).build());
    FootprintsTest.Sink sink = new FootprintsTest.Sink();
    TivaSummary sum = Footprints.compute(sys, sink);
    assertTrue(sum.allPassed(), sum.checks().toString());
    LiteralCoefficients lit = new LiteralCoefficients(yr);
    Map<String, boolean[]> economies = new LinkedHashMap<>();
    for (int c = 0; c < lay.countryCount(); c++) {
      boolean[] one = new boolean[lay.countryCount()];
      one[c] = true;
      economies.put(lay.countries().get(c), one);
    }
    boolean[] g3 = new boolean[lay.countryCount()];
    for (String c : grp) {
      g3[lay.countryIndex(c)] = true;
    }
    economies.put("G3", g3);
    String[] names = {"S", "M", "M_UP", "M_DOM"};
    int compared = 0;
    for (Map.Entry<String, boolean[]> e : economies.entrySet()) {
      for (Map.Entry<String, List<String>> a : aggs.entrySet()) {
        for (int st = 0; st < yr.satellite().m(); st++) {
          double[] want = lit.merged(st, e.getValue(), a.getValue());
          for (int c = 0; c < 4; c++) {
            String stressor = yr.satellite().stressors().get(st);
            double got = sink.coef(stressor, names[c], e.getKey(), a.getKey());
            assertEquals(want[c], got, TOL * Math.max(1, Math.abs(want[c])), stressor + " " + names[c] + " "
                + e.getKey() + "/" + a.getKey());
            compared++;
          }
        }
      }
    }
    assertEquals(economies.size() * aggs.size() * yr.satellite().m() * 4, compared);
    // the aggregate of every industry is the _T row (same rows, same merge)
    assertEquals(sink.coef("CO2", "M", "G3", "_T"), sink.coef("CO2", "M", "G3", "ALL"), 1e-12);
  }

  /** S, M, M_UP, M_DOM of any set of rows by the rules of docs/footprints.md, with a dense inverse. */
  static final class LiteralCoefficients {
    final MrioYear yr;
    final Layout lay;
    final int n;
    final double[] x;
    final double[] y;
    final double[][] b;

    LiteralCoefficients(MrioYear yr) {
      this.yr = yr;
      lay = yr.layout();
      n = lay.n();
      x = new double[n];
      y = new double[n];
      int cols = lay.finalDemandColumns();
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < cols; c++) {
          y[i] += yr.finalDemand()[i + c * n];
        }
        x[i] = y[i];
        for (int j = 0; j < n; j++) {
          x[i] += yr.z()[i + j * n];
        }
      }
      double[][] a = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] = x[j] == 0 ? 0 : yr.z()[i + j * n] / x[j];
        }
      }
      b = FootprintsTest.leontief(a);
    }

    /** The row k's direct intensity S_k = F_k / x_k (0 where x_k = 0). */
    double s(int st, int k) {
      return x[k] == 0 ? 0 : yr.satellite().f()[st + k * yr.satellite().m()] / x[k];
    }

    /** S, M, M_UP, M_DOM of the rows of the countries {@code eco} whose industry is one of {@code industries}. */
    double[] merged(int st, boolean[] eco, List<String> industries) {
      int cnt = 0;
      double sx = 0;
      double sf = 0;
      double sy = 0;
      double[] byY = new double[3];
      double[] byX = new double[3];
      double[] plain = new double[3];
      for (int k = 0; k < n; k++) {
        if (!eco[lay.countryOfRow(k)] || !industries.contains(lay.industries().get(lay.industryOfRow(k)))) {
          continue;
        }
        double m = 0;
        double md = 0;
        for (int i = 0; i < n; i++) {
          m += s(st, i) * b[i][k];
          md += eco[lay.countryOfRow(i)] ? s(st, i) * b[i][k] : 0;
        }
        double[] v = {m, m - s(st, k), md};
        cnt++;
        sx += x[k];
        sf += s(st, k) * x[k];
        sy += y[k];
        for (int c = 0; c < 3; c++) {
          byY[c] += v[c] * y[k];
          byX[c] += v[c] * x[k];
          plain[c] = cnt == 1 ? v[c] : plain[c] + v[c];
        }
      }
      double[] out = new double[4];
      out[0] = sx == 0 ? 0 : sf / sx;
      for (int c = 0; c < 3; c++) {
        out[1 + c] = cnt == 1 ? plain[c] : sy != 0 ? byY[c] / sy : sx != 0 ? byX[c] / sx : plain[c] / cnt;
      }
      return out;
    }
  }

  @Test
  void theBlockCheckCatchesAWrongAggregateRow() {
    List<String> industries = List.of("D00", "D01", "D02");
    IndustryAggregates agg = IndustryAggregates.of(industries, Map.of("AG", List.of("D00", "D02")));
    CheckResult.Builder b = CheckResult.builder("W6", "test", 1e-9);
    AggregateBlockCheck check = new AggregateBlockCheck(agg, industries, List.of("C01", "WLD"), List.of("X", "Y"),
        new CheckResult.Builder[] {b, b});
    check.record("WLD", "D00", new double[] {1, 10});
    check.record("WLD", "D01", new double[] {5, 50});
    check.record("WLD", "D02", new double[] {2, 20});
    check.record("WLD", "_T", new double[] {8, 80}); // not a slot: ignored
    check.record("WLD", "AG", new double[] {3, 30.5});
    check.record("C01", "D00", new double[] {1, 1});
    check.record("C01", "AG", new double[] {1, 1}); // D02 not written: counts 0
    check.verify("EXP");
    CheckResult r = b.build();
    assertFalse(r.passed());
    assertEquals(0.5, r.maxAbsError(), 1e-12);
    assertEquals("EXP/WLD/AG/Y", r.worst());
    CheckResult.Builder ok = CheckResult.builder("W6", "test", 1e-9);
    AggregateBlockCheck again = new AggregateBlockCheck(agg, industries, List.of("WLD"), List.of("X"),
        new CheckResult.Builder[] {ok});
    again.record("WLD", "D00", new double[] {1});
    again.record("WLD", "AG", new double[] {1});
    again.verify("EXP");
    again.verify("EXP"); // forgotten after the first verify: nothing compared twice
    assertTrue(ok.build().passed());
  }
}
