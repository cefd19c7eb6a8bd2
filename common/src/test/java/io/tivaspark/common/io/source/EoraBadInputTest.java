package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad Eora26 input: each case is one {@link InvalidInputException} naming the file (or
 * {@code archive!member}), the year, the line or cell, and the rule; nothing is returned.
 */
class EoraBadInputTest {
  @TempDir
  Path tmp;
  Path dir;
  final EoraFixture fx = new EoraFixture(3, 4, true, 2, 11);

  @BeforeEach
  void write() throws IOException {
    dir = tmp.resolve("eora");
    fx.writeDir(dir, 2015, "bp", true);
  }

  Path file(String block) {
    return dir.resolve(EoraFixture.dataName(2015, "bp", block));
  }

  static void edit(Path f, UnaryOperator<List<String>> change) throws IOException {
    Files.write(f, change.apply(new ArrayList<>(Files.readAllLines(f))));
  }

  /** Plans and reads {@code in}; the error's message must hold every fragment. */
  static InvalidInputException fails(List<Path> in, OptionalInt year, String... fragments) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
      MrioSource src = new EoraSource();
      for (SourceUnit u : src.plan(in, year)) {
        src.read(u);
      }
    });
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }
    assertTrue(!e.getMessage().contains("\n"), "one line");
    return e;
  }

  InvalidInputException fails(String... fragments) {
    return fails(List.of(dir), OptionalInt.empty(), fragments);
  }

  @Test
  void truncatedAtALineEnd() throws IOException {
    edit(file("T"), l -> l.subList(0, l.size() - 2));
    fails("Eora26_2015_bp_T.txt, year 2015, line 12: 11 rows, expected the 13 its labels give (file truncated?)");
  }

  @Test
  void cutInsideALine() throws IOException {
    edit(file("FD"), l -> {
      String last = l.get(l.size() - 1);
      l.set(l.size() - 1, last.substring(0, last.length() / 2));
      return l;
    });
    fails("Eora26_2015_bp_FD.txt, year 2015, row 13 (ROW TOTAL): ", "cells, expected the 19 its labels give");
  }

  @Test
  void nonNumericNanAndEmptyCells() throws IOException {
    edit(file("FD"), l -> set(l, 2, 4, "abc"));
    fails("Eora26_2015_bp_FD.txt, year 2015, row 3 (CAAA Mining and Quarrying), column 5 (CAAA Changes in"
        + " inventories P.52): cell 'abc' is not a finite number");
    write();
    edit(file("VA"), l -> set(l, 1, 0, "NaN"));
    fails("Eora26_2015_bp_VA.txt, year 2015, row 2 (Taxes on production D.29), column 1 (CAAA Agriculture): cell"
        + " 'NaN' is not a finite number");
    write();
    edit(file("Q"), l -> set(l, 0, 3, ""));
    fails("Eora26_2015_bp_Q.txt, year 2015, row 1 (CO2 emissions | Total), column 4", "empty cell");
    write();
    edit(file("T"), l -> set(l, 0, 0, "1e999"));
    fails("cell '1e999' is not a finite number");
  }

  static List<String> set(List<String> lines, int r, int c, String text) {
    String[] f = lines.get(r).split("\t", -1);
    f[c] = text;
    lines.set(r, String.join("\t", f));
    return lines;
  }

  @Test
  void labelBlockShifted() throws IOException {
    edit(dir.resolve("labels_T.txt"), l -> {
      l.remove(5);
      return l;
    });
    fails("labels_T.txt, year 2015, line 6: sector 'Mining and Quarrying' of CAAB where 'Fishing' was expected");
    write();
    edit(dir.resolve("labels_T.txt"), l -> {
      l.add(9, l.get(9));
      return l;
    });
    fails("labels_T.txt, year 2015, line 11: sector 'Fishing' of CAAC where 'Mining and Quarrying' was expected");
    write();
    edit(dir.resolve("labels_FD.txt"), l -> {
      l.add(7, l.get(7));
      return l;
    });
    fails("labels_FD.txt, year 2015, line 9: category 'Non-profit institutions serving households P.3n' of CAAB",
        "a label block shifted?");
  }

  @Test
  void blocksDoNotMatchTheirLabels() throws IOException {
    edit(dir.resolve("labels_Q.txt"), l -> {
      l.add("Extra (kg)\tx");
      return l;
    });
    fails("Eora26_2015_bp_Q.txt, year 2015, line 3: 2 rows, expected the 3 its labels give");
    write();
    edit(file("T"), l -> {
      l.set(4, l.get(4) + "\t1.5");
      return l;
    });
    fails("Eora26_2015_bp_T.txt, year 2015, row 5 (CAAB Agriculture): more than the 13 cells");
    write();
    edit(file("T"), l -> {
      l.add(3, "");
      return l;
    });
    fails("Eora26_2015_bp_T.txt, year 2015, line 4: blank line inside the block");
  }

  @Test
  void filesAndYearsMissing() throws IOException {
    Files.delete(file("FD"));
    fails("Eora26_2015_bp_", "year 2015: the FD block of year 2015 is missing");
    write();
    Files.delete(file("QY"));
    fails("the QY block of year 2015 is missing (satellite accounts need both Q and QY)");
    write();
    Files.delete(dir.resolve("labels_VA.txt"));
    fails("labels_VA.txt not found");
    Path empty = tmp.resolve("empty");
    Files.createDirectories(empty);
    fails(List.of(empty), OptionalInt.empty(), "empty: no Eora26 table in it");
    Path noYear = tmp.resolve("noyear");
    Files.createDirectories(noYear);
    Files.copy(file("T"), noYear.resolve("Eora26_bp_T.txt"));
    fails(List.of(noYear), OptionalInt.empty(), "Eora26_bp_T.txt: no year in the file name", "give --year");
  }

  @Test
  void oneYearTwice() throws IOException {
    fx.writeDir(dir, 2015, "pp", false);
    fails("year 2015", "year given twice", "ingest one price basis (bp or pp) at a time");
    Path other = tmp.resolve("other");
    fx.writeDir(other, 2015, "bp", true);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new EoraSource().plan(List.of(other, tmp.resolve("other")), OptionalInt.empty()));
    assertTrue(e.getMessage().contains("year given twice"), e.getMessage());
  }

  @Test
  void brokenArchives() throws IOException {
    Path zip = tmp.resolve("Eora26_2015_bp.zip");
    fx.writeZip(zip, 2015, "bp", true);
    byte[] bytes = Files.readAllBytes(zip);
    Files.write(zip, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    fails(List.of(zip), OptionalInt.empty(), "Eora26_2015_bp.zip: not a readable zip archive");
    fx.writeZip(zip, 2015, "bp", true);
    bytes = Files.readAllBytes(zip);
    for (int k = 120; k < 600; k++) {
      bytes[k] = (byte) (bytes[k] ^ 0x5A);
    }
    Files.write(zip, bytes);
    fails(List.of(zip), OptionalInt.empty(), "Eora26_2015_bp.zip!Eora26_2015_bp_T.txt, year 2015");
  }

  @Test
  void negativeGrossOutput() throws IOException {
    edit(file("FD"), l -> {
      String[] f = l.get(6).split("\t");
      java.util.Arrays.fill(f, "-1000000");
      l.set(6, String.join("\t", f));
      return l;
    });
    fails("Eora26_2015_bp_T.txt, year 2015, row 7 (CAAB Mining and Quarrying): gross output x = ",
        "(row total of T and FD) is negative");
  }

  @Test
  void codes() throws IOException {
    edit(dir.resolve("labels_T.txt"), l -> {
      for (int k = 0; k < 4; k++) {
        l.set(k, l.get(k).replace("CAAA", "CA A"));
      }
      return l;
    });
    fails("labels_T.txt, year 2015, line 1: country code 'CA A' is not a code");
    write();
    edit(dir.resolve("labels_FD.txt"), l -> {
      l.set(0, l.get(0).replace("CAAA", "XYZ"));
      return l;
    });
    fails("labels_FD.txt, year 2015, line 1: country XYZ is not a country of labels_T.txt");
    write();
    edit(dir.resolve("labels_T.txt"), l -> {
      for (int k = 0; k < 12; k += 4) {
        l.set(k + 1, l.get(k + 1).replace("Fishing", "Agriculture!"));
      }
      return l;
    });
    fails("labels_T.txt, year 2015, line 1: sector 'Agriculture!' gives the code Agriculture of sector"
        + " 'Agriculture' too");
  }
}
