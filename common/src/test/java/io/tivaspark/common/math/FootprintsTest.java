package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Family "footprints": pymrio's published small-MRIO accounts (tests/test_math.py fixture
 * td_small_MRIO, test_calc_accounts_MRIO), identities E1–E3 on generated tables, groups and splits.
 */
class FootprintsTest {

  /** Keeps footprints rows and checks; fails on a duplicate key. */
  static final class Sink implements ResultSink {
    final Map<String, Double> rows = new HashMap<>();
    final Map<String, String> units = new HashMap<>();
    final List<CheckResult> checks = new ArrayList<>();

    static String key(String stressor, String account, String country, String partner) {
      return stressor + "|" + account + "|" + country + "|" + partner;
    }

    @Override
    public void indicator(String indicator, String country, String partner, String industry, double value, Unit unit) {
      throw new AssertionError("footprints writes no indicators");
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
      assertTrue(Double.isFinite(value), k);
      units.put(k, unit);
    }

    final Map<String, Double> coef = new HashMap<>();
    final Map<String, String> coefUnits = new HashMap<>();

    @Override
    public void footprintCoefficient(String stressor, String coefficient, String country, String industry,
        double value, String unit) {
      String k = key(stressor, coefficient, country, industry);
      if (coef.put(k, value) != null) {
        throw new AssertionError("duplicate footprint_coefficients row " + k);
      }
      assertTrue(Double.isFinite(value), k);
      coefUnits.put(k, unit);
    }

    double coef(String stressor, String coefficient, String country, String industry) {
      Double d = coef.get(key(stressor, coefficient, country, industry));
      if (d == null) {
        throw new AssertionError("no footprint_coefficients row " + key(stressor, coefficient, country, industry));
      }
      return d;
    }

    double get(String stressor, String account, String country, String partner) {
      Double d = rows.get(key(stressor, account, country, partner));
      if (d == null) {
        throw new AssertionError("no footprints row " + key(stressor, account, country, partner));
      }
      return d;
    }
  }

  // ---- pymrio tests/test_math.py, fixture td_small_MRIO (2 regions x 3 sectors, one FD column each)

  static final double[][] Z = {
      {10, 5, 1, 6, 5, 7}, {0, 2, 0, 0, 5, 3}, {10, 3, 20, 4, 2, 0},
      {5, 0, 0, 1, 10, 9}, {0, 10, 1, 0, 20, 1}, {5, 0, 0, 1, 10, 10}};
  static final double[][] Y = {{14, 3}, {2.5, 2.5}, {13, 6}, {5, 20}, {10, 10}, {3, 10}};
  static final double[][] F = {{20, 1, 42, 4, 20, 5}, {5, 4, 11, 8, 2, 10}};
  static final double[][] F_Y = {{50, 10}, {100, 20}};
  static final double[][] D_CBA = {
      {14.059498889254174, 18.863255551508175, 17.32012296814962, 8.71616437964097, 18.863255551508175,
          14.17770265993889},
      {5.395407054390734, 7.594657671782178, 5.857880532237175, 5.657139420727301, 7.594657671782178,
          7.900257649080434}};
  static final double[][] D_PBA = {
      {20.000000000000004, 1.0, 42.00000000000001, 4.0, 20.0, 5.0},
      {5.000000000000001, 4.0, 11.0, 8.0, 1.9999999999999998, 10.0}};
  static final double[][] D_IMP = {
      {1.2792573306446737, 10.499069649181388, 1.2752266807875912, 6.604374747509535, 8.364185902326788,
          10.842115601865368},
      {2.054905005956757, 3.9151998960771452, 1.522271392125981, 1.743464577633809, 3.6794577757050337,
          3.221508682410955}};
  static final double[][] D_EXP = {
      {8.251832343364468, 0.5304113433404783, 17.02843256499675, 1.3307504334524414, 9.797226856351275,
          1.9255763708099365},
      {2.062958085841117, 2.1216453733619134, 4.459827576546767, 2.6615008669048827, 0.9797226856351275,
          3.851152741619873}};
  /** pymrio fixture M = S L (multipliers). */
  static final double[][] M = {
      {0.896638324101429, 1.7965474933011258, 1.1666796580507097, 0.3013124703668342, 1.4371886818255364,
          0.7177624711634629},
      {0.3004620527704837, 0.9052387706892087, 0.311411003349379, 0.23778766312079253, 0.5331560745059157,
          0.6031791628984159}};

