package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every ICIO edition's layout written by {@link IcioEdition} reads back by label. */
class IcioEditionTest {
  @TempDir
  Path tmp;

  static MrioYear generated(int regions, int industries, boolean splits, int year) {
    GeneratorSpec spec = GeneratorSpec.builder().regions(regions).industries(industries).years(year, year)
        .seed(11).splits(splits).build();
    return new SyntheticMrio(spec).year(year);
  }

  /** Z, final demand and output exactly; value added summed per column (editions merge components). */
  static void assertSameFlows(MrioYear a, MrioYear b) {
    assertEquals(a.layout(), b.layout());
    assertArrayEquals(a.z(), b.z());
    assertArrayEquals(a.finalDemand(), b.finalDemand());
    int n = a.n();
    double[] va = new double[n];
    double[] vb = new double[n];
    a.valueAdded().values().forEach(v -> { for (int j = 0; j < n; j++) va[j] += v[j]; });
    b.valueAdded().values().forEach(v -> { for (int j = 0; j < n; j++) vb[j] += v[j]; });
    for (int j = 0; j < n; j++) {
      assertEquals(va[j], vb[j], 1e-9 * Math.max(1, Math.abs(va[j])), "value added of column " + j);
    }
    double[] xa = a.publishedOutput();
    double[] xb = b.publishedOutput();
    if (xa != null) {
      assertArrayEquals(xa, xb);
    }
  }

