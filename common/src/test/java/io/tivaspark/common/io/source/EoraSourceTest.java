package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format eora26} on pymrio's Eora26 mock (../shared) and on years written in the published
 * layout by {@link EoraFixture}, with Eora's ROW (statistical discrepancy) row and column: every
 * block against a plain reading of the files, and the identities of the conversion.
 */
class EoraSourceTest {
  @TempDir
  Path tmp;

  static final double REL = 1e-12;

  static Path mock() {
    return SharedData.require("data/pymrio-mocks/eora26_mock/Eora26_2010_bp_T.txt").getParent();
  }

  /** The mock's numbers by a plain split, for comparison. */
  static double[][] plain(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    double[][] out = new double[lines.size()][];
    for (int r = 0; r < lines.size(); r++) {
      String[] f = lines.get(r).split("\t");
      out[r] = new double[f.length];
      for (int c = 0; c < f.length; c++) {
        out[r][c] = Double.parseDouble(f[c]);
      }
    }
    return out;
  }

  static SourceYear readOnly(List<Path> inputs, OptionalInt year) throws IOException {
    MrioSource src = MrioSources.of("eora26");
    List<SourceUnit> units = src.plan(inputs, year);
    assertEquals(1, units.size(), "units " + units);
    return src.read(units.get(0));
  }

