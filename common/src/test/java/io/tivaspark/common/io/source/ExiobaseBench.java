package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * EXIOBASE 3 at its real size (docs/sources/exiobase3.md, "Speed at real size"): a synthetic pxp year,
 * 49 regions × 200 products = 9,800 rows, 7 final-demand categories, {@code bench.stressors} (default
 * 1,100) satellite rows plus the nine factor-input rows, written as the published zip
 * ({@code IOT_2022_pxp.zip}: {@code IOT_2022_pxp/A.txt}, Y.txt, unit.txt, metadata.json,
 * satellite/F.txt, F_Y.txt, unit.txt; values in Java's shortest round-trip form, half of A's cells
 * zero) to a temporary folder, then timed: plan + read (streamed inflate, parse, one LU of I − A,
 * Z = A·x̂, extensions). A second zip in the 3.8+ layout (Z.txt and x.txt, no A) times the path
 * without LU. Peak heap: sampled every 20 ms during the read. Skipped unless {@code TIVA_BENCH=1}.
 *
 * <p>Run: {@code TIVA_BENCH=1 mvn -o -q -pl common test -Dtest=ExiobaseBench} (system properties
 * {@code bench.regions}, {@code bench.sectors}, {@code bench.stressors}); lines starting with
 * {@code RESULT} are the numbers.
 */
@Tag("bench")
class ExiobaseBench {

