package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code va_origin_imports} (OECD IMGR_BSCI) and {@code va_final_demand_product} (OECD FDVA_BSCI)
 * against the literal dense formulas (B built by an independent inversion, V̂B multiplied out, the
 * flows E_{j s} summed from Z cell by cell) on random tables with split entities, country groups and
 * zero-output rows, at relative 1e-9 (|got − expected| ≤ 1e-9·max(1, |expected|)); and their J3 / J4
 * checks pass at the default 1e-9.
 */
class VaCubesTest {

  /** The core's rows (a {@link CollectingSink}) plus the two cubes, keyed by their key columns. */
  static final class CubeSink implements ResultSink {
    final CollectingSink core = new CollectingSink();
    final Map<String, Double> imports = new HashMap<>();
    final Map<String, Double> products = new HashMap<>();

    @Override
    public void indicator(String indicator, String country, String partner, String industry, double value,
        Unit unit) {
      core.indicator(indicator, country, partner, industry, value, unit);
    }

    @Override
    public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
      core.vaFinalDemand(sourceCountry, sourceIndustry, demandCountry, value);
    }

    @Override
    public void vaOriginExports(String sc, String si, String exporter, String ei, double value) {
      core.vaOriginExports(sc, si, exporter, ei, value);
    }

    @Override
    public void vaOriginImports(String sc, String si, String importer, String partner, String ii, double value) {
      String k = CollectingSink.key(sc, si, importer, partner, ii);
      if (imports.put(k, value) != null) {
        throw new AssertionError("duplicate va_origin_imports row " + k);
      }
    }

    @Override
    public void vaFinalDemandProduct(String sc, String si, String demand, String product, double value) {
      String k = CollectingSink.key(sc, si, demand, product);
      if (products.put(k, value) != null) {
        throw new AssertionError("duplicate va_final_demand_product row " + k);
      }
    }

