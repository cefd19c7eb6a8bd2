package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format gloria}: pymrio's GLORIA mock as published, and balanced releases written in the
 * published layout ({@link GloriaTestRelease}) whose conversion is checked against the literal
 * industry-technology formula and the row and column balances. Bad input: {@link GloriaBadInputTest}.
 */
class GloriaSourceTest {
  static final String MOCK = "data/pymrio-mocks/gloria_mock";
  static final double TOL = 1e-12;

  @TempDir Path tmp;

  static Path mock() {
    return SharedData.require(MOCK + "/GLORIA_ReadMe_059.xlsx").getParent();
  }

  static SourceYear readOnly(Path input, OptionalInt year) throws IOException {
    GloriaSource src = new GloriaSource();
    List<SourceUnit> units = src.plan(List.of(input), year);
    assertEquals(1, units.size(), units.toString());
    return src.read(units.get(0));
  }

  @Test
  void mockIsReadAsPymrioLaysItOut() throws IOException {
    Path mock = mock();
    List<SourceUnit> units = new GloriaSource().plan(List.of(mock), OptionalInt.empty());
    assertEquals(1, units.size());
    assertEquals(2022, units.get(0).year());
    assertEquals("GLORIA_MRIOs_59_2022", units.get(0).label());
    SourceYear sy = new GloriaSource().read(units.get(0));
    MrioYear t = sy.table();
    Layout l = t.layout();
    assertEquals(List.of("AUS", "AUT", "AZE"), l.countries());
    assertEquals(List.of("S021", "S022", "S023"), l.industries());
    assertEquals(List.of("HFCE", "NPISH"), l.categories());
    assertEquals("Forestry and logging", sy.industryNames().get("S021"));
    assertEquals("Azerbaijan", sy.countryNames().get("AZE"));
    assertEquals("GLORIA", sy.source());
    assertEquals("release 059, Markup001 (basic prices)", sy.edition());
    assertEquals("USD thousand", sy.unit());
    // the supply table is diagonal: Z is the use block as published (T row 4 = AUS product 1, col 1 = AUS industry 1)
    assertEquals(1386400.0, t.zAt(0, 0));
    assertEquals(0.26391, t.zAt(0, 1));
    assertEquals(5.8362, t.zAt(0, 3));
    assertEquals(17.05, t.zAt(8, 8));
    assertEquals(100000.0, t.finalDemandAt(0, 0));
    assertEquals(0.10009, t.finalDemandAt(0, 5));
    assertEquals(List.of("D.1", "D.29"), List.copyOf(t.valueAdded().keySet()));
    assertEquals(1138700.0, t.valueAdded().get("D.1")[0]);
    assertEquals(937.52, t.valueAdded().get("D.29")[8]);
    assertNull(t.publishedOutput());
    Satellite s = t.satellite();
    assertEquals("c2f6_1A5_EDGAR_consistent", s.stressors().get(0));
    assertEquals(List.of("kilotonnes", "kilotonnes", "kilotonnes", "kilotonnes", "kilotonnes"), s.units());
    assertTrue(sy.notes().stream().anyMatch(x -> x.startsWith("supply table diagonal")), sy.notes().toString());
    assertTrue(sy.notes().stream().anyMatch(x -> x.contains("does not balance")), "the mock is not a balanced SUT");
  }

  @Test
  void balancedReleaseConvertsByIndustryTechnology() throws IOException {
    GloriaTestRelease rel = new GloriaTestRelease(3, 4, 3, 4, 3, 7);
    SourceYear sy = readOnly(rel.write(tmp, 2019), OptionalInt.empty());
    MrioYear t = sy.table();
    int n = rel.n;
    double[] g = GloriaTestRelease.rowSums(rel.v);
    assertTrue(sy.notes().stream().anyMatch(x -> x.startsWith("supply table not diagonal")), sy.notes().toString());
    // Z = U diag(g)^-1 V, literally
    for (int k = 0; k < n; k++) {
      for (int p = 0; p < n; p++) {
        double lit = 0;
        for (int i = 0; i < n; i++) {
          lit += rel.u[k][i] * rel.v[i][p] / g[i];
        }
        assertClose(lit, t.zAt(k, p), TOL, "Z " + k + "," + p);
      }
    }
    // va_c = w_c diag(g)^-1 V and F = F_ind diag(g)^-1 V, literally; Y and F_Y as published
    for (int c = 0; c < rel.comps; c++) {
      double[] va = t.valueAdded().get(sy.table().valueAdded().keySet().toArray(new String[0])[c]);
      for (int p = 0; p < n; p++) {
        double lit = 0;
        for (int i = 0; i < n; i++) {
          lit += rel.w[c][i] * rel.v[i][p] / g[i];
        }
        assertClose(lit, va[p], TOL, "va " + c + "," + p);
      }
    }
    Satellite s = t.satellite();
    for (int st = 0; st < rel.m; st++) {
      for (int p = 0; p < n; p++) {
        double lit = 0;
        for (int i = 0; i < n; i++) {
          lit += rel.tq[st][i] * rel.v[i][p] / g[i];
        }
        assertClose(lit, s.f()[st + p * rel.m], TOL, "F " + st + "," + p);
      }
      for (int c = 0; c < rel.g * rel.cats; c++) {
        assertEquals(rel.yq[st][c], s.fy()[st + c * rel.m]);
      }
    }
    for (int k = 0; k < n; k++) {
      for (int c = 0; c < rel.g * rel.cats; c++) {
        assertEquals(rel.y[k][c], t.finalDemandAt(k, c));
      }
    }
    assertEquals(List.of("HFCE", "NPISH", "GGFC", "GFCF"), t.layout().categories());
    assertEquals(List.of("D.1", "D.29", "D.39"), List.copyOf(t.valueAdded().keySet()));
    assertEquals(List.of("stressor_1", "stressor_2", "stressor_3"), s.stressors());
    assertEquals(List.of("kilotonnes", "1000 ha", "kilotonnes"), s.units());
  }

