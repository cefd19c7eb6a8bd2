package io.tivaspark.jobs.store;

import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link RleHybrid} alone (docs/performance.md, issue 17 sixth pass): ns a value to encode pages of
 * 20,000 dictionary ids shaped like the staged {@code export_decomposition} columns (the term: a new
 * value every row, 40 values, width 6; the industry: runs of 40, 68 values, width 7; the exporter:
 * runs of 2,720, width 7) and definition levels (all 1, width 1), 50 M values each per rep.
 * {@code TIVA_BENCH=1 mvn -o -q -pl common,jobs test -Dtest=RleHybridBench -Dsurefire.failIfNoSpecifiedTests=false}
 */
class RleHybridBench {
  private static final int PAGE = 20_000;

  @Test
  void nsPerValue() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "benchmark: set TIVA_BENCH=1");
    int[][] pages = {column(1, 40), column(40, 68), column(2720, 81), column(PAGE, 2)};
    int[] widths = {6, 7, 7, 1};
    String[] names = {"term (literals)", "industry (runs of 40)", "exporter (runs of 2720)", "levels (one run)"};
    RleHybrid enc = new RleHybrid();
    for (int rep = 0; rep < 5; rep++) {
      for (int c = 0; c < pages.length; c++) {
        long bytes = 0;
        long t0 = System.nanoTime();
        for (int p = 0; p < 2_500; p++) {
          bytes += enc.encodeInPlace(pages[c], PAGE, widths[c]);
        }
        double ns = (System.nanoTime() - t0) / (2_500.0 * PAGE);
        System.out.printf("RESULT rep %d %-24s %5.2f ns a value, %d bytes a page   [loadavg %s]%n", rep, names[c], ns,
            bytes / 2_500, Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
      }
    }
  }

  /** Value k / run % distinct for row k: runs of {@code run} equal values cycling over {@code distinct}. */
  private static int[] column(int run, int distinct) {
    int[] v = new int[PAGE];
    for (int k = 0; k < PAGE; k++) {
      v[k] = (k / run) % distinct;
    }
    return v;
  }
}
