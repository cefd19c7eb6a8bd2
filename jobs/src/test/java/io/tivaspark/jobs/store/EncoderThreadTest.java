package io.tivaspark.jobs.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/**
 * {@link EncoderThread}: rows handed on as dictionary ids and encoded on a thread of their own (or on
 * the caller's) make the same file as parquet-java's record writer for the same rows (every row, the
 * doubles bit for bit, the footer statistics), across many batches, pages and row groups, with codes
 * first seen late, equal strings that are different objects, and more codes than the identity
 * table's probe window holds; rows written as vectors ({@link EncoderThread.Rows#writeBlock}) make the
 * same file, byte for byte, as the same rows written one at a time; a failure on the thread reaches the
 * producer naming the file.
 */
class EncoderThreadTest {
  private static final List<Column> COLUMNS = List.of(Column.string("method"), Column.string("exporter"),
      Column.string("importer"), Column.string("industry"), Column.string("term"), Column.dbl("value"),
      Column.string("run_id"));

  @Test
  void sameFileAsTheRecordWriterOnAThreadAndWithout() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("tiva-encoder");
    Configuration conf = HadoopConf.local().get();
    List<Object[]> rows = rows(5 * ColumnarWriter.PAGE_ROWS + 777, 11);
    Path expectedFile = new Path(dir.toString(), "records.parquet");
    ParquetRows.Writer records = new ParquetRows.Writer(conf, expectedFile, "t", COLUMNS);
    for (Object[] r : rows) {
      records.write(r);
    }
    records.commit();
    List<String> expected = ColumnarWriterTest.read(conf, expectedFile, COLUMNS);
    for (boolean background : new boolean[] {true, false}) {
      for (long groupBytes : new long[] {ColumnarWriter.ROW_GROUP_BYTES, 1}) {
        Path f = new Path(dir.toString(), "batches-" + background + "-" + groupBytes + ".parquet");
        ColumnarWriter w = new ColumnarWriter(conf, f, "t", COLUMNS, CompressionCodecName.SNAPPY, groupBytes);
        try (EncoderThread encoder = new EncoderThread("test-encoder", background)) {
          EncoderThread.Rows lane = encoder.rows(w, 6, "t");
          for (Object[] r : rows) {
            lane.write((Double) r[5], (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[6], "ignored");
          }
          encoder.drain();
        }
        w.commit();
        assertEquals(rows.size(), w.rows());
        assertEquals(expected, ColumnarWriterTest.read(conf, f, COLUMNS), "background " + background);
        assertEquals(ColumnarWriterTest.stats(conf, expectedFile), ColumnarWriterTest.stats(conf, f));
        if (groupBytes == 1) {
          assertTrue(ColumnarWriterTest.blocks(conf, f) >= 5, "one row group per page when the limit is 1 byte");
        }
      }
    }
  }