  /**
   * The identities of the conversion on a balanced release: x = Z1 + y (by construction), x = Z'1 +
   * Σ va (the column balance the SUT's balance carries over), x = V'1 (product supply), and each
   * stressor's total is kept (ĝ⁻¹V1 = 1).
   */
  @Test
  void conversionKeepsRowAndColumnBalances() throws IOException {
    GloriaTestRelease rel = new GloriaTestRelease(4, 5, 2, 3, 4, 11);
    MrioYear t = readOnly(rel.write(tmp, 2020), OptionalInt.empty()).table();
    int n = rel.n;
    double[] supply = GloriaTestRelease.colSums(rel.v);
    for (int k = 0; k < n; k++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < n; j++) {
        row += t.zAt(k, j);
        col += t.zAt(j, k);
      }
      for (int c = 0; c < t.layout().finalDemandColumns(); c++) {
        row += t.finalDemandAt(k, c);
      }
      for (double[] va : t.valueAdded().values()) {
        col += va[k];
      }
      assertClose(supply[k], row, 1e-12, "x = Z1 + y at " + k);
      assertClose(supply[k], col, 1e-12, "x = Z'1 + va at " + k);
    }
    Satellite s = t.satellite();
    for (int st = 0; st < rel.m; st++) {
      double byIndustry = 0;
      double byProduct = 0;
      for (int j = 0; j < n; j++) {
        byIndustry += rel.tq[st][j];
        byProduct += s.f()[st + j * rel.m];
      }
      assertClose(byIndustry, byProduct, 1e-12, "stressor total " + st);
    }
  }

  /** A region without any transaction (GLORIA's DYE in 2022) is kept with zero output and named in a note. */
  @Test
  void emptyRegionIsKeptWithZeroOutput() throws IOException {
    GloriaTestRelease rel = new GloriaTestRelease(3, 2, 2, 2, 2, 17, 1);
    SourceYear sy = readOnly(rel.write(tmp, 2022), OptionalInt.empty());
    MrioYear t = sy.table();
    assertEquals(List.of("AAA", "BBB", "CCC"), t.layout().countries());
    assertTrue(sy.notes().contains("regions without any transaction, kept with zero output (pymrio drops them): BBB"),
        sy.notes().toString());
    for (int j = 0; j < t.n(); j++) {
      assertEquals(0.0, t.zAt(2, j));
      assertEquals(0.0, t.zAt(j, 3));
    }
    assertTrue(sy.notes().stream().anyMatch(x -> x.startsWith("column balance") && !x.contains("does not balance")),
        sy.notes().toString());
  }

  @Test
  void zippedReleaseReadsTheSameAsTheFolders() throws IOException {
    GloriaTestRelease rel = new GloriaTestRelease(2, 3, 2, 2, 2, 3);
    Path folders = rel.write(tmp.resolve("folders"), 2018);
    Path zipped = Files.createDirectories(tmp.resolve("zipped"));
    GloriaTestRelease.zip(folders.resolve("GLORIA_MRIOs_59_2018"), zipped.resolve("GLORIA_MRIOs_59_2018.zip"));
    GloriaTestRelease.zip(folders.resolve("GLORIA_SatelliteAccounts_059_2018"),
        zipped.resolve("GLORIA_SatelliteAccounts_059_2018.zip"));
    Files.copy(folders.resolve("GLORIA_ReadMe_059.xlsx"), zipped.resolve("GLORIA_ReadMe_059.xlsx"));
    MrioYear a = readOnly(folders, OptionalInt.empty()).table();
    MrioYear b = readOnly(zipped, OptionalInt.empty()).table();
    assertArrayEquals(a.z(), b.z());
    assertArrayEquals(a.finalDemand(), b.finalDemand());
    assertArrayEquals(a.satellite().f(), b.satellite().f());
    // one year's archive given alone: ReadMe and satellite accounts are found beside it
    MrioYear c = readOnly(zipped.resolve("GLORIA_MRIOs_59_2018.zip"), OptionalInt.empty()).table();
    assertArrayEquals(a.z(), c.z());
    assertArrayEquals(a.satellite().fy(), c.satellite().fy());
  }

  @Test
  void severalYearsAreOneUnitEach() throws IOException {
    GloriaTestRelease rel = new GloriaTestRelease(2, 2, 1, 1, 1, 5);
    rel.write(tmp, 2017);
    rel.write(tmp, 2016);
    List<SourceUnit> units = new GloriaSource().plan(List.of(tmp), OptionalInt.empty());
    assertEquals(List.of(2016, 2017), units.stream().map(SourceUnit::year).toList());
    Map<String, GloriaFile> f = GloriaFiles.files(units.get(1));
    assertEquals(List.of("T", "Y", "V", "TQ", "YQ", "README"), List.copyOf(f.keySet()));
    assertTrue(f.get("TQ").name().contains("GLORIA_SatelliteAccounts_059_2017"), f.toString());
  }

  @Test
  void yearFromTheArchiveNameOrFromTheYearOption() throws IOException {
    GloriaTestRelease rel = new GloriaTestRelease(2, 2, 1, 1, 1, 5);
    Path dir = Files.createDirectories(tmp.resolve("release"));
    GloriaTestRelease.writeCsv(dir.resolve("x_T-Results_Markup001(full).csv"), rel.tMatrix());
    GloriaTestRelease.writeCsv(dir.resolve("x_Y-Results_Markup001(full).csv"), rel.yMatrix());
    GloriaTestRelease.writeCsv(dir.resolve("x_V-Results_Markup001(full).csv"), rel.vaMatrix());
    rel.writeReadMe(dir.resolve("GLORIA_ReadMe_059.xlsx"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new GloriaSource().plan(List.of(dir), OptionalInt.empty()));
    assertTrue(e.getMessage().contains("x_T-Results_Markup001(full).csv") && e.getMessage().contains("--year"),
        e.getMessage());
    SourceYear sy = readOnly(dir, OptionalInt.of(2005));
    assertEquals(2005, sy.table().year());
    assertNull(sy.table().satellite());
    Path named = Files.createDirectories(tmp.resolve("GLORIA_MRIOs_59_2011"));
    for (String f : List.of("T", "Y", "V")) {
      Files.copy(dir.resolve("x_" + f + "-Results_Markup001(full).csv"), named.resolve("x_" + f + "-Results_Markup001(full).csv"));
    }
    Files.copy(dir.resolve("GLORIA_ReadMe_059.xlsx"), tmp.resolve("GLORIA_ReadMe_059.xlsx"));
    assertEquals(2011, new GloriaSource().plan(List.of(named), OptionalInt.empty()).get(0).year());
    InvalidInputException mismatch = assertThrows(InvalidInputException.class,
        () -> new GloriaSource().plan(List.of(named), OptionalInt.of(2012)));
    assertTrue(mismatch.getMessage().contains("says 2011 but --year says 2012"), mismatch.getMessage());
  }

  @Test
  void recogniseNamesWhatItFound() throws IOException {
    Path mock = mock();
    String what = new GloriaSource().recognise(mock).orElseThrow();
    assertTrue(what.contains("GLORIA release 059") && what.contains("[2022]") && what.contains("[1, 5]")
        && what.contains("TQ/YQ") && what.contains("GLORIA_ReadMe_059.xlsx"), what);
    assertTrue(new GloriaSource().recognise(tmp).isEmpty());
    assertTrue(MrioSources.recognise(mock).containsKey("gloria"));
    assertEquals("gloria", MrioSources.of("gloria").format());
    assertTrue(MrioSources.of("gloria").help().contains("bin/tiva ingest --format gloria"));
  }

  @Test
  void readMeCodes() {
    assertEquals("D.1", GloriaReadMe.componentCode("Compensation of employees D.1"));
    assertEquals("B.2n", GloriaReadMe.componentCode("Net operating surplus B.2n"));
    assertEquals("HFCE", GloriaReadMe.categoryCode("Household final consumption P.3h"));
    assertEquals("GFCF", GloriaReadMe.categoryCode("Gross fixed capital formation P.51"));
    assertEquals("P.53", GloriaReadMe.categoryCode("Acquisitions less disposals of valuables P.53"));
    assertEquals("OTHER_THINGS", GloriaReadMe.componentCode("Other things"));
    assertEquals(List.of("a (H1)", "a (H2)", "b"), GloriaReadMe.stressors(List.of("'a'", "a", "b"), List.of("H1", "H2", "H3")));
  }

  static void assertClose(double expected, double actual, double rel, String what) {
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    assertTrue(Math.abs(expected - actual) <= rel * Math.max(scale, Double.MIN_NORMAL),
        what + ": expected " + expected + ", got " + actual);
  }
}
