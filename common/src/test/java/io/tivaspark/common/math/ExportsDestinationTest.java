package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.math.TivaOptions.DestinationDetail;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * va_exports_destination (docs/methods.md §3.5) against the literal dense formula with an explicit
 * inverse and explicit loops, on random tables with a split country (CN1/CN2), zero-output rows and
 * country groups (which must not change the cube), in both code paths (per-country dgemms, Java
 * pass); every value to relative 1e-9 (|a − b| ≤ 1e-9·max(1, |b|)); checks J6–J8 present and passed.
 */
class ExportsDestinationTest {

  /** Keeps the cube's rows and the indicators; fails on a duplicate key. */
  static final class Sink implements ResultSink {
    final Map<String, Double> cube = new HashMap<>();
    final Map<String, Double> indicators = new HashMap<>();
    final List<CheckResult> checks = new java.util.ArrayList<>();

    @Override
    public void indicator(String indicator, String country, String partner, String industry, double value, Unit unit) {
      indicators.put(String.join("|", indicator, country, partner, industry), value);
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
    public void vaExportsDestination(String s, String c, String i, String d, String flow, double value) {
      String k = String.join("|", s, c, i, d, flow);
      if (cube.put(k, value) != null) {
        throw new AssertionError("duplicate va_exports_destination row " + k);
      }
    }

    double get(String s, String c, String i, String d, String flow) {
      Double v = cube.get(String.join("|", s, c, i, d, flow));
      if (v == null) {
        throw new AssertionError("no row " + String.join("|", s, c, i, d, flow));
      }
      return v;
    }
  }

