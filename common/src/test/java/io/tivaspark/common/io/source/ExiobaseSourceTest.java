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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExiobaseSource} on pymrio's EXIOBASE 3 mock and on synthetic releases written in the
 * published layout ({@link ExiobaseFixture}): the conversion's identities (Z = A·x̂ against the known
 * Z, x = Z1 + y, (I − A)x = y with A parsed independently), codes, names, value added, extensions,
 * every variant of the layout (Z or A, with or without x, F_Y or F_hh, factor_inputs/ or satellite/,
 * folder or zip), recognise, and one bad input per rule.
 */
class ExiobaseSourceTest {
  private static final String MOCK = "data/pymrio-mocks/exio3_mock";
  private final ExiobaseSource source = new ExiobaseSource();

  @TempDir
  Path tmp;

  private SourceYear readOne(Path in, OptionalInt year) throws IOException {
    List<SourceUnit> units = source.plan(List.of(in), year);
    assertEquals(1, units.size());
    return source.read(units.get(0));
  }

  private static void assertClose(double expected, double actual, double rel, String what) {
    double scale = Math.max(1e-300, Math.max(Math.abs(expected), Math.abs(actual)));
    assertTrue(Math.abs(expected - actual) <= rel * scale, what + ": expected " + expected + ", got " + actual);
  }

