package io.tivaspark.common.io.source;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Writes what {@code --format gloria} reads, as CSV, for {@code tools/crosscheck/formats/gloria.py}
 * (pymrio's parse_gloria of the same files, cell by cell at 1e-12). Skipped unless
 * {@code -Dtiva.crosscheck.out=DIR}; then it writes
 * <ul>
 *   <li>{@code DIR/mock/}: pymrio's GLORIA mock (../shared/data/pymrio-mocks/gloria_mock) as read;</li>
 *   <li>{@code DIR/synthetic-release/}: a balanced release in the published layout with a non-diagonal
 *       supply table and non-zero satellite accounts ({@link GloriaTestRelease}), and
 *       {@code DIR/synthetic/} as read.</li>
 * </ul>
 * Each CSV directory holds Z, Y, x (= Z1 + y), VA (by component), F, F_Y and names.csv (code → the
 * ReadMe's label, which pymrio uses as its index).
 */
class GloriaCrosscheckDumpTest {

  @Test
  void dump() throws IOException {
    String out = System.getProperty("tiva.crosscheck.out");
    Assumptions.assumeTrue(out != null && !out.isBlank(), "set -Dtiva.crosscheck.out=DIR to write the GLORIA cross-check CSVs");
    Path dir = Path.of(out).resolve("gloria");
    dumpRead(GloriaSourceTest.mock(), dir.resolve("mock"));
    // region 3 of 5 without any transaction: pymrio drops it, tiva-spark keeps it at zero
    Path release = new GloriaTestRelease(5, 5, 4, 4, 6, 2024, 2).write(dir.resolve("synthetic-release"), 2021);
    dumpRead(release, dir.resolve("synthetic"));
  }

  private static void dumpRead(Path input, Path to) throws IOException {
    List<SourceUnit> units = new GloriaSource().plan(List.of(input), OptionalInt.empty());
    GloriaReader reader = new GloriaReader(units.get(0));
    SourceYear sy = reader.read();
    Files.createDirectories(to);
    write(sy.table(), reader.labels(), to);
    System.out.println("GLORIA cross-check CSVs of " + input + " written to " + to);
  }

  static void write(MrioYear t, GloriaReadMe.Labels labels, Path to) throws IOException {
    Layout l = t.layout();
    int n = t.n();
    try (BufferedWriter z = Files.newBufferedWriter(to.resolve("Z.csv"));
        BufferedWriter y = Files.newBufferedWriter(to.resolve("Y.csv"));
        BufferedWriter x = Files.newBufferedWriter(to.resolve("x.csv"))) {
      z.write("row_country,row_industry,col_country,col_industry,value\n");
      y.write("row_country,row_industry,country,category,value\n");
      x.write("country,industry,value\n");
      for (int i = 0; i < n; i++) {
        double row = 0;
        for (int j = 0; j < n; j++) {
          z.write(label(l, i) + "," + label(l, j) + "," + t.zAt(i, j) + "\n");
          row += t.zAt(i, j);
        }
        for (int c = 0; c < l.finalDemandColumns(); c++) {
          y.write(label(l, i) + "," + l.countries().get(c / l.categoryCount()) + ","
              + l.categories().get(c % l.categoryCount()) + "," + t.finalDemandAt(i, c) + "\n");
          row += t.finalDemandAt(i, c);
        }
        x.write(label(l, i) + "," + row + "\n");
      }
    }
    try (BufferedWriter va = Files.newBufferedWriter(to.resolve("VA.csv"))) {
      va.write("component,country,industry,value\n");
      for (Map.Entry<String, double[]> e : t.valueAdded().entrySet()) {
        for (int i = 0; i < n; i++) {
          va.write(e.getKey() + "," + label(l, i) + "," + e.getValue()[i] + "\n");
        }
      }
    }
    writeSatellite(t, to);
    writeNames(labels, to);
  }

  private static void writeSatellite(MrioYear t, Path to) throws IOException {
    Satellite s = t.satellite();
    if (s == null) {
      return;
    }
    Layout l = t.layout();
    try (BufferedWriter f = Files.newBufferedWriter(to.resolve("F.csv"));
        BufferedWriter fy = Files.newBufferedWriter(to.resolve("F_Y.csv"))) {
      f.write("stressor,country,industry,value\n");
      fy.write("stressor,country,category,value\n");
      for (int st = 0; st < s.m(); st++) {
        for (int i = 0; i < t.n(); i++) {
          f.write(csv(s.stressors().get(st)) + "," + label(l, i) + "," + s.f()[st + i * s.m()] + "\n");
        }
        for (int c = 0; c < l.finalDemandColumns(); c++) {
          fy.write(csv(s.stressors().get(st)) + "," + l.countries().get(c / l.categoryCount()) + ","
              + l.categories().get(c % l.categoryCount()) + "," + s.fy()[st + c * s.m()] + "\n");
        }
      }
    }
  }

  private static void writeNames(GloriaReadMe.Labels labels, Path to) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(to.resolve("names.csv"))) {
      w.write("kind,code,name,head\n");
      names(w, "industry", labels.sectors(), labels.sectorNames(), null);
      names(w, "category", labels.categories(), labels.categoryNames(), null);
      names(w, "component", labels.components(), labels.componentNames(), null);
      names(w, "stressor", labels.stressors(), labels.stressorLabels(), labels.heads());
    }
  }

  private static void names(BufferedWriter w, String kind, List<String> codes, List<String> names, List<String> heads)
      throws IOException {
    for (int i = 0; i < codes.size(); i++) {
      w.write(kind + "," + csv(codes.get(i)) + "," + csv(names.get(i)) + "," + (heads == null ? "" : csv(heads.get(i))) + "\n");
    }
  }

  private static String label(Layout l, int i) {
    return l.entities().get(l.entityOfRow(i)) + "," + l.industries().get(l.industryOfRow(i));
  }

  private static String csv(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
