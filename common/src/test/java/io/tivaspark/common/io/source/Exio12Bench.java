package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * EXIOBASE 2 at its real size (docs/sources/exiobase1-2.md, "Size"): a synthetic pxp coefficient table,
 * 48 regions × 200 products = 9,600 rows, 7 final-demand categories, {@code bench.stressors} (default 100)
 * emission rows (S and F_Y) and one factor-input row, written as the published zip
 * ({@code mrIOT_PxP_ita_coefficient_version2.2.2.zip}; half of A's cells zero, column sums below one half),
 * then timed: plan + read (streamed inflate, parse, one LU of I − A, Z = A·x̂, F = S·x̂). Skipped unless
 * {@code TIVA_BENCH=1}. Run: {@code TIVA_BENCH=1 mvn -o -q -pl common test -Dtest=Exio12Bench}
 * ({@code bench.regions}, {@code bench.sectors}, {@code bench.stressors}); lines starting with RESULT.
 */
@Tag("bench")
class Exio12Bench {
  private static final String V = "_version2.2.2.txt";

  @Test
  void realSize() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    int g = Integer.getInteger("bench.regions", 48);
    int s = Integer.getInteger("bench.sectors", 200);
    int m = Integer.getInteger("bench.stressors", 100);
    Path zip = Files.createTempDirectory("exio12-bench").resolve("mrIOT_PxP_ita_coefficient_version2.2.2.zip");
    try {
      long t0 = System.nanoTime();
      write(zip, g, s, m);
      System.out.printf(Locale.ROOT, "RESULT exiobase2 write %.1f s, %d MB zipped%n", (System.nanoTime() - t0) / 1e9,
          Files.size(zip) >> 20);
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long[] peak = {0};
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      long t1 = System.nanoTime();
      Exio12Source src = Exio12Source.exiobase2();
      SourceYear sy = src.read(src.plan(List.of(zip), OptionalInt.empty()).get(0));
      double sec = (System.nanoTime() - t1) / 1e9;
      sampler.interrupt();
      sampler.join();
      int n = g * s;
      assertEquals(n, sy.table().n());
      System.out.printf(Locale.ROOT, "RESULT exiobase2 read n=%d %.1f s wall, peak heap %.2f GB (%.2f × 8n² bytes), "
          + "loadavg %s%n", n, sec, peak[0] / 1e9, peak[0] / (8.0 * n * n), Files.readString(Path.of("/proc/loadavg")).strip());
      sy.notes().forEach(note -> System.out.println("  note: " + note));
    } finally {
      Files.deleteIfExists(zip);
      Files.deleteIfExists(zip.getParent());
    }
  }

  private static void write(Path zip, int g, int s, int m) throws IOException {
    int n = g * s;
    SplittableRandom r = new SplittableRandom(7);
    try (ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(zip));
        Writer w = new BufferedWriter(new OutputStreamWriter(zos, StandardCharsets.UTF_8), 1 << 20)) {
      zos.setLevel(1);
      entry(zos, w, "mrIot" + V);
      header(w, 3, g, s, null);
      for (int i = 0; i < n; i++) {
        w.write(label(i, s) + "\tM.EUR/M.EUR");
        for (int j = 0; j < n; j++) {
          w.write(r.nextDouble() < 0.5 ? "\t0" : "\t" + r.nextDouble() / n);
        }
        w.write('\n');
      }
      entry(zos, w, "mrFinalDemand" + V);
      List<String> cats = List.of("Final consumption expenditure by households", "Final consumption expenditure by "
          + "non-profit organisations serving households (NPISH)", "Final consumption expenditure by government",
          "Gross fixed capital formation", "Changes in inventories", "Changes in valuables", "Export");
      header(w, 3, g, 7, cats);
      for (int i = 0; i < n; i++) {
        w.write(label(i, s) + "\tM.EUR");
        for (int c = 0; c < g * 7; c++) {
          w.write("\t" + 1000 * r.nextDouble());
        }
        w.write('\n');
      }
      entry(zos, w, "mrFactorInputs" + V);
      rows(w, r, List.of("Value Added\tM.EUR/M.EUR"), 2, g, s, null, n);
      entry(zos, w, "mrEmissions" + V);
      List<String> st = new java.util.ArrayList<>();
      for (int k = 0; k < m; k++) {
        st.add("stressor " + k + "\tair\tkg/M.EUR");
      }
      rows(w, r, st, 3, g, s, null, n);
      entry(zos, w, "mrFDEmissions" + V);
      rows(w, r, st, 3, g, 7, cats, g * 7);
      w.flush();
    }
  }

  private static void rows(Writer w, SplittableRandom r, List<String> labels, int k, int g, int s, List<String> cats,
      int cols) throws IOException {
    header(w, k, g, s, cats);
    for (String l : labels) {
      w.write(l);
      for (int j = 0; j < cols; j++) {
        w.write("\t" + r.nextDouble());
      }
      w.write('\n');
    }
  }

  /** Two header lines after k empty label cells: regions, then sectors ("Product j") or the categories. */
  private static void header(Writer w, int k, int g, int s, List<String> cats) throws IOException {
    StringBuilder l1 = new StringBuilder("\t".repeat(k - 1));
    StringBuilder l2 = new StringBuilder("\t".repeat(k - 1));
    for (int reg = 0; reg < g; reg++) {
      for (int j = 0; j < s; j++) {
        l1.append('\t').append(region(reg));
        l2.append('\t').append(cats != null ? cats.get(j) : "Product " + j);
      }
    }
    w.write(l1 + "\n" + l2 + "\n");
  }

  private static String region(int r) {
    return String.format(Locale.ROOT, "X%02d", r);
  }

  private static String label(int i, int s) {
    return region(i / s) + "\tProduct " + (i % s);
  }

  private static void entry(ZipOutputStream zos, Writer w, String name) throws IOException {
    w.flush();
    zos.putNextEntry(new ZipEntry(name));
  }
}
