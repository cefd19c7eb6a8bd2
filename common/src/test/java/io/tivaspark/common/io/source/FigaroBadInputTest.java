package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Bad FIGARO input: every case is one {@link InvalidInputException} whose message names the file
 * (and zip member), the year, the row / column / line and the rule. Each starts from a good table
 * written by {@link FigaroTestTable} and damages a copy under a temporary directory.
 */
class FigaroBadInputTest {
  @TempDir
  Path dir;

  private final FigaroSource source = new FigaroSource();
  private FigaroTestTable table;
  private List<String> matrixLines;
  private List<String> flatLines;

  @BeforeEach
  void write() throws IOException {
    table = FigaroTestTable.random(FigaroSourceTest.AREAS, FigaroSourceTest.CODES, 21);
    Path m = dir.resolve("good_matrix.csv");
    table.writeMatrix(m);
    matrixLines = Files.readAllLines(m);
    Path f = dir.resolve("good_flat.csv");
    table.writeFlat(f);
    flatLines = Files.readAllLines(f);
  }

  /** Reads {@code lines} written as a file of year 2021; returns the error's message. */
  private String fails(String name, List<String> lines, String... parts) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, lines, StandardCharsets.UTF_8);
    return fails(p, parts);
  }

  private String fails(Path p, String... parts) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
      for (SourceUnit u : source.plan(List.of(p), OptionalInt.empty())) {
        source.read(u);
      }
    });
    String msg = e.getMessage();
    assertTrue(msg.contains(p.getFileName().toString()), msg);
    assertEquals(1, msg.lines().count(), msg);
    for (String part : parts) {
      assertTrue(msg.contains(part), "expected '" + part + "' in: " + msg);
    }
    return msg;
  }

  private List<String> edit(List<String> lines, int index, UnaryOperator<String> f) {
    List<String> out = new ArrayList<>(lines);
    out.set(index, f.apply(out.get(index)));
    return out;
  }

  @Test
  void matrixCutMidLine() throws IOException {
    List<String> cut = new ArrayList<>(matrixLines.subList(0, 8));
    cut.set(7, cut.get(7).substring(0, cut.get(7).length() / 2));
    fails("m_2021.csv", cut, "year 2021", "line 8, row", "truncated file: the last line has");
  }

  @Test
  void matrixCutAfterWholeLinesLosesTheValueAddedRows() throws IOException {
    fails("m_2021.csv", matrixLines.subList(0, matrixLines.size() - 2), "year 2021",
        "required value-added rows W2_D29X39, W2_B2A3G missing (file truncated?)");
  }

  @Test
  void matrixCutInsideTheIndustryRows() throws IOException {
    fails("m_2021.csv", matrixLines.subList(0, 6), "row FI_C10T12", "missing row: every area needs every industry");
  }

  @Test
  void rowLabelsShiftedByOneRow() throws IOException {
    List<String> shifted = new ArrayList<>(matrixLines);
    for (int i = shifted.size() - 1; i > 1; i--) {
      String label = shifted.get(i - 1).substring(0, shifted.get(i - 1).indexOf(','));
      shifted.set(i, label + shifted.get(i).substring(shifted.get(i).indexOf(',')));
    }
    fails("m_2021.csv", shifted, "row AR_A01", "duplicate row");
  }

  @Test
  void headerShiftedByOneColumn() throws IOException {
    fails("m_2021.csv", edit(matrixLines, 0, h -> "," + h), "line 1, column 1", "first header cell is ''");
  }

  @Test
  void nonNumericAndEmptyCells() throws IOException {
    fails("m_2021.csv", edit(matrixLines, 3, l -> l.replaceFirst(",[^,]*,", ",abc,")),
        "line 4, row AR_C31_32, column AR_A01", "cell 'abc' is not a finite number");
    fails("m_2021.csv", edit(matrixLines, 3, l -> l.replaceFirst(",[^,]*,", ",NaN,")), "is not a finite number");
    fails("m_2021.csv", edit(matrixLines, 2, l -> l.replaceFirst(",[^,]*,", ",,")),
        "line 3, row AR_C10T12, column AR_A01", "empty cell");
    int w2 = matrixLines.size() - 1;
    SourceYear ok = readEdited("m_2021.csv", edit(matrixLines, w2, l -> l.replaceFirst(",[^,]*,", ",,")));
    assertEquals(0.0, ok.table().valueAdded().get("B2A3G")[0], "an empty value-added cell is 0");
  }

  private SourceYear readEdited(String name, List<String> lines) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, lines, StandardCharsets.UTF_8);
    return FigaroSourceTest.readOne(p);
  }

  @Test
  void mismatchedDimensions() throws IOException {
    fails("m_2021.csv", edit(matrixLines, 5, l -> l + ",1.0"), "line 6, row FI_A01", "row has 29 cells, the header has 28");
    List<String> dropped = new ArrayList<>();
    for (String l : matrixLines) {
      dropped.add(l.substring(0, l.lastIndexOf(',')));
    }
    fails("m_2021.csv", dropped, "column FIGW1_P5M", "missing column");
    fails("m_2021.csv", edit(matrixLines, 0, h -> h.replace("FI_A01", "DE_A01")), "column DE_A01", "area DE has no rows");
  }

  @Test
  void negativeGrossOutput() throws IOException {
    double x0 = table.output()[0];
    fails("m_2021.csv", edit(matrixLines, 1, l -> l.substring(0, l.lastIndexOf(',') + 1) + (-2 * x0 - 1)),
        "row AR_A01", "negative gross output");
    // a row whose true output is 0, its published cells rounded to three decimals: within rounding
    StringBuilder zeroRow = new StringBuilder("AR_A01");
    for (int c = 0; c < table.n + table.cols; c++) {
      zeroRow.append(c == 0 ? ",-0.001" : c == table.n ? ",0.0005" : ",0");
    }
    SourceYear ok = readEdited("m_2021.csv", edit(matrixLines, 1, l -> zeroRow.toString()));
    assertEquals(-0.0005, ok.table().zAt(0, 0) + ok.table().finalDemandAt(0, 0), 1e-15);
  }

  @Test
  void supplyAndUseTablesAreRefused() throws IOException {
    List<String> use = new ArrayList<>();
    use.add("rowLabels,AR_A01,AR_P3_S14");
    use.add("AR_CPA_A01,1,2");
    fails("matrix_eu-ic-use_23ed_2021.csv", use, "a FIGARO supply or use table: not read");
    fails("flatfile_eu-ic-supply_23ed_2021.csv",
        List.of("icsupRow,icsupCol,refArea,rowPi,counterpartArea,colIi,obsValue", "AR_CPA_A01,AR_A01,AR,CPA_A01,AR,A01,1"),
        "a FIGARO supply or use table: not read");
    fails("m_2021.csv", List.of("rowLabels,AR_A01,AR_P3_S14", "AR_CPA_A01,1,2"), "supply or use table");
  }

  @Test
  void flatCutAfterWholeLines() throws IOException {
    fails("f_2021.csv", flatLines.subList(0, flatLines.size() - 10), "year 2021",
        "cell missing: the flat format lists every cell of the table");
    fails("f_2021.csv", flatLines.subList(0, 1 + 27 * 6), "row FI_C31_32", "missing row: every area needs every industry");
  }

  @Test
  void flatBadCells() throws IOException {
    fails("f_2021.csv", edit(flatLines, 5, l -> l.substring(0, l.lastIndexOf(',') + 1) + "x"),
        "line 6 (row AR_A01, column FI_A01)", "obsValue 'x' is not a finite number");
    fails("f_2021.csv", edit(flatLines, 5, l -> l.substring(0, l.lastIndexOf(','))), "line 6", "line has 6 cells, the header has 7");
    List<String> twice = new ArrayList<>(flatLines);
    twice.set(6, twice.get(5));
    fails("f_2021.csv", twice, "line 7 (row AR_A01, column FI_A01)", "cell listed twice");
    fails("f_2021.csv", edit(flatLines, 0, h -> h.replace("obsValue", "value")), "line 1", "lacks column obsValue");
  }

  @Test
  void zipMemberTruncatedOrDamaged() throws IOException {
    Path zip = dir.resolve("flatfile_eu-ic-io_ind-by-ind_23ed_2021.zip");
    String member = "flatfile_eu-ic-io_ind-by-ind_23ed_2021.csv";
    table.writeFlatZip(zip, member);
    byte[] good = Files.readAllBytes(zip);
    // damaged late in the member's data (the central directory intact): found while reading the year
    Path late = dir.resolve("late_2021.zip");
    Files.write(late, damaged(good, good.length / 2, good.length - 300));
    fails(late, member, "year 2021", "corrupt gzip/zip data (truncated or damaged)");
    // damaged from the start: found when planning (the header cannot be read)
    Path early = dir.resolve("early_2021.zip");
    Files.write(early, damaged(good, 60, good.length - 300));
    fails(early, member, "corrupt gzip/zip data (truncated or damaged)");
    // the archive cut in half: no central directory
    Path cut = dir.resolve("cut_2021.zip");
    Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
    fails(cut, "not a readable zip archive");
  }

  private static byte[] damaged(byte[] zip, int from, int to) {
    byte[] out = zip.clone();
    for (int p = from; p < to; p += 7) {
      out[p] = (byte) 0x5a;
    }
    return out;
  }

  @Test
  void yearMissingOrTwice() throws IOException {
    Path noYear = dir.resolve("figaro.csv");
    table.writeMatrix(noYear);
    fails(noYear, "no year in the file name", "pass --year YYYY");
    Path d = Files.createDirectories(dir.resolve("two"));
    table.writeMatrix(d.resolve("matrix_eu-ic-io_ind-by-ind_23ed_2021.csv"));
    table.writeMatrix(d.resolve("matrix_eu-ic-io_prod-by-prod_23ed_2021.csv"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> source.plan(List.of(d), OptionalInt.empty()));
    assertTrue(e.getMessage().contains("two tables of year 2021"), e.getMessage());
    Path notFigaro = dir.resolve("other_2021.csv");
    Files.writeString(notFigaro, "V1,AUS_A01\nAUS_A01,1\n");
    fails(notFigaro, "not a FIGARO input-output table");
  }

  @Test
  void unsafeCodesAndCategoryRows() throws IOException {
    fails("m_2021.csv", edit(matrixLines, 0, h -> h.replace("AR_A01", "AR_A 01")), "column AR_A 01");
    fails("m_2021.csv", edit(matrixLines, 1, l -> l.replaceFirst("^AR_A01", "AR_P3_S14")),
        "row AR_P3_S14", "a final-demand category in a row label");
    fails("m_2021.csv", edit(matrixLines, 1, l -> l.replaceFirst("^AR_A01", "AR A01")), "row label 'AR A01' is not AREA_CODE");
  }
}
