package io.tivaspark.common.io.source;

import static io.tivaspark.common.io.source.ExcelTestAsserts.assertBalanced;
import static io.tivaspark.common.io.source.ExcelTestAsserts.assertInvalid;
import static io.tivaspark.common.io.source.ExcelTestAsserts.assertSameCells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.source.ExcelTestTable.Flavor;
import io.tivaspark.common.model.MrioYear;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format adb} on workbooks built in the ADB MRIO's published layout (title lines, column
 * numbers row, {@code " "} for zero cells, {@code r60 … r69} and {@code trs} rows, the ToT column,
 * the note under the table) and every bad input: docs/sources/adb.md.
 */
class AdbSourceTest {
  @TempDir Path dir;

  private final AdbSource adb = new AdbSource();

  private SourceYear readOne(Path input, OptionalInt year) {
    List<SourceUnit> units = adb.plan(List.of(input), year);
    assertEquals(1, units.size());
    return adb.read(units.get(0));
  }

  private Path write(ExcelTestTable t, String name) throws Exception {
    return ExcelTestFiles.write(new ExcelTestGrid(t), dir.resolve(name));
  }

  @Test
  void adbLayoutIsReadCellForCellAndBalances() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.ADB, 2019, 21);
    SourceYear y = readOne(write(t, "ADB-MRIO-2019.xlsx"), OptionalInt.empty());
    MrioYear m = y.table();
    assertEquals(2019, m.year());
    assertEquals(List.of("AUS", "PRC", "RoW"), m.layout().countries());
    assertEquals(List.of("c1", "c2", "c3", "c4"), m.layout().industries());
    assertEquals(List.of("F1", "F2", "F3", "F4", "F5"), m.layout().categories());
    assertSameCells(t, m); // the " " cells of Z are zeros
    assertBalanced(m);
    assertEquals("ADB MRIO", y.source());
    assertEquals("3 economies, current prices", y.edition());
    assertEquals("USD million", y.unit());
    assertEquals("Mining and quarrying", y.industryNames().get("c2"));
    assertTrue(y.notes().get(1).startsWith("row GO/r69 (output, column sums) vs the output column (stored): largest"
        + " difference 0.00 (relative 0.00)"), y.notes().toString());
    Path out = ExcelCrosscheckDump.outDir("adb");
    if (out != null) { // for tools/crosscheck/formats/adb.py: the workbook and what was read from it
      ExcelTestFiles.write(new ExcelTestGrid(t), out.resolve("ADB-MRIO-2019.xlsx"));
      ExcelCrosscheckDump.write(m, out);
    }
  }

  @Test
  void yearFromTheNameAndXlsb() throws Exception {
    assertEquals(OptionalInt.of(2019), AdbSource.year("ADB-MRIO-2019.xlsx", "x"));
    assertEquals(OptionalInt.of(2017), AdbSource.year("ADB-MRIO62-2017_Dec2022.xlsx", "x"));
    assertEquals(OptionalInt.empty(), AdbSource.year("ADB-MRIO62.xlsx", "x"));
    ExcelTestTable t = ExcelTestTable.small(Flavor.ADB, 2017, 22);
    Path f = write(t, "ADB-MRIO62-2017_Dec2022.xlsb");
    assertSameCells(t, readOne(f, OptionalInt.empty()).table());
    Path noYear = write(ExcelTestTable.small(Flavor.ADB, 2017, 22), "ADB-MRIO.xlsx");
    assertInvalid(() -> adb.plan(List.of(noYear), OptionalInt.empty()), "ADB-MRIO.xlsx", "no year in the file name");
    assertEquals(2017, readOne(noYear, OptionalInt.of(2017)).table().year());
  }

  @Test
  void recognisesTheAdbLayoutOnly() throws Exception {
    Path f = write(ExcelTestTable.small(Flavor.ADB, 2019, 23), "ADB-MRIO-2019.xlsx");
    assertTrue(adb.recognise(f).orElseThrow().startsWith("ADB MRIO workbook (ADB-MRIO-2019.xlsx, sheet ADB MRIO 2019"));
    assertTrue(adb.recognise(dir).isPresent());
    assertTrue(new WiodSource().recognise(f).isEmpty());
    Path w = write(ExcelTestTable.small(Flavor.WIOD2016, 2014, 23), "mrio_wiot2014.xlsx");
    assertTrue(adb.recognise(w).isEmpty());
    assertInvalid(() -> readOne(w, OptionalInt.empty()), "mrio_wiot2014.xlsx", "year 2014",
        "this is the WIOD layout (final demand CONS_h ...): use --format wiod2016");
  }

  private Path corrupt(ExcelTestTable t, String name, List<TreeMap<Integer, Object>> rows) throws Exception {
    return ExcelTestFiles.write(ExcelTestGrid.of(new ExcelTestGrid(t), rows), dir.resolve(name));
  }

  @Test
  void badInput() throws Exception {
    ExcelTestTable t = ExcelTestTable.small(Flavor.ADB, 2019, 24);
    ExcelTestGrid g = new ExcelTestGrid(t);
    Path twoSheets = ExcelTestFiles.write(new ExcelTestGrid(ExcelTestTable.small(Flavor.ADB, 2018, 24)),
        dir.resolve("ADB-MRIO-2019.xlsx"), "Sheet1");
    assertInvalid(() -> readOne(twoSheets, OptionalInt.empty()), "ADB-MRIO-2019.xlsx", "year 2019",
        "no sheet for year 2019 (the workbook's sheets: Sheet1, ADB MRIO 2018");
    Path down = corrupt(t, "ADB-MRIO-2019-down.xlsx", ExcelTestGrid.shiftLabels(g, 1));
    assertInvalid(() -> readOne(down, OptionalInt.empty()), "year 2019", "label block shifted by a row?");
    Path up = corrupt(t, "ADB-MRIO-2019-up.xlsx", ExcelTestGrid.shiftLabels(g, -1));
    assertInvalid(() -> readOne(up, OptionalInt.empty()), "sheet ADB MRIO 2019, cell E7",
        "text 'c1' where a number is expected (label block shifted by a row?)");
    List<TreeMap<Integer, Object>> rows = g.materialise();
    rows.get(g.firstData + 2).put(g.fdCol(3), "1,234.5");
    Path text = corrupt(t, "ADB-MRIO-2019-text.xlsx", rows);
    assertInvalid(() -> readOne(text, OptionalInt.empty()), "cell " + ExcelWorkbook.cellName(g.firstData + 2, g.fdCol(3)),
        "text '1,234.5' where a number is expected");
    List<TreeMap<Integer, Object>> negative = g.materialise();
    negative.get(g.firstData + t.n + 7).put(g.zCol(5), -1.0);
    Path neg = corrupt(t, "ADB-MRIO-2019-neg.xlsx", negative);
    assertInvalid(() -> readOne(neg, OptionalInt.empty()), "cell " + ExcelWorkbook.cellName(g.firstData + t.n + 7, g.zCol(5)),
        "negative gross output -1.0");
    List<TreeMap<Integer, Object>> stray = g.materialise();
    stray.get(g.firstData + 1).put(g.totalCol() + 2, 5.0);
    Path strayValue = corrupt(t, "ADB-MRIO-2019-stray.xlsx", stray);
    assertInvalid(() -> readOne(strayValue, OptionalInt.empty()),
        "cell " + ExcelWorkbook.cellName(g.firstData + 1, g.totalCol() + 2), "a value in a column without a header label");
    List<TreeMap<Integer, Object>> extra = g.materialise();
    extra.get(5).put(g.totalCol() + 1, "XYZ");
    Path unknownColumn = corrupt(t, "ADB-MRIO-2019-col.xlsx", extra);
    assertInvalid(() -> readOne(unknownColumn, OptionalInt.empty()), "cell " + ExcelWorkbook.cellName(5, g.totalCol() + 1),
        "unknown column 'XYZ' (neither the intermediate block, final demand of a country, nor output)");
    Path cut = ExcelTestFiles.truncate(write(t, "ADB-MRIO-2019-ok.xlsx"), dir.resolve("ADB-MRIO-2019-cut.xlsx"), 0.5);
    assertInvalid(() -> readOne(cut, OptionalInt.empty()), "ADB-MRIO-2019-cut.xlsx", "not a readable Excel 2007+ workbook");
  }
}
