package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.io.IcioNames;
import io.tivaspark.common.io.source.ExcelTestTable.Flavor;
import io.tivaspark.common.model.Layout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every source names its final-demand categories and value-added components for {@code mrio.json}
 * ({@link SourceYear#categoryNames()}, {@link SourceYear#componentNames()}): each category and
 * component of the year read has a non-blank label, from the file (WIOD/ADB header descriptions and
 * column B, Eora's labels, EXIOBASE's Y.txt and F.txt names, GLORIA's ReadMe) or the documented
 * code list (FIGARO's ESA codes, the OECD ICIO codes). The Eora, EXIOBASE and GLORIA cases read
 * pymrio's mocks (skipped, loudly, without ../shared).
 */
class SourceNamesTest {
  @TempDir
  Path dir;

  private static SourceYear readOne(MrioSource src, Path input, OptionalInt year) throws Exception {
    List<SourceUnit> units = src.plan(List.of(input), year);
    return src.read(units.get(0));
  }

  /** Every category and component of the year has a label; returns the year for more checks. */
  private static SourceYear assertNamed(SourceYear y) {
    Layout l = y.table().layout();
    for (String c : l.categories()) {
      String name = y.categoryNames().get(c);
      assertFalse(name == null || name.isBlank(), y.source() + ": category " + c + " has no name: " + y.categoryNames());
    }
    for (String c : y.table().valueAdded().keySet()) {
      String name = y.componentNames().get(c);
      assertFalse(name == null || name.isBlank(), y.source() + ": component " + c + " has no name: " + y.componentNames());
    }
    return y;
  }

  @Test
  void wiod2016AndAdbFromTheSheet() throws Exception {
    Path w = ExcelTestFiles.write(new ExcelTestGrid(ExcelTestTable.small(Flavor.WIOD2016, 2014, 1)),
        dir.resolve("WIOT2014_Nov16_ROW.xlsx"));
    SourceYear wiod = assertNamed(readOne(new WiodSource(), w, OptionalInt.empty()));
    assertEquals("Final consumption expenditure by households", wiod.categoryNames().get("CONS_h"));
    Path a = ExcelTestFiles.write(new ExcelTestGrid(ExcelTestTable.small(Flavor.ADB, 2019, 21)),
        dir.resolve("ADB-MRIO-2019.xlsx"));
    assertNamed(readOne(new AdbSource(), a, OptionalInt.empty()));
  }

  @Test
  void wiod2013MockWorkbook() throws Exception {
    Path w = SharedData.require("data/pymrio-mocks/wiod_mock/wiot09_row_sep12.xlsx");
    try {
      assertNamed(readOne(new WiodSource(), w, OptionalInt.empty()));
    } catch (RuntimeException e) {
      // CI once failed here with a SAX error that no local rerun (300 repetitions) reproduced: name
      // the bytes that were read, so that a damaged copy of the mock can be told from a reader fault
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(w));
      throw new AssertionError("reading " + w + " (" + java.nio.file.Files.size(w) + " bytes, sha256 "
          + java.util.HexFormat.of().formatHex(sha) + ") failed: " + e.getMessage(), e);
    }
  }

  @Test
  void figaroFromTheCodeList() throws Exception {
    FigaroTestTable t = FigaroTestTable.random(FigaroSourceTest.AREAS, FigaroSourceTest.CODES, 7);
    Path matrix = dir.resolve(FigaroSourceTest.MATRIX);
    t.writeMatrix(matrix);
    SourceYear y = assertNamed(FigaroSourceTest.readOne(matrix));
    assertEquals("Gross fixed capital formation", y.categoryNames().get("P51G"));
    assertEquals("Compensation of employees", y.componentNames().get("D1"));
  }

  @Test
  void eoraExiobaseGloriaMocks() throws Exception {
    assertNamed(readOne(new EoraSource(), EoraSourceTest.mock(), OptionalInt.empty()));
    Path exio = SharedData.require("data/pymrio-mocks/exio3_mock/A.txt").getParent();
    assertNamed(readOne(new ExiobaseSource(), exio, OptionalInt.of(2009)));
    assertNamed(readOne(new GloriaSource(), GloriaSourceTest.mock(), OptionalInt.empty()));
  }

  @Test
  void icioCodeList() {
    Map<String, String> cats = IcioNames.categories(List.of("HFCE", "NPS", "P33", "DISC", "c37"));
    assertEquals("Household final consumption expenditure", cats.get("HFCE"));
    assertEquals("Direct purchases abroad by residents", cats.get("P33"));
    assertEquals(null, cats.get("c37"));
    assertEquals(List.of("HFCE", "NPS", "P33", "DISC", "c37"), List.copyOf(cats.keySet()));
    assertEquals("Value added at basic prices", IcioNames.components(List.of("VALU")).get("VALU"));
  }
}
