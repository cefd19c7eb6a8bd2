package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split-parent rule (docs/ingest.md §2.1, methods §2.4): the merged country's own rows and
 * columns (CHN beside CN1, CN2; MEX beside MX1, MX2) are dropped when all zero and kept as one
 * more member of the split group when any cell is non-zero, so no number is lost or counted
 * twice. Every case is checked against a literal reading of the CSV ({@link #assertEveryCellKept}):
 * each cell of the file found at its place in the table read, value-added rows summed as the
 * docs say (CCC_TAXSUB into TLS), relative tolerance 1e-12 (exact in practice).
 */
class IcioSplitParentTest {

  @TempDir
  Path tmp;

  private Path write(List<String> lines) throws IOException {
    Path f = tmp.resolve("ext_2000.csv");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void allZeroParentIsDropped() throws IOException {
    Path f = write(IcioCsvTest.extendedStyle());
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2000, IcioCsv.Options.DEFAULT);
    assertEquals(Map.of("CHN", List.of("CN1", "CN2")), r.table().layout().splits());
    assertEveryCellKept(f, r.table());
  }

  @Test
  void nonZeroParentIsKeptAsFirstMember() throws IOException {
    List<String> lines = IcioCsvTest.extendedStyle();
    lines.set(3, lines.get(3).replaceFirst(",0,", ",5,")); // row CHN_A01_02, column USA_A01_02
    int tls = lines.size() - 3; // TLS row: 7 under CHN_C10T12 (column 4) instead of 0
    String[] cells = lines.get(tls).split(",", -1);
    cells[4] = "7";
    lines.set(tls, String.join(",", cells));
    Path f = write(lines);
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2000, IcioCsv.Options.DEFAULT);
    Layout l = r.table().layout();
    assertEquals(Map.of("CHN", List.of("CHN", "CN1", "CN2")), l.splits());
    assertEquals(List.of("USA", "CHN", "ROW"), l.countries());
    int chnA = l.row(l.entityIndex("CHN"), l.industryIndex("A01_02"));
    int usaA = l.row(l.entityIndex("USA"), l.industryIndex("A01_02"));
    assertEquals(5.0, r.table().zAt(chnA, usaA));
    int chnC = l.row(l.entityIndex("CHN"), l.industryIndex("C10T12"));
    assertEquals(7.0, r.table().valueAdded().get("TLS")[chnC]);
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("kept as a member")), r.notes().toString());
    assertEveryCellKept(f, r.table());
  }

  @Test
  void parentRepeatingTheSumOfItsPartsIsRefused() throws IOException {
    // CHN's rows = CN1's + CN2's: the aggregate beside its parts, which merging would count twice
    List<String> lines = IcioCsvTest.extendedStyle();
    for (int i = 0; i < lines.size(); i++) {
      String label = lines.get(i).split(",", 2)[0];
      if (label.startsWith("CHN_")) {
        String ind = label.substring(4);
        String[] chn = lines.get(i).split(",", -1);
        String[] a = find(lines, "CN1_" + ind);
        String[] b = find(lines, "CN2_" + ind);
        for (int c = 1; c < chn.length; c++) {
          chn[c] = Double.toString(Double.parseDouble(a[c]) + Double.parseDouble(b[c]));
        }
        lines.set(i, String.join(",", chn));
      }
    }
    Path f = write(lines);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IcioCsv.read(IcioCsv.Source.of(f), 2000, IcioCsv.Options.DEFAULT));
    assertTrue(e.getMessage().contains("repeats the sum of its parts") && e.getMessage().contains("ext_2000.csv"),
        e.getMessage());
  }

  private static String[] find(List<String> lines, String label) {
    return lines.stream().filter(l -> l.startsWith(label + ",")).findFirst().orElseThrow().split(",", -1);
  }

  @Test
  void oecdMock2018KeepsMexWithItsTaxes() {
    Path f = SharedData.require("data/pymrio-mocks/oecd_mock/ICIO2018_2010.CSV");
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2010, IcioCsv.Options.DEFAULT);
    assertEquals(Map.of("MEX", List.of("MEX", "MX1")), r.table().layout().splits());
    assertEquals("ICIO 2018/2021 layout", r.edition());
    assertEveryCellKept(f, r.table());
  }

  @Test
  void oecdMock2018ZipReadsAsTheCsv() {
    Path zip = SharedData.require("data/pymrio-mocks/oecd_mock/ICIO2018_2010.zip");
    Path csv = SharedData.require("data/pymrio-mocks/oecd_mock/ICIO2018_2010.CSV");
    MrioYear a = IcioCsv.read(IcioCsv.Source.zipMember(zip, "ICIO2018_2010.CSV"), 2010, IcioCsv.Options.DEFAULT).table();
    MrioYear b = IcioCsv.read(IcioCsv.Source.of(csv), 2010, IcioCsv.Options.DEFAULT).table();
    IcioCsvTest.assertSameTable(a, b);
  }

  @Test
  void oecdMock2016DropsTheAllZeroChn() {
    Path f = SharedData.require("data/pymrio-mocks/oecd_mock/ICIO2016_2003.csv");
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2003, IcioCsv.Options.DEFAULT);
    assertEquals(Map.of("CHN", List.of("CN1", "CN2")), r.table().layout().splits());
    assertEquals("ICIO 2016", r.edition());
    assertEquals(List.of("HFCE", "NPS", "GGFC", "GFCF", "INV", "DIRP", "DISC"), r.table().layout().categories());
    assertEveryCellKept(f, r.table());
  }

  // ------------------------------------------------------------------ the literal reference

  /**
   * Every numeric cell of an ICIO CSV, read literally, is at its place in {@code t}: Z cells at
   * (row label, column label); a cell of a dropped entity (not in the layout) must be 0; final
   * demand {@code CCC_CAT} / {@code CAT_CCC}; DISC in the row's country's DISC category;
   * value-added rows per column summed by component (CCC_TAXSUB into TLS); the output column.
   */
  static void assertEveryCellKept(Path file, MrioYear t) {
    List<String[]> rows = readAll(file);
    String[] h = rows.get(0);
    Layout l = t.layout();
    int n = l.n();
    java.util.Set<String> z = new java.util.HashSet<>(); // intermediate labels: both a row and a column label
    java.util.Set<String> cols = new java.util.HashSet<>(List.of(h).subList(1, h.length));
    rows.subList(1, rows.size()).forEach(r -> {
      if (cols.contains(r[0]) && !IcioPlan.OUTPUT_LABELS.contains(r[0].toUpperCase(Locale.ROOT))) {
        z.add(r[0]);
      }
    });
    Map<String, double[]> va = new HashMap<>();
    for (String[] r : rows.subList(1, rows.size())) {
      boolean interm = z.contains(r[0]);
      int k = interm ? rowOf(l, r[0]) : -2;
      for (int c = 1; c < h.length; c++) {
        double v = r[c].isEmpty() ? 0 : Double.parseDouble(r[c]);
        boolean zc = z.contains(h[c]);
        if (interm) {
          cellOfRow(t, l, k, h[c], zc, v, r[0]);
        } else if (zc && !IcioPlan.OUTPUT_LABELS.contains(r[0].toUpperCase(Locale.ROOT))) {
          int kc = rowOf(l, h[c]);
          String comp = r[0].toUpperCase(Locale.ROOT).endsWith("_TAXSUB") ? "TLS" : r[0];
          if (kc < 0) {
            assertEquals(0.0, v, r[0] + " x " + h[c] + ": a dropped column must be zero");
          } else {
            va.computeIfAbsent(comp, x -> new double[n])[kc] += v;
          }
        }
      }
    }
    va.forEach((comp, want) -> {
      double[] got = t.valueAdded().get(comp);
      for (int k = 0; k < n; k++) {
        assertEquals(want[k], got[k], 1e-12 * Math.abs(want[k]), comp + " at " + k);
      }
    });
  }

  /** One cell of an intermediate row: Z, final demand, DISC or output. */
  private static void cellOfRow(MrioYear t, Layout l, int k, String col, boolean zc, double v, String rowLabel) {
    String where = rowLabel + " x " + col;
    if (k < 0 || zc && rowOf(l, col) < 0) {
      assertEquals(0.0, v, where + ": a dropped row or column must be zero");
    } else if (zc) {
      assertEquals(v, t.zAt(k, rowOf(l, col)), 1e-12 * Math.abs(v), where);
    } else if (IcioPlan.OUTPUT_LABELS.contains(col.toUpperCase(Locale.ROOT))) {
      assertEquals(v, t.publishedOutput()[k], 1e-12 * Math.abs(v), where);
    } else if (col.equalsIgnoreCase("DISC")) {
      assertEquals(v, t.finalDemandAt(k, l.finalDemandColumn(l.countryOfRow(k), l.categoryIndex("DISC"))), where);
    } else {
      String[] p = col.split("_", 2);
      boolean countryFirst = l.countryIndex(p[0]) >= 0;
      int country = l.countryIndex(countryFirst ? p[0] : p[1]);
      int cat = l.categoryIndex(countryFirst ? p[1] : p[0]);
      assertEquals(v, t.finalDemandAt(k, l.finalDemandColumn(country, cat)), 1e-12 * Math.abs(v), where);
    }
  }

  /** The layout row of {@code ENT_IND}, or -1 when the entity is not in the layout (dropped). */
  private static int rowOf(Layout l, String label) {
    int us = label.indexOf('_');
    int e = l.entityIndex(label.substring(0, us));
    return e < 0 ? -1 : l.row(e, l.industryIndex(label.substring(us + 1)));
  }

  private static List<String[]> readAll(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(s -> !s.isBlank())
          .map(s -> IcioCsv.splitAll(s.replace("\uFEFF", ""))).map(IcioSplitParentTest::strip).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String[] strip(String[] cells) {
    for (int i = 0; i < cells.length; i++) {
      cells[i] = cells[i].strip();
    }
    return cells;
  }
}