  @Test
  void vectorsOfRowsMakeTheSameFileAsTheRowsOneAtATime() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("tiva-encoder-blocks");
    Configuration conf = HadoopConf.local().get();
    List<Block> blocks = blocks(3000, 5);
    for (boolean background : new boolean[] {true, false}) {
      Path byRows = new Path(dir.toString(), "rows-" + background + ".parquet");
      Path byBlocks = new Path(dir.toString(), "blocks-" + background + ".parquet");
      long rows = 0;
      for (Path f : List.of(byRows, byBlocks)) {
        ColumnarWriter w = new ColumnarWriter(conf, f, "t", COLUMNS, CompressionCodecName.SNAPPY);
        try (EncoderThread encoder = new EncoderThread("test-encoder", background)) {
          EncoderThread.Rows lane = encoder.rows(w, 6, "t");
          for (Block b : blocks) {
            if (f == byBlocks) {
              lane.writeBlock(b.keys, b.varying, b.values, b.from, b.count());
            } else {
              for (int r = 0; r < b.count(); r++) {
                lane.write(b.values[b.from + r], b.at(0, r), b.at(1, r), b.at(2, r), b.at(3, r), b.at(4, r),
                    b.at(5, r), null);
              }
            }
          }
          encoder.drain();
        }
        w.commit();
        rows = w.rows();
      }
      assertEquals(blocks.stream().mapToLong(Block::count).sum(), rows);
      assertTrue(rows > 3L * ColumnarWriter.PAGE_ROWS, "several pages: " + rows);
      assertTrue(java.util.Arrays.equals(Files.readAllBytes(java.nio.file.Path.of(byRows.toString())),
          Files.readAllBytes(java.nio.file.Path.of(byBlocks.toString()))), "background " + background);
    }
  }

  @Test
  void aVectorWhoseListIsNotItsLengthIsRefused() {
    try (EncoderThread encoder = new EncoderThread("test-encoder", false)) {
      EncoderThread.Rows lane = encoder.rows(b -> { }, 2, "t");
      @SuppressWarnings("unchecked")
      List<String>[] varying = new List[] {List.of("A", "B"), null};
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> lane.writeBlock(new String[] {null, "run"}, varying, new double[3], 0, 3));
      assertEquals("t: a block of 3 rows with 2 strings in column 0", e.getMessage());
      assertDoesNotThrow(() -> lane.writeBlock(new String[] {null, "run"}, varying, new double[0], 0, 0));
    }
  }

  @Test
  void aFailureOnTheThreadReachesTheProducerNamingTheFile() throws Exception {
    AtomicInteger batches = new AtomicInteger();
    BatchWriter failing = b -> {
      if (batches.incrementAndGet() == 3) {
        throw new IOException("No space left on device");
      }
    };
    try (EncoderThread encoder = new EncoderThread("test-encoder", true)) {
      EncoderThread.Rows lane = encoder.rows(failing, 3, "va_final_demand");
      IOException e = assertThrows(IOException.class, () -> {
        for (int i = 0; i < 100 * EncoderThread.BATCH_ROWS; i++) {
          lane.write(i, "A", "B", "run", null, null, null, null);
        }
        encoder.drain();
      });
      assertEquals("encoding va_final_demand: No space left on device", e.getMessage());
      assertEquals(3, batches.get(), "nothing is written after the failure");
    }
  }

  @Test
  void aRuntimeFailureStaysARuntimeFailure() throws Exception {
    BatchWriter failing = b -> {
      throw new IllegalArgumentException("bad batch");
    };
    try (EncoderThread encoder = new EncoderThread("test-encoder", false)) {
      EncoderThread.Rows lane = encoder.rows(failing, 2, "gvc_measures");
      lane.write(1, "A", "run", null, null, null, null, null);
      IllegalStateException e = assertThrows(IllegalStateException.class, encoder::drain);
      assertEquals("encoding gvc_measures: bad batch", e.getMessage());
    }
  }

  @Test
  void closeStopsTheThreadAndDropsWhatIsLeft() throws Exception {
    AtomicInteger written = new AtomicInteger();
    BatchWriter slow = b -> {
      written.incrementAndGet();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    EncoderThread encoder = new EncoderThread("test-encoder", true);
    EncoderThread.Rows lane = encoder.rows(slow, 2, "t");
    for (int i = 0; i < 10 * EncoderThread.BATCH_ROWS; i++) {
      lane.write(i, "A", "run", null, null, null, null, null);
    }
    encoder.close();
    int after = written.get();
    Thread.sleep(100);
    assertEquals(after, written.get(), "nothing is written once closed");
    assertTrue(after < 10, "pending batches are dropped: " + after);
    encoder.close(); // idempotent
  }

  @Test
  void aNullStringIsRefused() {
    try (EncoderThread encoder = new EncoderThread("test-encoder", false)) {
      EncoderThread.Rows lane = encoder.rows(b -> { }, 2, "t");
      assertThrows(NullPointerException.class, () -> lane.write(1, null, "run", null, null, null, null, null));
    }
  }

  /** A vector of rows: key column c is {@code keys[c]}, or {@code varying[c].get(r)} where that is set. */
  private record Block(String[] keys, List<String>[] varying, double[] values, int from) {
    int count() {
      for (List<String> v : varying) {
        if (v != null) {
          return v.size();
        }
      }
      return values.length - from;
    }

    String at(int c, int r) {
      return varying[c] != null ? varying[c].get(r) : keys[c];
    }
  }

  /**
   * Vectors as the families write them: the terms of a method (two lists passed again and again, and a
   * third first used late, with codes new to the file), the sources of a by-source table (a list longer
   * than a batch, so a vector spans batches), equal strings as different objects, values with NaN and
   * -0.0, and vectors that start part way into their value array.
   */
  @SuppressWarnings("unchecked")
  private static List<Block> blocks(int n, long seed) {
    Random rnd = new Random(seed);
    List<String> wwz = List.of("DVA_FIN", "DVA_INT", "RDV_FIN", "FVA_FIN", "MVA_INT", "PDC");
    List<String> bm = List.of("EXGR", "DC", "DVA");
    List<String> late = List.of("LATE1", "DVA", "LATE2");
    List<String> sources = new ArrayList<>();
    for (int p = 0; p < EncoderThread.BATCH_ROWS + 500; p++) {
      sources.add("S" + p % 97);
    }
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> v = i % 150 == 149 ? sources : i > n / 2 && i % 7 == 0 ? late : i % 2 == 0 ? wwz : bm;
      int from = rnd.nextInt(4);
      double[] values = new double[from + v.size()];
      for (int r = 0; r < values.length; r++) {
        values[r] = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextInt(10) == 0 ? -0.0 : rnd.nextGaussian() * 1e3;
      }
      String[] keys = {i % 2 == 0 ? "WWZ" : "BM_SOURCE", "C" + (i / 40 % 9), "P" + (i / 4 % 30), "D" + (i % 45), null,
          "20261208T000000Z-run"};
      List<String>[] varying = new List[6];
      varying[4] = v;
      out.add(new Block(keys, varying, values, from));
    }
    return out;
  }

  /**
   * Rows in a families-like order: 2,000 distinct importers (more than the identity table's window
   * holds together), codes first seen after several batches, equal strings as new objects, and a
   * cycle of the same term objects that is broken now and then.
   */
  private static List<Object[]> rows(int n, long seed) {
    Random rnd = new Random(seed);
    String[] methods = {"BM_SOURCE", "KWW", "WWZ", "Été", "中国"};
    String[] terms = new String[20];
    for (int t = 0; t < terms.length; t++) {
      terms[t] = "T" + t;
    }
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double v = switch (rnd.nextInt(10)) {
        case 0 -> Double.NaN;
        case 1 -> -0.0;
        default -> (rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(12) - 4);
      };
      String exporter = i > 3 * ColumnarWriter.PAGE_ROWS && rnd.nextInt(40) == 0 ? "LATE" + (i % 7) : "C" + (i / 900 % 81);
      // a new String object per row (concatenation): equal codes that are different objects
      String importer = rnd.nextInt(5) == 0 ? "P" + rnd.nextInt(2000) : "P" + (i / 20 % 60);
      // the same term objects in a cycle, broken now and then
      String term = rnd.nextInt(300) == 0 ? terms[rnd.nextInt(terms.length)] : terms[i % 20];
      out.add(new Object[] {methods[(i / 5000) % methods.length], exporter, importer, "D" + (i / 20 % 45),
          term, v, "20261206T000000Z-run"});
    }
    return out;
  }
}
