package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad EXIOBASE 3 input, one case per rule: each is an {@link InvalidInputException} whose one-line
 * message names the file (and zip member), the year, where (line, column, labels) and the rule.
 * Every case starts from a good synthetic release ({@link ExiobaseFixture}, 2 regions × 3 sectors)
 * and breaks one thing in a copy under a temporary folder.
 */
class ExiobaseBadInputTest {
  private final ExiobaseSource source = new ExiobaseSource();
  private final ExiobaseFixture fx = new ExiobaseFixture(2, 3, 3, 42);

  @TempDir
  Path tmp;

  private Path root;

  @BeforeEach
  void writeRelease() throws IOException {
    root = tmp.resolve("IOT_2011_pxp");
    fx.write(root, ExiobaseFixture.Options.V38);
  }

  private void read(Path in) throws IOException {
    for (SourceUnit u : source.plan(List.of(in), OptionalInt.empty())) {
      source.read(u);
    }
  }

  /** Asserts the message names every fragment. */
  private static InvalidInputException fails(Executable e, String... fragments) {
    InvalidInputException ex = assertThrows(InvalidInputException.class, e);
    String msg = ex.getMessage();
    assertTrue(!msg.contains("\n"), msg);
    for (String f : fragments) {
      assertTrue(msg.contains(f), "message lacks '" + f + "': " + msg);
    }
    return ex;
  }

