package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FigaroSource} on tables written in both published layouts from the same numbers
 * ({@link FigaroTestTable}): the matrix, the flat and the zipped flat file give the same year to 0,
 * equal to the numbers written; the identities x = Z1 + y and x = Z'1 + Σ va; the real FIGARO codes
 * (../shared/data/pymrio-mocks/figaro_codes.csv) industry by industry and product by product; plan,
 * --year and recognise. Bad input: {@link FigaroBadInputTest}.
 */
class FigaroSourceTest {
  static final List<String> AREAS = List.of("AR", "FI", "FIGW1");
  static final List<String> CODES = List.of("A01", "C10T12", "C31_32", "L");
  static final String MATRIX = "matrix_eu-ic-io_ind-by-ind_23ed_2021.csv";
  static final String FLAT = "flatfile_eu-ic-io_ind-by-ind_23ed_2021.csv";

  @TempDir
  Path dir;

  private final FigaroSource source = new FigaroSource();

  static SourceYear readOne(Path file) throws IOException {
    FigaroSource s = new FigaroSource();
    List<SourceUnit> units = s.plan(List.of(file), OptionalInt.empty());
    assertEquals(1, units.size());
    return s.read(units.get(0));
  }

  @Test
  void matrixFlatAndZippedFlatGiveTheSameYearToZero() throws IOException {
    FigaroTestTable t = FigaroTestTable.random(AREAS, CODES, 7);
    Path matrix = dir.resolve(MATRIX);
    Path flat = dir.resolve(FLAT);
    Path zip = dir.resolve("flatfile_eu-ic-io_ind-by-ind_23ed_2021.zip");
    t.writeMatrix(matrix);
    t.writeFlat(flat);
    t.writeFlatZip(zip, FLAT);
    MrioYear m = readOne(matrix).table();
    assertWritten(t, m);
    for (Path p : List.of(flat, zip)) {
      MrioYear f = readOne(p).table();
      assertEquals(m.layout(), f.layout(), p.toString());
      assertArrayEquals(m.z(), f.z(), 0.0);
      assertArrayEquals(m.finalDemand(), f.finalDemand(), 0.0);
      assertEquals(m.valueAdded().keySet(), f.valueAdded().keySet());
      m.valueAdded().forEach((k, v) -> assertArrayEquals(v, f.valueAdded().get(k), 0.0, k));
      assertNull(f.publishedOutput());
    }
  }

  /** The year read holds exactly the numbers written, under the store's codes. */
  static void assertWritten(FigaroTestTable t, MrioYear m) {
    Layout l = m.layout();
    assertEquals(t.areas.stream().map(FigaroLabels::storeArea).toList(), l.countries());
    assertEquals(t.codes, l.industries());
    assertEquals(FigaroLabels.CATEGORIES, l.categories());
    assertEquals(2021, m.year());
    assertArrayEquals(t.z, m.z(), 0.0);
    assertArrayEquals(t.y, m.finalDemand(), 0.0);
    assertEquals(FigaroLabels.VA_ROWS, List.copyOf(m.valueAdded().keySet()));
    for (int k = 0; k < FigaroLabels.VA_ROWS.size(); k++) {
      assertArrayEquals(t.component(k), m.valueAdded().get(FigaroLabels.VA_ROWS.get(k)), 0.0);
    }
    assertNull(m.publishedOutput(), "FIGARO publishes no gross output");
  }

  @Test
  void identitiesOfTheYearRead() throws IOException {
    FigaroTestTable t = FigaroTestTable.random(AREAS, CODES, 11);
    Path matrix = dir.resolve(MATRIX);
    t.writeMatrix(matrix);
    assertIdentities(readOne(matrix).table(), t.output());
  }

