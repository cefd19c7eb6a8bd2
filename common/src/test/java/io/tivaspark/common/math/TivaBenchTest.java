package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Timing at ICIO size (80 countries with CHN split into CN1, CN2 = 81 entities × 45 industries,
 * n = 3645, 6 final-demand categories, one 27-member group). Not a unit test: skipped unless the
 * environment variable TIVA_BENCH is set, e.g.
 * {@code TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=TivaBenchTest}; or run {@link #main}.
 */
@Tag("bench")
class TivaBenchTest {

  @Test
  void icioSize() {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    run(TivaOptions.Backend.AUTO);
  }

  public static void main(String[] args) {
    run(args.length > 0 ? TivaOptions.Backend.valueOf(args[0]) : TivaOptions.Backend.AUTO);
  }

  static void run(TivaOptions.Backend backend) {
    Layout lay = RandomTables.layout(80, 45, true);
    long t0 = System.nanoTime();
    MrioYear yr = RandomTables.year(2023, lay, new int[] {100, 200});
    System.out.printf("n = %d, table generated in %.2f s%n", lay.n(), (System.nanoTime() - t0) / 1e9);
    List<String> eu = new ArrayList<>(lay.countries().subList(2, 29));
    for (boolean fullCheck : new boolean[] {true, false}) {
      TivaOptions opt = TivaOptions.builder().backend(backend).group("EU27", eu)
          .serviceIndustries(java.util.Set.of("D30", "D31", "D32")).fullInverseCheck(fullCheck).build();
      CountingSink sink = new CountingSink();
      TivaSummary s = TivaCore.compute(yr, opt, sink);
      System.out.printf("backend %s, full I3 check %s: B (dgetrf+dgetri) %.2f s, whole compute %.2f s; rows: "
          + "%d indicators, %d va_final_demand, %d va_origin_exports, %d checks%n", s.backend(), fullCheck,
          s.leontiefSeconds(), s.seconds(), sink.indicators, sink.vby, sink.voe, s.checks().size());
      s.stepSeconds().forEach((k, v) -> System.out.printf("  step %-30s %.2f s%n", k, v));
      for (CheckResult c : s.checks()) {
        assertTrue(c.passed() || c.check().equals("I2"), c.toString());
      }
    }
  }

  /**
   * Counts rows and consumes every row's value and keys (a checksum of the values, a count of null
   * keys), for every table: a sink that ignored a table's rows would let the JIT drop the work of
   * computing them, and the benchmark would time less than a run does.
   */
  static class CountingSink implements ResultSink {
    long indicators;
    long vby;
    long voe;
    long fd;
    /** rows of every table */
    long rows;
    double checksum;
    long nullKeys;

    private void row(double value, String a, String b, String c, String d, String e, String f) {
      rows++;
      checksum += value;
      nullKeys += (a == null ? 1 : 0) + (b == null ? 1 : 0) + (c == null ? 1 : 0) + (d == null ? 1 : 0)
          + (e == null ? 1 : 0) + (f == null ? 1 : 0);
    }

    @Override
    public void indicator(String indicator, String country, String partner, String industry, double value, Unit unit) {
      indicators++;
      row(value, indicator, country, partner, industry, unit.name(), "");
    }

    @Override
    public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
      vby++;
      row(value, sourceCountry, sourceIndustry, demandCountry, "", "", "");
    }

    @Override
    public void vaOriginExports(String sc, String si, String ec, String ei, double value) {
      voe++;
      row(value, sc, si, ec, ei, "", "");
    }

    @Override
    public void vaExportsDestination(String s, String c, String i, String d, String flow, double value) {
      fd++;
      row(value, s, c, i, d, flow, "");
    }

    @Override
    public void vaOriginImports(String sc, String si, String importer, String partner, String ii, double value) {
      row(value, sc, si, importer, partner, ii, "");
    }

    @Override
    public void vaFinalDemandProduct(String sc, String si, String dc, String pi, double value) {
      row(value, sc, si, dc, pi, "", "");
    }

    @Override
    public void exportDecomposition(String method, String exporter, String importer, String industry, String term,
        double value) {
      row(value, method, exporter, importer, industry, term, "");
    }

    @Override
    public void wwzThirdCountry(String exporter, String importer, String third, String industry, String term,
        double value) {
      row(value, exporter, importer, third, industry, term, "");
    }

    @Override
    public void footprint(String stressor, String account, String country, String partner, double value, String unit) {
      row(value, stressor, account, country, partner, unit, "");
    }

    @Override
    public void footprintCoefficient(String stressor, String coefficient, String country, String industry,
        double value, String unit) {
      row(value, stressor, coefficient, country, industry, unit, "");
    }

    @Override
    public void gvcMeasure(String measure, String country, String industry, double value) {
      row(value, measure, country, industry, "", "", "");
    }

    @Override
    public void check(CheckResult result) {}
  }

}