  @Test
  void realSize() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    int g = Integer.getInteger("bench.regions", 49);
    int s = Integer.getInteger("bench.sectors", 200);
    int m = Integer.getInteger("bench.stressors", 1100);
    Path dir = Files.createTempDirectory("exio-bench");
    try {
      for (boolean flows : new boolean[] {false, true}) {
        Path zip = dir.resolve(flows ? "z/IOT_2022_pxp.zip" : "a/IOT_2022_pxp.zip");
        Files.createDirectories(zip.getParent());
        long t0 = System.nanoTime();
        new Release(g, s, m, 2022).write(zip, flows);
        System.out.printf(Locale.ROOT, "RESULT exiobase3 write %s %.1f s, %d MB zipped%n", flows ? "Z+x" : "A",
            (System.nanoTime() - t0) / 1e9, Files.size(zip) >> 20);
        time(zip, flows ? "Z+x (no LU)" : "A (one LU)", g * s);
        Files.delete(zip);
      }
    } finally {
      try (Stream<Path> w = Files.walk(dir)) {
        w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void time(Path zip, String what, int n) throws Exception {
    System.gc();
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long t0 = System.nanoTime();
    long cpu0 = processCpu();
    ExiobaseSource src = new ExiobaseSource();
    List<SourceUnit> units = src.plan(List.of(zip), OptionalInt.empty());
    SourceYear sy = src.read(units.get(0));
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (processCpu() - cpu0) / 1e9;
    sampler.stop = true;
    sampler.join();
    assertEquals(n, sy.table().n());
    System.out.printf(Locale.ROOT, "RESULT exiobase3 read %s n=%d %.1f s wall, %.1f s CPU (all threads), peak heap %.2f GB"
        + " (%.2f × 8n² bytes), loadavg %s%n", what, n, seconds, cpu, sampler.peak / 1e9, sampler.peak / (8.0 * n * n),
        loadavg());
    sy.notes().forEach(note -> System.out.println("  note: " + note));
  }

  /** CPU time of this process, all threads (native BLAS threads included), in nanoseconds. */
  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  private static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  /** Samples the heap in use. */
  private static final class HeapSampler extends Thread {
    volatile boolean stop;
    volatile long peak;

    HeapSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      Runtime rt = Runtime.getRuntime();
      while (!stop) {
        peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /**
   * A balanced year streamed into a zip without holding an n² array: x drawn first; A's row i from a
   * generator seeded by i (half zeros, column sums below one half); y = x − A·x accumulated while A is
   * written; value added x_j(1 − Σ_i a_ij) split over the nine factor-input rows.
   */
  static final class Release {
    final int g;
    final int s;
    final int m;
    final int n;
    final int year;
    final double[] x;

    Release(int g, int s, int m, int year) {
      this.g = g;
      this.s = s;
      this.m = m;
      this.n = g * s;
      this.year = year;
      SplittableRandom r = new SplittableRandom(year);
      x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 100 + 1000 * r.nextDouble();
      }
    }

    private double a(SplittableRandom r) {
      return r.nextDouble() < 0.5 ? 0 : r.nextDouble() / n;
    }

    void write(Path zip, boolean flows) throws IOException {
      String root = "IOT_" + year + "_pxp/";
      try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream zos = new ZipOutputStream(os);
          Writer w = new BufferedWriter(new OutputStreamWriter(zos, StandardCharsets.UTF_8), 1 << 20)) {
        zos.setLevel(1);
        double[] y = new double[n];
        double[] colSum = new double[n];
        entry(zos, w, root + (flows ? "Z.txt" : "A.txt"));
        square(w, flows, y, colSum);
        entry(zos, w, root + "Y.txt");
        finalDemand(w, y);
        if (flows) {
          entry(zos, w, root + "x.txt");
          w.write("region\tsector\tindout\n");
          for (int i = 0; i < n; i++) {
            w.write(label(i) + "\t" + x[i] + "\n");
          }
        }
        entry(zos, w, root + "unit.txt");
        w.write("region\tsector\tunit\n");
        for (int i = 0; i < n; i++) {
          w.write(label(i) + "\tM.EUR\n");
        }
        entry(zos, w, root + "metadata.json");
        w.write("{\"name\": \"EXIO3\", \"system\": \"pxp\", \"version\": \"v3.8.2\"}\n");
        satellite(zos, w, root, colSum);
        w.flush();
      }
    }

    private static void entry(ZipOutputStream zos, Writer w, String name) throws IOException {
      w.flush();
      zos.putNextEntry(new ZipEntry(name));
    }

    private String region(int r) {
      return r < ExiobaseFixture.REGIONS.length ? ExiobaseFixture.REGIONS[r] : String.format(Locale.ROOT, "X%02d", r);
    }

    private String label(int i) {
      return region(i / s) + "\tProduct " + (i % s);
    }

    private void header(Writer w, String level2, int k, boolean finalDemand) throws IOException {
      StringBuilder sb = new StringBuilder("region").append("\t".repeat(k - 1));
      int cols = finalDemand ? g * 7 : n;
      for (int c = 0; c < cols; c++) {
        sb.append('\t').append(region(finalDemand ? c / 7 : c / s));
      }
      sb.append('\n').append(level2).append("\t".repeat(k - 1));
      for (int c = 0; c < cols; c++) {
        sb.append('\t').append(finalDemand ? ExiobaseFixture.CATEGORIES[c % 7] : "Product " + (c % s));
      }
      w.write(sb.append('\n').toString());
      w.write((k == 2 ? "region\tsector" : "stressor") + "\t".repeat(cols) + "\n");
    }

    private void square(Writer w, boolean flows, double[] y, double[] colSum) throws IOException {
      header(w, "sector", 2, false);
      StringBuilder sb = new StringBuilder(1 << 18);
      for (int i = 0; i < n; i++) {
        SplittableRandom r = new SplittableRandom(1_000_003L * year + i);
        sb.setLength(0);
        sb.append(label(i));
        double ax = 0;
        for (int j = 0; j < n; j++) {
          double a = a(r);
          ax += a * x[j];
          colSum[j] += a;
          double v = flows ? a * x[j] : a;
          sb.append('\t').append(v == 0 ? "0.0" : Double.toString(v));
        }
        y[i] = x[i] - ax;
        w.write(sb.append('\n').toString());
      }
    }

    private void finalDemand(Writer w, double[] y) throws IOException {
      header(w, "category", 2, true);
      StringBuilder sb = new StringBuilder(1 << 14);
      for (int i = 0; i < n; i++) {
        sb.setLength(0);
        sb.append(label(i));
        int home = i / s;
        for (int c = 0; c < g * 7; c++) {
          double v = c == home * 7 ? y[i] * 0.6 : c % 7 == 0 ? y[i] * 0.4 / (g - 1) : 0;
          sb.append('\t').append(v == 0 ? "0.0" : Double.toString(v));
        }
        w.write(sb.append('\n').toString());
      }
    }

    private void satellite(ZipOutputStream zos, Writer w, String root, double[] colSum) throws IOException {
      entry(zos, w, root + "satellite/F.txt");
      header(w, "sector", 1, false);
      StringBuilder sb = new StringBuilder(1 << 18);
      SplittableRandom r = new SplittableRandom(7);
      for (int k = 0; k < 9 + m; k++) {
        sb.setLength(0);
        sb.append(k < 9 ? ExiobaseFixture.VA_ROWS[k] : "Stressor " + k + " - air");
        for (int j = 0; j < n; j++) {
          double v = k < 9 ? x[j] * (1 - colSum[j]) / 9 : r.nextDouble() < 0.5 ? 0 : 1e6 * r.nextDouble();
          sb.append('\t').append(v == 0 ? "0.0" : Double.toString(v));
        }
        w.write(sb.append('\n').toString());
      }
      entry(zos, w, root + "satellite/F_Y.txt");
      header(w, "category", 1, true);
      for (int k = 0; k < 9 + m; k++) {
        sb.setLength(0);
        sb.append(k < 9 ? ExiobaseFixture.VA_ROWS[k] : "Stressor " + k + " - air");
        for (int c = 0; c < g * 7; c++) {
          sb.append('\t').append(k >= 9 && c % 7 == 0 ? Double.toString(1e7 * r.nextDouble()) : "0.0");
        }
        w.write(sb.append('\n').toString());
      }
      entry(zos, w, root + "satellite/unit.txt");
      w.write("stressor\tunit\n");
      for (int k = 0; k < 9 + m; k++) {
        w.write((k < 9 ? ExiobaseFixture.VA_ROWS[k] : "Stressor " + k + " - air") + "\t" + (k < 9 ? "M.EUR" : "kg") + "\n");
      }
    }
  }
}
