package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Published numbers: Miller–Blair (2009) ch. 2 and decompr/gvc "leather" (see data/leather/README.md in the shared test data, {@link io.tivaspark.common.SharedData}). */
class PublishedExamplesTest {

  /** Column-major copy of a row-major matrix given as rows. */
  static double[] colMajor(double[][] rows) {
    int m = rows.length;
    int n = rows[0].length;
    double[] a = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        a[i + j * m] = rows[i][j];
      }
    }
    return a;
  }

  static void assertRel(double expected, double actual, double rtol, String what) {
    double rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
    assertTrue(rel <= rtol, what + ": expected " + expected + ", got " + actual + " (rel " + rel + " > " + rtol + ")");
  }

  static void assertAllPassed(TivaSummary s) {
    for (CheckResult c : s.checks()) {
      assertTrue(c.passed(), "check failed: " + c);
    }
  }

  // ---------------- Miller & Blair (2009), Tables 2.3-2.4 ----------------

  static MrioYear millerBlair() {
    Layout lay = new Layout(List.of("MB"), List.of("S1", "S2"), List.of("FD"));
    double[] z = colMajor(new double[][] {{150, 500}, {200, 100}});
    double[] y = {350, 1700};
    return new MrioYear(2009, lay, z, y, Map.of(), new double[] {1000, 2000});
  }

  @Test
  void millerBlairCoefficientsAndInverse() {
    MrioYear yr = millerBlair();
    double[] x = IoMathReference.outputFromRows(yr.z(), yr.finalDemand(), 2);
    assertEquals(1000, x[0], 1e-12);
    assertEquals(2000, x[1], 1e-12);
    double[] a = IoMath.coefficients(yr.z(), x, 2);
    double[] aExp = colMajor(new double[][] {{.15, .25}, {.20, .05}});
    for (int k = 0; k < 4; k++) {
      assertEquals(aExp[k], a[k], 1e-15);
    }
    double[] bExp = colMajor(new double[][] {{1.25412541, 0.330033}, {0.2640264, 1.12211221}});
    for (Lapack l : List.of(Lapack.get(), Lapack.javaOnly())) {
      double[] b = IoMath.leontief(a, 2, l);
      for (int k = 0; k < 4; k++) {
        assertEquals(bExp[k], b[k], 5e-7, "B[" + k + "] with " + l.backend());
      }
      double[] xb = IoMath.outputFromLeontief(b, yr.finalDemand(), 2, l);
      assertEquals(1000, xb[0], 1e-9);
      assertEquals(2000, xb[1], 1e-9);
    }
    double[] va = IoMath.valueAddedResidual(x, yr.z(), 2);
    assertEquals(650, va[0], 1e-12);
    assertEquals(1400, va[1], 1e-12);
  }

  @Test
  void millerBlairAsOneCountryTable() {
    CollectingSink sink = new CollectingSink();
    TivaSummary s = TivaCore.compute(millerBlair(), TivaOptions.defaults(), sink);
    assertAllPassed(s);
    assertEquals(2, s.n());
    assertEquals(3000, sink.get("PROD", "MB", "WLD", "_T"), 1e-9);
    assertEquals(2050, sink.get("VALU", "MB", "WLD", "_T"), 1e-9);
    assertEquals(65.0, sink.get("PROD_VASH", "MB", "WLD", "S1"), 1e-12);
    // a closed economy: no exports, so export shares are undefined (NaN), never 0 or 100
    assertEquals(0.0, sink.get("EXGR", "MB", "WLD", "_T"));
    assertTrue(Double.isNaN(sink.get("EXGR_DVASH", "MB", "WLD", "_T")));
    assertTrue(Double.isNaN(sink.get("VAX_RATIO", "MB", "WLD", "_T")));
    // all VA is absorbed at home
    assertEquals(2050, sink.get("DFD_DVA", "MB", "WLD", "_T"), 1e-9);
    assertEquals(2050, sink.get("FD_VA", "MB", "WLD", "_T"), 1e-9);
    assertEquals(2050, sink.vby("MB", "S1", "MB") + sink.vby("MB", "S2", "MB"), 1e-9);
  }

  @Test
  void singularLeontiefIsInvalidInput() {
    Layout lay = new Layout(List.of("AAA"), List.of("X", "Y"), List.of("FD"));
    double[] z = colMajor(new double[][] {{0, 1}, {1, 0}});
    MrioYear yr = new MrioYear(2001, lay, z, new double[] {0, 0}, Map.of(), null);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TivaCore.compute(yr, TivaOptions.defaults(), new CollectingSink()));
    assertTrue(e.getMessage().contains("I − A is singular (LAPACK dgetrf pivot 2)"), e.getMessage());
    assertEquals("intermediate/", e.source());
    assertEquals(2001, e.year());
    assertEquals("AAA_Y", e.where());
  }

  // ---------------- decompr "leather" (3 countries x 3 industries) ----------------

  static final List<String> C = List.of("ARG", "TUR", "DEU");
  static final List<String> I = List.of("Agriculture", "Textile_and_Leather", "Transport_Equipment");

  static MrioYear leather() {
    double[][] z = {
        {16.1, 5.1, 1.8, 3.2, 4.3, 0.4, 3.1, 2.8, 4.9},
        {2.4, 8, 3.2, 0.1, 3.2, 1.6, 1.2, 3.9, 11.5},
        {0.9, 0.5, 4, 0, 0.1, 0.3, 0, 0.4, 0.5},
        {1.1, 1.9, 0.2, 18, 13.2, 6.1, 9, 3.1, 8.9},
        {0.3, 2.8, 0.1, 6.1, 28.1, 6.3, 2.1, 2.5, 25.6},
        {0, 0.1, 0.3, 4.1, 3.2, 8.9, 0.2, 0, 1.8},
        {1.2, 4.2, 0.3, 4.1, 1.2, 0.6, 29, 19.5, 17.9},
        {1.3, 1.1, 0, 3.2, 4.8, 2.6, 5.1, 29.1, 24.1},
        {2.1, 1.4, 3, 4.1, 3.1, 3.9, 11.3, 8.1, 51.3}};
    double[][] fd = {
        {21.5, 6.1, 8.4}, {16.2, 1.9, 5.1}, {11, 0.5, 0.8},
        {7.5, 29.5, 14.2}, {8.9, 24.9, 16.9}, {1.2, 18.5, 4.9},
        {9.2, 17.9, 51.2}, {7.9, 10.1, 38.5}, {25.1, 35.2, 68.4}};
    double[] out = {77.7, 58.3, 19, 112.7, 124.6, 43.2, 156.3, 127.8, 217};
    double[] va = {52.3, 33.2, 6.1, 69.8, 63.4, 12.5, 95.3, 58.4, 70.5};
    Layout lay = new Layout(C, I, List.of("FD"));
    return new MrioYear(2000, lay, colMajor(z), colMajor(fd), Map.of("VA", va), out);
  }

  /** Checks a value against the README's published figure (its tolerance) and recomputed figure (1e-9). */
  static void leatherValue(String what, double actual, double published, double publishedTol, double recomputed) {
    assertRel(published, actual, publishedTol, what + " vs published");
    assertRel(recomputed, actual, 1e-9, what + " vs recomputed");
  }

  @Test
  void leatherPublishedNumbers() {
    for (TivaOptions.OutputMode mode : TivaOptions.OutputMode.values()) {
      MrioYear yr = leather();
      CollectingSink sink = new CollectingSink();
      TivaSummary s = TivaCore.compute(yr, TivaOptions.builder().outputMode(mode).build(), sink);
      assertAllPassed(s);
      String m = mode + " ";
      // v_i B_ij E_j (decompr leontief, post = exports) = va_origin_exports
      leatherValue(m + "l[1,5]", sink.voe("ARG", "Agriculture", "ARG", "Agriculture"), 28.52278, 0.002, 28.522781432160947);
      leatherValue(m + "l[81,5]", sink.voe("DEU", "Transport_Equipment", "DEU", "Transport_Equipment"), 34.74381, 0.002,
          34.743819240685426);
      // v_i B_ij x_j (post = output): from IoMath
      double[] x = IoMathReference.outputFromRows(yr.z(), IoMath.rowSums(yr.finalDemand(), 9, 3), 9);
      double[] a = IoMath.coefficients(yr.z(), x, 9);
      double[] b = IoMathReference.leontief(a, 9);
      double[] v = IoMath.vaCoefficients(IoMath.valueAddedResidual(x, yr.z(), 9), x);
      double[] vbx = IoMathReference.vaOriginExports(v, b, x, 9);
      leatherValue(m + "lo[1,5]", vbx[0], 66.75361799, 0.002, 66.75361799032848);
      leatherValue(m + "lo[81,5]", vbx[80], 96.78316785, 0.002, 96.78316784632524);
      // diag(v) B Y = va_final_demand
      leatherValue(m + "lfd[1,4]", sink.vby("ARG", "Agriculture", "ARG"), 24.3345824, 0.002, 24.334582374237264);
      leatherValue(m + "lfd[20,4]", sink.vby("DEU", "Agriculture", "TUR"), 23.6841309, 0.002, 23.684130944383405);
      // gvc i2e: VA from other countries in exports of j; e2r: VA of i in other countries' exports
      leatherValue(m + "i2e[1]", i2e(sink, "ARG", "Agriculture"), 3.404712, 0.002, 3.404712275644761);
      leatherValue(m + "i2e[9]", i2e(sink, "DEU", "Transport_Equipment"), 25.397173, 0.002, 25.3971726472135);
      leatherValue(m + "e2r[1]", e2r(sink, "ARG", "Agriculture"), 11.9471938, 0.002, 11.947193837794066);
      leatherValue(m + "e2r[9]", e2r(sink, "DEU", "Transport_Equipment"), 4.9233020, 0.002, 4.923301953914879);
      leatherValue(m + "nrca[1]", nrca(sink, "ARG", "Agriculture"), 1.2676927, 0.002, 1.267692696964031);
      leatherValue(m + "nrca[9]", nrca(sink, "DEU", "Transport_Equipment"), 1.9843574, 0.002, 1.9843574065827563);
      // i2e summed over an exporter's industries is its EXGR_FVA; own-country VA is its EXGR_DVA
      for (String c : C) {
        double fva = 0;
        double dva = 0;
        for (String i : I) {
          fva += i2e(sink, c, i);
          for (String i2 : I) {
            dva += sink.voe(c, i2, c, i);
          }
        }
        assertRel(fva, sink.get("EXGR_FVA", c, "WLD", "_T"), 1e-12, "FVA " + c);
        assertRel(dva, sink.get("EXGR_DVA", c, "WLD", "_T"), 1e-12, "DVA " + c);
      }
    }
  }

  static double i2e(CollectingSink s, String ec, String ei) {
    double t = 0;
    for (String c : C) {
      if (!c.equals(ec)) {
        for (String i : I) {
          t += s.voe(c, i, ec, ei);
        }
      }
    }
    return t;
  }

  static double e2r(CollectingSink s, String sc, String si) {
    double t = 0;
    for (String c : C) {
      if (!c.equals(sc)) {
        for (String i : I) {
          t += s.voe(sc, si, c, i);
        }
      }
    }
    return t;
  }

  /** gvc R/nrca.R: f_i = Σ_{j in country of i} v_i B_ij E_j; NRCA = (f_i / Σ_country f) / (T_ind / Σ f). */
  static double nrca(CollectingSink s, String sc, String si) {
    double[][] fm = new double[3][3];
    double total = 0;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 3; i++) {
        double f = 0;
        for (String j : I) {
          f += s.voe(C.get(c), I.get(i), C.get(c), j);
        }
        fm[c][i] = f;
        total += f;
      }
    }
    int c = C.indexOf(sc);
    int i = I.indexOf(si);
    double country = fm[c][0] + fm[c][1] + fm[c][2];
    double industry = fm[0][i] + fm[1][i] + fm[2][i];
    return (fm[c][i] / country) / (industry / total);
  }

  @Test
  void leatherIdentitiesAndUnits() {
    CollectingSink sink = new CollectingSink();
    TivaSummary s = TivaCore.compute(leather(), TivaOptions.defaults(), sink);
    assertAllPassed(s);
    assertFalse(s.checks().isEmpty());
    for (String code : List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13", "T14",
        "J1", "J2", "S1", "S2", "I1", "I2", "I3")) {
      assertTrue(s.checks().stream().anyMatch(c -> c.check().equals(code)), "missing check " + code);
    }
    assertEquals(io.tivaspark.common.model.Unit.PCT, sink.units.get(CollectingSink.key("EXGR_DVASH", "ARG", "WLD", "_T")));
    assertEquals(io.tivaspark.common.model.Unit.RATIO, sink.units.get(CollectingSink.key("VAX_RATIO", "ARG", "TUR", "_T")));
    // EXGR ARG->TUR, Agriculture = Z row to TUR columns + FD of TUR
    assertEquals(3.2 + 4.3 + 0.4 + 6.1, sink.get("EXGR", "ARG", "TUR", "Agriculture"), 1e-12);
    assertEquals(sink.get("EXGR", "ARG", "TUR", "_T"), sink.get("IMGR", "TUR", "ARG", "_T"), 1e-12);
    assertEquals(81, sink.vaOriginExports.size());
    assertEquals(27, sink.vaFinalDemand.size());
  }
}
