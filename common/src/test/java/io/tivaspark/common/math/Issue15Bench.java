package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the additions of the OECD-release work cost a year (docs/performance.md, "The OECD release"):
 * the same table (IcioBench's, n = 3645 by default) computed in one process, alternating in every
 * repetition, with the additions off ("before": no industry aggregates, the cubes
 * va_origin_imports, va_final_demand_product and va_exports_destination off) and on ("after":
 * the 23 ICIO 2023 aggregates, the cubes at bin/tiva run's defaults). The codes added to the core
 * (REII, EXGR_INT_DVA, ...) cannot be turned off; their cost is inside the core's "local inverse,
 * RIM" step. Prints seconds (minimum of the repetitions) of the core and the gvc family and each
 * step, the rows a year of every table (to a counting sink: staging is the engine's cost), and the
 * ratios; {@code cat /proc/loadavg} before and after.
 *
 * <p>Run: {@code TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=Issue15Bench -Dbench.sizes=3645
 * -Dbench.reps=2}.
 */
@Tag("bench")
class Issue15Bench {

  /** Rows per table. */
  static final class TableCounter implements ResultSink {
    final Map<String, Long> rows = new TreeMap<>();

    private void count(String table) {
      rows.merge(table, 1L, Long::sum);
    }

    @Override
    public void indicator(String i, String c, String p, String in, double v, Unit u) {
      count("indicators");
    }

    @Override
    public void vaFinalDemand(String sc, String si, String dc, double value) {
      count("va_final_demand");
    }

    @Override
    public void vaOriginExports(String sc, String si, String ec, String ei, double value) {
      count("va_origin_exports");
    }

    @Override
    public void vaOriginImports(String sc, String si, String im, String p, String ii, double value) {
      count("va_origin_imports");
    }

    @Override
    public void vaFinalDemandProduct(String sc, String si, String dc, String pi, double value) {
      count("va_final_demand_product");
    }

    @Override
    public void vaExportsDestination(String s, String c, String i, String d, String flow, double value) {
      count("va_exports_destination");
    }

    @Override
    public void exportDecomposition(String m, String e, String im, String in, String t, double v) {
      count("export_decomposition");
    }

    @Override
    public void gvcMeasure(String measure, String country, String industry, double value) {
      count("gvc_measures");
    }

    @Override
    public void check(CheckResult result) {
      count("quality_checks");
    }
  }

  static TivaOptions options(Layout lay, boolean after) {
    TivaOptions.Builder b = TivaOptions.builder().serviceIndustries(java.util.Set.of("D30", "D31", "D32"))
        .group("EU27", new java.util.ArrayList<>(lay.countries().subList(2, 29)));
    if (after) {
      return b.industryGroups(IcioBench.icio2023Aggregates()).vaOriginImports(TivaOptions.ImportsOriginDetail.COUNTRY)
          .writeVaFinalDemandProduct(true).exportsDestination(TivaOptions.DestinationDetail.COUNTRY).build();
    }
    return b.vaOriginImports(TivaOptions.ImportsOriginDetail.OFF).writeVaFinalDemandProduct(false)
        .exportsDestination(TivaOptions.DestinationDetail.OFF).build();
  }

  @Test
  void beforeAfter() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "set TIVA_BENCH=1 to run the benchmark");
    Locale.setDefault(Locale.ROOT);
    int n = Integer.parseInt(System.getProperty("bench.sizes", "3645").split(",")[0]);
    int reps = Integer.parseInt(System.getProperty("bench.reps", "2"));
    Layout lay = IcioBench.layoutFor(n);
    MrioYear yr = RandomTables.year(2023, lay, new int[] {100, 200});
    System.out.println("loadavg before: " + Files.readString(Path.of("/proc/loadavg")).trim());
    Map<String, Map<String, Double>> best = new LinkedHashMap<>();
    Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
    for (int rep = -1; rep < reps; rep++) {
      for (String side : new String[] {"before", "after"}) {
        TivaOptions opt = options(lay, side.equals("after"));
        Map<String, Double> t = new LinkedHashMap<>();
        YearSystem sys = YearSystem.build(yr, opt);
        TableCounter sink = new TableCounter();
        long t1 = System.nanoTime();
        TivaSummary cs = TivaCore.compute(sys, sink);
        t.put("core", (System.nanoTime() - t1) / 1e9);
        long t2 = System.nanoTime();
        TivaSummary ds = Decompositions.compute(sys, sink);
        t.put("gvc", (System.nanoTime() - t2) / 1e9);
        cs.stepSeconds().forEach((k, v) -> t.put("core | " + k, v));
        ds.stepSeconds().forEach((k, v) -> t.put("gvc  | " + k, v));
        for (CheckResult c : cs.checks()) {
          if (!c.passed() && !c.check().equals("I2")) {
            throw new AssertionError(side + ": " + c);
          }
        }
        System.out.printf("rep %s %s: core %.2f s, gvc %.2f s%n", rep < 0 ? "warm-up" : String.valueOf(rep + 1), side,
            t.get("core"), t.get("gvc"));
        if (rep >= 0) {
          best.computeIfAbsent(side, k -> new LinkedHashMap<>());
          t.forEach((k, v) -> best.get(side).merge(k, v, Math::min));
          rows.put(side, sink.rows);
        }
      }
    }
    print(n, reps, best, rows);
    System.out.println("loadavg after: " + Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static void print(int n, int reps, Map<String, Map<String, Double>> best, Map<String, Map<String, Long>> rows) {
    Map<String, Double> b = best.get("before");
    Map<String, Double> a = best.get("after");
    System.out.printf("n = %d, min of %d repetitions: seconds before | after | after − before%n", n, reps);
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(b.keySet());
    keys.addAll(a.keySet());
    for (String k : keys) {
      double x = b.getOrDefault(k, 0.0);
      double y = a.getOrDefault(k, 0.0);
      System.out.printf("  %-58s %8.3f %8.3f %+8.3f%n", k, x, y, y - x);
    }
    System.out.printf("RESULT issue15 %d core+gvc before %.3f after %.3f ratio %.3f%n", n, b.get("core") + b.get("gvc"),
        a.get("core") + a.get("gvc"), (a.get("core") + a.get("gvc")) / (b.get("core") + b.get("gvc")));
    java.util.Set<String> tables = new java.util.TreeSet<>(rows.get("before").keySet());
    tables.addAll(rows.get("after").keySet());
    System.out.println("rows a year: table before | after");
    for (String t : tables) {
      System.out.printf("  %-28s %12d %12d%n", t, rows.get("before").getOrDefault(t, 0L), rows.get("after").getOrDefault(t, 0L));
    }
  }
}
