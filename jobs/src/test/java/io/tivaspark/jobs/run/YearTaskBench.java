package io.tivaspark.jobs.run;

import io.tivaspark.common.math.IndicatorFamily;
import io.tivaspark.common.math.YearSystem;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Family;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.math.TivaOptions;
import io.tivaspark.common.model.Unit;
import io.tivaspark.jobs.cli.Settings;
import io.tivaspark.jobs.store.MrioMeta;
import io.tivaspark.jobs.store.StoreReader;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A year task's parts on one store year, in one warm JVM, without Spark (docs/performance.md, issue
 * 17): {@code read} (store → dense arrays), {@code build} (YearSystem), the families into a sink that
 * consumes every row's value and keys ({@code math}: what IcioBench's {@code all} times, on the run's
 * data and options), then the same families into {@link StagingSink} ({@code staged}: math + encoding
 * every row into the staged Parquet files, closed), once encoding on the families' thread and once on
 * a thread of its own ({@code staged_thread}, tiva.run.staging-thread). Prints each part, the
 * year-task equivalent (read + build + staged) and its ratio to the math (build + math), with the
 * load average.
 * {@code TIVA_BENCH=1 TIVA_BENCH_STORE=target/bench17/store TIVA_BENCH_YEAR=2021 mvn -o -q -pl
 * common,jobs test -Dtest=YearTaskBench -Dsurefire.failIfNoSpecifiedTests=false -Dtest.jvm.extra=-Xmx8g}
 * ({@code TIVA_BENCH_REPS}, default 3; the first rep warms the JIT and is printed, not counted). Lines
 * {@code STEP math <family> | <step> <s>} give the families' own steps in the math part (min over reps), to
 * set beside {@code IcioBench}'s.
 */
