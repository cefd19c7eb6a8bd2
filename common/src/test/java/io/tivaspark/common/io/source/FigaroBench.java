package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tivaspark.common.model.MrioYear;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed at real size (docs/sources/figaro.md §8): a FIGARO 2023-edition-sized table (46 areas × 64
 * industries = 2,944 rows, 3,174 columns) written once in each published format (the CSV matrix
 * file, and the flat file zipped as Eurostat ships it: 9,363,300 lines), then each read by {@link
 * FigaroSource#read} {@code bench.reps} times (minimum reported), with the peak heap in use during
 * one read (sampled every 2 ms, minus the heap in use before it). Skipped unless TIVA_BENCH=1:
 * {@code TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=FigaroBench}. Lines starting with
 * {@code RESULT} are machine-readable: {@code RESULT figaro <format> seconds|peak_mb <value>}.
 */
@Tag("bench")
class FigaroBench {
  /** The 46 areas of the 2022-2024 editions, in the files' order (FIGW1, the rest of the world, after FI). */
  static final List<String> AREAS = List.of("AR", "AT", "AU", "BE", "BG", "BR", "CA", "CH", "CN", "CY", "CZ", "DE",
      "DK", "EE", "ES", "FI", "FIGW1", "FR", "GB", "GR", "HR", "HU", "ID", "IE", "IN", "IT", "JP", "KR", "LT", "LU",
      "LV", "MT", "MX", "NL", "NO", "PL", "PT", "RO", "RU", "SA", "SE", "SI", "SK", "TR", "US", "ZA");

  @TempDir
  Path dir;

  @Test
  void realSize() throws IOException, InterruptedException {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    Locale.setDefault(Locale.ROOT);
    int reps = Integer.getInteger("bench.reps", 2);
    Path matrix = dir.resolve("matrix_eu-ic-io_ind-by-ind_23ed_2021.csv");
    Path flat = dir.resolve("flatfile_eu-ic-io_ind-by-ind_23ed_2021.zip");
    long t0 = System.nanoTime();
    FigaroTestTable t = FigaroTestTable.random(AREAS, industries(), 2021);
    t.writeMatrix(matrix);
    t.writeFlatZip(flat, "flatfile_eu-ic-io_ind-by-ind_23ed_2021.csv");
    System.out.printf("written in %.1f s: matrix %d MB, flat zip %d MB (n = %d)%n", (System.nanoTime() - t0) / 1e9,
        Files.size(matrix) >> 20, Files.size(flat) >> 20, t.n);
    t = null;
    for (Path p : List.of(matrix, flat)) {
      String format = p == matrix ? "matrix" : "flat-zip";
      double best = Double.MAX_VALUE;
      for (int r = 0; r < reps; r++) {
        best = Math.min(best, timeRead(p));
      }
      double peak = peakRead(p);
      System.out.printf("RESULT figaro %s seconds %.2f%nRESULT figaro %s peak_mb %.0f%n", format, best, format, peak);
    }
  }

  /** The 64 NACE Rev. 2 industries of FIGARO, from the reader's code list. */
  static List<String> industries() throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        FigaroLabels.class.getResourceAsStream("figaro-codes.tsv"), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("industry\t")) {
          out.add(line.split("\t")[1]);
        }
      }
    }
    assertEquals(64, out.size());
    return out;
  }

  private static double timeRead(Path p) throws IOException {
    FigaroSource s = new FigaroSource();
    SourceUnit u = s.plan(List.of(p), OptionalInt.empty()).get(0);
    long t0 = System.nanoTime();
    MrioYear y = s.read(u).table();
    double secs = (System.nanoTime() - t0) / 1e9;
    assertEquals(2944, y.n());
    return secs;
  }

  /** MB of heap in use at the peak of one read, above what was in use before it. */
  private static double peakRead(Path p) throws IOException, InterruptedException {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    Thread.sleep(200);
    long base = rt.totalMemory() - rt.freeMemory();
    AtomicLong peak = new AtomicLong(base);
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler = new Thread(() -> {
      while (!done.get()) {
        peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    timeRead(p);
    done.set(true);
    sampler.join();
    return (peak.get() - base) / 1048576.0;
  }
}
