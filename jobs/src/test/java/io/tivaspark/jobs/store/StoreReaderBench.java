package io.tivaspark.jobs.store;

import io.tivaspark.common.model.Fingerprint;
import io.tivaspark.common.model.MrioYear;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a timed test): the {@code read} step of a year task, {@link StoreReader#read} of
 * one year of an existing store, best of TIVA_BENCH_REPS (3), with the load average. Runs only
 * with TIVA_BENCH_STORE=&lt;store dir&gt; (year TIVA_BENCH_YEAR, default 2020):
 * {@code TIVA_BENCH_STORE=/path/store mvn -o -q test -pl common,jobs -Dtest=StoreReaderBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StoreReaderBench {
  @Test
  void readOneYear() throws Exception {
    String store = System.getenv("TIVA_BENCH_STORE");
    Assumptions.assumeTrue(store != null, "benchmark: set TIVA_BENCH_STORE");
    int year = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_YEAR", "2020"));
    int reps = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_REPS", "3"));
    Configuration conf = HadoopConf.local().get();
    Path root = new Path(store);
    FileSystem fs = root.getFileSystem(conf);
    MrioMeta meta = MrioMeta.read(fs, root);
    Path f = StoreInventory.dataFiles(fs, StoreWriter.yearDir(root, Dataset.INTERMEDIATE, year), Dataset.INTERMEDIATE,
        year).get(0);
    io.tivaspark.common.model.Layout l = meta.layout(root.toString());
    java.util.function.ToIntFunction<String> ent = l::entityIndex;
    java.util.function.ToIntFunction<String> ind = l::industryIndex;
    var cols = java.util.List.of(java.util.Map.entry("from_country", ent), java.util.Map.entry("from_industry", ind),
        java.util.Map.entry("to_country", ent), java.util.Map.entry("to_industry", ind));
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int rep = 0; rep < reps; rep++) {
      double[] sum = new double[1];
      long w0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      CodedRows.read(conf, f, year, cols, "value", (c, t, v, h) -> sum[0] += v + c[0] + c[3]);
      long w1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      ColumnRows.read(conf, f, year, cols, "value", (c, t, v, h) -> sum[0] -= v + c[0] + c[3]);
      long w2 = System.nanoTime();
      long c2 = mx.getCurrentThreadCpuTime();
      System.out.printf("RESULT intermediate file, record reader (CodedRows) %.2f s wall %.2f s cpu; column readers "
          + "(ColumnRows) %.2f s wall %.2f s cpu; checksum %.3g   [loadavg %s]%n", (w1 - w0) / 1e9, (c1 - c0) / 1e9,
          (w2 - w1) / 1e9, (c2 - c1) / 1e9, sum[0], load());
    }
    for (int rep = 0; rep < reps; rep++) {
      long t0 = System.nanoTime();
      MrioYear y = StoreReader.read(conf, root, meta, year);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("RESULT read year %d n = %d: %.2f s, fingerprint %s   [loadavg %s]%n", year, y.n(), s,
          Fingerprint.of(y), load());
    }
  }

  private static String load() throws java.io.IOException {
    return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
  }
}
