package io.tivaspark.common.io.source;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Satellite;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a year read by a source as long CSVs for the peer cross-check scripts
 * ({@code tools/crosscheck/formats/<format>.py}): {@code Z.csv}, {@code Y.csv}, {@code x.csv},
 * {@code VA.csv} and, with satellite accounts, {@code F.csv} and {@code F_Y.csv}; every cell
 * (zeros too), values as Java's shortest round-trip decimal, so Python reads the same doubles.
 */
final class ExcelCrosscheckDump {
  private ExcelCrosscheckDump() {}

  /** The directory given by {@code -Dtiva.crosscheck.out} (created), or null when the property is unset. */
  static Path outDir(String sub) throws IOException {
    String out = System.getProperty("tiva.crosscheck.out");
    return out == null || out.isBlank() ? null : Files.createDirectories(Path.of(out).resolve(sub));
  }

  static void write(MrioYear y, Path dir) throws IOException {
    Layout l = y.layout();
    int n = l.n();
    try (Writer w = Files.newBufferedWriter(dir.resolve("Z.csv"))) {
      w.write("row_region,row_sector,col_region,col_sector,value\n");
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          w.write(label(l, i) + "," + label(l, j) + "," + y.zAt(i, j) + "\n");
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("Y.csv"))) {
      w.write("row_region,row_sector,col_region,category,value\n");
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < l.finalDemandColumns(); c++) {
          w.write(label(l, i) + "," + fdLabel(l, c) + "," + y.finalDemandAt(i, c) + "\n");
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("x.csv"))) {
      w.write("region,sector,value\n");
      for (int i = 0; i < n; i++) {
        w.write(label(l, i) + "," + y.publishedOutput()[i] + "\n");
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("VA.csv"))) {
      w.write("component,region,sector,value\n");
      for (Map.Entry<String, double[]> e : y.valueAdded().entrySet()) {
        for (int j = 0; j < n; j++) {
          w.write(e.getKey() + "," + label(l, j) + "," + e.getValue()[j] + "\n");
        }
      }
    }
    if (y.satellite() != null) {
      writeSatellite(y.satellite(), l, dir);
    }
  }

  private static void writeSatellite(Satellite s, Layout l, Path dir) throws IOException {
    int m = s.m();
    try (Writer w = Files.newBufferedWriter(dir.resolve("F.csv"))) {
      w.write("stressor,unit,region,sector,value\n");
      for (int st = 0; st < m; st++) {
        for (int k = 0; k < l.n(); k++) {
          w.write(s.stressors().get(st) + "," + s.units().get(st) + "," + label(l, k) + "," + s.f()[st + k * m] + "\n");
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("F_Y.csv"))) {
      w.write("stressor,unit,region,category,value\n");
      for (int st = 0; st < m; st++) {
        for (int c = 0; c < l.finalDemandColumns(); c++) {
          w.write(s.stressors().get(st) + "," + s.units().get(st) + "," + fdLabel(l, c) + "," + s.fy()[st + c * m] + "\n");
        }
      }
    }
  }

  private static String label(Layout l, int k) {
    return l.entities().get(l.entityOfRow(k)) + "," + l.industries().get(l.industryOfRow(k));
  }

  private static String fdLabel(Layout l, int c) {
    return l.countries().get(c / l.categoryCount()) + "," + l.categories().get(c % l.categoryCount());
  }
}