  static TivaOptions options(Layout lay, DestinationDetail level, boolean blas) {
    return TivaOptions.builder().exportsDestination(level).blockBlas(blas)
        .group("GRP", List.of(lay.countries().get(0), lay.countries().get(1), "XXX"))
        .build();
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}, BLAS blocks {4}")
  @CsvSource({"1, 3, 2, false, true", "2, 4, 3, true, true", "3, 5, 4, true, false", "4, 6, 3, true, true",
      "5, 7, 2, false, false", "6, 9, 5, true, true"})
  void matchesTheLiteralFormula(long seed, int g, int nInd, boolean split, boolean blas) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1, 2});
    Sink sink = new Sink();
    TivaSummary sum = TivaCore.compute(yr, options(lay, DestinationDetail.INDUSTRY, blas), sink);
    PropertyTest.assertAllPassed(sum);
    assertEquals(2L * g * g * g * (nInd + 1), sink.cube.size(), "rows: 2·G³·(N + 1)");
    double[][][][][] ref = literal(yr); // [flow][s][c][i][d]
    List<String> cs = lay.countries();
    for (int s = 0; s < g; s++) {
      for (int c = 0; c < g; c++) {
        for (int d = 0; d < g; d++) {
          for (int f = 0; f < 2; f++) {
            String flow = f == 0 ? ExportsDestination.INT : ExportsDestination.FNL;
            double total = 0;
            for (int i = 0; i < nInd; i++) {
              double r = ref[f][s][c][i][d];
              total += r;
              PropertyTest.rel(r, sink.get(cs.get(s), cs.get(c), lay.industries().get(i), cs.get(d), flow),
                  cs.get(s) + " in " + cs.get(c) + "/" + i + " to " + cs.get(d) + " " + flow);
            }
            PropertyTest.rel(total, sink.get(cs.get(s), cs.get(c), Codes.TOTAL, cs.get(d), flow), "_T");
          }
        }
      }
    }
    checksPresentAndPassed(sum);
    sumsToThePublishedTotals(lay, sink);
  }

  /** COUNTRY writes only the "_T" rows (2·G³), equal to INDUSTRY's; OFF writes nothing and no J6–J8. */
  @Test
  void levels() {
    Layout lay = RandomTables.layout(5, 4, true);
    MrioYear yr = RandomTables.year(11, lay, new int[] {3});
    Sink byInd = new Sink();
    TivaCore.compute(yr, options(lay, DestinationDetail.INDUSTRY, true), byInd);
    Sink country = new Sink();
    TivaSummary sc = TivaCore.compute(yr, options(lay, DestinationDetail.COUNTRY, true), country);
    assertEquals(2 * 5 * 5 * 5, country.cube.size());
    country.cube.forEach((k, v) -> {
      assertTrue(k.split("\\|")[2].equals(Codes.TOTAL), k);
      assertEquals(byInd.cube.get(k), v, 0.0, k);
    });
    checksPresentAndPassed(sc);
    Sink off = new Sink();
    TivaSummary so = TivaCore.compute(yr, options(lay, DestinationDetail.OFF, true), off);
    assertTrue(off.cube.isEmpty());
    assertFalse(so.checks().stream().anyMatch(c -> c.check().matches("J[678]")));
    assertEquals(DestinationDetail.OFF, TivaOptions.defaults().exportsDestination(), "API default");
  }

  /** The motivating question on a tiny table: which final markets absorb C00's VA exported through C01. */
  @Test
  void finalDestinationOfForeignValueAddedSumsToFva() {
    Layout lay = RandomTables.layout(4, 3, false);
    MrioYear yr = RandomTables.year(7, lay, new int[0]);
    Sink sink = new Sink();
    TivaCore.compute(yr, options(lay, DestinationDetail.COUNTRY, true), sink);
    double viaC01 = 0;
    for (String d : lay.countries()) {
      double v = sink.get("C00", "C01", Codes.TOTAL, d, ExportsDestination.INT)
          + sink.get("C00", "C01", Codes.TOTAL, d, ExportsDestination.FNL);
      assertTrue(v > 0, "C00's VA through C01 reaches " + d);
      viaC01 += v;
    }
    // C00's VA in C01's exports (the DEXFVApSH numerator, origin C00) = its sum over destinations
    double dexfvaSh = sink.indicators.get("DEXFVApSH|C01|C00|_T");
    double exgr = sink.indicators.get("EXGR|C01|WLD|_T");
    PropertyTest.rel(dexfvaSh * exgr / 100, viaC01, "C00's VA in C01's exports");
    assertEquals(0.0, sink.get("C00", "C01", Codes.TOTAL, "C01", ExportsDestination.FNL), 0.0,
        "final exports never return to the exporter");
  }

  static void checksPresentAndPassed(TivaSummary s) {
    for (String code : List.of("J6", "J7", "J8")) {
      List<CheckResult> rows = s.checks().stream().filter(c -> c.check().equals(code)).toList();
      assertFalse(rows.isEmpty(), code + " missing");
      rows.forEach(c -> assertTrue(c.passed() && c.maxRelError() <= 1e-9, c.toString()));
    }
  }

  /** Σ_d of the "_T" rows: origin = exporter → EXGR_DVA(c, WLD, _T); other origins → EXGR_FVA(c, WLD, _T). */
  static void sumsToThePublishedTotals(Layout lay, Sink sink) {
    for (String c : lay.countries()) {
      double dva = 0;
      double fva = 0;
      for (String s : lay.countries()) {
        for (String d : lay.countries()) {
          double v = sink.get(s, c, Codes.TOTAL, d, ExportsDestination.INT)
              + sink.get(s, c, Codes.TOTAL, d, ExportsDestination.FNL);
          if (s.equals(c)) {
            dva += v;
          } else {
            fva += v;
          }
        }
      }
      PropertyTest.rel(sink.indicators.get("EXGR_DVA|" + c + "|WLD|_T"), dva, c + " EXGR_DVA");
      PropertyTest.rel(sink.indicators.get("EXGR_FVA|" + c + "|WLD|_T"), fva, c + " EXGR_FVA");
    }
  }

  /**
   * The literal formula, [flow][s][c][i][d]: Σ_{j∈c, ind i} Σ_{k∈s} v_k B_kj · E_j^(d), with
   * E_j^(d) = Y_jd (d ≠ c) for FNL and Σ_{l∉c} A_jl Σ_m B_lm Y_md for INT; explicit B (Gauss–Jordan).
   */
  static double[][][][][] literal(MrioYear yr) {
    GvcReference r = new GvcReference(yr);
    int n = r.n;
    int g = r.g;
    Layout lay = r.lay;
    double[][] by = new double[n][g];
    for (int l = 0; l < n; l++) {
      for (int d = 0; d < g; d++) {
        for (int m = 0; m < n; m++) {
          by[l][d] += r.b[l][m] * r.y[m][d];
        }
      }
    }
    double[][][][][] out = new double[2][g][g][lay.industryCount()][g];
    for (int j = 0; j < n; j++) {
      int c = lay.countryOfRow(j);
      int i = lay.industryOfRow(j);
      for (int k = 0; k < n; k++) {
        int s = lay.countryOfRow(k);
        double vb = r.v[k] * r.b[k][j];
        for (int d = 0; d < g; d++) {
          double inter = 0;
          for (int l = 0; l < n; l++) {
            if (lay.countryOfRow(l) != c) {
              inter += r.a[j][l] * by[l][d];
            }
          }
          out[0][s][c][i][d] += vb * inter;
          out[1][s][c][i][d] += d == c ? 0 : vb * r.y[j][d];
        }
      }
    }
    return out;
  }
}
