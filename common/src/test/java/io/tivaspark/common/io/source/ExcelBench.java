package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tivaspark.common.io.source.ExcelTestTable.Flavor;
import io.tivaspark.common.model.MrioYear;
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
 * Speed at real size (docs/sources/wiod2016.md §8, docs/sources/adb.md §6): a generated workbook
 * in the published layout at the release's real size, written to a temp directory, then
 * {@code plan} + {@code read} timed with the peak heap in use sampled every 5 ms:
 * <ul>
 *   <li>WIOD 2016: 44 × 56 = 2,464 rows, 2,464 + 220 final-demand + 1 output columns, as .xlsb
 *       (the release's format) and as .xlsx;</li>
 *   <li>ADB MRIO: 63 × 35 = 2,205 rows, 2,205 + 315 + 1 columns, .xlsx.</li>
 * </ul>
 * Skipped unless {@code TIVA_BENCH=1}: {@code TIVA_BENCH=1 mvn -o -q -pl common test -Dtest=ExcelBench}.
 * Lines starting {@code RESULT} are machine-readable: {@code RESULT excel <format> <file> <rows> <seconds> <peak MB>}.
 */
@Tag("bench")
class ExcelBench {
  @TempDir Path dir;

  @Test
  void realSize() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    Locale.setDefault(Locale.ROOT);
    run(new WiodSource(), Flavor.WIOD2016, 44, 56, "WIOT2014_Nov16_ROW.xlsb");
    run(new WiodSource(), Flavor.WIOD2016, 44, 56, "WIOT2014_Nov16_ROW.xlsx");
    run(new AdbSource(), Flavor.ADB, 63, 35, "ADB-MRIO-2014.xlsx");
  }

  private void run(MrioSource source, Flavor flavor, int countries, int industries, String name) throws Exception {
    long t0 = System.nanoTime();
    Path file = write(flavor, countries, industries, name);
    System.out.printf("%s: written in %.1f s, %.1f MB%n", name, (System.nanoTime() - t0) / 1e9, Files.size(file) / 1e6);
    for (int k = 0; k < 3; k++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    long base = rt.totalMemory() - rt.freeMemory();
    long[] peak = {base};
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
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
    long t1 = System.nanoTime();
    List<SourceUnit> units = source.plan(List.of(file), OptionalInt.empty());
    MrioYear y = source.read(units.get(0)).table();
    double seconds = (System.nanoTime() - t1) / 1e9;
    sampler.interrupt();
    sampler.join();
    assertEquals(countries * industries, y.n());
    double n2mb = 8.0 * y.n() * y.n() / 1e6;
    System.out.printf("%s: n = %d, read in %.2f s, peak heap in use %.0f MB (before %.0f MB; Z alone %.0f MB)%n", name,
        y.n(), seconds, peak[0] / 1e6, base / 1e6, n2mb);
    System.out.printf("RESULT excel %s %s %d %.2f %.0f%n", source.format(), name, y.n(), seconds, (peak[0] - base) / 1e6);
  }

  private Path write(Flavor flavor, int countries, int industries, String name) throws Exception {
    ExcelTestTable t = ExcelTestTable.sized(flavor, 2014, countries, industries, 2016);
    return ExcelTestFiles.write(new ExcelTestGrid(t), dir.resolve(name));
  }
}
