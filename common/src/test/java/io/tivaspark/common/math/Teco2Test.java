package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Satellite;
import io.tivaspark.common.model.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The remaining TECO2 codes and per capita (class {@link Teco2}) against literal dense formulas on
 * random tables with a split country (CHN = CN1 + CN2), a zero-output row and two groups: every
 * code, every economy and partner, relative tolerance 1e-9 (floor 1e-6 on the scale of the value);
 * checks E6–E9 pass at the algebra tolerance; no population gives no per-capita rows and no E9.
 */
class Teco2Test {
  private static final double TOL = 1e-9;

  /** Footprints rows (NaN allowed: NULL in the table) and checks. */
  static final class Sink implements ResultSink {
    final Map<String, Double> rows = new HashMap<>();
    final Map<String, String> units = new HashMap<>();
    final List<CheckResult> checks = new ArrayList<>();

    static String key(String stressor, String account, String country, String partner) {
      return stressor + "|" + account + "|" + country + "|" + partner;
    }

    @Override
    public void indicator(String indicator, String country, String partner, String industry, double value, Unit unit) {
      throw new AssertionError();
    }

    @Override
    public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
      throw new AssertionError();
    }

    @Override
    public void vaOriginExports(String sc, String si, String ex, String ei, double value) {
      throw new AssertionError();
    }

    @Override
    public void check(CheckResult result) {
      checks.add(result);
    }

    @Override
    public void footprint(String stressor, String account, String country, String partner, double value, String unit) {
      String k = key(stressor, account, country, partner);
      if (rows.put(k, value) != null) {
        throw new AssertionError("duplicate footprints row " + k);
      }
      assertFalse(Double.isInfinite(value), k);
      units.put(k, unit);
    }

    @Override
    public void footprintCoefficient(String stressor, String coefficient, String country, String industry,
        double value, String unit) {
      // not under test here
    }

