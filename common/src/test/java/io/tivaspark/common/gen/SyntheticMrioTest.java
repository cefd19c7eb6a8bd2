package io.tivaspark.common.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticMrioTest {

  private static final String ICIO2023_ECONOMIES = "ARG AUS AUT BEL BGD BGR BLR BRA BRN CAN CHE"
      + " CHL CHN CIV CMR COL CRI CYP CZE DEU DNK EGY ESP EST FIN FRA GBR GRC HKG HRV HUN IDN IND"
      + " IRL ISL ISR ITA JOR JPN KAZ KHM KOR LAO LTU LUX LVA MAR MEX MLT MMR MYS NGA NLD NOR NZL"
      + " PAK PER PHL POL PRT ROU RUS SAU SEN SGP SVK SVN SWE THA TUN TUR TWN UKR USA VNM ZAF";

  @Test
  void codeListsAreTheIcio2023Ones() {
    Set<String> expected = new TreeSet<>(List.of(ICIO2023_ECONOMIES.split(" ")));
    assertEquals(76, expected.size());
    assertEquals(76, SyntheticMrio.COUNTRY_ORDER.size());
    assertEquals(expected, new TreeSet<>(SyntheticMrio.COUNTRY_ORDER));
    assertEquals(45, SyntheticMrio.ICIO2023_INDUSTRIES.size());
    assertEquals(45, Set.copyOf(SyntheticMrio.ICIO2023_INDUSTRIES).size());
    assertEquals(List.of("USA", "CHN", "DEU", "ROW"), SyntheticMrio.countryCodes(4));
    List<String> many = SyntheticMrio.countryCodes(81);
    assertEquals(81, Set.copyOf(many).size());
    assertEquals("ROW", many.get(80));
    assertEquals("XAA", many.get(76));
    List<String> ind = SyntheticMrio.industryCodes(47);
    assertEquals("T", ind.get(44));
    assertEquals("X46", ind.get(45));
  }

  @Test
  void layoutHasSplitsWhenChinaAndMexicoAreIncluded() {
    Layout l = new SyntheticMrio(GeneratorSpec.of(8, 6, 2000, 2001, 1)).layout();
    assertEquals(List.of("USA", "CHN", "DEU", "JPN", "FRA", "GBR", "MEX", "ROW"), l.countries());
    assertEquals(List.of("USA", "CN1", "CN2", "DEU", "JPN", "FRA", "GBR", "MX1", "MX2", "ROW"), l.entities());
    assertEquals(Map.of("CHN", List.of("CN1", "CN2"), "MEX", List.of("MX1", "MX2")), l.splits());
    assertEquals(List.of("A01_02", "A03", "B05_06", "B07_08", "B09", "C10T12"), l.industries());
    assertEquals(SyntheticMrio.CATEGORIES, l.categories());

    Layout noSplit = new SyntheticMrio(GeneratorSpec.builder().regions(8).industries(6).splits(false).build()).layout();
    assertTrue(noSplit.splits().isEmpty());
    assertEquals(8, noSplit.entityCount());
    Layout small = new SyntheticMrio(GeneratorSpec.of(2, 3, 2000, 2000, 1)).layout();
    assertTrue(small.splits().isEmpty(), "USA and ROW only: nothing to split");
  }

  @ParameterizedTest
  @CsvSource({"8,6,1", "8,6,2", "8,6,977", "20,10,1", "20,10,2", "20,10,977"})
  void rowsAndColumnsBalance(int regions, int industries, long seed) {
    SyntheticMrio gen = new SyntheticMrio(GeneratorSpec.of(regions, industries, 2010, 2012, seed));
    for (int y = 2010; y <= 2012; y++) {
      MrioYear t = gen.year(y);
      assertBalanced(t, 1e-9);
      double[] va = t.valueAdded().get("VA");
      double[] tls = t.valueAdded().get("TLS");
      double[] x = t.publishedOutput();
      int n = t.n();
      for (int j = 0; j < n; j++) {
        double colZ = 0;
        for (int i = 0; i < n; i++) {
          assertTrue(t.zAt(i, j) >= 0, "Z is non-negative");
          colZ += t.zAt(i, j);
        }
        if (x[j] > 0) {
          assertTrue(va[j] > 0, "VA positive for active sector " + j);
          assertTrue(tls[j] >= 0);
          double share = colZ / x[j];
          assertTrue(share >= 0.45 && share <= 0.75, "input share " + share + " at column " + j);
        } else {
          assertEquals(0.0, x[j]);
          assertEquals(0.0, va[j]);
          assertEquals(0.0, tls[j]);
        }
      }
    }
  }

  static void assertBalanced(MrioYear t, double rel) {
    int n = t.n();
    double[] x = t.publishedOutput();
    int cols = t.layout().finalDemandColumns();
    double[] rowSum = new double[n];
    double[] colSum = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        rowSum[i] += t.zAt(i, j);
        colSum[j] += t.zAt(i, j);
      }
    }
    for (int c = 0; c < cols; c++) {
      for (int i = 0; i < n; i++) {
        rowSum[i] += t.finalDemandAt(i, c);
      }
    }
    for (double[] v : t.valueAdded().values()) {
      for (int j = 0; j < n; j++) {
        colSum[j] += v[j];
      }
    }
    for (int k = 0; k < n; k++) {
      double tol = rel * Math.max(Math.abs(x[k]), 1e-300);
      assertTrue(Math.abs(x[k] - rowSum[k]) <= tol, "row " + k + ": x " + x[k] + " vs " + rowSum[k]);
      assertTrue(Math.abs(x[k] - colSum[k]) <= tol, "column " + k + ": x " + x[k] + " vs " + colSum[k]);
    }
  }

  @Test
  void deterministicWhateverTheOrder() {
    GeneratorSpec spec = GeneratorSpec.of(8, 6, 2001, 2005, 123);
    SyntheticMrio a = new SyntheticMrio(spec);
    a.year(2001);
    a.year(2002);
    MrioYear after = a.year(2003);
    MrioYear alone = new SyntheticMrio(spec).year(2003);
    assertArrayEquals(alone.z(), after.z());
    assertArrayEquals(alone.finalDemand(), after.finalDemand());
    assertArrayEquals(alone.publishedOutput(), after.publishedOutput());
    assertArrayEquals(alone.valueAdded().get("VA"), after.valueAdded().get("VA"));
    assertArrayEquals(alone.valueAdded().get("TLS"), after.valueAdded().get("TLS"));
    // a different range containing the year gives the same year too
    MrioYear otherRange = new SyntheticMrio(GeneratorSpec.of(8, 6, 2003, 2010, 123)).year(2003);
    assertArrayEquals(alone.z(), otherRange.z());
    // another seed differs
    MrioYear other = new SyntheticMrio(GeneratorSpec.of(8, 6, 2001, 2005, 124)).year(2003);
    assertFalse(java.util.Arrays.equals(alone.z(), other.z()));
    assertThrows(IllegalArgumentException.class, () -> a.year(2006));
  }

  @Test
  void yearsGrowSmoothly() {
    SyntheticMrio gen = new SyntheticMrio(GeneratorSpec.of(10, 8, 2000, 2004, 5));
    double prev = Double.NaN;
    for (int y = 2000; y <= 2004; y++) {
      double total = sum(gen.year(y).publishedOutput());
      if (!Double.isNaN(prev)) {
        double growth = total / prev - 1;
        assertTrue(growth > 0.005 && growth < 0.08, "world output growth " + growth + " in " + y);
      }
      prev = total;
    }
    MrioYear a = gen.year(2000);
    MrioYear b = gen.year(2001);
    assertNotEquals(a.zAt(0, 0), b.zAt(0, 0));
  }

  @Test
  void realisticStructure() {
    for (long seed : new long[] {1, 2, 3}) {
      SyntheticMrio gen = new SyntheticMrio(GeneratorSpec.of(20, 10, 2015, 2015, seed));
      MrioYear t = gen.year(2015);
      Layout l = t.layout();
      int n = t.n();
      // import share of intermediate use, per reporting country, within 10-40 %
      for (int c = 0; c < l.countryCount(); c++) {
        int[] rows = l.rowsOfCountry(c);
        int lo = rows[0];
        int hi = rows[rows.length - 1] + 1;
        double all = 0;
        double imported = 0;
        double domesticBlock = 0;
        for (int j = lo; j < hi; j++) {
          for (int i = 0; i < n; i++) {
            double z = t.zAt(i, j);
            all += z;
            if (i < lo || i >= hi) {
              imported += z;
            } else {
              domesticBlock += z;
            }
          }
        }
        double share = imported / all;
        assertTrue(share >= 0.10 && share <= 0.40,
            "import share " + share + " of " + l.countries().get(c) + " seed " + seed);
        assertTrue(domesticBlock > imported, "domestic block dominates");
      }
      // zero-output sectors: whole row and column zero
      int zero = 0;
      for (int k = 0; k < n; k++) {
        if (t.publishedOutput()[k] == 0) {
          zero++;
          assertTrue(gen.isZeroSector(k));
          for (int i = 0; i < n; i++) {
            assertEquals(0.0, t.zAt(i, k));
            assertEquals(0.0, t.zAt(k, i));
          }
          for (int c = 0; c < l.finalDemandColumns(); c++) {
            assertEquals(0.0, t.finalDemandAt(k, c));
          }
        }
      }
      assertTrue(zero >= 1 && zero <= 2, "zero-output sectors: " + zero);
      // final demand: HFCE largest, INVNT small, some negative, all row totals positive
      double[] byCat = new double[6];
      int negative = 0;
      for (int r = 0; r < l.countryCount(); r++) {
        for (int cat = 0; cat < 6; cat++) {
          int col = l.finalDemandColumn(r, cat);
          for (int i = 0; i < n; i++) {
            double v = t.finalDemandAt(i, col);
            byCat[cat] += v;
            if (v < 0) {
              negative++;
              assertEquals(4, cat, "only INVNT is negative");
            }
          }
        }
      }
      assertTrue(negative > 0, "some negative INVNT");
      for (int cat = 1; cat < 6; cat++) {
        assertTrue(byCat[0] > byCat[cat], "HFCE is the largest category");
      }
      assertTrue(Math.abs(byCat[4]) < 0.05 * sum(byCat), "INVNT is small");
      // processing entity CN2 exports most of its output and imports more than CN1
      int cn1 = l.entityIndex("CN1");
      int cn2 = l.entityIndex("CN2");
      assertTrue(cn1 >= 0 && cn2 >= 0 && l.entityIndex("MX2") >= 0);
      assertTrue(importShare(t, cn2) > importShare(t, cn1) + 0.2);
      assertTrue(exportShare(t, cn2) > 0.5, "CN2 exports most: " + exportShare(t, cn2));
    }
  }

  private static double importShare(MrioYear t, int entity) {
    Layout l = t.layout();
    int c = l.countryOfEntity(entity);
    int nInd = l.industryCount();
    double all = 0;
    double imp = 0;
    for (int j = entity * nInd; j < (entity + 1) * nInd; j++) {
      for (int i = 0; i < t.n(); i++) {
        all += t.zAt(i, j);
        if (l.countryOfRow(i) != c) {
          imp += t.zAt(i, j);
        }
      }
    }
    return imp / all;
  }

  private static double exportShare(MrioYear t, int entity) {
    Layout l = t.layout();
    int c = l.countryOfEntity(entity);
    int nInd = l.industryCount();
    double out = 0;
    double exp = 0;
    for (int i = entity * nInd; i < (entity + 1) * nInd; i++) {
      out += t.publishedOutput()[i];
      for (int j = 0; j < t.n(); j++) {
        if (l.countryOfRow(j) != c) {
          exp += t.zAt(i, j);
        }
      }
      for (int r = 0; r < l.countryCount(); r++) {
        if (r != c) {
          for (int cat = 0; cat < l.categoryCount(); cat++) {
            exp += t.finalDemandAt(i, l.finalDemandColumn(r, cat));
          }
        }
      }
    }
    return exp / out;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s;
  }

  /** ICIO scale: 81 regions (CHN, MEX split: 83 entities) x 45 industries, n = 3735. */
  @Test
  @Tag("slow")
  void icioScaleSmoke() {
    // tagged slow but ran in the default suite (no assumption), where its wall-clock bound failed
    // under load (27.9 s at load 26 on 2 cores); now in bin/test --slow only, like the other slow tests
    Assumptions.assumeTrue(Boolean.getBoolean("tiva.slow"), "slow test: run with -Dtiva.slow=true");
    GeneratorSpec spec = GeneratorSpec.of(81, 45, 2020, 2020, 7);
    long t0 = System.nanoTime();
    SyntheticMrio gen = new SyntheticMrio(spec);
    MrioYear t = gen.year(2020);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("SyntheticMrio 81x45 (n=%d) one year: %d ms%n", t.n(), ms);
    assertEquals(83 * 45, t.n());
    assertBalanced(t, 1e-9);
    assertTrue(ms < 20_000, "one ICIO-scale year in under 20 s, took " + ms + " ms");
  }
}
