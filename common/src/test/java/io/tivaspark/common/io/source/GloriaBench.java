package io.tivaspark.common.io.source;

import io.tivaspark.common.model.MrioYear;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GLORIA at (or near) its real size: a synthetic release in the published layout with 120 sectors,
 * 6 value-added and 6 final-demand categories and {@code bench.gloria.regions} regions (real: 164,
 * so n = 19,680 products and T is 39,360 × 39,360 = 1.55e9 cells), written to a temporary folder
 * (or zipped as published: {@code bench.gloria.zip=true}), then {@code read()} timed with the peak
 * heap (sampled used heap, and the sum of the heap pools' peaks). Cells as in the release: the use
 * block dense with 5-significant-digit numbers ({@code 3.2977e-06}), the supply block diagonal,
 * every other cell {@code 0.0}.
 *
 * <p>Run: {@code TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=GloriaBench
 * -Dbench.gloria.regions=41 [-Dbench.gloria.stressors=64] [-Dbench.gloria.zip=true]
 * [-Dbench.gloria.dir=/big/disk] [-Dtest.jvm.extra=-Xmx6g]}. Lines {@code RESULT gloria <regions> <what> <value>}.
 */
@Tag("bench")
class GloriaBench {
  static final int SECTORS = 120;
  static final int COMPS = 6;
  static final int CATS = 6;

  @Test
  void realSize() throws IOException {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    Locale.setDefault(Locale.ROOT);
    int regions = Integer.getInteger("bench.gloria.regions", 41);
    int m = Integer.getInteger("bench.gloria.stressors", 64);
    boolean zip = Boolean.parseBoolean(System.getProperty("bench.gloria.zip", "false"));
    Path base = Path.of(System.getProperty("bench.gloria.dir", System.getProperty("java.io.tmpdir")));
    Path root = Files.createTempDirectory(base, "gloria-bench");
    try {
      long t0 = System.nanoTime();
      long bytes = write(root, regions, m, zip);
      double writeS = (System.nanoTime() - t0) / 1e9;
      int n = regions * SECTORS;
      System.out.printf("GLORIA bench: %d regions x %d sectors, n = %d, T %d x %d, %d satellite rows, %s, %.2f GB on disk,"
          + " written in %.1f s%n", regions, SECTORS, n, 2 * n, 2 * n, m, zip ? "zipped" : "plain CSV", bytes / 1e9, writeS);
      read(root, regions, n);
    } finally {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void read(Path root, int regions, int n) throws IOException {
    GloriaSource src = new GloriaSource();
    SourceUnit unit = src.plan(List.of(root), OptionalInt.empty()).get(0);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long[] peak = {before};
    boolean[] stop = {false};
    Thread sampler = new Thread(() -> {
      while (!stop[0]) {
        peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    SourceYear sy = src.read(unit);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    stop[0] = true;
    long pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    MrioYear t = sy.table();
    double n2 = 8.0 * n * n;
    System.out.printf("GLORIA read: %.1f s wall, %.1f s CPU of the reading thread (load average %s); peak heap sampled %.2f GB (%.2f n² doubles), heap pools' peaks %.2f GB, "
        + "-Xmx %.2f GB; Z %.2f GB; notes %s%n", seconds, cpu, loadAverage(), peak[0] / 1e9, peak[0] / n2, pools / 1e9, rt.maxMemory() / 1e9,
        n2 / 1e9, sy.notes());
    System.out.printf("RESULT gloria %d n %d%nRESULT gloria %d read_seconds %.2f%nRESULT gloria %d read_cpu_seconds %.2f%n"
        + "RESULT gloria %d peak_heap_gb %.3f%nRESULT gloria %d peak_heap_n2 %.3f%n", regions, t.n(), regions, seconds,
        regions, cpu, regions, peak[0] / 1e9, regions, peak[0] / n2);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Writes the release (folders, or one zip archive per folder as published); returns the bytes on disk. */
  static long write(Path root, int regions, int m, boolean zip) throws IOException {
    int n = regions * SECTORS;
    try (Release mrio = new Release(root, "GLORIA_MRIOs_59_2022", zip)) {
      mrio.matrix("T", 2 * n, 2 * n, (r, row) -> tRow(r, row, n));
      mrio.matrix("Y", 2 * n, regions * CATS, (r, row) -> sparseRow(row, r % (2 * SECTORS) >= SECTORS, r));
      mrio.matrix("V", regions * COMPS, 2 * n, GloriaBench::vaRow);
    }
    try (Release sat = new Release(root, "GLORIA_SatelliteAccounts_059_2022", zip)) {
      sat.matrix("TQ", m, 2 * n, GloriaBench::industryColumns);
      sat.matrix("YQ", m, regions * CATS, (r, row) -> sparseRow(row, true, r));
    }
    writeReadMe(root.resolve("GLORIA_ReadMe_059.xlsx"), regions, m);
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  interface RowGen {
    /** Fills {@code row} for row r. */
    void fill(int r, double[] row);
  }

  /** A folder of the release, or its zip archive (members deflated at the fastest level, streamed). */
  private static final class Release implements AutoCloseable {
    private final Path dir;
    private final ZipOutputStream zip;

    Release(Path root, String name, boolean zipped) throws IOException {
      dir = zipped ? null : Files.createDirectories(root.resolve(name));
      zip = zipped ? new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(root.resolve(name + ".zip")), 1 << 20))
          : null;
      if (zip != null) {
        zip.setLevel(Deflater.BEST_SPEED);
      }
    }

    void matrix(String role, int rows, int cols, RowGen gen) throws IOException {
      String name = GloriaTestRelease.name(role, 2022);
      double[] row = new double[cols];
      byte[] line = new byte[cols * 12 + 2];
      OutputStream out;
      if (zip != null) {
        zip.putNextEntry(new ZipEntry(name));
        out = zip;
      } else {
        out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 1 << 20);
      }
      for (int r = 0; r < rows; r++) {
        gen.fill(r, row);
        out.write(line, 0, format(row, line));
      }
      if (zip != null) {
        zip.closeEntry();
      } else {
        out.close();
      }
    }

    @Override
    public void close() throws IOException {
      if (zip != null) {
        zip.close();
      }
    }
  }

  /** T row r: an industry row has its supply on the diagonal, a product row dense uses. */
  private static void tRow(int r, double[] row, int n) {
    java.util.Arrays.fill(row, 0);
    int region = r / (2 * SECTORS);
    int within = r % (2 * SECTORS);
    if (within < SECTORS) {
      row[region * 2 * SECTORS + SECTORS + within] = 1e5 + r;
      return;
    }
    SplittableRandom rnd = new SplittableRandom(r);
    for (int c = 0; c < 2 * n; c++) {
      if (c % (2 * SECTORS) < SECTORS) {
        row[c] = 1 + rnd.nextInt(9) + rnd.nextInt(10000) / 1e4;
      }
    }
  }

  private static void sparseRow(double[] row, boolean dense, int r) {
    SplittableRandom rnd = new SplittableRandom(r * 31L + 7);
    for (int c = 0; c < row.length; c++) {
      row[c] = dense ? 1 + rnd.nextInt(9) + rnd.nextInt(10000) / 1e4 : 0;
    }
  }

  private static void vaRow(int r, double[] row) {
    java.util.Arrays.fill(row, 0);
    int region = r / COMPS;
    for (int s = 0; s < SECTORS; s++) {
      row[region * 2 * SECTORS + s] = 10 + s + r % COMPS;
    }
  }

  private static void industryColumns(int r, double[] row) {
    SplittableRandom rnd = new SplittableRandom(r * 17L + 3);
    for (int c = 0; c < row.length; c++) {
      row[c] = c % (2 * SECTORS) < SECTORS ? 1 + rnd.nextInt(9) + rnd.nextInt(10000) / 1e4 : 0;
    }
  }

  /** Row as CSV bytes: 0 → "0.0", x (1 ≤ x < 10, 4 decimals) → "d.dddde-06". */
  static int format(double[] row, byte[] b) {
    int p = 0;
    for (int c = 0; c < row.length; c++) {
      if (c > 0) {
        b[p++] = ',';
      }
      double v = row[c];
      if (v == 0) {
        b[p++] = '0';
        b[p++] = '.';
        b[p++] = '0';
      } else if (v >= 1 && v < 10) {
        int d = (int) Math.round(v * 1e4);
        b[p++] = (byte) ('0' + d / 10000);
        b[p++] = '.';
        for (int k = 1000; k >= 1; k /= 10) {
          b[p++] = (byte) ('0' + d / k % 10);
        }
        for (byte ch : "e-06".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
          b[p++] = ch;
        }
      } else {
        for (byte ch : Double.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
          b[p++] = ch;
        }
      }
    }
    b[p++] = '\n';
    return p;
  }

  static void writeReadMe(Path file, int regions, int m) throws IOException {
    List<List<String>> regionRows = new ArrayList<>();
    for (int r = 0; r < regions; r++) {
      String code = String.format(Locale.ROOT, "R%03d", r + 1);
      regionRows.add(List.of(String.valueOf(r + 1), code, "Region " + code));
    }
    List<List<String>> sectorRows = new ArrayList<>();
    for (int s = 0; s < SECTORS; s++) {
      sectorRows.add(List.of(String.valueOf(s + 1), "Sector " + (s + 1)));
    }
    String[] va = {"Compensation of employees D.1", "Taxes on production D.29", "Subsidies on production D.39",
        "Net operating surplus B.2n", "Net mixed income B.3n", "Consumption of fixed capital K.1"};
    String[] fd = {"Household final consumption P.3h", "Non-profit institutions serving households P.3n",
        "Government final consumption P.3g", "Gross fixed capital formation P.51", "Changes in inventories P.52",
        "Acquisitions less disposals of valuables P.53"};
    List<List<String>> vafd = new ArrayList<>();
    for (int i = 0; i < COMPS; i++) {
      vafd.add(List.of(String.valueOf(i + 1), va[i], fd[i]));
    }
    List<List<String>> sats = new ArrayList<>();
    for (int s = 0; s < m; s++) {
      sats.add(List.of(String.valueOf(s + 1), "Emissions (EDGAR)", "'gas_" + (s + 1) + "_EDGAR_consistent'", "kilotonnes"));
    }
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      GloriaTestRelease.sheet(wb, GloriaReadMe.REGIONS, List.of("Lfd_Nr", "Region_acronyms", "Region_names"), regionRows);
      GloriaTestRelease.sheet(wb, GloriaReadMe.SECTORS, List.of("Lfd_Nr", "Sector_names"), sectorRows);
      GloriaTestRelease.sheet(wb, GloriaReadMe.VA_FD, List.of("Lfd_Nr", "Value_added_names", "Final_demand_names"), vafd);
      GloriaTestRelease.sheet(wb, GloriaReadMe.SATELLITES, List.of("Lfd_Nr", "Sat_head_indicator", "Sat_indicator",
          "Sat_unit"), sats);
      wb.write(out);
    }
  }
}
