package io.tivaspark.jobs.store;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The staging encoder alone (docs/performance.md, issue 17 thirteenth pass): ns a row of
 * {@link ColumnarWriter#write(RowBatch)} (pages, statistics, RLE/bit-packed ids, PLAIN doubles, Snappy,
 * the local file) for batches of ids in the order of {@code export_decomposition}'s rows (method ×
 * exporter × importer (and WLD) × industry × term, run_id last; 81 × 82 × 69 × 40 = 18.3 M rows a rep)
 * and of a by-source table ({@code va_origin_imports}: importer × partner × industry × source country × source
 * industry, 4.4 M rows a rep), the values random doubles as the families' are; and, as the floor, the
 * same batches filled and dropped. {@code TIVA_BENCH=1 mvn -o -q -pl common,jobs test -Dtest=EncoderBench
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code TIVA_BENCH_REPS}, default 5; {@code TIVA_BENCH_CODECS},
 * default {@code SNAPPY}, e.g. {@code UNCOMPRESSED,SNAPPY,ZSTD}: each codec in turn, with the file's bytes a
 * row; {@code TIVA_BENCH_VALUES}: a file of little-endian doubles, e.g. a real table's value column, used
 * in place of the random values, in order and again from its start).
 */
class EncoderBench {
  private static final List<Column> DECOMPOSITION = List.of(Column.string("method"), Column.string("exporter"),
      Column.string("importer"), Column.string("industry"), Column.string("term"), Column.dbl("value"),
      Column.string("run_id"));
  private static final List<Column> BY_SOURCE = List.of(Column.string("source_country"),
      Column.string("source_industry"), Column.string("importer"), Column.string("partner"),
      Column.string("import_industry"), Column.dbl("value"), Column.string("run_id"));

  /** random doubles as the families' values are (nearly all distinct, a few zeros and NaNs), or a file's */
  private static final double[] VALUES = values(1 << 20);

  private static double[] values(int n) {
    String file = System.getenv("TIVA_BENCH_VALUES");
    if (file != null) {
      try {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(java.nio.file.Path.of(file)))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[Integer.highestOneBit(b.remaining() / 8)];
        b.asDoubleBuffer().get(v);
        return v;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    Random rnd = new Random(1);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextInt(50) == 0 ? 0 : rnd.nextInt(5000) == 0 ? Double.NaN : rnd.nextGaussian() * 100;
    }
    return v;
  }

  @Test
  void nsPerRow() throws Exception {
    Assumptions.assumeTrue(System.getenv("TIVA_BENCH") != null, "benchmark: set TIVA_BENCH=1");
    int reps = Integer.parseInt(System.getenv().getOrDefault("TIVA_BENCH_REPS", "5"));
    java.nio.file.Path dir = Files.createTempDirectory("tiva-encoder-bench");
    Configuration conf = HadoopConf.local().get();
    String[] codecs = System.getenv().getOrDefault("TIVA_BENCH_CODECS", "SNAPPY").split(",");
    for (int rep = 0; rep < reps; rep++) {
      for (String shape : new String[] {"export_decomposition", "by source"}) {
        boolean dec = shape.equals("export_decomposition");
        for (int k = -1; k < codecs.length; k++) {
          boolean drop = k < 0;
          Path f = new Path(dir.toString(), "f" + rep + shape.charAt(0) + ".parquet");
          ColumnarWriter w = drop ? null : new ColumnarWriter(conf, f, "t", dec ? DECOMPOSITION : BY_SOURCE,
              CompressionCodecName.valueOf(codecs[k].trim()));
          long t0 = System.nanoTime();
          long n = dec ? decomposition(w) : bySource(w);
          if (w != null) {
            w.commit();
          }
          double ns = (System.nanoTime() - t0) / (double) n;
          java.nio.file.Path file = java.nio.file.Path.of(f.toString());
          double bytes = drop ? 0 : Files.size(file) / (double) n;
          System.out.printf("RESULT rep %d %-22s %-13s %5.1f ns a row, %5.2f bytes a row, %d rows   [loadavg %s]%n",
              rep, shape, drop ? "(fill, drop)" : codecs[k].trim(), ns, bytes, n,
              Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** 81 × 82 × 69 × 40 rows: the method changes with the term (3 methods), ids given in order of first use. */
  private static long decomposition(ColumnarWriter w) throws Exception {
    Feed feed = new Feed(w, 6, new int[] {3, 81, 82, 69, 40, 1});

    for (int e = 0; e < 81; e++) {
      for (int i = 0; i < 82; i++) {
        for (int k = 0; k < 69; k++) {
          for (int q = 0; q < 40; q++) {
            feed.row(q * 3 / 40, e, i, k, q, 0);
          }
        }
      }
    }
    return feed.finish();
  }

  /** 9 importers × 3 partners × 45 industries × 81 countries × 45 industries of source (a vector each). */
  private static long bySource(ColumnarWriter w) throws Exception {
    Feed feed = new Feed(w, 6, new int[] {81, 45, 81, 81, 45, 1});

    for (int s = 0; s < 9; s++) {
      for (int r = 0; r < 3; r++) {
        for (int k = 0; k < 45; k++) {
          for (int c = 0; c < 81; c++) {
            for (int i = 0; i < 45; i++) {
              feed.row(c, i, s, r, k, 0);
            }
          }
        }
      }
    }
    return feed.finish();
  }

  /** Fills batches of ids (each column's ids new in increasing order, as {@link KeyIds} gives them). */
  private static final class Feed {
    private final ColumnarWriter w;
    private final RowBatch batch;
    private final int[] seen;
    private long rows;

    Feed(ColumnarWriter w, int columns, int[] distinct) {
      this.w = w;
      this.batch = new RowBatch(columns, EncoderThread.BATCH_ROWS);
      this.seen = new int[columns];
      for (int c = 0; c < columns; c++) {
        List<String> codes = new ArrayList<>();
        for (int d = 0; d < distinct[c]; d++) {
          codes.add("K" + c + "_" + d);
        }
        names.add(codes);
      }
    }

    private final List<List<String>> names = new ArrayList<>();

    private void id(int col, int id, int r) {
      while (seen[col] <= id) { // ids are given in order of first use
        batch.added.get(col).add(names.get(col).get(seen[col]++));
      }
      batch.ids[col][r] = id;
    }

    void row(int a, int b, int c, int d, int e, int f) throws Exception {
      int r = batch.size;
      id(0, a, r);
      id(1, b, r);
      id(2, c, r);
      id(3, d, r);
      id(4, e, r);
      id(5, f, r);
      batch.values[r] = VALUES[(int) (rows & (VALUES.length - 1))];
      batch.size = r + 1;
      rows++;
      if (batch.full()) {
        flush();
      }
    }

    private void flush() throws Exception {
      if (w != null) {
        w.write(batch);
      }
      batch.clear();
    }

    long finish() throws Exception {
      flush();
      return rows;
    }
  }
}
