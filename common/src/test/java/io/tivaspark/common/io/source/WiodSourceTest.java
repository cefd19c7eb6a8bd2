package io.tivaspark.common.io.source;

import static io.tivaspark.common.io.source.ExcelTestAsserts.assertBalanced;
import static io.tivaspark.common.io.source.ExcelTestAsserts.assertInvalid;
import static io.tivaspark.common.io.source.ExcelTestAsserts.assertSameCells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.source.ExcelTestTable.Flavor;
import io.tivaspark.common.model.MrioYear;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format wiod2016} on workbooks built in the published layouts (WIOD 2016 as .xlsx and
 * .xlsb, WIOD 2013), alone, in a directory and in the release's zip; and every bad input:
 * docs/sources/wiod2016.md.
 */
class WiodSourceTest {
  @TempDir Path dir;

  private final WiodSource wiod = new WiodSource();

  private SourceYear readOne(Path input, OptionalInt year) {
    List<SourceUnit> units = wiod.plan(List.of(input), year);
    assertEquals(1, units.size());
    return wiod.read(units.get(0));
  }

  private Path write(ExcelTestTable t, String name) throws Exception {
    return ExcelTestFiles.write(new ExcelTestGrid(t), dir.resolve(name));
  }

  @Test
  void wiod2016XlsxIsReadCellForCellAndBalances() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2016, 2014, 1);
    SourceYear y = readOne(write(t, "WIOT2014_Nov16_ROW.xlsx"), OptionalInt.empty());
    MrioYear m = y.table();
    assertEquals(2014, m.year());
    assertEquals(List.of("AUS", "CHN", "ROW"), m.layout().countries());
    assertEquals(List.of("A01", "C10-C12", "J62_J63", "U"), m.layout().industries());
    assertEquals(List.of("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"), m.layout().categories());
    assertSameCells(t, m);
    assertBalanced(m);
    assertEquals("WIOD", y.source());
    assertEquals("2016 release", y.edition());
    assertEquals("USD million", y.unit());
    assertEquals("Manufacture of food products, beverages and tobacco products", y.industryNames().get("C10-C12"));
    assertEquals("ROW", y.countryNames().get("ROW"));
    assertTrue(y.notes().get(0).startsWith("row II_fob/r60 (total intermediate use, not stored) vs Z'1: largest difference"),
        y.notes().toString());
    assertEquals(null, m.satellite());
  }

  @Test
  void wiod2016XlsbReadsTheSameAsXlsx() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2016, 2014, 2);
    MrioYear xlsb = readOne(write(t, "WIOT2014_Nov16_ROW.xlsb"), OptionalInt.empty()).table();
    assertSameCells(t, xlsb);
    assertBalanced(xlsb);
    Files.createDirectory(dir.resolve("x"));
    MrioYear xlsx = readOne(ExcelTestFiles.write(new ExcelTestGrid(t), dir.resolve("x/WIOT2014_Nov16_ROW.xlsx")),
        OptionalInt.empty()).table();
    assertEquals(xlsx.layout(), xlsb.layout());
  }

  @Test
  void wiod2013LayoutStoresRomAsRouAndReadsTheUncodedMarginsRow() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2013, 2009, 3);
    SourceYear y = readOne(write(t, "wiot09_row_sep12.xlsx"), OptionalInt.empty());
    MrioYear m = y.table();
    assertEquals(2009, m.year());
    assertEquals(List.of("AUS", "ROU", "RoW"), m.layout().countries());
    assertEquals(List.of("AtB", "19", "15t16", "P"), m.layout().industries());
    assertEquals(List.of("c37", "c38", "c39", "c41", "c42"), m.layout().categories());
    assertSameCells(t, m);
    assertBalanced(m);
    assertEquals("2013 release", y.edition());
    assertEquals("ROM", y.countryNames().get("ROU"));
    assertTrue(y.notes().contains("country ROM stored as ROU"), y.notes().toString());
  }

  @Test
  void releaseZipAndDirectoryArePlannedByYear() throws Exception {
    Path a = write(ExcelTestTable.small(Flavor.WIOD2016, 2013, 4), "WIOT2013_Nov16_ROW.xlsb");
    Path b = write(ExcelTestTable.small(Flavor.WIOD2016, 2014, 5), "WIOT2014_Nov16_ROW.xlsb");
    Path readme = Files.writeString(dir.resolve("ReadMe.txt"), "WIOD");
    Path zip = ExcelTestFiles.zip(dir.resolve("WIOTS_in_EXCEL.zip"), b, readme, a);
    List<SourceUnit> units = wiod.plan(List.of(zip), OptionalInt.empty());
    assertEquals(List.of(2013, 2014), units.stream().map(SourceUnit::year).toList());
    assertEquals(List.of("WIOT2013_Nov16_ROW.xlsb"), units.get(0).members());
    assertSameCells(ExcelTestTable.small(Flavor.WIOD2016, 2014, 5), wiod.read(units.get(1)).table());
    assertEquals(2014, wiod.plan(List.of(zip), OptionalInt.of(2014)).get(0).year());
    assertInvalid(() -> wiod.plan(List.of(zip), OptionalInt.of(2015)), "WIOTS_in_EXCEL.zip", "year 2015",
        "no workbook of year 2015 in the input (it holds 2013, 2014)");
    Path sub = Files.createDirectory(dir.resolve("release"));
    Files.move(zip, sub.resolve("WIOTS_in_EXCEL.zip"));
    Files.writeString(sub.resolve("notes.pdf"), "");
    List<SourceUnit> fromDir = wiod.plan(List.of(sub), OptionalInt.empty());
    assertEquals(List.of("WIOTS_in_EXCEL.zip!/WIOT2014_Nov16_ROW.xlsb"), fromDir.get(1).members());
    assertSameCells(ExcelTestTable.small(Flavor.WIOD2016, 2014, 5), wiod.read(fromDir.get(1)).table());
  }

  @Test
  void yearFromTheNameOrYearFlag() throws Exception {
    assertEquals(OptionalInt.of(2014), WiodSource.year("WIOT2014_Nov16_ROW.xlsb", "x"));
    assertEquals(OptionalInt.of(1995), WiodSource.year("WIOT95_ROW_Apr12.xlsx", "x"));
    assertEquals(OptionalInt.of(2009), WiodSource.year("wiot09_row_sep12.xlsx", "x"));
    assertEquals(OptionalInt.empty(), WiodSource.year("wiot_table.xlsx", "x"));
    Path f = write(ExcelTestTable.small(Flavor.WIOD2016, 2014, 6), "wiot_world.xlsx");
    assertInvalid(() -> wiod.plan(List.of(f), OptionalInt.empty()), "wiot_world.xlsx", "no year in the file name",
        "--year");
    assertEquals(2014, readOne(f, OptionalInt.of(2014)).table().year());
    assertInvalid(() -> readOne(f, OptionalInt.of(2012)), "wiot_world.xlsx", "year 2012", "sheet");
    Path g = write(ExcelTestTable.small(Flavor.WIOD2016, 2014, 7), "WIOT2014_copy.xlsx");
    Path h = write(ExcelTestTable.small(Flavor.WIOD2016, 2014, 8), "WIOT2014_Nov16_ROW.xlsx");
    assertInvalid(() -> wiod.plan(List.of(g, h), OptionalInt.empty()), "year 2014", "two workbooks of year 2014",
        "WIOT2014_copy.xlsx", "WIOT2014_Nov16_ROW.xlsx");
  }

  @Test
  void recognisesItsLayoutsFromTheirContent() throws Exception {
    Path b = write(ExcelTestTable.small(Flavor.WIOD2016, 2014, 9), "WIOT2014_Nov16_ROW.xlsb");
    assertTrue(wiod.recognise(b).orElseThrow().startsWith("WIOD 2016 release workbook (WIOT2014_Nov16_ROW.xlsb, sheet 2014"));
    Path old = write(ExcelTestTable.small(Flavor.WIOD2013, 2009, 9), "wiot09_row_sep12.xlsx");
    assertTrue(wiod.recognise(old).orElseThrow().startsWith("WIOD 2013 release workbook"));
    Path adb = write(ExcelTestTable.small(Flavor.ADB, 2019, 9), "ADB-MRIO-2019.xlsx");
    assertTrue(wiod.recognise(adb).isEmpty());
    assertTrue(new AdbSource().recognise(b).isEmpty());
    assertTrue(wiod.recognise(ExcelTestFiles.zip(dir.resolve("w.zip"), b)).orElseThrow().contains("1 WIOD workbooks"));
    assertTrue(wiod.recognise(Files.writeString(dir.resolve("x.csv"), "a,b")).isEmpty());
  }

  // ---------------------------------------------------------------------------- bad input

  private Path corrupt(ExcelTestTable t, String name, List<TreeMap<Integer, Object>> rows) throws Exception {
    return ExcelTestFiles.write(ExcelTestGrid.of(new ExcelTestGrid(t), rows), dir.resolve(name));
  }

  @Test
  void sheetMissing() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2016, 2013, 10);
    Path f = ExcelTestFiles.write(new ExcelTestGrid(t), dir.resolve("WIOT2014_Nov16_ROW.xlsb"), "Notes");
    assertInvalid(() -> readOne(f, OptionalInt.empty()), "WIOT2014_Nov16_ROW.xlsb", "year 2014",
        "no sheet for year 2014 (the workbook's sheets: Notes, 2013");
  }

  @Test
  void labelBlockShiftedByOneRow() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2016, 2014, 11);
    ExcelTestGrid g = new ExcelTestGrid(t);
    Path down = corrupt(t, "WIOT2014_down.xlsx", ExcelTestGrid.shiftLabels(g, 1));
    assertInvalid(() -> readOne(down, OptionalInt.empty()), "WIOT2014_down.xlsx", "year 2014", "sheet 2014, row 27",
        "has labels but no values (label block shifted by a row?)");
    Path up = corrupt(t, "WIOT2014_up.xlsb", ExcelTestGrid.shiftLabels(g, -1));
    assertInvalid(() -> readOne(up, OptionalInt.empty()), "WIOT2014_up.xlsb", "year 2014", "sheet 2014, cell E6",
        "text 'c1' where a number is expected (label block shifted by a row?)");
  }

  @Test
  void nonNumericCell() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2016, 2014, 12);
    ExcelTestGrid g = new ExcelTestGrid(t);
    List<TreeMap<Integer, Object>> rows = g.materialise();
    rows.get(8).put(5, "n/a");
    Path f = corrupt(t, "WIOT2014_Nov16_ROW.xlsb", rows);
    assertInvalid(() -> readOne(f, OptionalInt.empty()), "WIOT2014_Nov16_ROW.xlsb", "year 2014", "sheet 2014, cell F9",
        "text 'n/a' where a number is expected");
  }

  @Test
  void negativeGrossOutput() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2016, 2014, 13);
    ExcelTestGrid g = new ExcelTestGrid(t);
    List<TreeMap<Integer, Object>> rows = g.materialise();
    rows.get(7).put(g.totalCol(), -3.5);
    Path f = corrupt(t, "WIOT2014_Nov16_ROW.xlsx", rows);
    assertInvalid(() -> readOne(f, OptionalInt.empty()), "year 2014", "cell " + ExcelWorkbook.cellName(7, g.totalCol()),
        "negative gross output -3.5");
  }

  @Test
  void missingRowsAndUnknownRows() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2016, 2014, 14);
    ExcelTestGrid g = new ExcelTestGrid(t);
    List<TreeMap<Integer, Object>> rows = g.materialise();
    rows.remove(10); // CHN A01's row
    Path f = corrupt(t, "WIOT2014_a.xlsx", rows);
    assertInvalid(() -> readOne(f, OptionalInt.empty()), "sheet 2014", "no row CHN c1");
    List<TreeMap<Integer, Object>> cut = g.materialise().subList(0, g.firstData + t.n + 5);
    Path truncatedTable = corrupt(t, "WIOT2014_b.xlsx", cut);
    assertInvalid(() -> readOne(truncatedTable, OptionalInt.empty()), "rows VA/r64, IntTTM/trs, GO/r69 missing", "truncated");
    List<TreeMap<Integer, Object>> odd = g.materialise();
    odd.get(g.firstData + t.n + 2).put(0, "EXP_fob");
    odd.get(g.firstData + t.n + 2).put(1, "Something else");
    odd.get(g.firstData + t.n + 2).put(3, "r99x");
    Path unknown = corrupt(t, "WIOT2014_c.xlsx", odd);
    assertInvalid(() -> readOne(unknown, OptionalInt.empty()), "row " + (g.firstData + t.n + 3), "unknown row 'EXP_fob");
  }

  @Test
  void truncatedWorkbookAndZipMember() throws Exception {
    Path f = write(ExcelTestTable.small(Flavor.WIOD2016, 2014, 15), "WIOT2014_Nov16_ROW.xlsb");
    Path cut = ExcelTestFiles.truncate(f, dir.resolve("WIOT2014_cut.xlsb"), 0.6);
    assertInvalid(() -> readOne(cut, OptionalInt.empty()), "WIOT2014_cut.xlsb", "year 2014",
        "not a readable Excel 2007+ workbook");
    Path zip = ExcelTestFiles.zip(dir.resolve("WIOTS_in_EXCEL.zip"), f);
    List<SourceUnit> units = wiod.plan(List.of(zip), OptionalInt.empty());
    ExcelTestFiles.truncate(zip, zip, 0.7);
    assertInvalid(() -> wiod.read(units.get(0)), "WIOTS_in_EXCEL.zip", "year 2014");
    assertInvalid(() -> wiod.plan(List.of(zip), OptionalInt.empty()), "WIOTS_in_EXCEL.zip", "not a readable zip archive");
  }

  @Test
  void titleStatingAnotherYearAndTheAdbLayout() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.WIOD2016, 2014, 16);
    List<TreeMap<Integer, Object>> rows = new ExcelTestGrid(t).materialise();
    rows.get(0).put(0, "World Input-Output Table 2013");
    Path titled = corrupt(t, "WIOT2014_Nov16_ROW.xlsx", rows);
    assertInvalid(() -> readOne(titled, OptionalInt.empty()), "year 2014", "sheet 2014",
        "the sheet's title 'World Input-Output Table 2013' states year 2013, not 2014");
    Path adb = write(ExcelTestTable.small(Flavor.ADB, 2019, 16), "wiot_adb.xlsx");
    assertInvalid(() -> readOne(adb, OptionalInt.of(2019)), "wiot_adb.xlsx", "year 2019",
        "this is the ADB MRIO layout (final demand F1-F5): use --format adb");
  }

  @Test
  void cellNames() {
    assertEquals("E7", ExcelWorkbook.cellName(6, 4));
    assertEquals("AA1", ExcelWorkbook.cellName(0, 26));
    assertEquals("CYK", ExcelWorkbook.columnName(2688));
    assertEquals(2688, ExcelWorkbook.column("CYK2478"));
  }
}
