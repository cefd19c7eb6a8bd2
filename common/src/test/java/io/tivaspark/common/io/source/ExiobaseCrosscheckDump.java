package io.tivaspark.common.io.source;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes what {@link ExiobaseSource} reads, as long CSVs, for {@code tools/crosscheck/formats/exiobase3.py}
 * to compare cell by cell with pymrio's {@code parse_exiobase3} of the same files. Skipped unless
 * {@code -Dtiva.crosscheck.out=DIR}. Writes {@code DIR/exiobase3/mock/} (pymrio's EXIOBASE 3 mock, year 2009)
 * and {@code DIR/fixture/} (a synthetic 3.8-style release with factor inputs, x.txt and two
 * extension folders, its files in {@code DIR/fixture/IOT_2011_pxp/}), each with {@code Z.csv},
 * {@code Y.csv}, {@code x.csv}, {@code VA.csv}, {@code F.csv}, {@code F_Y.csv}. Regions are written
 * as pymrio names them (EXIOBASE's two-letter codes), sectors by name, categories by the store's code.
 *
 * <p>Run: {@code mvn -o -q -pl common test -Dtest=ExiobaseCrosscheckDump -Dtiva.crosscheck.out=/tmp/exio-cc}.
 */
class ExiobaseCrosscheckDump {

  @Test
  void dump() throws IOException {
    String out = System.getProperty("tiva.crosscheck.out");
    Assumptions.assumeTrue(out != null && !out.isBlank(), "set -Dtiva.crosscheck.out=DIR to write the cross-check CSVs");
    Path dir = Path.of(out).resolve("exiobase3");
    Path mock = SharedData.path("data/pymrio-mocks/exio3_mock");
    if (Files.isDirectory(mock)) {
      dump(read(mock, OptionalInt.of(2009)), Files.createDirectories(dir.resolve("mock")));
    } else {
      System.err.println("ExiobaseCrosscheckDump: " + mock + " not found, mock skipped");
    }
    Path release = dir.resolve("fixture/IOT_2011_pxp");
    new ExiobaseFixture(3, 4, 4, 2011).write(release, ExiobaseFixture.Options.V38);
    Files.writeString(release.resolve("metadata.json"), "{\"description\": \"synthetic\", \"name\": \"EXIO3\", "
        + "\"system\": \"pxp\", \"version\": \"v3.8.2\", \"history\": []}");
    dump(read(release, OptionalInt.empty()), dir.resolve("fixture"));
  }

  private static SourceYear read(Path in, OptionalInt year) throws IOException {
    ExiobaseSource s = new ExiobaseSource();
    return s.read(s.plan(List.of(in), year).get(0));
  }

  /** pymrio's region name of a store code: ISO alpha-2, rest of world WWA → WA. */
  static String pymrioRegion(String code) {
    if (code.startsWith("WW") && code.length() == 3) {
      return code.substring(1);
    }
    for (String iso2 : Locale.getISOCountries()) {
      if (new Locale("", iso2).getISO3Country().equals(code)) {
        return iso2;
      }
    }
    return code;
  }

  static void dump(SourceYear sy, Path dir) throws IOException {
    Files.createDirectories(dir);
    MrioYear t = sy.table();
    Layout l = t.layout();
    int n = t.n();
    int gf = l.finalDemandColumns();
    String[] row = new String[n];
    for (int i = 0; i < n; i++) {
      row[i] = csv(pymrioRegion(l.countries().get(l.countryOfRow(i)))) + ","
          + csv(sy.industryNames().get(l.industries().get(l.industryOfRow(i))));
    }
    String[] fd = new String[gf];
    for (int c = 0; c < gf; c++) {
      fd[c] = csv(pymrioRegion(l.countries().get(c / l.categoryCount()))) + "," + l.categories().get(c % l.categoryCount());
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("Z.csv"), StandardCharsets.UTF_8)) {
      w.write("row_region,row_sector,col_region,col_sector,value\n");
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          w.write(row[i] + "," + row[j] + "," + t.zAt(i, j) + "\n");
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("Y.csv"), StandardCharsets.UTF_8)) {
      w.write("row_region,row_sector,col_region,category,value\n");
      for (int c = 0; c < gf; c++) {
        for (int i = 0; i < n; i++) {
          w.write(row[i] + "," + fd[c] + "," + t.finalDemandAt(i, c) + "\n");
        }
      }
    }
    writeOutput(t, row, dir);
    writeValueAdded(t.valueAdded(), row, dir);
    writeSatellite(t.satellite(), row, fd, dir);
  }

  /** x = Z1 + y (what the store's run derives; x.txt when published). */
  private static void writeOutput(MrioYear t, String[] row, Path dir) throws IOException {
    int n = t.n();
    double[] x = new double[n];
    for (int k = 0; k < t.z().length; k++) {
      x[k % n] += t.z()[k];
    }
    for (int k = 0; k < t.finalDemand().length; k++) {
      x[k % n] += t.finalDemand()[k];
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("x.csv"), StandardCharsets.UTF_8)) {
      w.write("region,sector,value,published\n");
      for (int i = 0; i < n; i++) {
        w.write(row[i] + "," + x[i] + "," + (t.publishedOutput() == null ? "" : t.publishedOutput()[i]) + "\n");
      }
    }
  }

  private static void writeValueAdded(Map<String, double[]> va, String[] row, Path dir) throws IOException {
    try (Writer w = Files.newBufferedWriter(dir.resolve("VA.csv"), StandardCharsets.UTF_8)) {
      w.write("component,region,sector,value\n");
      for (Map.Entry<String, double[]> e : va.entrySet()) {
        for (int i = 0; i < row.length; i++) {
          w.write(e.getKey() + "," + row[i] + "," + e.getValue()[i] + "\n");
        }
      }
    }
  }

  private static void writeSatellite(Satellite s, String[] row, String[] fd, Path dir) throws IOException {
    try (Writer w = Files.newBufferedWriter(dir.resolve("F.csv"), StandardCharsets.UTF_8);
        Writer wy = Files.newBufferedWriter(dir.resolve("F_Y.csv"), StandardCharsets.UTF_8)) {
      w.write("stressor,unit,region,sector,value\n");
      wy.write("stressor,unit,region,category,value\n");
      if (s == null) {
        return;
      }
      for (int k = 0; k < s.m(); k++) {
        String head = csv(s.stressors().get(k)) + "," + csv(s.units().get(k)) + ",";
        for (int i = 0; i < row.length; i++) {
          w.write(head + row[i] + "," + s.f()[k + i * s.m()] + "\n");
        }
        for (int c = 0; c < fd.length; c++) {
          wy.write(head + fd[c] + "," + s.fy()[k + c * s.m()] + "\n");
        }
      }
    }
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
