package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Identities on random balanced tables, and split/group results against hand computations over row unions. */
class PropertyTest {

  static void assertAllPassed(TivaSummary s) {
    for (CheckResult c : s.checks()) {
      assertTrue(c.passed(), "check failed: " + c);
      assertTrue(c.maxRelError() <= 1e-9 || c.check().equals("I2"), "loose: " + c);
    }
  }

  static void rel(double expected, double actual, String what) {
    double tol = 1e-9 * Math.max(1, Math.abs(expected));
    assertTrue(Math.abs(actual - expected) <= tol, what + ": expected " + expected + ", got " + actual);
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"1, 3, 2, false", "2, 5, 4, true", "3, 8, 6, true", "4, 12, 10, true", "5, 20, 5, false"})
  void identitiesHold(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    int[] zero = {lay.n() - 1, 0};
    MrioYear yr = RandomTables.year(seed, lay, zero);
    TivaOptions opt = TivaOptions.builder()
        .group("GRP", List.of(lay.countries().get(0), lay.countries().get(1), "XXX"))
        .group("NONE", List.of("XXX", "YYY"))
        .serviceIndustries(java.util.Set.of("D01"))
        .fullInverseCheck(seed % 2 == 0)
        .build();
    CollectingSink sink = new CollectingSink();
    TivaSummary s = TivaCore.compute(yr, opt, sink);
    assertAllPassed(s);
    assertFalse(sink.indicators.keySet().stream().anyMatch(k -> k.contains("|NONE|")), "empty group must be skipped");
    // zero-output sector: ratios are NaN, never 0 or 100
    String c0 = lay.countries().get(0);
    String d0 = lay.industries().get(0);
    if (!split || !c0.equals("CHN")) {
      assertTrue(Double.isNaN(sink.get("PROD_VASH", c0, "WLD", d0)));
      assertTrue(Double.isNaN(sink.get("EXGR_DVASH", c0, "WLD", d0)));
      assertTrue(Double.isNaN(sink.get("VAX_RATIO", c0, "WLD", d0)));
    }
    handComputations(yr, sink, "GRP", List.of(lay.countries().get(0), lay.countries().get(1)));
    handComputations(yr, sink, lay.countries().get(1), List.of(lay.countries().get(1)));
    // a group is one economy: its exports are the members' exports less trade between members
    double grp = sink.get("EXGR", "GRP", "WLD", "_T");
    double sumMembers = sink.get("EXGR", c0, "WLD", "_T") + sink.get("EXGR", lay.countries().get(1), "WLD", "_T");
    double intra = sink.get("EXGR", c0, lay.countries().get(1), "_T") + sink.get("EXGR", lay.countries().get(1), c0, "_T");
    rel(sumMembers - intra, grp, "group EXGR");
    assertNotEquals(sumMembers, grp);
  }

  /** Independent computation over the union of an economy's rows, with the pure-Java backend. */
  static void handComputations(MrioYear yr, CollectingSink sink, String code, List<String> members) {
    Layout lay = yr.layout();
    int n = lay.n();
    int g = lay.countryCount();
    boolean[] in = new boolean[n];
    boolean[] memC = new boolean[g];
    for (String m : members) {
      memC[lay.countryIndex(m)] = true;
      for (int k : lay.rowsOfCountry(lay.countryIndex(m))) {
        in[k] = true;
      }
    }
    double[] y = yr.finalDemandByCountry();
    double[] x = IoMathReference.outputFromRows(yr.z(), IoMath.rowSums(y, n, g), n);
    double[] a = IoMath.coefficients(yr.z(), x, n);
    Lapack java = Lapack.javaOnly();
    double[] b = IoMath.leontief(a, n, java);
    double[] v = IoMath.vaCoefficients(IoMath.valueAddedResidual(x, yr.z(), n), x);
    int rows = 0;
    for (boolean t : in) {
      rows += t ? 1 : 0;
    }
    int[] r = new int[rows];
    for (int k = 0, p = 0; k < n; k++) {
      if (in[k]) {
        r[p++] = k;
      }
    }
    double[] e = new double[n];
    for (int j : r) {
      for (int c = 0; c < n; c++) {
        if (!in[c]) {
          e[j] += yr.zAt(j, c);
        }
      }
      for (int q = 0; q < g; q++) {
        if (!memC[q]) {
          e[j] += y[j + q * n];
        }
      }
    }
    double[] lss = IoMath.localInverse(a, n, r, java);
    int nInd = lay.industryCount();
    double[] dva = new double[nInd];
    double[] dom = new double[nInd];
    double[] ffd = new double[nInd];
    double[] exgr = new double[nInd];
    for (int jj = 0; jj < r.length; jj++) {
      int j = r[jj];
      int ij = lay.industryOfRow(j);
      exgr[ij] += e[j];
      for (int kk = 0; kk < r.length; kk++) {
        int k = r[kk];
        dva[ij] += v[k] * b[k + j * n] * e[j];
        dom[ij] += v[k] * lss[kk + jj * r.length] * e[j];
      }
    }
    double[] by = Lapack.javaOnly().multiply(b, n, n, y, g);
    for (int k : r) {
      for (int q = 0; q < g; q++) {
        if (!memC[q]) {
          ffd[lay.industryOfRow(k)] += v[k] * by[k + q * n];
        }
      }
    }
    double dvaT = 0;
    double domT = 0;
    double ffdT = 0;
    double exT = 0;
    for (int i = 0; i < nInd; i++) {
      String ind = lay.industries().get(i);
      rel(exgr[i], sink.get("EXGR", code, "WLD", ind), code + " EXGR " + ind);
      rel(dva[i], sink.get("EXGR_DVA", code, "WLD", ind), code + " EXGR_DVA " + ind);
      rel(dom[i], sink.get("EXGR_DDC", code, "WLD", ind) + sink.get("EXGR_IDC", code, "WLD", ind),
          code + " EXGR_DDC+IDC " + ind);
      rel(ffd[i], sink.get("FFD_DVA", code, "WLD", ind), code + " FFD_DVA " + ind);
      dvaT += dva[i];
      domT += dom[i];
      ffdT += ffd[i];
      exT += exgr[i];
    }
    rel(dvaT, sink.get("EXGR_DVA", code, "WLD", "_T"), code + " EXGR_DVA");
    rel(ffdT, sink.get("FFD_DVA", code, "WLD", "_T"), code + " FFD_DVA");
    rel(dvaT - domT, sink.get("EXGR_RIM", code, "WLD", "_T"), code + " EXGR_RIM");
    rel(100 * dvaT / exT, sink.get("EXGR_DVASH", code, "WLD", "_T"), code + " EXGR_DVASH");
    rel(ffdT / exT, sink.get("VAX_RATIO", code, "WLD", "_T"), code + " VAX_RATIO");
  }

  @Test
  void splitCountryTablesAreMergedAfterTheMath() {
    Layout lay = RandomTables.layout(4, 3, true);
    MrioYear yr = RandomTables.year(11, lay, new int[0]);
    CollectingSink sink = new CollectingSink();
    assertAllPassed(TivaCore.compute(yr, TivaOptions.defaults(), sink));
    // reporting codes only: no CN1/CN2 anywhere
    assertFalse(sink.indicators.keySet().stream().anyMatch(k -> k.contains("CN1") || k.contains("CN2")));
    assertFalse(sink.vaOriginExports.keySet().stream().anyMatch(k -> k.contains("CN1") || k.contains("CN2")));
    int gn = lay.countryCount() * lay.industryCount();
    assertEquals(gn * gn, sink.vaOriginExports.size());
    assertEquals(gn * lay.countryCount(), sink.vaFinalDemand.size());
    // va_final_demand of CHN industry = sum over CN1 and CN2 rows of v̂BY
    int n = lay.n();
    int g = lay.countryCount();
    double[] y = yr.finalDemandByCountry();
    double[] x = IoMathReference.outputFromRows(yr.z(), IoMath.rowSums(y, n, g), n);
    double[] a = IoMath.coefficients(yr.z(), x, n);
    double[] v = IoMath.vaCoefficients(IoMath.valueAddedResidual(x, yr.z(), n), x);
    double[] vby = IoMathReference.vaFinalDemand(v, IoMathReference.leontief(a, n), y, n, g, Lapack.get());
    int chn = lay.countryIndex("CHN");
    for (int q = 0; q < g; q++) {
      double[] byInd = new double[lay.industryCount()];
      for (int k : lay.rowsOfCountry(chn)) {
        byInd[lay.industryOfRow(k)] += vby[k + q * n];
      }
      for (int i = 0; i < byInd.length; i++) {
        rel(byInd[i], sink.vby("CHN", lay.industries().get(i), lay.countries().get(q)), "VBY CHN");
      }
    }
    // CHN's exports exclude CN1<->CN2 sales
    rel(sink.get("EXGR", "CHN", "WLD", "_T"), sumImportsFrom(sink, lay, "CHN"), "CHN exports = others' imports from CHN");
  }

  static double sumImportsFrom(CollectingSink sink, Layout lay, String exporter) {
    double s = 0;
    for (String c : lay.countries()) {
      if (!c.equals(exporter)) {
        s += sink.get("IMGR", c, exporter, "_T");
      }
    }
    return s;
  }

  @Test
  void javaAndDefaultBackendsGiveTheSameIndicators() {
    Layout lay = RandomTables.layout(6, 5, true);
    MrioYear yr = RandomTables.year(21, lay, new int[] {7});
    CollectingSink a = new CollectingSink();
    CollectingSink b = new CollectingSink();
    TivaSummary sa = TivaCore.compute(yr, TivaOptions.builder().backend(TivaOptions.Backend.JAVA).build(), a);
    TivaSummary sb = TivaCore.compute(yr, TivaOptions.defaults(), b);
    assertTrue(sa.backend().startsWith("F2jLAPACK"), sa.backend());
    assertAllPassed(sa);
    assertAllPassed(sb);
    assertEquals(a.indicators.keySet(), b.indicators.keySet());
    for (Map.Entry<String, Double> e : a.indicators.entrySet()) {
      double u = e.getValue();
      double w = b.indicators.get(e.getKey());
      if (Double.isNaN(u)) {
        assertTrue(Double.isNaN(w), e.getKey());
      } else {
        rel(u, w, e.getKey());
      }
    }
  }
}