  /** Rewrites the lines of a file. */
  private static void edit(Path file, UnaryOperator<List<String>> change) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    Files.write(file, change.apply(lines), StandardCharsets.UTF_8);
  }

  /** Replaces data cell (line, cell) (0-based line, tab-separated cell). */
  private static UnaryOperator<List<String>> cell(int line, int cell, String text) {
    return lines -> {
      String[] cells = lines.get(line).split("\t", -1);
      cells[cell] = text;
      lines.set(line, String.join("\t", cells));
      return lines;
    };
  }

  @Test
  void truncatedZipArchive() throws IOException {
    Path zip = tmp.resolve("IOT_2011_pxp.zip");
    ExiobaseFixture.zip(root, zip, 1);
    List<SourceUnit> units = source.plan(List.of(zip), OptionalInt.empty());
    byte[] all = Files.readAllBytes(zip);
    Files.write(zip, java.util.Arrays.copyOf(all, all.length / 2));
    fails(() -> source.plan(List.of(zip), OptionalInt.empty()), "IOT_2011_pxp.zip", "not a readable zip archive");
    fails(() -> source.read(units.get(0)), "IOT_2011_pxp.zip", "year 2011", "not a readable zip archive");
  }

  @Test
  void damagedZipMember() throws IOException {
    Path zip = tmp.resolve("IOT_2011_pxp.zip");
    ExiobaseFixture.zip(root, zip, 9);
    try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "rw")) {
      f.seek(120); // inside A.txt, the archive's first member: a bad deflate block or a CRC mismatch
      byte[] junk = new byte[64];
      java.util.Arrays.fill(junk, (byte) 0xff);
      f.write(junk);
    }
    // the damage shows as garbage text (here) or as a bad deflate block / CRC (the stream below)
    fails(() -> read(zip), "IOT_2011_pxp.zip!IOT_2011_pxp/A.txt", "year 2011");
    java.io.InputStream broken = new java.io.SequenceInputStream(
        new java.io.ByteArrayInputStream("region\tAT\nsector\tfood\nCO2\t1.0\n".getBytes(StandardCharsets.UTF_8)),
        new java.io.InputStream() {
          @Override
          public int read() throws IOException {
            throw new java.util.zip.ZipException("invalid entry CRC (expected 0x1 but got 0x2)");
          }
        });
    fails(() -> {
      try (ExiobaseMatrix m = new ExiobaseMatrix(broken, "x.zip!IOT_2011_pxp/satellite/F.txt", 2011, null)) {
        while (m.next()) {
          m.value(0);
        }
      }
    }, "x.zip!IOT_2011_pxp/satellite/F.txt", "year 2011", "after line 3", "corrupt zip member", "invalid entry CRC");
  }

  @Test
  void missingFiles() throws IOException {
    Files.delete(root.resolve("satellite/unit.txt"));
    fails(() -> read(root), "satellite/unit.txt", "year 2011", "file missing");
    Files.delete(root.resolve("Y.txt"));
    fails(() -> read(root), "IOT_2011_pxp", "no EXIOBASE 3 year here");
  }

  @Test
  void labelBlockShiftedByOneRow() throws IOException {
    edit(root.resolve("A.txt"), lines -> {
      lines.add(0, lines.get(0));
      return lines;
    });
    fails(() -> read(root), "A.txt", "year 2011", "column 3 (AT AT)", "column label is not a region and sector of Y.txt");
  }

  @Test
  void labelBlockShiftedByOneColumn() throws IOException {
    edit(root.resolve("A.txt"), lines -> {
      lines.set(5, "\t" + lines.get(5));
      return lines;
    });
    fails(() -> read(root), "A.txt", "line 6", "row has 9 cells, the header has 8");
  }

  @Test
  void nonNumericCell() throws IOException {
    edit(root.resolve("A.txt"), cell(4, 3, "abc"));
    fails(() -> read(root), "A.txt", "year 2011", "line 5, column 4 (row AT Sector 1, nec (incl. employers' part),"
        + " column AT Sector 1", "cell 'abc' is not a number");
  }

  @Test
  void nanAndEmptyCells() throws IOException {
    String good = Files.readString(root.resolve("Y.txt"));
    edit(root.resolve("Y.txt"), cell(3, 2, "NaN"));
    fails(() -> read(root), "Y.txt", "line 4, column 3", "NaN value");
    edit(root.resolve("Y.txt"), cell(3, 2, ""));
    fails(() -> read(root), "Y.txt", "line 4, column 3", "empty cell");
    Files.writeString(root.resolve("Y.txt"), good);
    edit(root.resolve("satellite/F.txt"), cell(4, 2, "inf"));
    fails(() -> read(root), "satellite/F.txt", "infinite value");
  }

  @Test
  void yearMissingOrTwice() throws IOException {
    Path noYear = Files.move(root, tmp.resolve("exiobase"));
    fails(() -> read(noYear), "exiobase", "no year in the name", "--year");
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    fx.write(a.resolve("IOT_2011_pxp"), ExiobaseFixture.Options.V38);
    fx.write(b.resolve("IOT_2011_ixi"), ExiobaseFixture.Options.V38);
    fails(() -> source.plan(List.of(a, b), OptionalInt.empty()), "two inputs of the same year", "IOT_2011_pxp",
        "IOT_2011_ixi");
  }

  @Test
  void negativePublishedOutput() throws IOException {
    edit(root.resolve("x.txt"), cell(2, 2, "-1.0"));
    fails(() -> read(root), "x.txt", "line 3", "negative gross output -1.0");
  }

  @Test
  void negativeSolvedOutput() throws IOException {
    Files.delete(root.resolve("x.txt"));
    edit(root.resolve("Y.txt"), cell(3, 2, "-1e9"));
    fails(() -> read(root), "A.txt", "row AUT P001", "negative gross output x = (I − A)⁻¹·y");
  }

  @Test
  void publishedOutputInconsistentWithCoefficients() throws IOException {
    edit(root.resolve("x.txt"), cell(4, 2, Double.toString(fx.x[2] * 1.01)));
    fails(() -> read(root), "A.txt", "year 2011", "row balance x = Z1 + y fails: relative residual");
  }

  @Test
  void mismatchedDimensions() throws IOException {
    edit(root.resolve("A.txt"), lines -> {
      lines.replaceAll(l -> l.substring(0, l.lastIndexOf('\t')));
      return lines;
    });
    fails(() -> read(root), "A.txt", "the header has 5 columns, Y.txt has 6 rows");
  }

  @Test
  void finalDemandCategoryMissingForOneRegion() throws IOException {
    edit(root.resolve("Y.txt"), lines -> {
      lines.replaceAll(l -> l.substring(0, l.lastIndexOf('\t')));
      return lines;
    });
    fails(() -> read(root), "Y.txt", "column DE Exports: Total (fob)", "every region needs every final-demand category");
  }

  @Test
  void fileCutMidLine() throws IOException {
    String text = Files.readString(root.resolve("A.txt"));
    Files.writeString(root.resolve("A.txt"), text.substring(0, text.length() - 30));
    fails(() -> read(root), "A.txt", "line 9", "(file truncated?)");
  }

  @Test
  void fileCutAfterWholeLines() throws IOException {
    edit(root.resolve("A.txt"), lines -> lines.subList(0, lines.size() - 2));
    fails(() -> read(root), "A.txt", "2 of 6 rows missing (file truncated?)");
  }

  @Test
  void extensionColumnsNotThoseOfTheTable() throws IOException {
    edit(root.resolve("satellite/F.txt"), lines -> {
      lines.set(0, lines.get(0).replaceFirst("\tAT", "\tFR"));
      return lines;
    });
    fails(() -> read(root), "satellite/F.txt", "column 2 (FR Cultivation of paddy rice)", "not a row of Y.txt");
  }

  @Test
  void notExiobase() throws IOException {
    Path csv = Files.writeString(tmp.resolve("ICIO2023_2011.csv"), "V1\n");
    fails(() -> read(csv), "ICIO2023_2011.csv", "not an EXIOBASE 3 zip archive or folder");
    fails(() -> read(tmp.resolve("absent.zip")), "absent.zip", "no such file or folder");
  }
}