class YearTaskBench {
  @Test
  void yearTaskAgainstItsMath() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "benchmark: set TIVA_BENCH=1");
    String store = System.getenv().getOrDefault("TIVA_BENCH_STORE", "target/bench17/store");
    int year = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_YEAR", "2021"));
    int reps = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_REPS", "3"));
    Configuration conf = new Configuration();
    Path root = new Path(new java.io.File(store).getAbsolutePath());
    Assumptions.assumeTrue(new java.io.File(store, MrioMeta.FILE).isFile(), "no store at " + store
        + " (tools/bench/issue17-run.sh generates one)");
    MrioMeta meta = MrioMeta.read(FileSystem.getLocal(conf), root);
    CoreSettings core = CoreSettings.from(Settings.defaultTiva());
    EnumSet<Family> families = EnumSet.allOf(Family.class);
    java.nio.file.Path staging = Files.createTempDirectory("year-task-bench");
    if (System.getenv("TIVA_BENCH_COLD") != null) {
      coldTask(conf, root, meta, year, core, families, staging);
      return;
    }
    Map<String, Double> best = new LinkedHashMap<>();
    Map<String, Double> bestSteps = new LinkedHashMap<>();
    for (int rep = 0; rep <= reps; rep++) {
      Map<String, Double> t = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      MrioYear y = StoreReader.read(conf, root, meta, year);
      t.put("read", lap(t0));
      TivaOptions options = core.options(y.layout(), core.unit());
      long t1 = System.nanoTime();
      YearSystem system = YearSystem.build(y, options);
      t.put("build", lap(t1));
      Consuming math = new Consuming();
      long t2 = System.nanoTime();
      Map<String, Double> steps = compute(system, families, math);
      t.put("math", lap(t2));
      if (rep > 0) {
        steps.forEach((k, v) -> bestSteps.merge(k, v, Math::min));
      }
      for (boolean background : new boolean[] {false, true}) {
        long t3 = System.nanoTime();
        try (StagingSink sink = new StagingSink(conf, new Path(staging.toUri()), "bench", year, core.unit(), families,
            background)) {
          compute(system, families, sink);
          sink.commit();
          System.out.printf("  staged %s: %s%n", background ? "on a thread of their own" : "on the task's thread",
              sink.stagingSeconds());
        }
        t.put(background ? "staged_thread" : "staged", lap(t3));
        delete(staging, false);
      }
      t.put("task", t.get("read") + t.get("build") + t.get("staged"));
      t.put("ratio", t.get("task") / (t.get("build") + t.get("math")));
      t.put("task_thread", t.get("read") + t.get("build") + t.get("staged_thread"));
      t.put("ratio_thread", t.get("task_thread") / (t.get("build") + t.get("math")));
      System.out.printf("RESULT rep %s: %s; %d rows   [loadavg %s]%n", rep == 0 ? "warm-up" : String.valueOf(rep),
          line(t), math.rows, load());
      if (rep > 0) {
        t.forEach((k, v) -> best.merge(k, v, Math::min));
      }
    }
    delete(staging, true);
    System.out.printf("RESULT min of %d: %s   [loadavg %s]%n", reps, line(best), load());
    bestSteps.forEach((k, v) -> System.out.printf("STEP math %-60s %.3f%n", k, v));
  }

  /**
   * {@code TIVA_BENCH_COLD=1}: one year task in this fresh JVM (read, build, every family staged on a
   * thread of its own), after {@link RunWarmUp} when {@code TIVA_BENCH_WARMUP=1}; prints both times.
   */
  private static void coldTask(Configuration conf, Path root, MrioMeta meta, int year, CoreSettings core,
      EnumSet<Family> families, java.nio.file.Path staging) throws Exception {
    double warm = 0;
    if (System.getenv("TIVA_BENCH_WARMUP") != null) {
      long w0 = System.nanoTime();
      Assertions.assertTrue(RunWarmUp.run(core, core.unit(), families, meta.industries.size(), true));
      warm = lap(w0);
    }
    long t0 = System.nanoTime();
    MrioYear y = StoreReader.read(conf, root, meta, year);
    double read = lap(t0);
    YearSystem system = YearSystem.build(y, core.options(y.layout(), core.unit()));
    try (StagingSink sink = new StagingSink(conf, new Path(staging.toUri()), "bench", year, core.unit(), families,
        true)) {
      compute(system, families, sink);
      sink.commit();
    }
    System.out.printf("RESULT cold: warm-up %.2f s, then year task %.2f s (read %.2f s)   [loadavg %s]%n", warm,
        lap(t0), read, load());
    delete(staging, true);
  }

  /** Every family into {@code sink}; returns each family's steps, "family | step" → seconds. */
  private static Map<String, Double> compute(YearSystem system, EnumSet<Family> families, ResultSink sink) {
    Map<String, Double> steps = new LinkedHashMap<>();
    for (Family f : families) {
      IndicatorFamily family = IndicatorFamily.of(f);
      if (family.appliesTo(system)) {
        family.compute(system, sink).stepSeconds().forEach((k, v) -> steps.put(f.code() + " | " + k, v));
      }
    }
    return steps;
  }

  /** Deletes what is under {@code dir}, and {@code dir} itself when {@code self}. */
  private static void delete(java.nio.file.Path dir, boolean self) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (self || !p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }

  private static double lap(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String line(Map<String, Double> t) {
    return t.entrySet().stream().map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
        .reduce((a, b) -> a + ", " + b).orElse("");
  }

  private static String load() throws java.io.IOException {
    return Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
  }

  /** Counts rows and consumes every value and key, so the JIT cannot drop the work of computing them. */
  static final class Consuming implements ResultSink {
    long rows;
    double checksum;
    long nullKeys;

    private void row(double v, String a, String b, String c, String d, String e) {
      rows++;
      checksum += v;
      nullKeys += (a == null ? 1 : 0) + (b == null ? 1 : 0) + (c == null ? 1 : 0) + (d == null ? 1 : 0)
          + (e == null ? 1 : 0);
    }

    @Override
    public void indicator(String i, String c, String p, String in, double v, Unit u) {
      row(v, i, c, p, in, u.name());
    }

    @Override
    public void vaFinalDemand(String a, String b, String c, double v) {
      row(v, a, b, c, "", "");
    }

    @Override
    public void vaOriginExports(String a, String b, String c, String d, double v) {
      row(v, a, b, c, d, "");
    }

    @Override
    public void vaOriginImports(String a, String b, String c, String d, String e, double v) {
      row(v, a, b, c, d, e);
    }

    @Override
    public void vaFinalDemandProduct(String a, String b, String c, String d, double v) {
      row(v, a, b, c, d, "");
    }

    @Override
    public void vaExportsDestination(String a, String b, String c, String d, String e, double v) {
      row(v, a, b, c, d, e);
    }

    @Override
    public void exportDecomposition(String a, String b, String c, String d, String e, double v) {
      row(v, a, b, c, d, e);
    }

    @Override
    public void wwzThirdCountry(String a, String b, String c, String d, String e, double v) {
      row(v, a, b, c, d, e);
    }

    @Override
    public void footprint(String a, String b, String c, String d, double v, String u) {
      row(v, a, b, c, d, u);
    }

    @Override
    public void footprintCoefficient(String a, String b, String c, String d, double v, String u) {
      row(v, a, b, c, d, u);
    }

    @Override
    public void gvcMeasure(String a, String b, String c, double v) {
      row(v, a, b, c, "", "");
    }

    @Override
    public void check(CheckResult c) {}
  }
}
