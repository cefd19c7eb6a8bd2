package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eora26 at its real size (docs/sources/eora26.md, "Speed at real size"): a year of 189 countries ×
 * 26 sectors plus the ROW row and column (4,915 rows and columns of T), 6 categories and 6 primary
 * inputs, {@code bench.eora.stressors} satellite rows (default 2,720), written by {@link EoraFixture}
 * as the release ships it ({@code Eora26_2015_bp.zip} with the labels), then planned and read by
 * {@link EoraSource}: seconds and the peak heap of the read. Skipped unless {@code TIVA_BENCH=1}.
 *
 * <p>Run: {@code TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=EoraBench}
 * ({@code -Dbench.eora.zip=PATH} writes the archive there once and reuses it). Lines starting with
 * {@code RESULT} are machine-readable.
 */
@Tag("bench")
class EoraBench {
  @TempDir
  Path tmp;

  @Test
  void realSize() throws IOException {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    int countries = Integer.getInteger("bench.eora.countries", 189);
    int stressors = Integer.getInteger("bench.eora.stressors", 2720);
    String keep = System.getProperty("bench.eora.zip");
    Path zip = keep != null ? Path.of(keep) : tmp.resolve("Eora26_2015_bp.zip");
    if (!Files.exists(zip)) {
      long t0 = System.nanoTime();
      EoraFixture fx = new EoraFixture(countries, 26, true, stressors, 2015);
      Files.createDirectories(zip.toAbsolutePath().getParent());
      fx.writeZip(zip, 2015, "bp", true);
      System.out.printf(Locale.ROOT, "RESULT eora26 written rows=%d stressors=%d zipMB=%.1f seconds=%.1f%n", fx.nT(),
          stressors, Files.size(zip) / 1e6, (System.nanoTime() - t0) / 1e9);
    }
    System.gc();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    long before = used(heap);
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long t1 = System.nanoTime();
    EoraSource src = new EoraSource();
    SourceYear y = src.read(src.plan(List.of(zip), OptionalInt.empty()).get(0));
    double read = (System.nanoTime() - t1) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before;
    int n = y.table().n();
    long arrays = 8L * ((long) n * n + y.table().finalDemand().length + y.table().satellite().f().length
        + y.table().satellite().fy().length + (long) n * y.table().valueAdded().size());
    assertEquals(0, n % 26, "26 sectors a country");
    System.out.printf(Locale.ROOT, "RESULT eora26 read n=%d seconds=%.1f peakHeapMB=%.0f tableMB=%.0f%n", n, read,
        peak / 1e6, arrays / 1e6);
  }

  private static long used(List<MemoryPoolMXBean> heap) {
    return heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }
}