  static MrioYear smallMrio() {
    Layout l = new Layout(List.of("reg1", "reg2"), List.of("sector1", "sector2", "sector3"), List.of("FD"));
    int n = 6;
    double[] z = new double[n * n];
    double[] yf = new double[n * 2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z[i + j * n] = Z[i][j];
      }
      yf[i] = Y[i][0];
      yf[i + n] = Y[i][1];
    }
    double[] f = new double[2 * n];
    double[] fy = new double[2 * 2];
    for (int s = 0; s < 2; s++) {
      for (int k = 0; k < n; k++) {
        f[s + k * 2] = F[s][k];
      }
      for (int c = 0; c < 2; c++) {
        fy[s + c * 2] = F_Y[s][c];
      }
    }
    Satellite sat = new Satellite(List.of("ext_type_1", "ext_type_2"), List.of("u1", "u2"), f, fy);
    return new MrioYear(2000, l, z, yf, Map.of(), null, sat);
  }

  @Test
  void pymrioSmallMrioAccounts() {
    YearSystem sys = YearSystem.build(smallMrio(), TivaOptions.builder().backend(TivaOptions.Backend.JAVA).build());
    for (int s = 0; s < 2; s++) {
      double[][] d = Footprints.pymrioDetail(sys, s);
      for (int k = 0; k < 6; k++) {
        assertEquals(D_CBA[s][k], d[0][k], 1e-7, "D_cba " + s + "," + k);
        assertEquals(D_PBA[s][k], d[1][k], 1e-7, "D_pba " + s + "," + k);
        assertEquals(D_IMP[s][k], d[2][k], 1e-7, "D_imp " + s + "," + k);
        assertEquals(D_EXP[s][k], d[3][k], 1e-7, "D_exp " + s + "," + k);
      }
    }
    assertEquals(14.0594989, Footprints.pymrioDetail(sys, 0)[0][0], 1e-7);

    Sink sink = new Sink();
    TivaSummary sum = Footprints.compute(sys, sink);
    assertTrue(sum.allPassed(), sum.checks().toString());
    assertEquals(10, sum.checks().size(), "E1 to E5 per stressor");
    String[] st = {"ext_type_1", "ext_type_2"};
    String[] reg = {"reg1", "reg2"};
    for (int s = 0; s < 2; s++) {
      for (int r = 0; r < 2; r++) {
        double cba = 0;
        double pba = 0;
        double imp = 0;
        double exp = 0;
        for (int j = 0; j < 3; j++) {
          cba += D_CBA[s][r * 3 + j];
          pba += D_PBA[s][r * 3 + j];
          imp += D_IMP[s][r * 3 + j];
          exp += D_EXP[s][r * 3 + j];
        }
        // pymrio D_cba_reg / D_pba_reg add F_Y of the region
        assertEquals(cba + F_Y[s][r], sink.get(st[s], "CBA", reg[r], "WLD"), 1e-7);
        assertEquals(pba + F_Y[s][r], sink.get(st[s], "PBA", reg[r], "WLD"), 1e-7);
        assertEquals(imp, sink.get(st[s], "IMP", reg[r], "WLD"), 1e-7);
        assertEquals(exp, sink.get(st[s], "EXP", reg[r], "WLD"), 1e-7);
        assertEquals(F_Y[s][r], sink.get(st[s], "F_Y", reg[r], "WLD"), 1e-12);
        // two regions: the bilateral split is the total
        assertEquals(imp, sink.get(st[s], "IMP", reg[r], reg[1 - r]), 1e-7);
        assertEquals(exp, sink.get(st[s], "EXP", reg[r], reg[1 - r]), 1e-7);
        assertEquals("u" + (s + 1), sink.units.get(Sink.key(st[s], "CBA", reg[r], "WLD")));
      }
    }
    // multipliers M = S L: gross exports of reg1 to reg2 embody M_k e_k
    double exgr = 0;
    for (int k = 0; k < 3; k++) {
      double e = Y[k][1];
      for (int j = 3; j < 6; j++) {
        e += Z[k][j];
      }
      exgr += M[0][k] * e;
    }
    assertEquals(exgr, sink.get("ext_type_1", "EXGR_EMB", "reg1", "reg2"), 1e-7);
    assertEquals(exgr, sink.get("ext_type_1", "IMGR_EMB", "reg2", "WLD"), 1e-7);

    // footprint_coefficients: S = F / x and pymrio's M = S L, per region and sector
    String[] sec = {"sector1", "sector2", "sector3"};
    for (int st2 = 0; st2 < 2; st2++) {
      for (int k = 0; k < 6; k++) {
        String r = reg[k / 3];
        String j = sec[k % 3];
        double x = Y[k][0] + Y[k][1];
        for (int c = 0; c < 6; c++) {
          x += Z[k][c];
        }
        double sk = F[st2][k] / x;
        assertEquals(sk, sink.coef(st[st2], "S", r, j), 1e-15 * sk);
        assertEquals(M[st2][k], sink.coef(st[st2], "M", r, j), 1e-12 * M[st2][k], "pymrio M " + r + " " + j);
        assertEquals(M[st2][k] - sk, sink.coef(st[st2], "M_UP", r, j), 1e-12 * M[st2][k]);
        assertEquals("u" + (st2 + 1) + "/USD_M", sink.coefUnits.get(Sink.key(st[st2], "S", r, j)));
      }
    }
  }

  // ---- footprint_coefficients on a hand-made table with a split country, a zero-demand product and a group

  /**
   * Countries A (split into A1, A2), B, C; industries p, q; one final-demand category. A's product
   * q has no final demand in either entity (output weights apply); group AB = {A, B}.
   */
  static MrioYear splitTable() {
    Layout l = new Layout(List.of("A", "B", "C"), List.of("p", "q"), List.of("FD"),
        Map.of("A", List.of("A1", "A2")));
    int n = l.n(); // A1p A1q A2p A2q Bp Bq Cp Cq
    double[][] zr = {
        {4, 2, 1, 3, 2, 1, 1, 0},
        {3, 5, 2, 1, 1, 2, 0, 1},
        {1, 1, 6, 2, 0, 1, 2, 1},
        {2, 0, 1, 4, 1, 1, 1, 2},
        {1, 2, 0, 1, 8, 3, 2, 1},
        {0, 1, 1, 2, 2, 6, 1, 1},
        {2, 1, 1, 0, 1, 2, 7, 3},
        {1, 0, 2, 1, 2, 1, 2, 5}};
    double[][] yr = {{9, 3, 2}, {0, 0, 0}, {7, 1, 4}, {0, 0, 0}, {2, 12, 3}, {1, 9, 2}, {3, 2, 10}, {2, 1, 11}};
    double[] fr = {30, 12, 8, 20, 5, 9, 40, 3};
    double[] z = new double[n * n];
    double[] yf = new double[n * 3];
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z[i + j * n] = zr[i][j];
      }
      for (int c = 0; c < 3; c++) {
        yf[i + c * n] = yr[i][c];
      }
      f[i] = fr[i];
    }
    Satellite sat = new Satellite(List.of("CO2"), List.of("kt"), f, new double[3]);
    return new MrioYear(2010, l, z, yf, Map.of(), null, sat);
  }

  /** (I − A)⁻¹ by Gauss–Jordan with partial pivoting (GvcReference's), independent of the LAPACK path. */
  static double[][] leontief(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = (i == j ? 1 : 0) - a[i][j];
      }
    }
    return GvcReference.inv(m);
  }

  @Test
  void coefficientsOnSplitTableMatchHandComputation() {
    MrioYear yr = splitTable();
    Layout l = yr.layout();
    int n = l.n();
    YearSystem sys = YearSystem.build(yr, TivaOptions.builder().groups(Map.of("AB", List.of("A", "B"))).build());
    Sink sink = new Sink();
    TivaSummary sum = Footprints.compute(sys, sink);
    assertTrue(sum.allPassed(), sum.checks().toString());

    // brute force: x = Z1 + y, A = Z x̂⁻¹, B by Gauss–Jordan, s = F / x, M_k = Σ_i s_i B_ik
    double[] x = new double[n];
    double[] y = new double[n];
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        y[i] += yr.finalDemand()[i + c * n];
      }
      x[i] = y[i];
      for (int j = 0; j < n; j++) {
        x[i] += yr.z()[i + j * n];
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = yr.z()[i + j * n] / x[j];
      }
    }
    double[][] b = leontief(a);
    double[] f = yr.satellite().f();
    double[] s = new double[n];
    double[] mk = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = f[i] / x[i];
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        mk[k] += s[i] * b[i][k];
      }
    }
    // rows: A1p 0, A1q 1, A2p 2, A2q 3, Bp 4, Bq 5, Cp 6, Cq 7; M_DOM of economy rows `dom`
    java.util.function.BiFunction<int[], int[], double[]> expect = (rows, dom) -> {
      double sx = 0;
      double sf = 0;
      double sy = 0;
      double[] byY = new double[3];
      double[] byX = new double[3];
      for (int k : rows) {
        double md = 0;
        for (int i : dom) {
          md += s[i] * b[i][k];
        }
        double[] v = {mk[k], mk[k] - s[k], md};
        sx += x[k];
        sf += f[k];
        sy += y[k];
        for (int c = 0; c < 3; c++) {
          byY[c] += v[c] * y[k];
          byX[c] += v[c] * x[k];
        }
      }
      double[] out = new double[4];
      out[0] = sf / sx;
      for (int c = 0; c < 3; c++) {
        out[1 + c] = sy != 0 ? byY[c] / sy : byX[c] / sx;
      }
      return out;
    };
    int[] aRows = {0, 1, 2, 3};
    int[] abRows = {0, 1, 2, 3, 4, 5};
    Object[][] cases = {
        {"A", "p", new int[] {0, 2}, aRows},
        {"A", "q", new int[] {1, 3}, aRows}, // y = 0 in both entities: output weights
        {"A", "_T", aRows, aRows},
        {"B", "p", new int[] {4}, new int[] {4, 5}},
        {"C", "q", new int[] {7}, new int[] {6, 7}},
        {"C", "_T", new int[] {6, 7}, new int[] {6, 7}},
        {"AB", "p", new int[] {0, 2, 4}, abRows},
        {"AB", "q", new int[] {1, 3, 5}, abRows},
        {"AB", "_T", abRows, abRows}};
    String[] names = {"S", "M", "M_UP", "M_DOM"};
    for (Object[] c : cases) {
      double[] e = expect.apply((int[]) c[2], (int[]) c[3]);
      for (int i = 0; i < 4; i++) {
        double got = sink.coef("CO2", names[i], (String) c[0], (String) c[1]);
        assertEquals(e[i], got, 1e-12 * Math.max(1, Math.abs(e[i])), names[i] + " " + c[0] + "/" + c[1]);
      }
    }
    // the fallback is visible: A/q is the output-weighted mean of the entities' M
    assertEquals((mk[1] * x[1] + mk[3] * x[3]) / (x[1] + x[3]), sink.coef("CO2", "M", "A", "q"), 1e-12);
    // no entity codes, every economy x (industries + _T) x 4 coefficients
    assertEquals(4 * 4 * 3, sink.coef.size());
    assertFalse(sink.coef.keySet().stream().anyMatch(k -> k.contains("|A1|") || k.contains("|A2|")));
    assertEquals("kt/USD_M", sink.coefUnits.get(Sink.key("CO2", "M", "AB", "_T")));
    // E3 on the written rows: Σ over countries and industries of M y = Σ F
    double my = 0;
    double myT = 0;
    double fTot = 0;
    for (double v : f) {
      fTot += v;
    }
    for (String c : l.countries()) {
      int ci = l.countryIndex(c);
      double yc = 0;
      for (int k : l.rowsOfCountry(ci)) {
        yc += y[k];
      }
      myT += sink.coef("CO2", "M", c, "_T") * yc;
      for (int j = 0; j < 2; j++) {
        double yi = 0;
        for (int k : l.rowsOfCountry(ci)) {
          if (l.industryOfRow(k) == j) {
            yi += y[k];
          }
        }
        my += sink.coef("CO2", "M", c, l.industries().get(j)) * yi;
      }
    }
    assertEquals(fTot, my, 1e-12 * fTot);
    assertEquals(fTot, myT, 1e-12 * fTot);
    for (String chk : List.of("E4", "E5")) {
      assertTrue(sum.checks().stream().anyMatch(r -> r.check().equals(chk) && r.passed()), chk);
    }
  }

  // ---- generated tables

  static YearSystem generated(long seed, boolean splits, Map<String, List<String>> groups) {
    MrioYear y = new SyntheticMrio(GeneratorSpec.builder().regions(9).industries(7).years(2015, 2015).seed(seed)
        .splits(splits).build()).year(2015);
    assertNotNull(y.satellite());
    return YearSystem.build(y, TivaOptions.builder().groups(groups).build());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42, 2024})
  void identitiesHoldOnGeneratedTables(long seed) {
    Map<String, List<String>> groups = Map.of("G3", List.of("USA", "DEU", "JPN"), "ASIA", List.of("CHN", "JPN", "KOR"));
    YearSystem sys = generated(seed, true, groups);
    Sink sink = new Sink();
    List<Footprints.Accounts> acc = Footprints.accounts(sys, sink);
    for (CheckResult c : sink.checks) {
      assertTrue(c.passed(), c.toString());
      assertTrue(c.maxRelError() <= 1e-9, c.toString());
    }
    assertEquals(5 * 2 + 4, sink.checks.size(), "E1-E5 per stressor, E6-E9 for CO2");
    Layout l = sys.layout();
    // footprint_coefficients: every economy x (industries + _T) x 4 coefficients x 2 stressors
    assertEquals((l.countryCount() + groups.size()) * (l.industryCount() + 1) * 4 * 2, sink.coef.size());
    for (String st : SyntheticMrio.STRESSORS) {
      double pbaW = 0;
      double cbaW = 0;
      double impW = 0;
      double expW = 0;
      for (String c : l.countries()) {
        double pba = sink.get(st, "PBA", c, "WLD");
        double cba = sink.get(st, "CBA", c, "WLD");
        double imp = sink.get(st, "IMP", c, "WLD");
        double exp = sink.get(st, "EXP", c, "WLD");
        assertEquals(cba, pba + imp - exp, 1e-9 * Math.max(1, Math.abs(cba)), "E1 " + st + " " + c);
        assertEquals(pba - cba, sink.get(st, "BAL", c, "WLD"), 1e-9 * Math.max(1, Math.abs(pba)));
        double impSum = 0;
        double expSum = 0;
        double exgrSum = 0;
        double origSum = sink.get(st, "EXGR_EMB_ORIG", c, "DXD");
        for (String p : l.countries()) {
          if (!p.equals(c)) {
            impSum += sink.get(st, "IMP", c, p);
            expSum += sink.get(st, "EXP", c, p);
            exgrSum += sink.get(st, "EXGR_EMB", c, p);
            origSum += sink.get(st, "EXGR_EMB_ORIG", c, p);
          }
        }
        double exgr = sink.get(st, "EXGR_EMB", c, "WLD");
        assertEquals(imp, impSum, 1e-9 * Math.max(1, imp));
        assertEquals(exp, expSum, 1e-9 * Math.max(1, exp));
        assertEquals(exgr, exgrSum, 1e-9 * Math.max(1, exgr));
        assertEquals(exgr, origSum, 1e-9 * Math.max(1, exgr), "origins add up to the total");
        assertEquals(sink.get(st, "EXGR_EMB_DOM", c, "WLD"), sink.get(st, "EXGR_EMB_ORIG", c, "DXD"),
            1e-9 * Math.max(1, exgr));
        pbaW += pba;
        cbaW += cba;
        impW += imp;
        expW += exp;
      }
      assertEquals(pbaW, cbaW, 1e-9 * pbaW, "E2");
      assertEquals(impW, expW, 1e-9 * impW, "world imports = exports");
      // groups: PBA and CBA add up over members; net trade too (intra-group trade cancels)
      for (Map.Entry<String, List<String>> gr : groups.entrySet()) {
        double pba = 0;
        double cba = 0;
        double net = 0;
        for (String c : gr.getValue()) {
          pba += sink.get(st, "PBA", c, "WLD");
          cba += sink.get(st, "CBA", c, "WLD");
          net += sink.get(st, "EXP", c, "WLD") - sink.get(st, "IMP", c, "WLD");
        }
        String g = gr.getKey();
        assertEquals(pba, sink.get(st, "PBA", g, "WLD"), 1e-9 * pba);
        assertEquals(cba, sink.get(st, "CBA", g, "WLD"), 1e-9 * cba);
        assertEquals(net, sink.get(st, "EXP", g, "WLD") - sink.get(st, "IMP", g, "WLD"), 1e-9 * pba);
        assertTrue(sink.get(st, "IMP", g, "WLD") < sink.rows.entrySet().stream()
            .filter(e -> gr.getValue().stream().anyMatch(c -> e.getKey().equals(Sink.key(st, "IMP", c, "WLD"))))
            .mapToDouble(Map.Entry::getValue).sum(), "a group's imports exclude trade between members");
        for (String c : gr.getValue()) {
          assertFalse(sink.rows.containsKey(Sink.key(st, "IMP", g, c)), "no partner inside the group");
        }
      }
    }
    assertEquals(2 * (l.countryCount() + groups.size()), acc.size());
  }

  @Test
  void countryTotalsMatchPymrioDetailWithSplitsMerged() {
    YearSystem sys = generated(11, true, Map.of());
    Layout l = sys.layout();
    assertFalse(l.splits().isEmpty());
    Sink sink = new Sink();
    Footprints.compute(sys, sink);
    Satellite sat = sys.year().satellite();
    int nInd = l.industryCount();
    for (int s = 0; s < sat.m(); s++) {
      String st = sat.stressors().get(s);
      double[][] d = Footprints.pymrioDetail(sys, s);
      for (int c = 0; c < l.countryCount(); c++) {
        String code = l.countries().get(c);
        double fy = 0;
        for (int cat = 0; cat < l.categoryCount(); cat++) {
          fy += sat.fy()[s + l.finalDemandColumn(c, cat) * sat.m()];
        }
        double cba = fy;
        double imp = 0;
        for (int j = 0; j < nInd; j++) {
          cba += d[0][c * nInd + j];
          imp += d[2][c * nInd + j];
        }
        double pba = fy;
        double exp = 0;
        for (int k : l.rowsOfCountry(c)) {
          pba += d[1][k];
          exp += d[3][k];
        }
        assertEquals(cba, sink.get(st, "CBA", code, "WLD"), 1e-9 * Math.max(1, cba), st + " CBA " + code);
        assertEquals(pba, sink.get(st, "PBA", code, "WLD"), 1e-9 * Math.max(1, pba), st + " PBA " + code);
        assertEquals(imp, sink.get(st, "IMP", code, "WLD"), 1e-9 * Math.max(1, imp), st + " IMP " + code);
        assertEquals(exp, sink.get(st, "EXP", code, "WLD"), 1e-9 * Math.max(1, exp), st + " EXP " + code);
      }
    }
    // OECD names for CO2, TiM-style names for employment
    String usa = "USA";
    assertEquals(sink.get("CO2", "PBA", usa, "WLD"), sink.get("CO2", "PROD_CO2", usa, "WLD"));
    assertEquals(sink.get("CO2", "CBA", usa, "WLD"), sink.get("CO2", "FD_CO2", usa, "WLD"));
    assertEquals(sink.get("CO2", "EXGR_EMB", usa, "CHN"), sink.get("CO2", "EXGR_TCO2", usa, "CHN"));
    assertEquals(sink.get("CO2", "EXP", usa, "CHN"), sink.get("CO2", "FFD_DCO2", usa, "CHN"));
    assertEquals(sink.get("CO2", "IMP", usa, "CHN"), sink.get("CO2", "DFD_FCO2", usa, "CHN"));
    assertEquals(sink.get("EMP", "PBA", usa, "WLD"), sink.get("EMP", "EMPN", usa, "WLD"));
    assertFalse(sink.rows.keySet().stream().anyMatch(k -> k.contains("FFD_DEMPN") || k.contains("DFD_FEMPN")
        || k.contains("|FD_EMPN|")), "unconfirmed TiM codes are not written");
    assertEquals("kt", sink.units.get(Sink.key("CO2", "PBA", usa, "WLD")));
  }

  @Test
  void zeroOutputSectorsHaveNoCoefficientAndNoYearWithoutSatelliteWritesNothing() {
    SyntheticMrio gen = new SyntheticMrio(GeneratorSpec.builder().regions(6).industries(4).years(2010, 2010)
        .seed(3).splits(false).build());
    MrioYear y = gen.year(2010);
    int zero = -1;
    for (int k = 0; k < y.n(); k++) {
      if (gen.isZeroSector(k)) {
        zero = k;
      }
    }
    assertTrue(zero >= 0);
    assertEquals(0.0, y.satellite().f()[zero * 2]);
    YearSystem sys = YearSystem.build(y, TivaOptions.defaults());
    assertEquals(0.0, Footprints.coefficients(y.satellite(), 0, 2, sys.x())[zero]);

    MrioYear bare = new SyntheticMrio(GeneratorSpec.builder().regions(6).industries(4).years(2010, 2010)
        .seed(3).splits(false).extensions(false).build()).year(2010);
    assertEquals(null, bare.satellite());
    assertArrayEquals(y.z(), bare.z());
    Sink sink = new Sink();
    TivaSummary s = Footprints.compute(YearSystem.build(bare, TivaOptions.defaults()), sink);
    assertTrue(sink.rows.isEmpty());
    assertTrue(s.checks().isEmpty());
  }

  private static void assertArrayEquals(double[] a, double[] b) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
  }
}
