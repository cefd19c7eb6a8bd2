package io.tivaspark.jobs.store;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The staging writer's cost per row (docs/performance.md, issue 17 third pass): {@code TIVA_BENCH_ROWS}
 * (default 20 M) rows shaped like {@code export_decomposition} (method, exporter, importer, industry,
 * term, value, run_id; keys in the families' order: 81 × 81 × 45 × 20) written by
 * {@link ColumnarWriter} as the run stages them (dictionary ids into batches, {@link EncoderThread.Rows},
 * encoded on the same thread; until the sixth pass, rows one at a time) and, as the baseline in the same
 * run, by parquet-java's record writer
 * ({@link ParquetRows.Writer}), alternately, {@code TIVA_BENCH_REPS} (default 4) times each; prints
 * wall and thread CPU seconds, ns a row and the file size, with the load average. Runs only with
 * TIVA_BENCH=1: {@code TIVA_BENCH=1 mvn -o -q test -pl common,jobs -Dtest=ColumnarWriterBench
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ColumnarWriterBench {
  private static final List<Column> COLUMNS = List.of(Column.string("method"), Column.string("exporter"),
      Column.string("importer"), Column.string("industry"), Column.string("term"), Column.dbl("value"),
      Column.string("run_id"));

  @Test
  void rowsPerSecond() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "benchmark: set TIVA_BENCH=1");
    int rows = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_ROWS", "20000000"));
    int reps = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_REPS", "4"));
    Path dir = Files.createTempDirectory("columnar-bench");
    try {
      for (int rep = 0; rep < reps; rep++) {
        measure("ColumnarWriter", rows, dir.resolve("columnar.parquet"), true);
        measure("parquet-java record writer (ParquetRows)", rows, dir.resolve("records.parquet"), false);
      }
    } finally {
      for (File f : dir.toFile().listFiles()) {
        f.delete();
      }
      dir.toFile().delete();
    }
  }

  private static void measure(String label, int rows, Path file, boolean columnar) throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(file.toUri());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long w0 = System.nanoTime();
    long c0 = mx.getCurrentThreadCpuTime();
    if (columnar) {
      ColumnarWriter w = new ColumnarWriter(conf, target, "t", COLUMNS, CompressionCodecName.SNAPPY);
      try (EncoderThread enc = new EncoderThread("bench", false)) {
        EncoderThread.Rows lane = enc.rows(w, 6, "t");
        write((k, v) -> lane.write(v, k[0], k[1], k[2], k[3], k[4], k[5], null), rows);
        enc.drain();
      }
      w.commit();
    } else {
      RowFile w = new ParquetRows.Writer(conf, target, "t", COLUMNS);
      write((k, v) -> w.write(k[0], k[1], k[2], k[3], k[4], v, k[5]), rows);
      w.commit();
    }
    double wall = (System.nanoTime() - w0) / 1e9;
    double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    System.out.printf("RESULT %-42s %d rows: %.2f s wall, %.2f s cpu, %.1f ns/row (cpu), %d MB   [loadavg %s]%n",
        label, rows, wall, cpu, cpu * 1e9 / rows, Files.size(file) >> 20, load());
  }

  /** Rows in the families' key order, the strings the same objects row after row, the values random. */
  /** One row: the six strings in file order (the value sits between the fifth and the sixth) and the value. */
  private interface Row {
    void write(String[] keys, double value) throws Exception;
  }

  private static void write(Row w, int rows) throws Exception {
    String[] ctry = codes("C", 81);
    String[] ind = codes("I", 45);
    String[] terms = codes("T", 20);
    double[] vals = new Random(1).doubles(1 << 20, 0, 1000).toArray();
    String[] k = {"BM_SOURCE", null, null, null, null, "run"};
    int n = 0;
    for (int e = 0; n < rows; e++) {
      for (int r = 0; r < 81 && n < rows; r++) {
        for (int i = 0; i < 45 && n < rows; i++) {
          for (int t = 0; t < 20 && n < rows; t++, n++) {
            k[1] = ctry[e % 81];
            k[2] = ctry[r];
            k[3] = ind[i];
            k[4] = terms[t];
            double v = vals[n & (vals.length - 1)];
            w.write(k, v);
          }
        }
      }
    }
  }

  private static String[] codes(String prefix, int count) {
    String[] out = new String[count];
    for (int i = 0; i < count; i++) {
      out[i] = prefix + i;
    }
    return out;
  }

  private static String load() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
