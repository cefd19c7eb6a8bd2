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

  static final class CountingSink implements ResultSink {
    long indicators;
    long vby;
    long voe;
    long fd;
    double checksum;

    @Override
    public void indicator(String indicator, String country, String partner, String industry, double value, Unit unit) {
      indicators++;
    }

    @Override
    public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
      vby++;
    }

    @Override
    public void vaOriginExports(String sc, String si, String ec, String ei, double value) {
      voe++;
      checksum += value;
    }

    @Override
    public void vaExportsDestination(String s, String c, String i, String d, String flow, double value) {
      fd++;
      checksum += value;
    }

    @Override
    public void check(CheckResult result) {}
  }
}