  @ParameterizedTest(name = "{0}: {1} regions x {2} industries, splits {3}")
  @CsvSource({
      "2016, 8, 6, true, ICIO 2016",
      "2018, 8, 36, true, ICIO 2018",
      "2021, 8, 45, true, ICIO 2021",
      "2023, 8, 45, true, ICIO 2023 extended",
      "2023-sml, 8, 45, false, ICIO 2023 SML",
      "2025, 8, 50, false, ICIO 2025",
      "2023, 5, 4, false, ICIO 2023 layout",
  })
  void roundTrip(String edition, int regions, int industries, boolean splits, String detected) throws IOException {
    IcioEdition e = IcioEdition.parse(edition);
    MrioYear a = generated(regions, industries, splits, 2015);
    Path f = tmp.resolve("ICIO_" + edition + "_2015.csv" + (splits ? ".gz" : ""));
    e.write(a, f);
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2015, IcioCsv.Options.DEFAULT);
    assertSameFlows(a, r.table());
    assertEquals(detected, r.edition());
    if (splits) {
      assertEquals(Map.of("CHN", List.of("CN1", "CN2"), "MEX", List.of("MX1", "MX2")), r.table().layout().splits());
      assertTrue(r.notes().get(0).contains("CHN is split into CN1, CN2"), r.notes().toString());
    }
  }

  /** A table that lost its last rows (cut after whole lines) is refused, naming the rows it lacks. */
  @ParameterizedTest(name = "{0} without its last {1} row(s)")
  @CsvSource({
      "2016, 1, 'OUT', 8, 6, true",
      "2016, 2, 'VA+TAXSUB, OUT', 8, 6, true",
      "2018, 1, 'OUTPUT', 8, 36, true",
      "2018, 2, 'VALU, OUTPUT', 8, 36, true",
      "2021, 1, 'OUTPUT', 6, 45, false",
      "2021, 2, 'VALU, OUTPUT', 6, 45, false",
      "2023, 1, 'OUT', 8, 45, true",
      "2023, 2, 'VA, OUT', 8, 45, true",
      "2023, 3, 'VA (any value-added row), OUT', 8, 45, true",
      "2023-sml, 1, 'OUT', 6, 45, false",
      "2023-sml, 2, 'VA, OUT', 6, 45, false",
      "2025, 1, 'OUT', 6, 50, false",
      "2025, 2, 'VA, OUT', 6, 50, false",
      "2023, 1, 'OUT', 5, 4, false",
      "2023, 2, 'VA, OUT', 5, 4, false",
  })
  void truncatedAfterWholeLinesIsRefused(String edition, int dropped, String missing, int regions, int industries,
      boolean splits) throws IOException {
    Path full = tmp.resolve("full_2015.csv");
    IcioEdition.parse(edition).write(generated(regions, industries, splits, 2015), full);
    List<String> lines = new ArrayList<>(Files.readAllLines(full));
    Path cut = tmp.resolve("ICIO_cut_2015.csv");
    Files.write(cut, lines.subList(0, lines.size() - dropped));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> IcioCsv.read(IcioCsv.Source.of(cut), 2015, new IcioCsv.Options(true, IcioCsv.DiscMode.DOMESTIC)));
    assertEquals(cut.toString(), e.source());
    assertEquals(2015, e.year());
    assertEquals("required row" + (missing.contains(",") ? "s " : " ") + missing + " missing (file truncated?)",
        e.rule(), e.getMessage());
    assertTrue(e.where().startsWith("after the last row"), e.getMessage());
    // the whole file still reads
    IcioCsv.read(IcioCsv.Source.of(full), 2015, new IcioCsv.Options(true, IcioCsv.DiscMode.DOMESTIC));
  }

  @Test
  void zipMemberWithAnImplausibleYearIsAnError() throws IOException {
    Path zip = tmp.resolve("ICIO2023_2015-2016.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String m : List.of("ICIO2023_2015.csv", "ICIO2023_2999.csv")) {
        z.putNextEntry(new ZipEntry(m));
        z.write("V1,USA_A\n".getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ZipTables.members(zip));
    assertEquals(zip.toString(), e.source());
    assertEquals("member ICIO2023_2999.csv", e.where());
    assertTrue(e.rule().startsWith("implausible year 2999 in file name ICIO2023_2999.csv"), e.getMessage());
  }

  @Test
  void labelsOfEachEdition() throws IOException {
    MrioYear a = generated(8, 3, true, 2010);
    String s2016 = write(IcioEdition.ICIO2016, a);
    String header = s2016.lines().findFirst().orElseThrow();
    assertTrue(header.startsWith(",USA_A01_02,"), header);
    assertTrue(header.contains(",CHN_A01_02,") && header.contains(",CN1_A01_02,"), "merged and parts");
    assertTrue(header.indexOf("CN1_A01_02") > header.indexOf("ROW_A03"), "parts after the last country");
    assertTrue(header.contains(",HFCE_USA,HFCE_CHN,"), "category first, category-major");
    assertTrue(s2016.contains("\nVA+TAXSUB,") && s2016.contains("\nOUT,"), "2016 bottom rows");
    String s2018 = write(IcioEdition.ICIO2018, a);
    assertTrue(s2018.contains("\nUSA_TAXSUB,") && s2018.contains("\nVALU,") && s2018.contains("\nOUTPUT,"));
    assertTrue(s2018.lines().findFirst().orElseThrow().endsWith(",TOTAL"));
    String s2023 = write(IcioEdition.ICIO2023, a);
    assertTrue(s2023.startsWith("V1,") && s2023.contains("\nTLS,") && s2023.contains("\nVA,"));
    assertThrows(IllegalArgumentException.class, () -> write(IcioEdition.ICIO2023_SML, a), "SML has no splits");
  }

  private static String write(IcioEdition e, MrioYear t) throws IOException {
    java.io.StringWriter w = new java.io.StringWriter();
    e.write(t, w);
    return w.toString();
  }

  /** A table with a DISC final-demand category: 1% of each row's domestic HFCE moved there. */
  static MrioYear withDisc(MrioYear a) {
    Layout l = a.layout();
    List<String> cats = new ArrayList<>(l.categories());
    cats.add("DISC");
    Layout ld = new Layout(l.countries(), l.industries(), cats, l.splits());
    int n = a.n();
    double[] yf = new double[n * ld.finalDemandColumns()];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < l.countryCount(); c++) {
        for (int k = 0; k < l.categoryCount(); k++) {
          yf[i + ld.finalDemandColumn(c, k) * n] = a.finalDemandAt(i, l.finalDemandColumn(c, k));
        }
      }
      int own = l.countryOfRow(i);
      int hfce = ld.finalDemandColumn(own, 0);
      double moved = Math.rint(yf[i + hfce * n] * 0.01);
      yf[i + hfce * n] -= moved;
      yf[i + ld.finalDemandColumn(own, cats.size() - 1) * n] = moved;
    }
    return new MrioYear(a.year(), ld, a.z(), yf, a.valueAdded(), a.publishedOutput());
  }

  @Test
  void disc2016DomesticKeepsRowBalance() throws IOException {
    MrioYear a = withDisc(generated(6, 4, true, 2003));
    Path f = tmp.resolve("ICIO2016_2003.csv");
    IcioEdition.ICIO2016.write(a, f);
    assertTrue(Files.readString(f).lines().findFirst().orElseThrow().endsWith(",DISC"));
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2003, IcioCsv.Options.DEFAULT);
    assertEquals("ICIO 2016", r.edition());
    assertEquals("DISC", r.table().layout().categories().get(6));
    assertSameFlows(a, r.table());
  }

  @Test
  void disc2016DropRecordsTheLoss() throws IOException {
    MrioYear a = withDisc(generated(6, 4, false, 2003));
    Path f = tmp.resolve("ICIO2016_2003.csv");
    IcioEdition.ICIO2016.write(a, f);
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.of(f), 2003, new IcioCsv.Options(false, IcioCsv.DiscMode.DROP));
    assertEquals(6, r.table().layout().categoryCount());
    double total = 0;
    int dc = a.layout().categoryIndex("DISC");
    for (int c = 0; c < a.layout().countryCount(); c++) {
      for (int i = 0; i < a.n(); i++) {
        total += a.finalDemandAt(i, a.layout().finalDemandColumn(c, dc));
      }
    }
    assertTrue(total > 0);
    String note = String.join(" ", r.notes());
    assertTrue(note.contains("DISC column dropped") && note.contains("total"), note);
  }

  /** The pymrio OECD 2016 mock shape: quoted labels, blank corner, empty cells in the VA and OUT rows. */
  @Test
  void pymrioStyle2016Snippet() throws IOException {
    String csv = String.join("\n",
        "\"\",\"AUS_C01\",\"CHN_C01\",\"CN1_C01\",\"HFCE_AUS\",\"HFCE_CHN\",\"DISC\"",
        "\"AUS_C01\",1,0,2,10,3,0.5",
        "\"CHN_C01\",0,0,0,0,0,0",
        "\"CN1_C01\",4,0,5,6,20,-1",
        "\"VA+TAXSUB\",11,0,27,,,",
        "\"OUT\",16.5,0,34,,,", "");
    Path f = tmp.resolve("ICIO2016_2003.csv");
    Files.writeString(f, csv);
    MrioYear t = IcioCsv.read(f);
    Layout l = t.layout();
    assertEquals(List.of("AUS", "CHN"), l.countries());
    assertEquals(List.of("HFCE", "DISC"), l.categories());
    assertEquals(Map.of("CHN", List.of("CN1")), l.splits());
    assertEquals(0.5, t.finalDemandAt(0, l.finalDemandColumn(0, 1)));
    assertEquals(-1, t.finalDemandAt(1, l.finalDemandColumn(1, 1)), "CN1's discrepancy goes to CHN");
    assertArrayEquals(new double[] {16.5, 34}, t.publishedOutput());
    assertNull(null);
  }

  @Test
  void zipMembersOneYearEach() throws IOException {
    Path zip = tmp.resolve("ICIO_2015-2016.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int y : new int[] {2015, 2016}) {
        z.putNextEntry(new ZipEntry("ICIO-2015-2016-extended/" + y + ".csv"));
        java.io.StringWriter w = new java.io.StringWriter();
        IcioEdition.ICIO2023.write(generated(5, 3, true, y), w);
        z.write(w.toString().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
      z.putNextEntry(new ZipEntry("ReadMe_ICIO_extended.xlsx"));
      z.write(new byte[] {1, 2});
      z.closeEntry();
      z.putNextEntry(new ZipEntry("__MACOSX/._2015.csv"));
      z.closeEntry();
    }
    List<ZipTables.Member> m = ZipTables.members(zip);
    assertEquals(List.of(new ZipTables.Member("ICIO-2015-2016-extended/2015.csv", 2015),
        new ZipTables.Member("ICIO-2015-2016-extended/2016.csv", 2016)), m);
    IcioCsv.Result r = IcioCsv.read(IcioCsv.Source.zipMember(zip, m.get(1).name()), 2016, IcioCsv.Options.DEFAULT);
    assertSameFlows(generated(5, 3, true, 2016), r.table());
  }

  @Test
  void zipWithUnexpectedMemberOrGarbage() throws IOException {
    Path zip = tmp.resolve("bad.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("2015.csv"));
      z.write("V1\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      z.putNextEntry(new ZipEntry("setup.exe"));
      z.closeEntry();
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ZipTables.members(zip));
    assertTrue(e.getMessage().contains("member setup.exe") && e.getMessage().contains("unexpected member"), e.getMessage());
    Path garbage = tmp.resolve("garbage.zip");
    try (OutputStream o = Files.newOutputStream(garbage)) {
      o.write("not a zip".getBytes(StandardCharsets.UTF_8));
    }
    e = assertThrows(InvalidInputException.class, () -> ZipTables.members(garbage));
    assertTrue(e.getMessage().contains("not a readable zip archive"), e.getMessage());
  }

  @Test
  void editionNames() {
    assertEquals(IcioEdition.ICIO2023_SML, IcioEdition.parse("ICIO2023_SML"));
    assertEquals(IcioEdition.ICIO2025, IcioEdition.parse("2025"));
    assertThrows(IllegalArgumentException.class, () -> IcioEdition.parse("2019"));
    Map<String, Integer> unused = new LinkedHashMap<>();
    assertTrue(unused.isEmpty());
  }
}
