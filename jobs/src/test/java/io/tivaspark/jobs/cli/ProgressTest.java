package io.tivaspark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The progress line's text and estimate (the Spark wiring is exercised by the run, ingest and generate tests). */
class ProgressTest {
  @Test
  void lineWithEstimate() {
    // 3 of 26 years in 42 s: 42 / 3 * 23 = 322 s left = 5:22
    assertEquals("run: year 2019 done (3/26), 0:42 elapsed, about 5:22 left",
        Progress.line("run", "year 2019", 3, 26, 42.0));
    assertEquals(322.0, Progress.estimateLeft(3, 26, 42.0), 1e-12);
  }

  @Test
  void lastUnitHasNoEstimate() {
    assertEquals("ingest: year 2020 done (5/5), 1:01:05 elapsed", Progress.line("ingest", "year 2020", 5, 5, 3665.0));
  }

  @Test
  void clock() {
    assertEquals("0:00", Progress.clock(0.2));
    assertEquals("2:05", Progress.clock(125));
    assertEquals("1:00:00", Progress.clock(3600));
    assertEquals("?", Progress.clock(Double.NaN));
    assertTrue(Double.isNaN(Progress.estimateLeft(0, 4, 10)));
  }
}
