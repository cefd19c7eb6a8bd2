package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Exio12Source} on pymrio's EXIOBASE 1 and 2 mocks (skipped loudly without ../shared) and on tiny
 * synthetic files: the conversion's identities against the files parsed independently here by position
 * (the mocks' rows and columns are in one order): (I − A)·x = y, Z = A·diag(x), F = S·diag(x), VA = s·x,
 * F_Y as read, at relative 1e-9 (x comes from one LU solve: round-off only); codes, names, units,
 * recognise, the generic extension files with 1, 2, 3 and 5 label columns, and one bad input per rule.
 */
class Exio12SourceTest {
  private static final String MOCKS = "data/pymrio-mocks/";
  private static final double TOL = 1e-9;

  @TempDir
  Path tmp;

  /** A tab-separated file parsed by position: label cells (k of them) and numbers after two header lines. */
  record Parsed(List<String[]> labels, List<double[]> values) {}

  static Parsed parse(Path file, int k) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String[]> labels = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (String line : lines.subList(2, lines.size())) {
      String[] c = line.split("\t", -1);
      labels.add(java.util.Arrays.copyOf(c, k));
      double[] v = new double[c.length - k];
      for (int i = 0; i < v.length; i++) {
        v[i] = Double.parseDouble(c[k + i]);
      }
      values.add(v);
    }
    return new Parsed(labels, values);
  }

  private static SourceYear read(Exio12Source s, Path in, OptionalInt year) throws IOException {
    List<SourceUnit> units = s.plan(List.of(in), year);
    assertEquals(1, units.size());
    return s.read(units.get(0));
  }

  private static void close(double expected, double actual, String what) {
    double scale = Math.max(1e-300, Math.max(Math.abs(expected), Math.abs(actual)));
    assertTrue(Math.abs(expected - actual) <= TOL * scale, what + ": expected " + expected + ", got " + actual);
  }

  /** The identities of one read against the files of {@code dir} (names: mrIot*, mrFinalDemand*, ...). */
  private static double[] assertConversion(MrioYear t, Path dir, String suffix) throws IOException {
    int n = t.n();
    Parsed a = parse(dir.resolve("mrIot" + suffix), 3);
    Parsed y = parse(dir.resolve("mrFinalDemand" + suffix), 3);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        x[i] += t.zAt(i, j);
      }
      for (int c = 0; c < t.layout().finalDemandColumns(); c++) {
        x[i] += t.finalDemandAt(i, c);
        close(y.values().get(i)[c], t.finalDemandAt(i, c), "Y " + i + "," + c);
      }
    }
    for (int i = 0; i < n; i++) {
      double lhs = x[i];
      double yi = 0;
      for (double v : y.values().get(i)) {
        yi += v;
      }
      for (int j = 0; j < n; j++) {
        lhs -= a.values().get(i)[j] * x[j];
        close(a.values().get(i)[j] * x[j], t.zAt(i, j), "Z = A·diag(x) at " + i + "," + j);
      }
      assertTrue(Math.abs(lhs - yi) <= TOL * Math.max(1, x[i]), "(I − A)x = y at row " + i + ": " + lhs + " vs " + yi);
    }
    return x;
  }

  /** F = S·diag(x) for a coefficient file with k label columns; rows in file order from satellite row {@code first}. */
  private static void assertCoefficients(Satellite s, int first, Path file, int k, double[] x) throws IOException {
    Parsed p = parse(file, k);
    for (int r = 0; r < p.values().size(); r++) {
      for (int j = 0; j < x.length; j++) {
        close(p.values().get(r)[j] * x[j], s.f()[first + r + j * s.m()], file.getFileName() + " row " + r + " col " + j);
      }
    }
  }

  private static void assertFinalDemand(Satellite s, int first, Path file, int k) throws IOException {
    Parsed p = parse(file, k);
    for (int r = 0; r < p.values().size(); r++) {
      double[] v = p.values().get(r);
      for (int c = 0; c < v.length; c++) {
        assertEquals(v[c], s.fy()[first + r + c * s.m()], file.getFileName() + " row " + r + " col " + c);
      }
    }
  }

  @Test
  void exiobase1Mock() throws IOException {
    Path dir = SharedData.require(MOCKS + "exio1_mock/mrIot.txt").getParent();
    SourceYear sy = read(Exio12Source.exiobase1(), dir, OptionalInt.empty());
    MrioYear t = sy.table();
    Layout l = t.layout();
    assertEquals(List.of("reg1", "reg2", "reg3", "reg4", "reg5", "reg6"), l.countries());
    assertEquals("S001", l.industries().get(0));
    assertEquals("food", sy.industryNames().get("S001"));
    assertEquals(List.of("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "VALUABLES", "EXPORTS"), l.categories());
    assertEquals("EXIOBASE 1", sy.source());
    assertEquals("", sy.edition(), "no version in the file names, system not in the folder name");
    assertEquals("EUR million", sy.unit());
    assertEquals(2000, t.year(), "EXIOBASE 1's reference year");
    assertNull(t.publishedOutput(), "x is solved, not published");
    assertTrue(sy.conversion().contains("Z = A·diag(x)"), sy.conversion());
    double[] x = assertConversion(t, dir, ".txt");
    double[] va = t.valueAdded().get("Value_Added");
    double[] s = parse(dir.resolve("mrFactorInputs.txt"), 2).values().get(0);
    for (int j = 0; j < x.length; j++) {
      close(s[j] * x[j], va[j], "VA = s·x at " + j);
    }
    Satellite sat = t.satellite();
    assertEquals(List.of("emission_type1 - air", "emission_type2 - water"), sat.stressors());
    assertEquals(List.of("kg", "kg"), sat.units());
    assertCoefficients(sat, 0, dir.resolve("mrEmissions.txt"), 3, x);
    assertFinalDemand(sat, 0, dir.resolve("mrFDEmissions.txt"), 3);
    assertEquals(Map.of("exiobase1", "EXIOBASE 1 coefficients: exio1_mock mrIot.txt + mrFinalDemand.txt + "
        + "mrFactorInputs.txt + mrEmissions.txt + mrFDEmissions.txt"), MrioSources.recognise(dir).entrySet().stream()
        .filter(e -> e.getKey().startsWith("exiobase")).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
            Map.Entry::getValue)));
    assertEquals(2005, read(Exio12Source.exiobase1(), dir, OptionalInt.of(2005)).table().year(), "--year wins");
  }

  @Test
  void exiobase2MockReadFromTheZip() throws IOException {
    Path zip = SharedData.require(MOCKS + "exio2_mock/mrIOT_PxP_ita_coefficient_version2.2.2.zip");
    SourceYear sy = read(Exio12Source.exiobase2(), zip, OptionalInt.empty());
    MrioYear t = sy.table();
    assertEquals("EXIOBASE 2", sy.source());
    assertEquals("2.2.2 pxp", sy.edition());
    assertEquals(2007, t.year(), "EXIOBASE 2's reference year");
    assertEquals("P001", t.layout().industries().get(0));
    Path dir = Files.createDirectories(tmp.resolve("x"));
    unzip(zip, dir);
    double[] x = assertConversion(t, dir, "_version2.2.2.txt");
    Satellite sat = t.satellite();
    assertEquals(List.of("emission_type1 - air", "emission_type2 - water", "Water Consumption Blue",
        "Water Consumption Green", "Land use-Arable Land - nature", "Land use-Pasture - nature",
        "Land use-Forest - nature"), sat.stressors());
    assertEquals(List.of("kg", "kg", "Mm3", "Mm3", "km2", "km2", "km2"), sat.units());
    assertCoefficients(sat, 0, dir.resolve("mrEmissions_version2.2.2.txt"), 3, x);
    assertCoefficients(sat, 2, dir.resolve("mrMaterials_version2.2.2.txt"), 2, x);
    assertCoefficients(sat, 4, dir.resolve("mrResources_version2.2.2.txt"), 3, x);
    assertFinalDemand(sat, 0, dir.resolve("mrFDEmissions_version2.2.2.txt"), 3);
    assertFinalDemand(sat, 2, dir.resolve("mrFDMaterials_version2.2.2.txt"), 2);
    for (int c = 0; c < t.layout().finalDemandColumns(); c++) {
      assertEquals(0.0, sat.fy()[4 + c * sat.m()], "no mrFDResources: zero");
    }
    assertTrue(Exio12Source.exiobase2().recognise(zip).orElseThrow().startsWith("EXIOBASE 2.2.2 coefficients: "));
    assertTrue(Exio12Source.exiobase1().recognise(zip).isEmpty(), "version 2 is not EXIOBASE 1");
    assertTrue(new ExiobaseSource().recognise(zip).isEmpty(), "not EXIOBASE 3");
  }

  static void unzip(Path zip, Path dir) throws IOException {
    try (java.util.zip.ZipFile zf = new java.util.zip.ZipFile(zip.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zf.entries())) {
        Files.copy(zf.getInputStream(e), dir.resolve(e.getName()));
      }
    }
  }

  @Test
  void genericExtensionFilesWithOneToFiveLabelColumns() throws IOException {
    Path mock = SharedData.require(MOCKS + "exio1_mock/mrIot.txt").getParent();
    Path ext = SharedData.require(MOCKS + "exio_ext_mock/ext_1col.txt").getParent();
    Path dir = Files.createDirectories(tmp.resolve("exio1"));
    for (String f : List.of("mrIot.txt", "mrFinalDemand.txt")) {
      Files.copy(mock.resolve(f), dir.resolve(f));
    }
    Files.createDirectories(dir.resolve("extensions"));
    for (String f : List.of("ext_1col.txt", "ext_2col.txt", "ext_3col.txt", "ext_5col.txt")) {
      Files.copy(ext.resolve(f), dir.resolve("extensions").resolve(f));
    }
    MrioYear t = read(Exio12Source.exiobase1(), dir, OptionalInt.empty()).table();
    Satellite s = t.satellite();
    assertEquals(List.of("ext_1col/emission_type1", "ext_1col/emission_type2", "ext_2col/emission_type1",
        "ext_2col/emission_type2", "ext_3col/emission_type1 - air", "ext_3col/emission_type2 - water",
        "ext_5col/emission_type1 - air", "ext_5col/emission_type2 - water"), s.stressors());
    assertEquals(List.of("", "", "kg", "kg", "kg", "kg", "kg", "kg"), s.units());
    int[] k = {1, 2, 3, 5};
    String[] f = {"ext_1col.txt", "ext_2col.txt", "ext_3col.txt", "ext_5col.txt"};
    for (int e = 0; e < 4; e++) {
      Parsed p = parse(dir.resolve("extensions").resolve(f[e]), k[e]);
      for (int r = 0; r < 2; r++) {
        for (int j = 0; j < t.n(); j++) {
          assertEquals(p.values().get(r)[j], s.f()[2 * e + r + j * s.m()], f[e] + " row " + r + " col " + j);
        }
      }
    }
    assertEquals(List.of("VA"), List.copyOf(t.valueAdded().keySet()), "no factor inputs: the column residual");
  }

  // ---------------------------------------------------------------------------------------------
  // bad input on a tiny synthetic table: 2 regions × 2 sectors, 2 categories

  private static final String[] REG = {"AT", "BE"};
  private static final String[] SEC = {"food", "steel"};

  /** Writes mrIot.txt, mrFinalDemand.txt, mrEmissions.txt of a tiny balanced coefficient table. */
  static void writeTiny(Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder head1 = new StringBuilder("\t\t");
    StringBuilder head2 = new StringBuilder("\t\t");
    StringBuilder fd1 = new StringBuilder("\t\t");
    StringBuilder fd2 = new StringBuilder("\t\t");
    for (String r : REG) {
      for (String s : SEC) {
        head1.append('\t').append(r);
        head2.append('\t').append(s);
      }
      for (String c : List.of("Final consumption expenditure by households", "Export")) {
        fd1.append('\t').append(r);
        fd2.append('\t').append(c);
      }
    }
    StringBuilder a = new StringBuilder(head1 + "\n" + head2 + "\n");
    StringBuilder y = new StringBuilder(fd1 + "\n" + fd2 + "\n");
    int i = 0;
    for (String r : REG) {
      for (String s : SEC) {
        a.append(r).append('\t').append(s).append("\tM.EUR/M.EUR");
        y.append(r).append('\t').append(s).append("\tM.EUR");
        for (int j = 0; j < 4; j++) {
          a.append('\t').append(0.05 + 0.01 * ((i + 2 * j) % 5));
          y.append('\t').append(10 + i + j);
        }
        a.append('\n');
        y.append('\n');
        i++;
      }
    }
    Files.writeString(dir.resolve("mrIot.txt"), a);
    Files.writeString(dir.resolve("mrFinalDemand.txt"), y);
    String e = head1 + "\n" + head2 + "\nCO2\tair\tkg/M.EUR\t1\t2\t3\t4\n";
    Files.writeString(dir.resolve("mrEmissions.txt"), e);
  }

  private static InvalidInputException fails(Executable e, String... fragments) {
    InvalidInputException ex = assertThrows(InvalidInputException.class, e);
    String msg = ex.getMessage();
    assertTrue(!msg.contains("\n"), msg);
    for (String f : fragments) {
      assertTrue(msg.contains(f), "message lacks '" + f + "': " + msg);
    }
    return ex;
  }

  private static void edit(Path file, UnaryOperator<List<String>> change) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    Files.write(file, change.apply(lines), StandardCharsets.UTF_8);
  }

  @Test
  void tinyTableReadsAndIsBalanced() throws IOException {
    Path dir = tmp.resolve("pxp_tiny");
    writeTiny(dir);
    SourceYear sy = read(Exio12Source.exiobase1(), dir, OptionalInt.empty());
    assertEquals(List.of("AUT", "BEL"), sy.table().layout().countries());
    assertEquals("pxp", sy.edition());
    double[] x = assertConversion(sy.table(), dir, ".txt");
    assertCoefficients(sy.table().satellite(), 0, dir.resolve("mrEmissions.txt"), 3, x);
  }

  @Test
  void missingFile() throws IOException {
    Path dir = tmp.resolve("t");
    writeTiny(dir);
    Files.delete(dir.resolve("mrFinalDemand.txt"));
    fails(() -> read(Exio12Source.exiobase1(), dir, OptionalInt.empty()), "mrFinalDemand*.txt", "year 2000", "file missing");
    fails(() -> Exio12Source.exiobase1().plan(List.of(tmp.resolve("nope")), OptionalInt.empty()), "nope",
        "no such file or folder");
  }

  @Test
  void labelBlockShiftedByOneRow() throws IOException {
    Path dir = tmp.resolve("t");
    writeTiny(dir);
    edit(dir.resolve("mrIot.txt"), lines -> {
      lines.add(0, lines.get(0));
      return lines;
    });
    fails(() -> read(Exio12Source.exiobase1(), dir, OptionalInt.empty()), "mrIot.txt", "year 2000", "column 4 (AT AT)",
        "column label is not a region and sector");
  }

  @Test
  void labelBlockShiftedByOneColumn() throws IOException {
    Path dir = tmp.resolve("t");
    writeTiny(dir);
    edit(dir.resolve("mrEmissions.txt"), lines -> {
      lines.set(2, "\t" + lines.get(2));
      return lines;
    });
    fails(() -> read(Exio12Source.exiobase1(), dir, OptionalInt.empty()), "mrEmissions.txt", "line 3",
        "row has 8 cells, the header has 7");
  }

  @Test
  void nonNumericCell() throws IOException {
    Path dir = tmp.resolve("t");
    writeTiny(dir);
    edit(dir.resolve("mrFinalDemand.txt"), lines -> {
      lines.set(3, lines.get(3).replaceFirst("\t11\t", "\tabc\t"));
      return lines;
    });
    fails(() -> read(Exio12Source.exiobase1(), dir, OptionalInt.empty()), "mrFinalDemand.txt", "year 2000",
        "line 4, column 4 (row AT steel M.EUR, column AT Final consumption", "'abc' is not a number");
  }

  @Test
  void flowVersionAndDuplicateFilesRefused() throws IOException {
    Path dir = tmp.resolve("t");
    writeTiny(dir);
    edit(dir.resolve("mrIot.txt"), lines -> {
      lines.replaceAll(s -> s.replace("M.EUR/M.EUR", "M.EUR"));
      return lines;
    });
    fails(() -> read(Exio12Source.exiobase1(), dir, OptionalInt.empty()), "mrIot.txt", "line 3, column 3",
        "only the coefficient version is read");
    Files.writeString(dir.resolve("mrIot_copy.txt"), "x");
    fails(() -> read(Exio12Source.exiobase1(), dir, OptionalInt.empty()), "two mrIot files");
  }

  @Test
  void truncatedZipMember() throws IOException {
    Path dir = tmp.resolve("t");
    writeTiny(dir);
    Path zip = tmp.resolve("mrIOT_pxp_version2.2.2.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String f : List.of("mrIot.txt", "mrFinalDemand.txt")) {
        byte[] b = Files.readAllBytes(dir.resolve(f));
        out.putNextEntry(new ZipEntry(f.replace(".txt", "_version2.2.2.txt")));
        out.write(b, 0, f.startsWith("mrIot") ? b.length - 30 : b.length);
        out.closeEntry();
      }
    }
    fails(() -> read(Exio12Source.exiobase2(), zip, OptionalInt.empty()), "mrIOT_pxp_version2.2.2.zip!mrIot_version2.2.2.txt",
        "year 2007");
    assertTrue(Exio12Source.exiobase2().recognise(zip).isPresent());
  }
}