    double get(String account, String country, String partner) {
      Double d = rows.get(key("CO2", account, country, partner));
      if (d == null) {
        throw new AssertionError("no footprints row " + key("CO2", account, country, partner));
      }
      return d;
    }
  }

  static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("GA", List.of("C00", "CHN"));
    GROUPS.put("GB", List.of("C02", "C03", "C04"));
  }

  /** A random table (RandomTables) with CO2 (kt) and EMP satellite accounts and a population. */
  static MrioYear year(long seed, double[] population) {
    Layout lay = RandomTables.layout(6, 3, true);
    MrioYear base = RandomTables.year(seed, lay, new int[] {4});
    Random rnd = new Random(seed * 31 + 7);
    int n = lay.n();
    int cols = lay.finalDemandColumns();
    double[] f = new double[2 * n];
    double[] fy = new double[2 * cols];
    for (int k = 0; k < n; k++) {
      f[k * 2] = 50 * rnd.nextDouble();
      f[1 + k * 2] = 5 * rnd.nextDouble();
    }
    for (int c = 0; c < lay.countryCount(); c++) {
      fy[lay.finalDemandColumn(c, 0) * 2] = 20 * rnd.nextDouble();
    }
    Satellite sat = new Satellite(List.of("CO2", "EMP"), List.of("kt", "1000 persons"), f, fy);
    return new MrioYear(base.year(), lay, base.z(), base.finalDemand(), base.valueAdded(), base.publishedOutput(),
        sat, population);
  }

  /** The dense literal quantities of one year (own Gauss–Jordan inverse, not the LAPACK path). */
  static final class Reference {
    final Layout l;
    final int n;
    final int g;
    final double[][] zc;
    final double[][] yc;
    final double[] s;
    final double[][] b;
    final double[] m;
    final double[][] w;
    final double[] fyc;

    Reference(MrioYear yr) {
      l = yr.layout();
      n = l.n();
      g = l.countryCount();
      zc = new double[n][g];
      yc = new double[n][g];
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          zc[i][l.countryOfRow(j)] += yr.zAt(i, j);
          x[i] += yr.zAt(i, j);
        }
        for (int col = 0; col < l.finalDemandColumns(); col++) {
          yc[i][col / l.categoryCount()] += yr.finalDemandAt(i, col);
          x[i] += yr.finalDemandAt(i, col);
        }
      }
      double[][] a = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] = x[j] != 0 ? yr.zAt(i, j) / x[j] : 0;
        }
      }
      b = FootprintsTest.leontief(a);
      s = new double[n];
      for (int k = 0; k < n; k++) {
        s[k] = x[k] != 0 ? yr.satellite().f()[k * 2] / x[k] : 0;
      }
      m = new double[n];
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < n; i++) {
          m[k] += s[i] * b[i][k];
        }
      }
      w = new double[g][g];
      for (int k = 0; k < n; k++) {
        for (int r = 0; r < g; r++) {
          double bykr = 0;
          for (int j = 0; j < n; j++) {
            bykr += b[k][j] * yc[j][r];
          }
          w[l.countryOfRow(k)][r] += s[k] * bykr;
        }
      }
      fyc = new double[g];
      for (int c = 0; c < g; c++) {
        fyc[c] = yr.satellite().fy()[l.finalDemandColumn(c, 0) * 2];
      }
    }

    /** Σ_{i ∈ E} S_i B_ik: the part of M_k emitted in the economy. */
    double dom(boolean[] mem, int k) {
      double d = 0;
      for (int i = 0; i < n; i++) {
        if (mem[l.countryOfRow(i)]) {
          d += s[i] * b[i][k];
        }
      }
      return d;
    }
  }

  static boolean[] members(Layout l, String economy) {
    boolean[] mem = new boolean[l.countryCount()];
    for (String c : GROUPS.getOrDefault(economy, List.of(economy))) {
      mem[l.countryIndex(c)] = true;
    }
    return mem;
  }

  static void close(double expected, double got, double scale, String what) {
    double tol = TOL * Math.max(Math.abs(expected), 1e-6 * Math.abs(scale));
    assertEquals(expected, got, Math.max(tol, 1e-300), what);
  }

  static void ratioClose(double num, double den, double got, String what) {
    if (den == 0) {
      assertTrue(Double.isNaN(got), what + " NaN when the denominator is 0");
    } else {
      close(num / den, got, num / den, what);
    }
  }

  static Sink run(MrioYear yr) {
    YearSystem sys = YearSystem.build(yr, TivaOptions.builder().groups(GROUPS).build());
    Sink sink = new Sink();
    TivaSummary sum = Footprints.compute(sys, sink);
    for (CheckResult c : sum.checks()) {
      assertTrue(c.passed() && c.maxRelError() <= 1e-9, c.toString());
    }
    return sink;
  }

  @ParameterizedTest
  @ValueSource(longs = {3, 17, 2024})
  void everyCodeMatchesTheLiteralFormula(long seed) {
    double[] pop = {2.5e6, 1.4e9, 8.3e7, 4.2e7, 1.1e7, 6.0e8};
    MrioYear yr = year(seed, pop);
    Sink sink = run(yr);
    Reference ref = new Reference(yr);
    List<String> economies = new ArrayList<>(ref.l.countries());
    economies.addAll(GROUPS.keySet());
    for (String e : economies) {
      boolean[] mem = members(ref.l, e);
      exportCodes(sink, ref, e, mem);
      importCodes(sink, ref, e, mem);
      finalDemandCodes(sink, ref, e, mem, pop);
    }
    assertEquals("kt/USD_M", sink.units.get(Sink.key("CO2", "EXGR_TCO2INT", "CHN", "WLD")));
    assertEquals("PCT", sink.units.get(Sink.key("CO2", "FD_CO2_SH", "GA", "DXD")));
    assertEquals("t/person", sink.units.get(Sink.key("CO2", "FD_PCCO2", "GA", "WLD")));
    assertEquals("kt", sink.units.get(Sink.key("CO2", "EXGR_FNLFCO2", "C03", "CHN")));
    for (String code : List.of("E6", "E7", "E8", "E9")) {
      assertEquals(1, sink.checks.stream().filter(c -> c.check().equals(code)).count(), code + " once, for CO2");
    }
    assertFalse(sink.rows.keySet().stream().anyMatch(k -> k.startsWith("EMP|") && k.contains("CO2")),
        "no TECO2 code for an employment stressor");
    assertFalse(sink.rows.keySet().stream().anyMatch(k -> k.contains("|CN1|") || k.contains("|CN2|")));
    assertFalse(sink.rows.containsKey(Sink.key("CO2", "EXGR_TCO2PSH", "GA", "CHN")), "no partner inside a group");
  }

  /** The INT/FNL splits, intensities and partner shares of E's embodied gross exports. */
  private static void exportCodes(Sink sink, Reference ref, String e, boolean[] mem) {
    double[][] lv = new double[4][ref.g]; // T_INT, D_INT, T_FNL, D_FNL
    double[][] money = new double[2][ref.g];
    for (int k = 0; k < ref.n; k++) {
      if (!mem[ref.l.countryOfRow(k)]) {
        continue;
      }
      double d = ref.dom(mem, k);
      for (int r = 0; r < ref.g; r++) {
        if (!mem[r]) {
          lv[0][r] += ref.m[k] * ref.zc[k][r];
          lv[1][r] += d * ref.zc[k][r];
          lv[2][r] += ref.m[k] * ref.yc[k][r];
          lv[3][r] += d * ref.yc[k][r];
          money[0][r] += ref.zc[k][r];
          money[1][r] += ref.yc[k][r];
        }
      }
    }
    double[] tot = new double[6];
    for (int r = 0; r < ref.g; r++) {
      if (mem[r]) {
        continue;
      }
      String p = ref.l.countries().get(r);
      String at = e + "/" + p;
      double t = lv[0][r] + lv[2][r];
      close(lv[0][r], sink.get("EXGR_INTTCO2", e, p), t, "EXGR_INTTCO2 " + at);
      close(lv[1][r], sink.get("EXGR_INTDCO2", e, p), t, "EXGR_INTDCO2 " + at);
      close(lv[0][r] - lv[1][r], sink.get("EXGR_INTFCO2", e, p), t, "EXGR_INTFCO2 " + at);
      close(lv[2][r], sink.get("EXGR_FNLTCO2", e, p), t, "EXGR_FNLTCO2 " + at);
      close(lv[3][r], sink.get("EXGR_FNLDCO2", e, p), t, "EXGR_FNLDCO2 " + at);
      close(lv[2][r] - lv[3][r], sink.get("EXGR_FNLFCO2", e, p), t, "EXGR_FNLFCO2 " + at);
      ratioClose(t, money[0][r] + money[1][r], sink.get("EXGR_TCO2INT", e, p), "EXGR_TCO2INT " + at);
      ratioClose(lv[0][r], money[0][r], sink.get("EXGR_INTTCO2INT", e, p), "EXGR_INTTCO2INT " + at);
      ratioClose(lv[2][r], money[1][r], sink.get("EXGR_FNLTCO2INT", e, p), "EXGR_FNLTCO2INT " + at);
      tot[0] += lv[0][r];
      tot[1] += lv[1][r];
      tot[2] += lv[2][r];
      tot[3] += lv[3][r];
      tot[4] += money[0][r];
      tot[5] += money[1][r];
    }
    double t = tot[0] + tot[2];
    close(tot[0], sink.get("EXGR_INTTCO2", e, "WLD"), t, "EXGR_INTTCO2 WLD " + e);
    close(tot[3], sink.get("EXGR_FNLDCO2", e, "WLD"), t, "EXGR_FNLDCO2 WLD " + e);
    close(t, sink.get("EXGR_TCO2", e, "WLD"), t, "EXGR_TCO2 = INT + FNL " + e);
    ratioClose(t, tot[4] + tot[5], sink.get("EXGR_TCO2INT", e, "WLD"), "EXGR_TCO2INT WLD " + e);
    ratioClose(tot[0], tot[4], sink.get("EXGR_INTTCO2INT", e, "WLD"), "EXGR_INTTCO2INT WLD " + e);
    ratioClose(tot[2], tot[5], sink.get("EXGR_FNLTCO2INT", e, "WLD"), "EXGR_FNLTCO2INT WLD " + e);
    for (int r = 0; r < ref.g; r++) {
      if (!mem[r]) {
        String p = ref.l.countries().get(r);
        double tr = lv[0][r] + lv[2][r];
        double dr = lv[1][r] + lv[3][r];
        close(100 * tr / t, sink.get("EXGR_TCO2PSH", e, p), 100, "EXGR_TCO2PSH " + e + "/" + p);
        close(100 * dr / (tot[1] + tot[3]), sink.get("EXGR_DCO2PSH", e, p), 100, "EXGR_DCO2PSH " + e + "/" + p);
        close(100 * (tr - dr) / (t - tot[1] - tot[3]), sink.get("EXGR_FCO2PSH", e, p), 100, "EXGR_FCO2PSH " + e);
        close(100 * lv[1][r] / tot[1], sink.get("EXGR_INTDCO2PSH", e, p), 100, "EXGR_INTDCO2PSH " + e);
        close(100 * (lv[2][r] - lv[3][r]) / (tot[2] - tot[3]), sink.get("EXGR_FNLFCO2PSH", e, p), 100,
            "EXGR_FNLFCO2PSH " + e);
      }
    }
  }

  /** IMGR_TCO2INT and IMGR_DCO2SH: E's imports from every row outside E. */
  private static void importCodes(Sink sink, Reference ref, String e, boolean[] mem) {
    double im = 0;
    double imT = 0;
    double imD = 0;
    for (int k = 0; k < ref.n; k++) {
      if (mem[ref.l.countryOfRow(k)]) {
        continue;
      }
      double ek = 0;
      for (int r = 0; r < ref.g; r++) {
        ek += mem[r] ? ref.zc[k][r] + ref.yc[k][r] : 0;
      }
      im += ek;
      imT += ref.m[k] * ek;
      imD += ref.dom(mem, k) * ek;
    }
    ratioClose(imT, im, sink.get("IMGR_TCO2INT", e, "WLD"), "IMGR_TCO2INT " + e);
    close(100 * imD / imT, sink.get("IMGR_DCO2SH", e, "WLD"), 100, "IMGR_DCO2SH " + e);
  }

  /** FFD_DCO2PSH, DFD_FCO2PSH, FD_CO2_SH from W; the per-capita codes. */
  private static void finalDemandCodes(Sink sink, Reference ref, String e, boolean[] mem, double[] pop) {
    double exp = 0;
    double imp = 0;
    double origin = 0;
    double pba = 0;
    double persons = 0;
    for (int t = 0; t < ref.g; t++) {
      for (int r = 0; r < ref.g; r++) {
        exp += mem[t] && !mem[r] ? ref.w[t][r] : 0;
        imp += !mem[t] && mem[r] ? ref.w[t][r] : 0;
        origin += mem[r] ? ref.w[t][r] : 0;
        pba += mem[t] ? ref.w[t][r] : 0;
      }
      pba += mem[t] ? ref.fyc[t] : 0;
      persons += mem[t] ? pop[t] : 0;
    }
    double cba = origin;
    double dom = 0;
    for (int t = 0; t < ref.g; t++) {
      cba += mem[t] ? ref.fyc[t] : 0;
      double fromT = 0;
      for (int r = 0; r < ref.g; r++) {
        fromT += mem[r] ? ref.w[t][r] : 0;
      }
      if (mem[t]) {
        dom += fromT;
        continue;
      }
      String p = ref.l.countries().get(t);
      double expTo = 0;
      for (int s = 0; s < ref.g; s++) {
        expTo += mem[s] ? ref.w[s][t] : 0;
      }
      close(100 * expTo / exp, sink.get("FFD_DCO2PSH", e, p), 100, "FFD_DCO2PSH " + e + "/" + p);
      close(100 * fromT / imp, sink.get("DFD_FCO2PSH", e, p), 100, "DFD_FCO2PSH " + e + "/" + p);
      close(100 * fromT / origin, sink.get("FD_CO2_SH", e, p), 100, "FD_CO2_SH " + e + "/" + p);
    }
    close(100 * dom / origin, sink.get("FD_CO2_SH", e, "DXD"), 100, "FD_CO2_SH DXD " + e);
    close(pba * 1000 / persons, sink.get("PROD_PCCO2", e, "WLD"), 0, "PROD_PCCO2 " + e);
    close(cba * 1000 / persons, sink.get("FD_PCCO2", e, "WLD"), 0, "FD_PCCO2 " + e);
  }

  @Test
  void withoutPopulationNoPerCapitaRowsAndNoE9() {
    Sink sink = run(year(5, null));
    assertFalse(sink.rows.keySet().stream().anyMatch(k -> k.contains("PCCO2")), "no per-capita rows");
    assertFalse(sink.checks.stream().anyMatch(c -> c.check().equals("E9")));
    assertTrue(sink.checks.stream().anyMatch(c -> c.check().equals("E8")));
  }

  @Test
  void unknownOrZeroPopulationGivesNullForTheCountryAndItsGroups() {
    double[] pop = {2.5e6, Double.NaN, 8.3e7, 0.0, 1.1e7, 6.0e8};
    Sink sink = run(year(9, pop));
    assertTrue(Double.isNaN(sink.get("FD_PCCO2", "CHN", "WLD")), "unknown population: NULL");
    assertTrue(Double.isNaN(sink.get("PROD_PCCO2", "GA", "WLD")), "a group with an unknown member: NULL");
    assertTrue(Double.isNaN(sink.get("FD_PCCO2", "C03", "WLD")), "population 0: NULL");
    assertTrue(Double.isFinite(sink.get("FD_PCCO2", "GB", "WLD")), "group of known members (one of 0 persons)");
    double cba = 0;
    for (String c : GROUPS.get("GB")) {
      cba += sink.get("FD_CO2", c, "WLD");
    }
    close(cba * 1000 / (8.3e7 + 0 + 1.1e7), sink.get("FD_PCCO2", "GB", "WLD"), 0, "GB FD_PCCO2");
    assertTrue(Double.isFinite(sink.get("FD_PCCO2", "C00", "WLD")));
  }

  @Test
  void unitsOfPerCapitaAndPureHelpers() {
    assertEquals(Double.NaN, Teco2.share(1, 0));
    assertEquals(25.0, Teco2.share(1, 4));
    assertEquals(Double.NaN, Teco2.ratio(1, 0));
    assertEquals(2000.0, Teco2.perCapita(2, 1, 1e3));
    assertTrue(Double.isNaN(Teco2.perCapita(2, Double.NaN, 1)));
    assertTrue(Double.isNaN(Teco2.perCapita(2, 0, 1)));
    assertEquals(1e6, Teco2.TONNES.get("Mt"));
    assertTrue(Double.isNaN(Teco2.economyPopulation(new double[] {1, Double.NaN}, new boolean[] {true, true})));
    assertEquals(1.0, Teco2.economyPopulation(new double[] {1, Double.NaN}, new boolean[] {true, false}));

    // a stressor in an unknown unit: value per person in that unit
    MrioYear y = year(4, new double[] {1, 2, 3, 4, 5, 6});
    Satellite s = y.satellite();
    MrioYear kg = new MrioYear(y.year(), y.layout(), y.z(), y.finalDemand(), y.valueAdded(), y.publishedOutput(),
        new Satellite(List.of("CO2", "EMP"), List.of("kg", "1000 persons"), s.f(), s.fy()), y.population());
    Sink sink = run(kg);
    assertEquals("kg/person", sink.units.get(Sink.key("CO2", "PROD_PCCO2", "C00", "WLD")));
    assertEquals(sink.get("PROD_CO2", "C02", "WLD") / 3, sink.get("PROD_PCCO2", "C02", "WLD"), 1e-12);
  }

  @Test
  void generatorPopulationIsPlausibleAndDeterministic() {
    GeneratorSpec spec = GeneratorSpec.builder().regions(6).industries(5).years(2010, 2011).seed(7).build();
    MrioYear a = new SyntheticMrio(spec).year(2010);
    MrioYear b = new SyntheticMrio(spec).year(2010);
    assertTrue(Arrays.equals(a.population(), b.population()), "deterministic from the seed");
    assertEquals(a.layout().countryCount(), a.population().length, "one population per country (CHN once)");
    for (double p : a.population()) {
      assertTrue(p >= 1 && p == Math.rint(p), "whole persons " + p);
    }
    MrioYear none = new SyntheticMrio(spec.toBuilder().population(false).build()).year(2010);
    assertEquals(null, none.population());
    assertTrue(Arrays.equals(a.z(), none.z()), "Z does not depend on the population");
    Sink sink = run(a);
    // t per person from kt and persons: a plausible magnitude (0.01 to 100 t a year)
    for (String c : a.layout().countries()) {
      double pc = sink.get("FD_PCCO2", c, "WLD");
      assertTrue(pc > 0.01 && pc < 100, c + " FD_PCCO2 " + pc);
    }
  }
}
