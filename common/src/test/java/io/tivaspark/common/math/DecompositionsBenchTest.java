package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Timing of the gvc family at ICIO size (80 countries, CHN split into CN1/CN2: n = 81 × 45 = 3645;
 * one 27-member group), on one shared {@link YearSystem} after the core family. Skipped unless
 * TIVA_BENCH is set: {@code TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=DecompositionsBenchTest}.
 * Rows go to a counting sink (the Parquet staging cost is the engine's).
 */
@Tag("bench")
class DecompositionsBenchTest {

  @Test
  void icioSize() {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    Layout lay = RandomTables.layout(80, 45, true);
    MrioYear yr = RandomTables.year(2023, lay, new int[] {100, 200});
    List<String> eu = new ArrayList<>(lay.countries().subList(2, 29));
    TivaOptions opt = TivaOptions.builder().group("EU27", eu).build();
    long t0 = System.nanoTime();
    YearSystem sys = YearSystem.build(yr, opt);
    double tSys = (System.nanoTime() - t0) / 1e9;
    TivaBenchTest.CountingSink core = new TivaBenchTest.CountingSink();
    long t1 = System.nanoTime();
    TivaCore.compute(sys, core);
    double tCore = (System.nanoTime() - t1) / 1e9;
    Counting sink = new Counting();
    long t2 = System.nanoTime();
    TivaSummary s = Decompositions.compute(sys, sink);
    double tGvc = (System.nanoTime() - t2) / 1e9;
    System.out.printf("n = %d, backend %s: YearSystem (A, B) %.2f s (B %.2f s); core %.2f s; gvc %.2f s; "
        + "rows: %d export_decomposition, %d gvc_measures, %d checks%n", sys.n(), s.backend(), tSys,
        sys.leontiefSeconds(), tCore, tGvc, sink.dec, sink.gvc, s.checks().size());
    s.stepSeconds().forEach((k, v) -> System.out.printf("  step %-50s %.2f s%n", k, v));
    for (CheckResult c : s.checks()) {
      assertTrue(c.passed(), c.toString());
    }
  }

  /** Counts the gvc family's rows; consumes every row like {@link TivaBenchTest.CountingSink}. */
  static final class Counting extends TivaBenchTest.CountingSink {
    long dec;
    long gvc;

    @Override
    public void exportDecomposition(String method, String exporter, String importer, String industry, String term,
        double value) {
      dec++;
      super.exportDecomposition(method, exporter, importer, industry, term, value);
    }

    @Override
    public void gvcMeasure(String measure, String country, String industry, double value) {
      gvc++;
      super.gvcMeasure(measure, country, industry, value);
    }

    @Override
    public void wwzThirdCountry(String exporter, String importer, String third, String industry, String term,
        double value) {
      dec++;
      super.wwzThirdCountry(exporter, importer, third, industry, term, value);
    }
  }
}