    @Override
    public void check(CheckResult result) {
      core.check(result);
    }
  }

  /** The literal cubes: VB = V̂B as an explicit n×n matrix, every product written out. */
  record Literal(Map<String, Double> imports, Map<String, Double> products) {
    static Literal of(MrioYear yr) {
      Layout lay = yr.layout();
      int n = lay.n();
      int g = lay.countryCount();
      double[] y = yr.finalDemandByCountry();
      double[] x = IoMathReference.outputFromRows(yr.z(), IoMath.rowSums(y, n, g), n);
      double[] v = IoMath.vaCoefficientsResidual(IoMath.valueAddedResidual(x, yr.z(), n), x);
      double[] b = IoMathReference.leontief(IoMath.coefficients(yr.z(), x, n), n);
      double[] vb = new double[n * n];
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          vb[k + j * n] = v[k] * b[k + j * n];
        }
      }
      return new Literal(imports(lay, yr.z(), y, vb), products(lay, y, vb));
    }

    /** M[(c(k), ind(k)), s, c(j), ind(j)] += VB_kj · E_{j s}, E_{j s} = Σ_{col of s} Z_{j col} + Y_{j s}, c(j) ≠ s. */
    static Map<String, Double> imports(Layout lay, double[] z, double[] y, double[] vb) {
      int n = lay.n();
      Map<String, Double> m = new HashMap<>();
      for (int s = 0; s < lay.countryCount(); s++) {
        for (int j = 0; j < n; j++) {
          if (lay.countryOfRow(j) == s) {
            continue;
          }
          double e = y[j + s * n];
          for (int col = 0; col < n; col++) {
            e += lay.countryOfRow(col) == s ? z[j + col * n] : 0;
          }
          for (int k = 0; k < n; k++) {
            m.merge(CollectingSink.key(code(lay, k), ind(lay, k), lay.countries().get(s), code(lay, j), ind(lay, j)),
                vb[k + j * n] * e, Double::sum);
          }
        }
      }
      return m;
    }

    /** F[(c(k), ind(k)), d, ind(j)] += VB_kj · Y_{j d}. */
    static Map<String, Double> products(Layout lay, double[] y, double[] vb) {
      int n = lay.n();
      Map<String, Double> m = new HashMap<>();
      for (int d = 0; d < lay.countryCount(); d++) {
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < n; k++) {
            m.merge(CollectingSink.key(code(lay, k), ind(lay, k), lay.countries().get(d), ind(lay, j)),
                vb[k + j * n] * y[j + d * n], Double::sum);
          }
        }
      }
      return m;
    }

    /** The same imports summed over source industries ("_T"). */
    Map<String, Double> importsByCountry() {
      Map<String, Double> m = new HashMap<>();
      imports.forEach((k, val) -> {
        String[] p = k.split("\\|");
        m.merge(CollectingSink.key(p[0], Codes.TOTAL, p[2], p[3], p[4]), val, Double::sum);
      });
      return m;
    }
  }

  static String code(Layout lay, int row) {
    return lay.countries().get(lay.countryOfRow(row));
  }

  static String ind(Layout lay, int row) {
    return lay.industries().get(lay.industryOfRow(row));
  }

  static TivaOptions.Builder options(Layout lay) {
    return TivaOptions.builder().group("GRP", List.of(lay.countries().get(0), lay.countries().get(1)));
  }

  static void assertSame(Map<String, Double> expected, Map<String, Double> actual, String table) {
    assertEquals(expected.keySet(), actual.keySet(), table + ": keys");
    expected.forEach((k, e) -> PropertyTest.rel(e, actual.get(k), table + " " + k));
  }

  /** J3 and J4 present and passed at 1e-9; every other check of the year too. */
  static void assertChecks(TivaSummary s, boolean j3, boolean j4) {
    PropertyTest.assertAllPassed(s);
    assertEquals(j3 ? 4 : 0, s.checks().stream().filter(c -> c.check().equals("J3")).count());
    assertEquals(j4 ? 4 : 0, s.checks().stream().filter(c -> c.check().equals("J4")).count());
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"1, 3, 2, false", "2, 4, 3, true", "3, 6, 4, true"})
  void cubesMatchTheLiteralDenseFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1, 1});
    Literal lit = Literal.of(yr);

    CubeSink byCountry = new CubeSink();
    assertChecks(TivaCore.compute(yr, options(lay).build(), byCountry), true, true);
    assertEquals(g * (g - 1) * nInd * g, byCountry.imports.size(), "G²(G-1)N rows");
    assertEquals(g * nInd * g * nInd, byCountry.products.size(), "(GN)² rows");
    assertSame(lit.importsByCountry(), byCountry.imports, "va_origin_imports (country)");
    assertSame(lit.products(), byCountry.products, "va_final_demand_product");

    CubeSink byIndustry = new CubeSink();
    TivaOptions fine = options(lay).vaOriginImports(TivaOptions.ImportsOriginDetail.INDUSTRY).build();
    assertChecks(TivaCore.compute(yr, fine, byIndustry), true, true);
    assertEquals(g * (g - 1) * nInd * g * nInd, byIndustry.imports.size(), "G²(G-1)N² rows");
    assertSame(lit.imports(), byIndustry.imports, "va_origin_imports (industry)");
    for (String k : byIndustry.imports.keySet()) {
      assertFalse(k.contains("CN1") || k.contains("CN2") || k.contains("GRP"), k);
    }
  }

  /** The published totals: Σ over sources = IMGR, source = importer = IMGR_DVA, Σ_i of FDVA = va_final_demand. */
  @Test
  void cubesAddUpToTheIndicators() {
    Layout lay = RandomTables.layout(5, 3, true);
    MrioYear yr = RandomTables.year(7, lay, new int[] {4});
    CubeSink sink = new CubeSink();
    assertChecks(TivaCore.compute(yr, options(lay).build(), sink), true, true);
    String s = "CHN";
    String r = lay.countries().get(3);
    String i = lay.industries().get(2);
    double all = 0;
    for (String t : lay.countries()) {
      all += sink.imports.get(CollectingSink.key(t, Codes.TOTAL, s, r, i));
    }
    PropertyTest.rel(sink.core.get("IMGR", s, r, i), all, "IMGR");
    PropertyTest.rel(sink.core.get("IMGR_DVA", s, r, i), sink.imports.get(CollectingSink.key(s, Codes.TOTAL, s, r, i)),
        "IMGR_DVA");
    double fdva = 0;
    for (String p : lay.industries()) {
      fdva += sink.products.get(CollectingSink.key(r, i, s, p));
    }
    PropertyTest.rel(sink.core.vby(r, i, s), fdva, "va_final_demand");
  }

  @Test
  void offWritesNoRowsAndNoChecks() {
    Layout lay = RandomTables.layout(4, 2, true);
    MrioYear yr = RandomTables.year(3, lay, new int[0]);
    CubeSink sink = new CubeSink();
    TivaOptions off = options(lay).vaOriginImports(TivaOptions.ImportsOriginDetail.OFF)
        .writeVaFinalDemandProduct(false).build();
    assertChecks(TivaCore.compute(yr, off, sink), false, false);
    assertTrue(sink.imports.isEmpty() && sink.products.isEmpty());
  }
}
