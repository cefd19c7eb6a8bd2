package io.tivaspark.jobs.store;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The families' side of staging alone (docs/performance.md, issue 17 sixth pass): ns a row of
 * {@link EncoderThread.Rows#write} into batches that a writer drops, in the order the WWZ/BM rows of
 * {@code export_decomposition} come (exporter × importer × industry × term, the method changing with
 * the term, run_id in two columns; 81 × 81 × 68 × 40 = 17.8 M rows), and, as the floor in the same
 * run, the same rows with every column constant (no dictionary lookup but the previous-row check).
 * {@code TIVA_BENCH=1 mvn -o -q -pl common,jobs test -Dtest=KeyIdsBench
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code TIVA_BENCH_REPS}, default 6, each pattern).
 */
class KeyIdsBench {
  @Test
  void nsPerRow() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "benchmark: set TIVA_BENCH=1");
    int reps = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_REPS", "6"));
    List<String> countries = codes("C", 81);
    List<String> industries = codes("D", 68);
    List<String> terms = codes("T", 40);
    for (int rep = 0; rep < reps; rep++) {
      for (boolean constant : new boolean[] {false, true}) {
        long[] dropped = new long[1];
        try (EncoderThread enc = new EncoderThread("bench", false)) {
          EncoderThread.Rows rows = enc.rows(b -> dropped[0] += b.size(), 7, "t");
          long t0 = System.nanoTime();
          long n = constant ? constantRows(rows, countries.size() * countries.size() * industries.size() * terms.size())
              : decompositionRows(rows, countries, industries, terms);
          enc.drain();
          System.out.printf("RESULT rep %d %-26s %5.1f ns a row, %d rows   [loadavg %s]%n", rep,
              constant ? "every column constant" : "export_decomposition order", (System.nanoTime() - t0) / (double) n,
              dropped[0], Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        }
      }
    }
  }

  private static long decompositionRows(EncoderThread.Rows rows, List<String> countries, List<String> industries,
      List<String> terms) throws Exception {
    String[] methods = {"WWZ", "BM_SOURCE", "BM_SINK"};
    String run = "run-1";
    long n = 0;
    for (String exporter : countries) {
      for (String importer : countries) {
        for (String industry : industries) {
          for (int q = 0; q < terms.size(); q++) {
            rows.write(q * 0.5, methods[q * 3 / terms.size()], exporter, importer, industry, terms.get(q), run, run);
            n++;
          }
        }
      }
    }
    return n;
  }

  private static long constantRows(EncoderThread.Rows rows, int count) throws Exception {
    String run = "run-1";
    for (int i = 0; i < count; i++) {
      rows.write(i * 0.5, run, run, run, run, run, run, run);
    }
    return count;
  }

  private static List<String> codes(String prefix, int count) {
    List<String> c = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      c.add(prefix + i);
    }
    return List.copyOf(c);
  }
}