  private static double[] rowSums(double[] m, int rows, int cols) {
    double[] s = new double[rows];
    for (int k = 0; k < m.length; k++) {
      s[k % rows] += m[k];
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // pymrio's mock

  @Test
  void mockReadsWithItsLabelsCodesAndIdentities() throws IOException {
    Path mock = SharedData.require(MOCK + "/A.txt").getParent();
    SourceYear sy = readOne(mock, OptionalInt.of(2009));
    MrioYear t = sy.table();
    Layout l = t.layout();
    assertEquals(List.of("AUS", "BRA", "FIN", "FRA", "KOR", "WWF"), l.countries());
    assertEquals(List.of("P001", "P002", "P003", "P004", "P005", "P006", "P007", "P008"), l.industries());
    assertEquals(List.of("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "VALUABLES", "EXPORTS"), l.categories());
    assertEquals("food", sy.industryNames().get("P001"));
    assertEquals("Australia", sy.countryNames().get("AUS"));
    assertEquals("Rest of World Africa", sy.countryNames().get("WWF"));
    assertEquals("EXIOBASE 3", sy.source());
    assertEquals("3.4_mock pxp", sy.edition());
    assertEquals("USD million", sy.unit());
    assertEquals(2009, t.year());
    // the mock has no factor inputs: one component VA = x − Z'1 (the store needs value_added/)
    assertEquals(List.of("VA"), List.copyOf(t.valueAdded().keySet()), "the mock has no factor inputs");
    assertNull(t.publishedOutput(), "the mock has no x.txt");
    Satellite sat = t.satellite();
    assertEquals(List.of("emission_type1", "emission_type2"), sat.stressors());
    assertEquals(List.of("kg", "kg"), sat.units());
    assertEquals(1848064.8, sat.f()[0], 0); // AUS food, emission_type1
    assertEquals(62335321, sat.fy()[0], 0); // F_hh.txt read as F_Y: AUS households
    assertTrue(sy.conversion().contains("x = (I − A)⁻¹·y"), sy.conversion());
    checkAgainstMockA(mock.resolve("A.txt"), t);
  }

  /** (I − A)·x = y and Z = A·x̂, with A parsed here by String.split and x = Z1 + y. */
  private static void checkAgainstMockA(Path aFile, MrioYear t) throws IOException {
    int n = t.n();
    List<String> lines = Files.readAllLines(aFile, StandardCharsets.UTF_8);
    double[] y = rowSums(t.finalDemand(), n, t.layout().finalDemandColumns());
    double[] x = rowSums(t.z(), n, n);
    for (int i = 0; i < n; i++) {
      x[i] += y[i];
    }
    for (int i = 0; i < n; i++) {
      String[] cells = lines.get(3 + i).split("\t");
      double ax = 0;
      for (int j = 0; j < n; j++) {
        double a = Double.parseDouble(cells[2 + j]);
        ax += a * x[j];
        assertClose(a * x[j], t.zAt(i, j), 1e-12, "Z = A·x̂ at " + i + "," + j);
      }
      assertClose(x[i] - ax, y[i], 1e-9, "(I − A)x = y at row " + i);
    }
  }

  @Test
  void mockWithoutYearNamesTheFolder() {
    Path mock = SharedData.require(MOCK + "/A.txt").getParent();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> source.plan(List.of(mock), OptionalInt.empty()));
    assertTrue(e.getMessage().contains("exio3_mock") && e.getMessage().contains("--year"), e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // synthetic releases in the published layout

  private Path release(ExiobaseFixture fx, ExiobaseFixture.Options o, String name) throws IOException {
    Path root = tmp.resolve(name);
    fx.write(root, o);
    return root;
  }

  /** Everything the fixture knows, compared with what was read. */
  private static void assertMatches(ExiobaseFixture fx, SourceYear sy, double rel) {
    MrioYear t = sy.table();
    int n = fx.n;
    assertEquals(n, t.n());
    for (int k = 0; k < n * n; k++) {
      assertClose(fx.z[k], t.z()[k], rel, "Z cell " + k);
    }
    assertArrayEquals(fx.yf, t.finalDemand(), 0);
    assertEquals(List.of(ExiobaseFixture.VA_CODES), List.copyOf(t.valueAdded().keySet()));
    for (int c = 0; c < fx.va.length; c++) {
      assertArrayEquals(fx.va[c], t.valueAdded().get(ExiobaseFixture.VA_CODES[c]), 0);
    }
    double[] y = rowSums(t.finalDemand(), n, t.layout().finalDemandColumns());
    double[] zx = rowSums(t.z(), n, n);
    for (int i = 0; i < n; i++) {
      assertClose(fx.x[i], zx[i] + y[i], Math.max(rel, 1e-12), "x = Z1 + y at row " + i);
    }
  }

  @Test
  void coefficientsWithoutOutputAreSolvedByOneLu() throws IOException {
    ExiobaseFixture fx = new ExiobaseFixture(3, 4, 4, 1);
    ExiobaseFixture.Options o = new ExiobaseFixture.Options(true, false, false, false, "F_Y.txt", true, true);
    SourceYear sy = readOne(release(fx, o, "IOT_2011_pxp"), OptionalInt.empty());
    assertMatches(fx, sy, 1e-12);
    assertNull(sy.table().publishedOutput());
    assertEquals(2011, sy.table().year());
    assertEquals("3.8.2 pxp", sy.edition());
    assertEquals("EUR million", sy.unit());
    assertEquals(List.of("AUT", "DEU", "GBR"), sy.table().layout().countries());
    assertEquals("Cultivation of paddy rice", sy.industryNames().get("P001"));
    assertTrue(sy.notes().stream().anyMatch(s -> s.startsWith("row balance x = Z1 + y")), sy.notes().toString());
  }

  @Test
  void coefficientsWithPublishedOutputUseIt() throws IOException {
    ExiobaseFixture fx = new ExiobaseFixture(3, 4, 4, 2);
    SourceYear sy = readOne(release(fx, ExiobaseFixture.Options.V38, "IOT_2012_pxp"), OptionalInt.empty());
    assertMatches(fx, sy, 0);
    assertArrayEquals(fx.x, sy.table().publishedOutput(), 0);
    assertTrue(sy.conversion().contains("published gross output x.txt"), sy.conversion());
  }

  @Test
  void flowsAreReadAsPublished() throws IOException {
    ExiobaseFixture fx = new ExiobaseFixture(2, 3, 3, 3);
    ExiobaseFixture.Options o = new ExiobaseFixture.Options(true, true, true, false, "F_Y.txt", false, false);
    SourceYear sy = readOne(release(fx, o, "IOT_2013_pxp"), OptionalInt.empty());
    assertMatches(fx, sy, 0);
    assertTrue(sy.notes().contains("Z.txt read as published; A.txt not read"), sy.notes().toString());
  }

  @Test
  void extensionsSplitIntoValueAddedAndStressorsWithUnits() throws IOException {
    ExiobaseFixture fx = new ExiobaseFixture(2, 3, 4, 4);
    SourceYear sy = readOne(release(fx, ExiobaseFixture.Options.V38, "IOT_2014_pxp"), OptionalInt.empty());
    Satellite sat = sy.table().satellite();
    assertEquals(List.of("impacts/Nitrogen", "Stressor 3 - air", "CO2 - combustion - air", "Employment: Low-skilled male",
        "satellite/Nitrogen"), sat.stressors());
    assertEquals(List.of("kg N", "kg", "kg", "1000 p.", "kg"), sat.units());
    int m = sat.m();
    for (int k = 0; k < fx.n; k++) {
      assertEquals(fx.f.get(0)[k], sat.f()[2 + k * m], 0);
      assertEquals(fx.f.get(2)[k], sat.f()[0 + k * m], 0);
      assertEquals(fx.f.get(2)[k], sat.f()[4 + k * m], 0);
    }
    for (int c = 0; c < fx.gf; c++) {
      assertEquals(fx.fy.get(0)[c], sat.fy()[2 + c * m], 0);
    }
    assertTrue(sy.notes().stream().anyMatch(s -> s.contains("Taxes less subsidies") && s.contains("not kept: total 5.5")),
        sy.notes().toString());
    assertTrue(sy.notes().stream().anyMatch(s -> s.startsWith("column balance")), sy.notes().toString());
  }

  @Test
  void release39WithFactorInputsFolderAndF_hhGivesTheSameTable() throws IOException {
    ExiobaseFixture fx = new ExiobaseFixture(2, 3, 3, 5);
    SourceYear a = readOne(release(fx, ExiobaseFixture.Options.V38, "IOT_2015_pxp"), OptionalInt.empty());
    ExiobaseFixture.Options v39 = new ExiobaseFixture.Options(true, false, true, true, "F_hh.txt", false, false);
    SourceYear b = readOne(release(fx, v39, "IOT_2016_pxp"), OptionalInt.empty());
    for (String comp : a.table().valueAdded().keySet()) {
      assertArrayEquals(a.table().valueAdded().get(comp), b.table().valueAdded().get(comp), 0, comp);
    }
    Satellite sa = a.table().satellite();
    Satellite sb = b.table().satellite();
    assertEquals(List.of("Nitrogen", "CO2 - combustion - air", "Employment: Low-skilled male"), sa.stressors());
    assertEquals(List.of("CO2 - combustion - air", "Employment: Low-skilled male", "Nitrogen"), sb.stressors());
    for (int s = 0; s < sa.m(); s++) {
      int t = sb.stressors().indexOf(sa.stressors().get(s));
      assertEquals(sa.units().get(s), sb.units().get(t));
      for (int c = 0; c < fx.gf; c++) {
        assertEquals(sa.fy()[s + c * sa.m()], sb.fy()[t + c * sb.m()], 0);
      }
      for (int k = 0; k < fx.n; k++) {
        assertEquals(sa.f()[s + k * sa.m()], sb.f()[t + k * sb.m()], 0);
      }
    }
  }

  @Test
  void zipAsPublishedIsStreamedAndIxiNamed() throws IOException {
    ExiobaseFixture fx = new ExiobaseFixture(2, 3, 3, 6);
    Path folder = release(fx, ExiobaseFixture.Options.V38, "IOT_2017_ixi");
    Files.writeString(folder.resolve("metadata.json"), "{\"system\": \"ixi\", \"version\": \"3.9.4\"}");
    Path zip = tmp.resolve("IOT_2017_ixi.zip");
    ExiobaseFixture.zip(folder, zip, ExiobaseFixture.defaultLevel());
    SourceYear sy = readOne(zip, OptionalInt.empty());
    assertMatches(fx, sy, 0);
    assertEquals("3.9.4 ixi", sy.edition());
    assertEquals(List.of("I001", "I002", "I003"), sy.table().layout().industries());
    assertTrue(sy.conversion().startsWith("Coefficients A.txt"), sy.conversion());
  }

  @Test
  void aFolderOfZipsPlansOneUnitPerYearSorted() throws IOException {
    ExiobaseFixture fx = new ExiobaseFixture(2, 2, 3, 7);
    Path dir = Files.createDirectories(tmp.resolve("downloads"));
    for (int yr : new int[] {2020, 2018}) {
      Path folder = release(fx, ExiobaseFixture.Options.V38, "IOT_" + yr + "_pxp");
      ExiobaseFixture.zip(folder, dir.resolve("IOT_" + yr + "_pxp.zip"), 1);
    }
    Files.writeString(dir.resolve("README.txt"), "not a year");
    List<SourceUnit> units = source.plan(List.of(dir), OptionalInt.empty());
    assertEquals(List.of(2018, 2020), units.stream().map(SourceUnit::year).toList());
    assertEquals("IOT_2018_pxp.zip", units.get(0).label());
    assertTrue(units.get(0).members().contains("IOT_2018_pxp/satellite/F.txt"), units.get(0).members().toString());
  }

  @Test
  void recogniseNamesWhatItFound() throws IOException {
    ExiobaseFixture fx = new ExiobaseFixture(2, 2, 3, 8);
    Path folder = release(fx, ExiobaseFixture.Options.V38, "IOT_2019_pxp");
    Path zip = tmp.resolve("IOT_2019_pxp.zip");
    ExiobaseFixture.zip(folder, zip, 1);
    assertEquals("EXIOBASE 3 pxp: IOT_2019_pxp.zip!IOT_2019_pxp/ A.txt + x.txt + Y.txt, extensions impacts/ satellite/",
        source.recognise(zip).orElseThrow());
    assertTrue(source.recognise(folder).orElseThrow().startsWith("EXIOBASE 3 pxp: IOT_2019_pxp A.txt"));
    assertTrue(MrioSources.recognise(zip).containsKey("exiobase3"));
    Path downloads = Files.createDirectories(tmp.resolve("downloads"));
    Files.copy(zip, downloads.resolve("IOT_2019_pxp.zip"));
    Files.copy(zip, downloads.resolve("IOT_2020_pxp.zip"));
    assertTrue(source.recognise(downloads).orElseThrow().endsWith("and 1 more in downloads"));
    Path csv = Files.writeString(tmp.resolve("ICIO2023_2019.csv"), "V1,AUS_A01\nAUS_A01,1\n");
    assertTrue(source.recognise(csv).isEmpty());
    Path otherZip = tmp.resolve("other.zip");
    ExiobaseFixture.zip(Files.createDirectories(tmp.resolve("other")), otherZip, 1);
    assertTrue(source.recognise(otherZip).isEmpty());
    assertTrue(source.help().contains("bin/tiva ingest --format exiobase3"));
    assertEquals("exiobase3", MrioSources.of("exiobase3").format());
  }
}
