package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad GLORIA input: each case is one {@link InvalidInputException} whose message names the file
 * (archive!member or workbook!sheet), the year, the place (row R col C, cell, entry) and the rule.
 * The release is a small balanced one ({@link GloriaTestRelease}: 3 regions × 4 sectors, so T is
 * 24 × 24), corrupted copy by copy under a temporary folder.
 */
class GloriaBadInputTest {
  static final int YEAR = 2019;

  @TempDir Path tmp;
  GloriaTestRelease rel;
  Path mrio;
  Path sat;

  @BeforeEach
  void release() throws IOException {
    rel = new GloriaTestRelease(3, 4, 2, 2, 2, 13);
    rel.write(tmp, YEAR);
    mrio = tmp.resolve("GLORIA_MRIOs_59_" + YEAR);
    sat = tmp.resolve("GLORIA_SatelliteAccounts_059_" + YEAR);
  }

  private InvalidInputException fails() {
    return assertThrows(InvalidInputException.class, () -> {
      GloriaSource src = new GloriaSource();
      for (SourceUnit u : src.plan(List.of(tmp), OptionalInt.empty())) {
        src.read(u);
      }
    });
  }

  private static void assertMentions(InvalidInputException e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
    }
  }

  /** Rewrites the lines of a matrix file. */
  private static void edit(Path file, UnaryOperator<List<String>> f) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    Files.write(file, f.apply(lines));
  }

  private Path t() {
    return mrio.resolve(GloriaTestRelease.name("T", YEAR));
  }

  @Test
  void truncatedZipArchive() throws IOException {
    Path zip = GloriaTestRelease.zip(mrio, tmp.resolve("GLORIA_MRIOs_59_" + YEAR + ".zip"));
    deleteTree(mrio);
    byte[] all = Files.readAllBytes(zip);
    Files.write(zip, java.util.Arrays.copyOf(all, all.length / 2));
    InvalidInputException e = fails();
    assertMentions(e, "GLORIA_MRIOs_59_2019.zip", "not a readable zip archive (truncated or damaged)");
  }

  @Test
  void zipMemberCutMidLine() throws IOException {
    edit(t(), l -> {
      List<String> out = new ArrayList<>(l.subList(0, 10));
      out.add(l.get(10).substring(0, l.get(10).length() / 2));
      return out;
    });
    GloriaTestRelease.zip(mrio, tmp.resolve("GLORIA_MRIOs_59_" + YEAR + ".zip"));
    deleteTree(mrio);
    InvalidInputException e = fails();
    assertMentions(e, "GLORIA_MRIOs_59_2019.zip!/", "T-Results", "year 2019", "row 11", "cells, expected 24");
  }

  @Test
  void damagedZipMemberIsNamed() throws IOException {
    // a member whose deflated bytes are cut: the archive's directory is intact, the stream ends early
    Path zip = tmp.resolve("GLORIA_MRIOs_59_" + YEAR + ".zip");
    byte[] csv = Files.readAllBytes(t());
    try (OutputStream out = Files.newOutputStream(zip);
        java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
      for (String role : List.of("Y", "V")) {
        z.putNextEntry(new java.util.zip.ZipEntry(GloriaTestRelease.name(role, YEAR)));
        z.write(Files.readAllBytes(mrio.resolve(GloriaTestRelease.name(role, YEAR))));
        z.closeEntry();
      }
      z.putNextEntry(new java.util.zip.ZipEntry(GloriaTestRelease.name("T", YEAR)));
      z.write(csv);
      z.closeEntry();
    }
    deleteTree(mrio);
    byte[] all = Files.readAllBytes(zip);
    int member = indexOf(all, ("T-Results").getBytes(StandardCharsets.US_ASCII));
    Random rnd = new Random(1);
    for (int i = member + 200; i < member + 400; i++) {
      all[i] = (byte) rnd.nextInt(256); // garbage in the middle of the T member's deflated data
    }
    Files.write(zip, all);
    InvalidInputException e = fails();
    assertMentions(e, "GLORIA_MRIOs_59_2019.zip!/", "T-Results", "year 2019");
  }

  @Test
  void nonNumericCell() throws IOException {
    edit(t(), l -> {
      String[] cells = l.get(4).split(",");
      cells[6] = "abc";
      l.set(4, String.join(",", cells));
      return l;
    });
    assertMentions(fails(), "T-Results_2019_059_Markup001(full).csv", "year 2019", "row 5 col 7", "'abc' is not a number");
  }

  @Test
  void nanAndEmptyCells() throws IOException {
    Path y = mrio.resolve(GloriaTestRelease.name("Y", YEAR));
    edit(y, l -> {
      l.set(6, l.get(6).replaceFirst("^[^,]*", "NaN"));
      return l;
    });
    assertMentions(fails(), "Y-Results", "row 7 col 1", "NaN value");
    edit(y, l -> {
      l.set(6, l.get(6).replaceFirst("^[^,]*", ""));
      return l;
    });
    assertMentions(fails(), "Y-Results", "row 7 col 1", "empty cell");
  }

  @Test
  void rowMissing() throws IOException {
    edit(t(), l -> l.subList(0, l.size() - 1));
    assertMentions(fails(), "T-Results", "after row 23", "23 rows, expected 24 = 2 × 3 regions × 4 sectors");
  }

  @Test
  void blankLineInsideTheMatrix() throws IOException {
    edit(t(), l -> {
      l.add(5, "");
      return l;
    });
    assertMentions(fails(), "T-Results", "row 6", "blank line inside the matrix");
  }

  @Test
  void sheetMissingFromTheReadMe() throws IOException {
    Path readMe = tmp.resolve("GLORIA_ReadMe_059.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(readMe))) {
      wb.removeSheetAt(wb.getSheetIndex(GloriaReadMe.SECTORS));
      try (OutputStream out = Files.newOutputStream(readMe)) {
        wb.write(out);
      }
    }
    assertMentions(fails(), "GLORIA_ReadMe_059.xlsx!Sectors", "year 2019", "sheet missing");
  }

  @Test
  void labelBlockShiftedInTheReadMe() throws IOException {
    // one region too many in the ReadMe: every matrix row is then 8 cells short
    Path readMe = tmp.resolve("GLORIA_ReadMe_059.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(readMe))) {
      var s = wb.getSheet(GloriaReadMe.REGIONS);
      var r = s.createRow(s.getLastRowNum() + 1);
      r.createCell(1).setCellValue("ZZZ");
      r.createCell(2).setCellValue("Extra region");
      try (OutputStream out = Files.newOutputStream(readMe)) {
        wb.write(out);
      }
    }
    assertMentions(fails(), "T-Results", "row 1", "row has 24 cells, expected 32 (dimensions from the ReadMe)");
  }

  @Test
  void columnMissingInFinalDemand() throws IOException {
    edit(mrio.resolve(GloriaTestRelease.name("Y", YEAR)), l -> {
      l.replaceAll(x -> x.substring(0, x.lastIndexOf(',')));
      return l;
    });
    assertMentions(fails(), "Y-Results", "row 1", "row has 5 cells, expected 6");
  }

  @Test
  void valueAddedRowsDoNotMatchTheReadMe() throws IOException {
    edit(mrio.resolve(GloriaTestRelease.name("V", YEAR)), l -> {
      l.add(l.get(0));
      return l;
    });
    assertMentions(fails(), "V-Results", "row 7", "more than 6 rows, expected 6 = 3 regions × 2 value-added components");
  }

  @Test
  void negativeGrossOutput() throws IOException {
    edit(mrio.resolve(GloriaTestRelease.name("Y", YEAR)), l -> {
      l.set(4, l.get(4).replaceFirst("^[^,]*", "-1e12")); // T row 5 = region AAA, product 1
      return l;
    });
    assertMentions(fails(), "T-Results", "year 2019", "row AAA S001 (Sector number 1)", "negative gross output");
  }

  @Test
  void yearMissingFromTheSatelliteAccounts() throws IOException {
    new GloriaTestRelease(3, 4, 2, 2, 2, 13).write(tmp, 2020);
    deleteTree(tmp.resolve("GLORIA_SatelliteAccounts_059_2020"));
    assertMentions(fails(), "GLORIA_MRIOs_59_2020, year 2020", "year missing from the satellite accounts", "[2019] but not for [2020]");
  }

  @Test
  void matrixOrReadMeMissing() throws IOException {
    Files.delete(mrio.resolve(GloriaTestRelease.name("V", YEAR)));
    assertMentions(fails(), "GLORIA_MRIOs_59_2019", "no V-Results_2019", "Markup001(full).csv for this year");
    rel.write(tmp, YEAR);
    Files.delete(tmp.resolve("GLORIA_ReadMe_059.xlsx"));
    assertMentions(fails(), "no GLORIA_ReadMe_*.xlsx found");
    Files.delete(sat.resolve(GloriaTestRelease.name("YQ", YEAR)));
    rel.write(tmp, YEAR);
    Files.delete(sat.resolve(GloriaTestRelease.name("YQ", YEAR)));
    assertMentions(fails(), "TQ-Results", "YQ-Results for this year missing");
  }

  @Test
  void notAGloriaInput() throws IOException {
    Path csv = Files.writeString(tmp.resolve("table.csv"), "1,2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new GloriaSource().plan(List.of(csv), OptionalInt.empty()));
    assertMentions(e, "table.csv", "not a GLORIA input");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    e = assertThrows(InvalidInputException.class, () -> new GloriaSource().plan(List.of(empty), OptionalInt.empty()));
    assertMentions(e, "no GLORIA T-Results");
  }

  @Test
  void unsafeOrDuplicateRegionCode() throws IOException {
    Path readMe = tmp.resolve("GLORIA_ReadMe_059.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(readMe))) {
      wb.getSheet(GloriaReadMe.REGIONS).getRow(2).getCell(1).setCellValue("AAA");
      try (OutputStream out = Files.newOutputStream(readMe)) {
        wb.write(out);
      }
    }
    assertMentions(fails(), "GLORIA_ReadMe_059.xlsx!Regions", "entry 2", "duplicate code AAA");
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(readMe))) {
      wb.getSheet(GloriaReadMe.REGIONS).getRow(2).getCell(1).setCellValue("B B");
      try (OutputStream out = Files.newOutputStream(readMe)) {
        wb.write(out);
      }
    }
    assertMentions(fails(), "GLORIA_ReadMe_059.xlsx!Regions", "entry 2", "'B B' is not a code");
  }

  @Test
  void errorsCarryTheYear() throws IOException {
    edit(t(), l -> {
      l.set(0, l.get(0).replaceFirst("^[^,]*", "1e999"));
      return l;
    });
    InvalidInputException e = fails();
    assertEquals(YEAR, e.year());
    assertMentions(e, "row 1 col 1", "infinite value");
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("not found");
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