  /**
   * x = Z1 + y (the row sums: FIGARO's definition of output, as no total is published) equals the
   * written x, and the column balance x = Z'1 + Σ W2 rows (FIGARO is balanced), relative 1e-12.
   */
  static void assertIdentities(MrioYear m, double[] written) {
    int n = m.n();
    double[] y = m.finalDemandByCountry();
    for (int i = 0; i < n; i++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < n; j++) {
        row += m.zAt(i, j);
        col += m.zAt(j, i);
      }
      for (int c = 0; c < m.layout().countryCount(); c++) {
        row += y[i + c * n];
      }
      for (double[] v : m.valueAdded().values()) {
        col += v[i];
      }
      double tol = 1e-12 * Math.max(1, Math.abs(written[i]));
      assertEquals(written[i], row, tol, "x = Z1 + y at row " + i);
      assertEquals(row, col, tol, "x = Z'1 + va at column " + i);
    }
  }

  @Test
  void realCodesIndustryByIndustryAndProductByProduct() throws IOException {
    Path codesFile = SharedData.require("data/pymrio-mocks/figaro_codes.csv");
    List<String> industries = new ArrayList<>();
    List<String> products = new ArrayList<>();
    for (String line : Files.readAllLines(codesFile, StandardCharsets.UTF_8)) {
      String[] f = line.split(",", 3);
      if (f[0].equals("a")) {
        industries.add(f[1]);
      } else if (f[0].equals("c")) {
        products.add(f[1]);
      }
    }
    assertEquals(64, industries.size());
    assertEquals(64, products.size());
    List<String> areas = List.of("DE", "FI", "FIGW1");
    checkReal(FigaroTestTable.random(areas, industries, 3), "matrix_eu-ic-io_ind-by-ind_23ed_2021.csv",
        "2023 edition, industry by industry", "C31_32", "Manufacture of furniture; other manufacturing");
    checkReal(FigaroTestTable.random(areas, products, 4), "matrix_eu-ic-io_prod-by-prod_23ed_2021.csv",
        "2023 edition, product by product", "CPA_C31_32", "Furniture and other manufactured goods");
  }

  private void checkReal(FigaroTestTable t, String name, String edition, String code, String title) throws IOException {
    Path matrix = dir.resolve(name);
    t.writeMatrix(matrix);
    Path flat = dir.resolve(name.replace("matrix_", "flatfile_").replace(".csv", ".zip"));
    t.writeFlatZip(flat, name.replace("matrix_", "flatfile_"));
    SourceYear sm = readOne(matrix);
    SourceYear sf = readOne(flat);
    assertWritten(t, sm.table());
    assertArrayEquals(sm.table().z(), sf.table().z(), 0.0);
    assertArrayEquals(sm.table().finalDemand(), sf.table().finalDemand(), 0.0);
    assertEquals(192, sm.table().n());
    assertEquals(List.of("DEU", "FIN", "ROW"), sm.table().layout().countries());
    assertEquals(edition, sm.edition());
    assertEquals("EUR million", sm.unit());
    assertEquals(Map.of("DEU", "Germany (DE)", "FIN", "Finland (FI)", "ROW", "Rest of the world (FIGW1)"), sm.countryNames());
    assertEquals(title, sm.industryNames().get(code));
    assertEquals(64, sm.industryNames().size());
    assertTrue(sm.notes().stream().anyMatch(s -> s.startsWith("largest column imbalance")), sm.notes().toString());
    assertIdentities(sf.table(), t.output());
    source.recognise(matrix).orElseThrow();
  }

  @Test
  void planTakesTheYearFromTheNameElseFromYear() throws IOException {
    FigaroTestTable t = FigaroTestTable.random(AREAS, CODES, 5);
    Path d = Files.createDirectories(dir.resolve("download"));
    t.writeMatrix(d.resolve("matrix_eu-ic-io_ind-by-ind_25ed_2019_v2.csv"));
    t.writeFlatZip(d.resolve("flatfile_eu-ic-io_ind-by-ind_24ed_2020.zip"), "flatfile_eu-ic-io_ind-by-ind_24ed_2020.csv");
    Files.writeString(d.resolve("ReadMe.pdf"), "not a table");
    List<SourceUnit> units = source.plan(List.of(d), OptionalInt.of(1999));
    assertEquals(List.of(2019, 2020), units.stream().map(SourceUnit::year).toList());
    assertEquals(List.of("flatfile_eu-ic-io_ind-by-ind_24ed_2020.csv"), units.get(1).members());
    assertTrue(units.get(1).label().endsWith(".zip!flatfile_eu-ic-io_ind-by-ind_24ed_2020.csv"), units.get(1).label());
    SourceYear y2020 = source.read(units.get(1));
    assertEquals(2020, y2020.table().year());
    assertEquals("2024 edition, industry by industry", y2020.edition());

    Path noYear = dir.resolve("figaro.csv");
    t.writeMatrix(noYear);
    SourceUnit u = source.plan(List.of(noYear), OptionalInt.of(2017)).get(0);
    assertEquals(2017, u.year());
    assertEquals(2017, source.read(u).table().year());
    assertEquals("industry by industry", source.read(u).edition());
  }

  @Test
  void recognisesBothFormatsAndNamesSupplyUse() throws IOException {
    FigaroTestTable t = FigaroTestTable.random(AREAS, CODES, 6);
    Path matrix = dir.resolve(MATRIX);
    t.writeMatrix(matrix);
    Path zip = dir.resolve("f.zip");
    t.writeFlatZip(zip, FLAT);
    assertTrue(source.recognise(matrix).orElseThrow().contains("CSV matrix format"));
    assertTrue(source.recognise(zip).orElseThrow().contains("CSV flat format"));
    assertTrue(source.recognise(dir).orElseThrow().contains("1 IC-IOT in CSV matrix format"));
    Path use = dir.resolve("flatfile_eu-ic-use_23ed_2021.csv");
    Files.writeString(use, "icuseRow,icuseCol,refArea,rowPi,counterpartArea,colPi,obsValue\nAR_CPA_A01,AR_A01,AR,CPA_A01,AR,A01,1\n");
    assertTrue(source.recognise(use).orElseThrow().contains("supply or use table (not read"));
    Path icio = dir.resolve("ICIO2023_2019.csv");
    Files.writeString(icio, "V1,AUS_A01,AUS_HFCE,OUT\nAUS_A01,1,2,3\n");
    assertTrue(source.recognise(icio).isEmpty());
    assertTrue(source.recognise(dir.resolve("missing.csv")).isEmpty());
    assertTrue(MrioSources.formats().contains("figaro"));
    assertTrue(MrioSources.of("figaro").help().contains("--format figaro"));
  }

  @Test
  void quotedCellsBomAndCrlfReadFine() throws IOException {
    FigaroTestTable t = FigaroTestTable.random(AREAS, CODES, 8);
    Path matrix = dir.resolve(MATRIX);
    t.writeMatrix(matrix);
    List<String> lines = Files.readAllLines(matrix);
    StringBuilder sb = new StringBuilder("\uFEFF");
    for (String line : lines) {
      sb.append('"').append(line.replace(",", "\",\"")).append("\"\r\n");
    }
    Path quoted = dir.resolve("q_2021.csv");
    Files.writeString(quoted, sb.toString());
    assertWritten(t, readOne(quoted).table());
  }
}