  @Test
  void mockReadsAsPublished() throws IOException {
    Path dir = mock();
    SourceYear sy = readOnly(List.of(dir), OptionalInt.empty());
    MrioYear y = sy.table();
    Layout l = y.layout();
    assertEquals(2010, y.year());
    assertEquals(List.of("reg1", "reg2", "reg3", "reg4", "reg5", "reg6"), l.countries());
    assertEquals(List.of("food", "mining", "manufactoring", "electricity", "construction", "trade", "transport",
        "other"), l.industries());
    assertEquals(List.of("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "VALUABLES", "Export"), l.categories());
    assertEquals("Region 1", sy.countryNames().get("reg1"));
    assertEquals("Eora26", sy.source());
    assertEquals("bp (basic prices)", sy.edition());
    assertEquals("USD thousand", sy.unit());
    assertEquals("", sy.conversion(), "the mock has no ROW: read as is");
    assertNull(y.publishedOutput());
    int n = y.n();
    double[][] t = plain(dir.resolve("Eora26_2010_bp_T.txt"));
    double[][] fd = plain(dir.resolve("Eora26_2010_bp_FD.txt"));
    double[][] va = plain(dir.resolve("Eora26_2010_bp_VA.txt"));
    double[][] q = plain(dir.resolve("Eora26_2010_bp_Q.txt"));
    double[][] qy = plain(dir.resolve("Eora26_2010_bp_QY.txt"));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertEquals(t[i][j], y.zAt(i, j), 0.0);
      }
      for (int c = 0; c < l.finalDemandColumns(); c++) {
        assertEquals(fd[i][c], y.finalDemandAt(i, c), 0.0);
      }
    }
    assertEquals(Map.of("Value_Added", 0), Map.of(y.valueAdded().keySet().iterator().next(), 0));
    assertArrayEquals(va[0], y.valueAdded().get("Value_Added"));
    Satellite s = y.satellite();
    assertEquals(List.of("I-GHG-CO2 emissions | emission_type1", "I-GHG-CO2 emissions | emission_type2"),
        s.stressors());
    assertEquals(List.of("kg", "kg"), s.units());
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < n; j++) {
        assertEquals(q[k][j], s.f()[k + j * 2], 0.0);
      }
      for (int c = 0; c < l.finalDemandColumns(); c++) {
        assertEquals(qy[k][c], s.fy()[k + c * 2], 0.0);
      }
    }
    assertTrue(sy.notes().get(0).startsWith("final-demand categories: HFCE = Final consumption expenditure by"
        + " households; NPISH = "), sy.notes().toString());
  }

  @Test
  void rowBecomesDiscAndBothBalancesHold() throws IOException {
    EoraFixture fx = new EoraFixture(3, 4, true, 3, 7);
    Path dir = tmp.resolve("eora");
    fx.writeDir(dir, 2015, "bp", true);
    SourceYear sy = readOnly(List.of(dir), OptionalInt.empty());
    MrioYear y = sy.table();
    Layout l = y.layout();
    assertEquals(List.of("CAAA", "CAAB", "CAAC"), l.countries());
    assertEquals(List.of("Agriculture", "Fishing", "Mining_and_Quarrying", "Food_Beverages"), l.industries());
    assertEquals("Food & Beverages", sy.industryNames().get("Food_Beverages"));
    assertEquals(List.of("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "VALUABLES", "DISC"), l.categories());
    assertEquals(List.of("D.1", "D.29", "D.39", "B.2n", "B.3n", "K.1", "DISC"), List.copyOf(y.valueAdded().keySet()));
    assertEquals(EoraTable.CONVERSION, sy.conversion());
    int n = y.n();
    int f = l.categoryCount();
    double movedVa = 0;
    for (int i = 0; i < n; i++) {
      double x = 0;
      for (int j = 0; j < n; j++) {
        assertEquals(fx.t(i, j), y.zAt(i, j), 0.0, "Z is T without ROW");
        x += y.zAt(i, j);
      }
      for (int c = 0; c < l.finalDemandColumns(); c++) {
        x += y.finalDemandAt(i, c);
      }
      // x = Z1 + y (DISC included) is the published row total of T and FD
      assertEquals(fx.rowTotal(i), x, REL * Math.abs(fx.rowTotal(i)), "row " + i);
      int country = i / 4;
      assertEquals(fx.t(i, n) + fx.fd(i, fx.nFd() - 1), y.finalDemandAt(i, country * f + 6), REL,
          "DISC final demand = T column ROW + FD column ROW");
      for (int cat = 0; cat < 6; cat++) {
        assertEquals(fx.fd(i, country * 6 + cat), y.finalDemandAt(i, country * f + cat), 0.0);
      }
      assertEquals(fx.t(n, i), y.valueAdded().get("DISC")[i], 0.0, "DISC value added = T row ROW");
      movedVa += fx.t(n, i);
    }
    for (int j = 0; j < n; j++) {
      // x = Z'1 + sum of value added (DISC included): the column balance of the published table
      double col = 0;
      for (int i = 0; i < n; i++) {
        col += y.zAt(i, j);
      }
      for (double[] v : y.valueAdded().values()) {
        col += v[j];
      }
      assertEquals(fx.rowTotal(j), col, 1e-9 * Math.abs(fx.rowTotal(j)), "column " + j);
    }
    assertTrue(sy.notes().get(0).contains("(total " + movedVa + ")"), sy.notes().get(0));
    assertTrue(sy.notes().get(1).startsWith("ROW dropped: T[ROW,ROW] = " + fx.t(n, n) + ","), sy.notes().get(1));
  }

  @Test
  void satelliteWithoutRowColumns() throws IOException {
    EoraFixture fx = new EoraFixture(2, 3, true, 2, 3);
    Path dir = tmp.resolve("eora");
    fx.writeDir(dir, 2015, "pp", true);
    SourceYear sy = readOnly(List.of(dir), OptionalInt.empty());
    assertEquals("pp (purchasers' prices)", sy.edition());
    Satellite s = sy.table().satellite();
    assertEquals(List.of("CO2 emissions | Total", "Stressor 1 | source 1"), s.stressors());
    assertEquals(List.of("Gg", "kg"), s.units());
    int n = 6;
    int f = 7;
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < n; j++) {
        assertEquals(fx.q(k, j), s.f()[k + j * 2], 0.0);
      }
      for (int country = 0; country < 2; country++) {
        for (int cat = 0; cat < 6; cat++) {
          assertEquals(fx.qy(k, country * 6 + cat), s.fy()[k + (country * f + cat) * 2], 0.0);
        }
        assertEquals(0.0, s.fy()[k + (country * f + 6) * 2], 0.0, "no direct emissions booked to DISC");
      }
    }
  }

  @Test
  void zipWithLabelsZipWithIndicesAndYearFolders() throws IOException {
    EoraFixture fx = new EoraFixture(2, 3, true, 2, 5);
    Path a = tmp.resolve("a");
    Files.createDirectories(a);
    fx.writeZip(a.resolve("Eora26_2014_bp.zip"), 2014, "bp", true);
    SourceYear inside = readOnly(List.of(a.resolve("Eora26_2014_bp.zip")), OptionalInt.empty());
    Path b = tmp.resolve("b");
    Files.createDirectories(b);
    fx.writeZip(b.resolve("Eora26_2014_bp.zip"), 2014, "bp", false);
    fx.writeIndices(b.resolve("indices.zip"));
    MrioSource src = new EoraSource();
    List<SourceUnit> units = src.plan(List.of(b.resolve("Eora26_2014_bp.zip"), b.resolve("indices.zip")),
        OptionalInt.empty());
    assertEquals(1, units.size());
    assertEquals(List.of("Eora26_2014_bp.zip", "indices.zip"), units.get(0).members());
    SourceYear beside = src.read(units.get(0));
    assertArrayEquals(inside.table().z(), beside.table().z());
    assertArrayEquals(inside.table().finalDemand(), beside.table().finalDemand());
    Path c = tmp.resolve("c");
    fx.writeDir(c.resolve("2014"), 2014, "bp", true);
    fx.writeDir(c.resolve("2016"), 2016, "bp", true);
    List<SourceUnit> years = src.plan(List.of(c), OptionalInt.empty());
    assertEquals(List.of(2014, 2016), years.stream().map(SourceUnit::year).toList());
    assertArrayEquals(inside.table().z(), src.read(years.get(0)).table().z());
  }

  @Test
  void directoryOfYearlyArchivesAndYearFlag() throws IOException {
    EoraFixture fx = new EoraFixture(2, 2, false, 1, 9);
    Path d = tmp.resolve("d");
    Files.createDirectories(d);
    fx.writeZip(d.resolve("Eora26_2001_bp.zip"), 2001, "bp", false);
    fx.writeZip(d.resolve("Eora26_2000_bp.zip"), 2000, "bp", false);
    fx.writeIndices(d.resolve("indices.zip"));
    List<SourceUnit> units = new EoraSource().plan(List.of(d), OptionalInt.empty());
    assertEquals(List.of(2000, 2001), units.stream().map(SourceUnit::year).toList());
    assertEquals("", new EoraSource().read(units.get(1)).conversion(), "no ROW: read as is");
    Path e = tmp.resolve("e");
    Files.createDirectories(e);
    for (String block : List.of("T", "FD", "VA", "Q", "QY")) {
      Files.copy(mock().resolve("Eora26_2010_bp_" + block + ".txt"), e.resolve("Eora26_bp_" + block + ".txt"));
    }
    for (String block : List.of("T", "FD", "VA", "Q")) {
      Files.copy(mock().resolve("labels_" + block + ".txt"), e.resolve("labels_" + block + ".txt"));
    }
    assertEquals(1999, readOnly(List.of(e), OptionalInt.of(1999)).table().year());
  }

  @Test
  void recognise() throws IOException {
    EoraFixture fx = new EoraFixture(2, 2, true, 1, 9);
    Path d = tmp.resolve("d");
    Files.createDirectories(d);
    fx.writeZip(d.resolve("Eora26_2001_bp.zip"), 2001, "bp", false);
    assertEquals(Optional.of("Eora26 bp 2001: blocks FD, Q, QY, T, VA (labels beside it: indices.zip)"),
        new EoraSource().recognise(d.resolve("Eora26_2001_bp.zip")));
    assertEquals(Optional.of("Eora26 bp 2010: blocks FD, Q, QY, T, VA + labels"), new EoraSource().recognise(mock()));
    Files.writeString(tmp.resolve("other.csv"), "a,b\n1,2\n");
    assertEquals(Optional.empty(), new EoraSource().recognise(tmp.resolve("other.csv")));
    assertEquals(Optional.empty(), new EoraSource().recognise(tmp.resolve("d").resolve("..").resolve("d2")));
    assertEquals(List.of("eora26"), List.copyOf(MrioSources.recognise(mock()).keySet()), "no other format claims it");
  }

  /** No other publisher's mock looks like Eora26 to --format auto. */
  @Test
  void theOtherMocksAreNotEora26() throws IOException {
    Path mocks = mock().getParent();
    int tested = 0;
    try (java.util.stream.Stream<Path> s = Files.walk(mocks)) {
      for (Path p : s.filter(p -> !p.startsWith(mock())).toList()) {
        assertEquals(Optional.empty(), new EoraSource().recognise(p), p.toString());
        tested++;
      }
    }
    assertTrue(tested > 20, "mock files tested: " + tested);
  }
}
