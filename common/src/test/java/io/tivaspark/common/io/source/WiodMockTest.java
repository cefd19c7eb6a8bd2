package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pymrio's WIOD 2013 mock ({@code ../shared/data/pymrio-mocks/wiod_mock}: 6 regions × 8 sectors,
 * the {@code AIR_may12/} and {@code lan_may12.zip} environmental accounts) through
 * {@code --format wiod2016}: every cell against an independent read of the same workbook by
 * position (POI's in-memory workbook, as pymrio reads it), the identities, the accounts; with
 * {@code -Dtiva.crosscheck.out=DIR} it writes {@code DIR/wiod2016/*.csv} for
 * {@code tools/crosscheck/formats/wiod2016.py} (pymrio's {@code parse_wiod} of the same files).
 */
class WiodMockTest {
  private static final String MOCK = "data/pymrio-mocks/wiod_mock/wiot09_row_sep12.xlsx";

  @Test
  void mockDirectoryWithItsEnvironmentalAccounts() throws Exception {
    Path dir = SharedData.require(MOCK).getParent();
    WiodSource wiod = new WiodSource();
    List<SourceUnit> units = wiod.plan(List.of(dir), OptionalInt.empty());
    assertEquals(1, units.size(), "the SEA workbook beside it is not a WIOT workbook");
    assertEquals(List.of("wiot09_row_sep12.xlsx", "AIR_may12", "lan_may12.zip"), units.get(0).members());
    SourceYear y = wiod.read(units.get(0));
    MrioYear m = y.table();
    assertEquals(2009, m.year());
    assertEquals(List.of("AUS", "BEL", "LUX", "ROU", "USA", "RoW"), m.layout().countries());
    assertEquals(List.of("AtB", "C", "15t16", "17t18", "19", "20", "21t22", "P"), m.layout().industries());
    assertEquals(List.of("c37", "c38", "c39", "c41", "c42"), m.layout().categories());
    assertEquals("2013 release", y.edition());
    assertTrue(wiod.recognise(dir).orElseThrow().matches("WIOD 2013 release workbook \\(wiot09_row_sep12.xlsx, sheet WIOT_2009;"
        + " final demand c37 \\.\\.\\. c42\\) \\+ environmental accounts \\[AIR_may12, lan_may12.zip\\]"));
    assertSameAsPositionalRead(m, SharedData.require(MOCK));
    assertAccounts(m.satellite(), m.layout());
    Path out = ExcelCrosscheckDump.outDir("wiod2016");
    if (out != null) {
      ExcelCrosscheckDump.write(m, out);
      System.out.println("crosscheck CSVs of the WIOD mock written to " + out);
    }
  }

  /**
   * Accounts: a country's workbook missing and a sector the table does not have are errors; an
   * account without the year's sheet is skipped with a note (the accounts end in 2009).
   */
  @Test
  void environmentalAccountsBadInput(@TempDir Path tmp) throws Exception {
    Path mock = SharedData.require(MOCK).getParent();
    Files.copy(mock.resolve("wiot09_row_sep12.xlsx"), tmp.resolve("wiot09_row_sep12.xlsx"));
    Path air = Files.createDirectory(tmp.resolve("AIR_may12"));
    for (String c : List.of("AUS", "BEL", "ROU", "ROW", "USA")) {
      Files.copy(mock.resolve("AIR_may12/" + c + "_AIR_May12.xls"), air.resolve(c + "_AIR_May12.xls"));
    }
    WiodSource wiod = new WiodSource();
    SourceUnit unit = wiod.plan(List.of(tmp), OptionalInt.empty()).get(0);
    ExcelTestAsserts.assertInvalid(() -> wiod.read(unit), "AIR_may12", "no workbook for country LUX");

    Path other = Files.createDirectory(tmp.resolve("small"));
    Files.move(air, other.resolve("AIR_may12"));
    ExcelTestFiles.write(new ExcelTestGrid(ExcelTestTable.small(ExcelTestTable.Flavor.WIOD2013, 2008, 1)),
        other.resolve("wiot08_row_sep12.xlsx"));
    SourceYear y2008 = wiod.read(wiod.plan(List.of(other), OptionalInt.empty()).get(0));
    assertEquals(null, y2008.table().satellite());
    assertTrue(y2008.notes().contains("environmental account AIR_may12 has no sheet 2008 (AUS_AIR_May12.xls): not read"),
        y2008.notes().toString());
    Files.move(other.resolve("wiot08_row_sep12.xlsx"), other.resolve("x.tmp"));
    ExcelTestFiles.write(new ExcelTestGrid(ExcelTestTable.small(ExcelTestTable.Flavor.WIOD2013, 2009, 1)),
        other.resolve("wiot09_row_sep12.xlsx"));
    SourceUnit y2009 = wiod.plan(List.of(other), OptionalInt.empty()).get(0);
    ExcelTestAsserts.assertInvalid(() -> wiod.read(y2009), "AUS_AIR_May12.xls", "year 2009", "sheet 2009, row 3",
        "unknown row 'secC' (expected sec + an industry code of the table, FC_HH, secTOT or total)");
  }

  /**
   * The workbook read whole by position (rows 7–54, columns E on: Z, then 30 final-demand columns,
   * then the output column; rows 56–61 the components, row 62 the output row): every value equal
   * bit for bit, x = Z1 + y at 1e-12 relative (the output column) and Z'1 + Σ va = the output row
   * at 1e-12 relative (this mock's output row and column differ: its numbers are synthetic).
   */
  private static void assertSameAsPositionalRead(MrioYear m, Path file) throws Exception {
    int n = m.n();
    // from a stream, never new XSSFWorkbook(File): that opens the package read-write and its close()
    // writes the workbook back, which rewrote ../shared's mock while another test JVM was reading it
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet s = wb.getSheetAt(0);
      for (int i = 0; i < n; i++) {
        Row r = s.getRow(6 + i);
        double rowSum = 0;
        for (int j = 0; j < n + 30; j++) {
          double v = r.getCell(4 + j).getNumericCellValue();
          assertEquals(v, j < n ? m.zAt(i, j) : m.finalDemandAt(i, j - n), 0.0);
          rowSum += v;
        }
        double x = r.getCell(4 + n + 30).getNumericCellValue();
        assertEquals(x, m.publishedOutput()[i], 0.0);
        assertEquals(x, rowSum, 1e-12 * x);
      }
      List<String> comps = List.of("TLS", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM");
      assertEquals(comps, List.copyOf(m.valueAdded().keySet()));
      for (int j = 0; j < n; j++) {
        double colSum = 0;
        for (int i = 0; i < n; i++) {
          colSum += m.zAt(i, j);
        }
        for (int c = 0; c < comps.size(); c++) {
          double v = s.getRow(6 + n + 1 + c).getCell(4 + j).getNumericCellValue();
          assertEquals(v, m.valueAdded().get(comps.get(c))[j], 0.0);
          colSum += v;
        }
        double go = s.getRow(6 + n + 7).getCell(4 + j).getNumericCellValue();
        assertEquals(go, colSum, 1e-12 * go);
      }
    }
  }

  /** Values of the mock's account workbooks (AUS_AIR_May12.xls, AUS_LAN_May12.xls, sheet 2009). */
  private static void assertAccounts(Satellite s, Layout l) {
    assertEquals(List.of("CO2", "CH4", "N2O", "NOX", "SOX", "CO", "NMVOC", "NH3", "lan_Arable_Area",
        "lan_PermanentCrops_Area", "lan_Pastures_area", "lan_Forest_area", "lan_Total"), s.stressors());
    assertEquals(List.of("kt", "t", "t", "t", "t", "t", "t", "t", "1000 ha", "1000 ha", "1000 ha", "1000 ha", "1000 ha"),
        s.units());
    int m = s.m();
    int ausAtB = l.row(l.entityIndex("AUS"), l.industryIndex("AtB"));
    int ausP = l.row(l.entityIndex("AUS"), l.industryIndex("P"));
    assertEquals(6652.840865583831, s.f()[ausAtB * m], 0.0);
    assertEquals(23551.0, s.f()[8 + ausAtB * m], 0.0);
    assertEquals(0.0, s.f()[ausP * m], 0.0, "secP is blank: zero");
    int ausHouseholds = l.finalDemandColumn(l.countryIndex("AUS"), 0);
    assertEquals(41143.2189857637, s.fy()[ausHouseholds * m], 0.0);
    assertEquals(0.0, s.fy()[(ausHouseholds + 1) * m], 0.0);
    assertTrue(s.f().length == (long) m * l.n() && s.fy().length == (long) m * l.finalDemandColumns());
  }
}
