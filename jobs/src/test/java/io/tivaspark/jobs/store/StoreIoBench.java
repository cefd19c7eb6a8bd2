package io.tivaspark.jobs.store;

import io.tivaspark.common.gen.GeneratorSpec;
import io.tivaspark.common.gen.SyntheticMrio;
import io.tivaspark.common.model.Fingerprint;
import io.tivaspark.common.model.MrioYear;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not a timed test): writes one generated year of the canonical store and reads it
 * back, printing seconds, and reads its intermediate file both with parquet-mr's example Group
 * reader (the baseline) and with {@link CodedRows}, side by side in one process. Runs only with TIVA_BENCH=1; size from TIVA_BENCH_REGIONS (default 81)
 * and TIVA_BENCH_INDUSTRIES (45): {@code TIVA_BENCH=1 mvn -o -q test -pl common,jobs
 * -Dtest=StoreIoBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StoreIoBench {
  @Test
  void writeAndReadOneYear() throws Exception {
    Assumptions.assumeTrue("1".equals(System.getenv("TIVA_BENCH")), "benchmark: set TIVA_BENCH=1");
    int regions = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_REGIONS", "81"));
    int industries = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_INDUSTRIES", "45"));
    SyntheticMrio gen = new SyntheticMrio(GeneratorSpec.builder().regions(regions).industries(industries)
        .years(2020, 2020).seed(1).splits(false).build());
    MrioYear y = gen.year(2020);
    java.nio.file.Path dir = Files.createTempDirectory("tiva-storebench");
    Configuration conf = HadoopConf.local().get();
    Path root = new Path(dir.toString());
    long t0 = System.nanoTime();
    long rows = StoreWriter.writeYear(conf, root, y);
    double write = (System.nanoTime() - t0) / 1e9;
    new MrioMeta("bench", "", "", "USD million", y.layout().countries(), new LinkedHashMap<>(),
        y.layout().industries(), new LinkedHashMap<>(), y.layout().categories(), y.layout().splits())
        .write(FileSystem.get(java.net.URI.create("file:///"), conf), root);
    MrioMeta meta = MrioMeta.read(FileSystem.get(java.net.URI.create("file:///"), conf), root);
    double read = Double.MAX_VALUE;
    MrioYear back = null;
    for (int rep = 0; rep < 2; rep++) {
      long t1 = System.nanoTime();
      back = StoreReader.read(conf, root, meta, 2020);
      read = Math.min(read, (System.nanoTime() - t1) / 1e9);
    }
    // the same intermediate file through parquet-mr's example Group reader, for comparison
    Path f = ParquetRows.dataFiles(FileSystem.get(java.net.URI.create("file:///"), conf), StoreWriter.yearDir(root, Dataset.INTERMEDIATE, 2020)).get(0);
    for (int rep = 0; rep < 2; rep++) {
      long t2 = System.nanoTime();
      long cnt = 0;
      try (org.apache.parquet.hadoop.ParquetReader<org.apache.parquet.example.data.Group> r =
          org.apache.parquet.hadoop.ParquetReader.builder(new org.apache.parquet.hadoop.example.GroupReadSupport(), f)
              .withConf(conf).build()) {
        org.apache.parquet.example.data.Group g;
        while ((g = r.read()) != null) {
          cnt += g.getString("from_country", 0).length() + g.getString("to_industry", 0).length();
        }
      }
      long t3 = System.nanoTime();
      long[] c2 = new long[1];
      CodedRows.read(conf, f, 2020, java.util.List.of(Map.entry("from_country", (java.util.function.ToIntFunction<String>) String::length),
          Map.entry("from_industry", (java.util.function.ToIntFunction<String>) String::length),
          Map.entry("to_country", (java.util.function.ToIntFunction<String>) String::length),
          Map.entry("to_industry", (java.util.function.ToIntFunction<String>) String::length)), "value",
          (codes, text, value, has) -> c2[0] += codes[0] + codes[3]);
      long t4 = System.nanoTime();
      System.out.printf("intermediate file: Group reader %.2f s, CodedRows %.2f s (%d %d)%n", (t3 - t2) / 1e9,
          (t4 - t3) / 1e9, cnt, c2[0]);
    }
    System.out.printf("store I/O n = %d: wrote %d rows in %.2f s (%.0f rows/s), read in %.2f s (%.0f rows/s); "
        + "round trip %s%n", y.n(), rows, write, rows / write, read, rows / read,
        Fingerprint.of(back).equals(Fingerprint.of(y)) ? "identical" : "DIFFERENT");
    FileSystem.get(java.net.URI.create("file:///"), conf).delete(root, true);
  }
}
