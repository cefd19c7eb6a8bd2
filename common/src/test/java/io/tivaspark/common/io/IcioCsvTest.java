package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcioCsvTest {

  @TempDir
  Path tmp;

  static String gunzip(Path p) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---------------------------------------------------------------------------- real data

  @Test
  void readsLeather() {
    Path p = SharedData.require("data/leather/leather.csv.gz");
    InvalidInputException noYear = assertThrows(InvalidInputException.class, () -> IcioCsv.read(p));
    assertTrue(noYear.rule().contains("no year in the file name"));
    MrioYear t = IcioCsv.read(p, 2000);
    Layout l = t.layout();
    assertEquals(2000, t.year());
    assertEquals(List.of("ARG", "TUR", "DEU"), l.countries());
    assertEquals(List.of("Agriculture", "Textile_and_Leather", "Transport_Equipment"), l.industries());
    assertEquals(List.of("FD"), l.categories());
    assertTrue(l.splits().isEmpty());
    assertEquals(9, t.n());
    assertEquals(16.1, t.zAt(0, 0));
    assertEquals(11.5, t.zAt(1, 8)); // ARG_Textile_and_Leather -> DEU_Transport_Equipment
    assertEquals(51.3, t.zAt(8, 8));
    assertEquals(6.1, t.finalDemandAt(0, l.finalDemandColumn(1, 0))); // ARG_Agriculture -> TUR_FD
    assertEquals(68.4, t.finalDemandAt(8, l.finalDemandColumn(2, 0)));
    assertEquals(List.of("VA"), List.copyOf(t.valueAdded().keySet()));
    assertArrayEquals(new double[] {52.3, 33.2, 6.1, 69.8, 63.4, 12.5, 95.3, 58.4, 70.5},
        t.valueAdded().get("VA"));
    assertArrayEquals(new double[] {77.7, 58.3, 19, 112.7, 124.6, 43.2, 156.3, 127.8, 217},
        t.publishedOutput());
    for (int j = 0; j < 9; j++) {
      double col = t.valueAdded().get("VA")[j];
      double row = 0;
      for (int i = 0; i < 9; i++) {
        col += t.zAt(i, j);
        row += t.zAt(j, i);
      }
      for (int c = 0; c < 3; c++) {
        row += t.finalDemandAt(j, c);
      }
      assertEquals(t.publishedOutput()[j], col, 1e-12);
      assertEquals(t.publishedOutput()[j], row, 1e-12);
    }
  }

  @Test
  void readsWiod1995And2009() {
    checkWiod(1995, 55_182_318, 29_205_077, 29_155_127, 18, 186);
    checkWiod(2009, 114_158_086, 57_002_214, 56_940_120, 22, 824);
  }

  private void checkWiod(int year, double worldOut, double worldVa, double worldFd, int zeroOut, int negFd) {
    Path p = SharedData.require("data/wiod2013/wiot_" + year + ".csv.gz");
    MrioYear t = IcioCsv.read(p, year, true);
    assertEquals(year, IcioCsv.read(p).year());
    Layout l = t.layout();
    assertEquals(41, l.countryCount());
    assertEquals("AUS", l.countries().get(0));
    assertEquals("ROW", l.countries().get(40));
    assertEquals("ROU", l.countries().get(l.countryIndex("ROU")));
    assertEquals(35, l.industryCount());
    assertEquals("c1", l.industries().get(0));
    assertEquals("c35", l.industries().get(34));
    assertEquals(List.of("c37", "c38", "c39", "c41", "c42"), l.categories());
    assertEquals(1435, t.n());
    assertTrue(l.splits().isEmpty());
    assertEquals(List.of("VA"), List.copyOf(t.valueAdded().keySet()));
    if (year == 1995) {
      assertEquals(3107, t.zAt(0, 0));   // AUS_c1 -> AUS_c1
      assertEquals(8044, t.zAt(0, 2));   // AUS_c1 -> AUS_c3
      assertEquals(2106, t.zAt(1, 1));   // AUS_c2 -> AUS_c2
      assertEquals(2536, t.zAt(1, 7));   // AUS_c2 -> AUS_c8
    }
    double out = 0;
    double va = 0;
    double fd = 0;
    int zero = 0;
    int neg = 0;
    for (int k = 0; k < t.n(); k++) {
      out += t.publishedOutput()[k];
      va += t.valueAdded().get("VA")[k];
      if (t.publishedOutput()[k] == 0) {
        zero++;
      }
    }
    for (double v : t.finalDemand()) {
      fd += v;
      if (v < 0) {
        neg++;
      }
    }
    assertEquals(worldOut, out, 0.5);
    assertEquals(worldVa, va, 0.5);
    assertEquals(worldFd, fd, 0.5);
    assertEquals(zeroOut, zero);
    assertEquals(negFd, neg);
    // colsum(Z) + VA = OUT exactly (README)
    for (int j = 0; j < t.n(); j++) {
      double s = t.valueAdded().get("VA")[j];
      for (int i = 0; i < t.n(); i++) {
        s += t.zAt(i, j);
      }
      assertEquals(t.publishedOutput()[j], s, 0.0);
    }
  }

  @Test
  void wiodRoundTrip() throws IOException {
    Path p = SharedData.require("data/wiod2013/wiot_2009.csv.gz");
    MrioYear a = IcioCsv.read(p);
    Path out = tmp.resolve("wiot_rt_2009.csv.gz");
    IcioCsv.write(a, out);
    MrioYear b = IcioCsv.read(out);
    assertSameTable(a, b);
  }

  // ------------------------------------------------------------------------- round trips

  @Test
  void generatedRoundTripWithSplits() throws IOException {
    SyntheticMrio gen = new SyntheticMrio(GeneratorSpec.of(8, 6, 2010, 2011, 11));
    MrioYear a = gen.year(2011);
    Path out = tmp.resolve("synthetic_2011.csv");
    IcioCsv.write(a, out);
    MrioYear b = IcioCsv.read(out);
    assertEquals(Map.of("CHN", List.of("CN1", "CN2"), "MEX", List.of("MX1", "MX2")), b.layout().splits());
    assertSameTable(a, b);
    assertEquals(List.of("TLS", "VA"), List.copyOf(b.valueAdded().keySet()));
    // the header is the ICIO 2023 layout
    String first = Files.readAllLines(out).get(0);
    assertTrue(first.startsWith("V1,USA_A01_02,USA_A03,"));
    assertTrue(first.contains(",CN1_A01_02,") && first.contains(",CHN_HFCE,") && first.endsWith(",ROW_DPABR,OUT"));
  }

  @Test
  void writeWithoutPublishedOutputComputesTotals() throws IOException {
    MrioYear g = new SyntheticMrio(GeneratorSpec.of(3, 2, 2000, 2000, 3)).year(2000);
    MrioYear noOut = new MrioYear(2000, g.layout(), g.z(), g.finalDemand(), g.valueAdded(), null);
    StringWriter w = new StringWriter();
    IcioCsv.write(noOut, w);
    Path f = tmp.resolve("x_2000.csv");
    Files.writeString(f, w.toString());
    MrioYear back = IcioCsv.read(f);
    assertArrayEquals(g.z(), back.z());
    assertArrayEquals(g.publishedOutput(), back.publishedOutput(), 1e-9 * max(g.publishedOutput()));
  }

  @Test
  void numbersRoundTripExactly() {
    double[] values = {0, -0.0, 1, -1, 16.1, 69.80000000000001, 1e-300, 4.9e-324, 1.7976931348623157e308,
        123456789012345.6, 1e15, 1e22, 0.1 + 0.2, Math.PI, -2.5e-7, 999999999999999.0, 12345678901234567.0};
    for (double v : values) {
      StringBuilder sb = new StringBuilder();
      IcioCsv.appendNumber(sb, v);
      String s = sb.toString();
      double fast = Decimals.parse(s);
      double back = Double.isNaN(fast) ? Double.parseDouble(s) : fast;
      assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(back), s);
    }
    // the fast path agrees with Double.parseDouble where it answers
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < 200_000; i++) {
      long m = r.nextLong(1_000_000_000_000_000L);
      int dec = r.nextInt(0, 20);
      String digits = Long.toString(m);
      String s = dec == 0 || dec >= digits.length() ? digits
          : digits.substring(0, digits.length() - dec) + "." + digits.substring(digits.length() - dec);
      if (r.nextBoolean()) {
        s = "-" + s;
      }
      double fast = Decimals.parse(s);
      if (!Double.isNaN(fast)) {
        assertEquals(Double.parseDouble(s), fast, s);
      }
    }
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  static void assertSameTable(MrioYear a, MrioYear b) {
    assertEquals(a.year(), b.year());
    assertEquals(a.layout(), b.layout());
    assertEquals(a.layout().entities(), b.layout().entities());
    assertArrayEquals(a.z(), b.z());
    assertArrayEquals(a.finalDemand(), b.finalDemand());
    assertArrayEquals(a.publishedOutput(), b.publishedOutput());
    assertEquals(a.valueAdded().keySet(), b.valueAdded().keySet());
    for (String k : a.valueAdded().keySet()) {
      assertArrayEquals(a.valueAdded().get(k), b.valueAdded().get(k), k);
    }
  }

  // --------------------------------------------------------------- layout variants (valid)

  /**
   * A small table with countries USA, CHN (rows CHN_* all zero; CN1, CN2 after ROW as in OECD
   * extended files), ROW; industries A01_02, C10T12; FD per country HFCE, INVNT; TLS, VA, OUT.
   */
  static List<String> extendedStyle() {
    String[] ents = {"USA", "CHN", "ROW", "CN1", "CN2"};
    String[] inds = {"A01_02", "C10T12"};
    String[] fdc = {"USA", "CHN", "ROW"};
    String[] cats = {"HFCE", "INVNT"};
    List<String> labels = new ArrayList<>();
    for (String e : ents) {
      for (String i : inds) {
        labels.add(e + "_" + i);
      }
    }
    List<String> lines = new ArrayList<>();
    StringBuilder h = new StringBuilder("V1");
    labels.forEach(x -> h.append(',').append(x));
    for (String c : fdc) {
      for (String cat : cats) {
        h.append(',').append(c).append('_').append(cat);
      }
    }
    h.append(",OUT");
    lines.add(h.toString());
    int m = labels.size();
    for (int r = 0; r < m; r++) {
      boolean zeroRow = labels.get(r).startsWith("CHN_");
      StringBuilder sb = new StringBuilder(labels.get(r));
      for (int c = 0; c < m; c++) {
        boolean zero = zeroRow || labels.get(c).startsWith("CHN_");
        sb.append(',').append(zero ? "0" : Integer.toString(r * 100 + c + 1));
      }
      for (int c = 0; c < fdc.length * cats.length; c++) {
        sb.append(',').append(zeroRow ? "0" : Double.toString(r + c / 4.0));
      }
      sb.append(',').append(zeroRow ? "0" : "1000");
      lines.add(sb.toString());
    }
    for (String row : new String[] {"TLS", "VA", "OUT"}) {
      StringBuilder sb = new StringBuilder(row);
      for (int c = 0; c < m; c++) {
        boolean zero = labels.get(c).startsWith("CHN_");
        sb.append(',').append(zero ? "0" : row.equals("OUT") ? "1000" : "7");
      }
      for (int c = 0; c <= fdc.length * cats.length; c++) {
        sb.append(",0");
      }
      lines.add(sb.toString());
    }
    return lines;
  }

  private Path file(String name, List<String> lines, String eol) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, String.join(eol, lines) + eol);
    return f;
  }

  @Test
  void extendedFileWithSplitEntitiesDropsMergedRows() throws IOException {
    MrioYear t = IcioCsv.read(file("ext_2019.csv", extendedStyle(), "\n"));
    Layout l = t.layout();
    assertEquals(2019, t.year());
    assertEquals(List.of("USA", "CHN", "ROW"), l.countries());
    assertEquals(List.of("USA", "CN1", "CN2", "ROW"), l.entities());
    assertEquals(Map.of("CHN", List.of("CN1", "CN2")), l.splits());
    assertEquals(List.of("HFCE", "INVNT"), l.categories());
    assertEquals(8, t.n());
    // file rows: USA 0-1, CHN 2-3 (dropped), ROW 4-5, CN1 6-7, CN2 8-9; value = r*100 + c + 1
    int cn1a = l.row(l.entityIndex("CN1"), 0);
    int rowC = l.row(l.entityIndex("ROW"), 1);
    assertEquals(6 * 100 + 5 + 1, t.zAt(cn1a, rowC));
    assertEquals(0 * 100 + 8 + 1, t.zAt(0, l.row(l.entityIndex("CN2"), 0)));
    // FD column CHN_INVNT is file FD column 3 -> value r + 3/4
    assertEquals(6 + 0.75, t.finalDemandAt(cn1a, l.finalDemandColumn(1, 1)));
    assertEquals(List.of("TLS", "VA"), List.copyOf(t.valueAdded().keySet()));
    assertEquals(1000.0, t.publishedOutput()[cn1a]);
  }

  @Test
  void acceptsBomCrlfQuotesBlankLinesAndOtherNames() throws IOException {
    List<String> lines = new ArrayList<>(extendedStyle());
    // 2016-style CAT_CCC final demand, OUTPUT/TOTAL names, quoted labels, per-country TAXSUB rows
    lines.set(0, "\uFEFF\"\"" + lines.get(0).substring(2)
        .replace("USA_HFCE", "HFCE_USA").replace("USA_INVNT", "INV_USA")
        .replace("CHN_INVNT", "INV_CHN").replace("ROW_INVNT", "INV_ROW")
        .replace("CHN_HFCE", "HFCE_CHN").replace("ROW_HFCE", "HFCE_ROW").replace(",OUT", ",TOTAL"));
    lines.set(1, "\"" + lines.get(1).replaceFirst(",", "\","));
    int tls = lines.size() - 3;
    String tlsRow = lines.get(tls);
    lines.set(tls, tlsRow.replace("TLS", "USA_TAXSUB"));
    lines.add(tls + 1, tlsRow.replace("TLS", "ROW_TAXSUB"));
    lines.set(lines.size() - 1, lines.get(lines.size() - 1).replace("OUT", "OUTPUT"));
    lines.add("");
    MrioYear t = IcioCsv.read(file("ICIO2016_2003.csv", lines, "\r\n"), 2003, true);
    assertEquals(2003, IcioCsv.read(file("ICIO2016_2003_b.csv", lines, "\r\n")).year());
    assertEquals(List.of("HFCE", "INV"), t.layout().categories());
    assertEquals(List.of("TLS", "VA"), List.copyOf(t.valueAdded().keySet()));
    assertEquals(14.0, t.valueAdded().get("TLS")[0]); // 7 + 7
    assertEquals(1.0, t.zAt(0, 0));
    assertEquals(1000.0, t.publishedOutput()[0]);
  }

  @Test
  void yearFromFileName() {
    assertEquals(2003, IcioCsv.yearFromFileName("ICIO2016_2003.csv").getAsInt());
    assertEquals(2019, IcioCsv.yearFromFileName("2019_SML.csv").getAsInt());
    assertEquals(1995, IcioCsv.yearFromFileName("wiot_1995.csv.gz").getAsInt());
    assertTrue(IcioCsv.yearFromFileName("leather.csv.gz").isEmpty());
  }

  // --------------------------------------------------------------------------- malformed

  private List<String> leatherLines() throws IOException {
    return new ArrayList<>(List.of(gunzip(SharedData.require("data/leather/leather.csv.gz")).split("\n")));
  }

  private InvalidInputException bad(String name, List<String> lines) throws IOException {
    Path f = file(name, lines, "\n");
    return assertThrows(InvalidInputException.class, () -> IcioCsv.read(f, 2000, true));
  }

  private InvalidInputException badLeather(UnaryOperator<List<String>> edit) throws IOException {
    return bad("bad.csv", edit.apply(leatherLines()));
  }

  private static void assertError(InvalidInputException e, String where, String rule) {
    assertTrue(e.where() != null && e.where().contains(where), "where: " + e.where() + " / " + e.getMessage());
    assertTrue(e.rule().contains(rule), "rule: " + e.rule() + " / " + e.getMessage());
    assertEquals(Integer.valueOf(2000), e.year());
    assertTrue(e.source().endsWith(".csv") || e.source().endsWith(".gz"), e.source());
    assertTrue(e.getMessage().startsWith("invalid input: "), e.getMessage());
  }

  @Test
  void emptyFile() throws IOException {
    InvalidInputException e = bad("empty.csv", List.of());
    assertEquals("empty file", e.rule());
    InvalidInputException h = bad("header_only.csv", List.of("V1,ARG_A,ARG_FD,OUT"));
    assertError(h, "line 1", "no data rows");
  }

  @Test
  void rowWithTooFewCells() throws IOException {
    InvalidInputException e = badLeather(l -> {
      l.set(2, l.get(2).substring(0, l.get(2).lastIndexOf(',')));
      return l;
    });
    assertError(e, "line 3, row ARG_Textile_and_Leather", "row has 13 cells, header has 14");
  }

  @Test
  void cellNotANumber() throws IOException {
    InvalidInputException e = badLeather(l -> {
      l.set(4, l.get(4).replace("TUR_Agriculture,1.1,", "TUR_Agriculture,abc,"));
      return l;
    });
    assertError(e, "row TUR_Agriculture, column ARG_Agriculture", "cell 'abc' is not a number");
    InvalidInputException hex = badLeather(l -> {
      l.set(4, l.get(4).replace("TUR_Agriculture,1.1,", "TUR_Agriculture,1.1d,"));
      return l;
    });
    assertError(hex, "column ARG_Agriculture", "cell '1.1d' is not a number");
  }

  @Test
  void nanAndInfinity() throws IOException {
    InvalidInputException e = badLeather(l -> {
      l.set(9, l.get(9).replace(",51.3,", ",NaN,"));
      return l;
    });
    assertError(e, "row DEU_Transport_Equipment, column DEU_Transport_Equipment", "NaN value");
    InvalidInputException inf = badLeather(l -> {
      l.set(10, l.get(10).replace("VA,52.3,", "VA,-Inf,"));
      return l;
    });
    assertError(inf, "row VA, column ARG_Agriculture", "infinite value");
    InvalidInputException big = badLeather(l -> {
      l.set(10, l.get(10).replace("VA,52.3,", "VA,1e999,"));
      return l;
    });
    assertError(big, "row VA, column ARG_Agriculture", "infinite value");
  }

  /**
   * Cells the one-scan reader leaves to the checked reader read as before (spaces around a number,
   * a '+', a leading point, a 4-digit exponent, a quoted number); a value-added row's cell
   * under a final-demand column (checked, not kept) is still an error when it overflows or is not
   * a number, and still accepted when empty.
   */
  @Test
  void unusualCellsReadAsBeforeAndUnkeptCellsAreStillChecked() throws IOException {
    MrioYear want = IcioCsv.read(file("plain.csv", leatherLines(), "\n"), 2000, true);
    List<String> odd = leatherLines();
    odd.set(1, odd.get(1).replace(",5.1,", ", 5.1\t,"));
    odd.set(2, odd.get(2).replace(",2.4,", ",+2.4,"));
    odd.set(3, odd.get(3).replace(",0.9,", ",.9e0000,"));
    odd.set(4, odd.get(4).replace(",1.1,", ",\"1.1\","));
    odd.set(10, odd.get(10).replace(",0,0,0,0", ",,0,0,0"));
    assertSameTable(want, IcioCsv.read(file("odd.csv", odd, "\n"), 2000, true));
    for (String cell : new String[] {"1e999", "abc", " "}) {
      InvalidInputException e = badLeather(l -> {
        l.set(10, l.get(10).replace(",0,0,0,0", ",0," + cell + ",0,0"));
        return l;
      });
      assertError(e, "row VA, column TUR_FD", cell.equals(" ") ? "empty cell" : cell.equals("abc") ? "not a number" : "infinite value");
    }
  }

  @Test
  void emptyCell() throws IOException {
    InvalidInputException e = badLeather(l -> {
      l.set(1, l.get(1).replace(",5.1,", ",,"));
      return l;
    });
    assertError(e, "row ARG_Agriculture, column ARG_Textile_and_Leather", "empty cell");
  }

  @Test
  void duplicateRowAndColumnLabels() throws IOException {
    InvalidInputException row = badLeather(l -> {
      l.add(3, l.get(2));
      return l;
    });
    assertError(row, "row ARG_Textile_and_Leather", "duplicate row label");
    InvalidInputException col = badLeather(l -> {
      l.set(0, l.get(0).replace("TUR_FD", "ARG_FD"));
      return l;
    });
    assertError(col, "column ARG_FD", "duplicate column label");
  }

  @Test
  void labelNotCccInd() throws IOException {
    InvalidInputException e = badLeather(l -> {
      for (int i = 0; i < l.size(); i++) {
        l.set(i, l.get(i).replace("ARG_Agriculture", "ARGAgriculture"));
      }
      return l;
    });
    assertError(e, "row ARGAgriculture", "label is not CCC_IND");
  }

  @Test
  void unknownColumnAndStrayRow() throws IOException {
    InvalidInputException col = badLeather(l -> {
      l.set(0, l.get(0).replace("DEU_FD", "FDDEU"));
      return l;
    });
    assertError(col, "column FDDEU", "label is not CCC_IND, a final-demand column CCC_CAT");
    InvalidInputException fdOfUnknown = badLeather(l -> {
      l.set(0, l.get(0).replace("DEU_FD", "FRA_FD"));
      return l;
    });
    assertError(fdOfUnknown, "column FRA_FD", "nor a final-demand column CCC_CAT of a country with rows");
    InvalidInputException row = badLeather(l -> {
      l.set(9, l.get(9).replace("DEU_Transport_Equipment,", "DEU_Transport_Equipmnt,"));
      return l;
    });
    assertError(row, "row DEU_Transport_Equipment", "missing row");
    InvalidInputException stray = badLeather(l -> {
      l.add(10, l.get(9).replace("DEU_Transport_Equipment,", "DEU_Mining,"));
      return l;
    });
    assertError(stray, "row DEU_Mining", "label is CCC_IND but there is no column DEU_Mining");
  }

  @Test
  void missingFinalDemandColumn() throws IOException {
    InvalidInputException e = badLeather(l -> {
      l.set(0, l.get(0).replace("TUR_FD", "TUR_HFCE"));
      return l;
    });
    assertError(e, "column ARG_HFCE", "missing final-demand column");
  }

  @Test
  void missingOutputWhenRequired() throws IOException {
    List<String> lines = leatherLines();
    lines.remove(11);
    for (int i = 0; i < lines.size(); i++) {
      lines.set(i, lines.get(i).substring(0, lines.get(i).lastIndexOf(',')));
    }
    InvalidInputException e = bad("noout.csv", lines);
    assertTrue(e.rule().contains("missing OUT row"), e.getMessage());
    MrioYear ok = IcioCsv.read(file("noout.csv", lines, "\n"), 2000, false);
    assertNull(ok.publishedOutput());
  }

  @Test
  void nonZeroMergedRowWhileSplit() throws IOException {
    // no longer an error: the merged country becomes a member of its group (IcioSplitParentTest)
    List<String> lines = extendedStyle();
    lines.set(3, lines.get(3).replaceFirst(",0,", ",5,")); // row CHN_A01_02
    MrioYear t = IcioCsv.read(file("ext_2000.csv", lines, "\n"));
    assertEquals(Map.of("CHN", List.of("CHN", "CN1", "CN2")), t.layout().splits());
  }

  @Test
  void headerStartingWithDataLabel() throws IOException {
    InvalidInputException e = badLeather(l -> {
      for (int i = 0; i < l.size(); i++) {
        l.set(i, l.get(i).substring(l.get(i).indexOf(',') + 1));
      }
      return l;
    });
    assertError(e, "column ARG_Agriculture", "first header cell");
  }

  @Test
  void corruptGzipAndZip() throws IOException {
    Path f = tmp.resolve("broken_2000.csv.gz");
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream os = new GZIPOutputStream(bos)) {
      os.write(String.join("\n", leatherLines()).getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bos.toByteArray();
    Files.write(f, Arrays.copyOf(all, all.length / 2));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> IcioCsv.read(f));
    assertTrue(e.rule().contains("corrupt gzip"), e.getMessage());
    Path z = tmp.resolve("ICIO_2000.zip");
    Files.write(z, new byte[] {1});
    InvalidInputException ze = assertThrows(InvalidInputException.class, () -> IcioCsv.read(z));
    assertTrue(ze.rule().contains("zip"), ze.getMessage());
  }

  // --------------------------------------------------------------------------- scale

  /**
   * Writes a generated ICIO-scale year (317 MB of CSV) and reads it back, timing both. Takes
   * 12-20 s, so it runs only with {@code -Dtiva.slow=true} (or exclude it with
   * {@code -DexcludedGroups=slow}).
   */
  @Test
  @Tag("slow")
  void icioScaleReadSpeed() throws IOException {
    Assumptions.assumeTrue(Boolean.getBoolean("tiva.slow"), "slow test: run with -Dtiva.slow=true");
    MrioYear a = new SyntheticMrio(GeneratorSpec.of(81, 45, 2020, 2020, 7)).year(2020);
    Path f = tmp.resolve("icio_2020.csv");
    long t0 = System.nanoTime();
    IcioCsv.write(a, f);
    long t1 = System.nanoTime();
    MrioYear b = IcioCsv.read(f);
    long t2 = System.nanoTime();
    System.out.printf("IcioCsv n=%d (%d columns): write %d ms, read %d ms, %d MB%n", a.n(),
        a.n() + a.layout().finalDemandColumns() + 1, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
        Files.size(f) >> 20);
    assertSameTable(a, b);
    assertTrue(t2 - t1 < 30_000_000_000L, "read under 30 s");
  }
}
