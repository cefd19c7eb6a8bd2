package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.lang.ref.SoftReference;

/**
 * WIOD 2013, year 2009 (n = 1435, groups EU27 and NAFTA) through the whole gvc family, computed once
 * per test JVM and shared by the {@code wiod2009} tests of the gvc classes (GvcSplitsTest,
 * BmDetailedTermsTest, BmSinkPerspectivesTest, BmImporterTest): each used to compute the same year
 * again (~20 s each). Held by a soft reference, so the heap can take it back between classes.
 * Skips loudly (through {@link SharedData#require}) without ../shared/data.
 */
final class Wiod2009Gvc {
  /** The year read, every row the family wrote, its checks. */
  record Result(MrioYear yr, DecompositionsTest.GvcSink sink, TivaSummary summary) {

    /** Every check of the family passed within {@code tol} (relative). */
    void assertAllChecksWithin(double tol) {
      for (CheckResult c : summary.checks()) {
        assertTrue(c.passed() && c.maxRelError() <= tol, c.check() + " " + c.scope() + ": " + c.maxRelError());
      }
    }
  }

  private static SoftReference<Result> cached = new SoftReference<>(null);

  private Wiod2009Gvc() {}

  static synchronized Result get() throws IOException {
    Result r = cached.get();
    if (r == null) {
      MrioYear yr = IcioCsv.read(SharedData.require("data/wiod2013/wiot_2009.csv.gz"), 2009);
      TivaOptions opt = TivaOptions.builder().group("EU27", WiodRealDataTest.EU27)
          .group("NAFTA", WiodRealDataTest.NAFTA).build();
      DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
      TivaSummary s = Decompositions.compute(YearSystem.build(yr, opt), sink);
      r = new Result(yr, sink, s);
      cached = new SoftReference<>(r);
    }
    return r;
  }
}
