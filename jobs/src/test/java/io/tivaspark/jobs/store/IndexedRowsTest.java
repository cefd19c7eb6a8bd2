package io.tivaspark.jobs.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

/**
 * The store's rows given as code indexes ({@link IndexedRows}, {@link StoreWriter}) make the file that
 * the row path ({@link ColumnarWriter#write(Object...)}) makes for the same rows: every row
 * (strings equal, doubles bit for bit, NaN as null) and the footer statistics, over many batches and
 * pages; with codes repeated at several indexes (a country at each of its industries' rows), equal
 * codes as different objects, codes first used late, and columns set once for many rows.
 */
class IndexedRowsTest {
  private static final List<Column> COLUMNS = List.of(Column.string("from_country"), Column.string("from_industry"),
      Column.string("to_country"), Column.string("to_industry"), Column.dbl("value"));

  @Test
  void sameFileAsTheRowPath() throws Exception {
    String[] entity = new String[300];
    String[] industry = new String[300];
    for (int i = 0; i < 300; i++) {
      entity[i] = new String("C" + (i / 15)); // equal codes, different objects
      industry[i] = "I" + (i % 15);
    }
    String[] late = entity.clone();
    late[299] = "LATE"; // used only by the last rows
    java.nio.file.Path dir = Files.createTempDirectory("tiva-indexed");
    Configuration conf = HadoopConf.local().get();
    Path byRows = new Path(dir.toString(), "rows.parquet");
    Path byIndex = new Path(dir.toString(), "indexed.parquet");
    ColumnarWriter a = new ColumnarWriter(conf, byRows, "t", COLUMNS, CompressionCodecName.SNAPPY);
    ColumnarWriter b = new ColumnarWriter(conf, byIndex, "t", COLUMNS, CompressionCodecName.SNAPPY);
    IndexedRows rows = new IndexedRows(b, entity, industry, late, industry);
    Random rnd = new Random(11);
    String[] key = new String[4];
    int written = 0;
    for (int i = 0; i < 300; i++) {
      key[0] = entity[i];
      key[1] = industry[i];
      rows.key(0, i);
      rows.key(1, i);
      for (int j = 0; j < 300; j++) {
        if (rnd.nextInt(3) == 0 && !(j == 299 && i < 290)) {
          continue;
        }
        double v = rnd.nextInt(50) == 0 ? Double.NaN : rnd.nextGaussian() * 1e3;
        key[2] = late[j];
        key[3] = industry[j];
        a.write(key[0], key[1], key[2], key[3], v);
        rows.key(2, j);
        rows.key(3, j);
        rows.add(v);
        written++;
      }
    }
    rows.flush();
    a.commit();
    b.commit();
    assertEquals(written, b.rows());
    List<String> expected = ColumnarWriterTest.read(conf, byRows, COLUMNS);
    assertEquals(written, expected.size());
    assertEquals(expected, ColumnarWriterTest.read(conf, byIndex, COLUMNS));
    assertEquals(ColumnarWriterTest.stats(conf, byRows), ColumnarWriterTest.stats(conf, byIndex));
  }

  @Test
  void rowBlockCopiesRowsOfAColumnMajorMatrix() {
    int rows = 5;
    int cols = 3;
    double[] m = new double[rows * cols];
    for (int k = 0; k < m.length; k++) {
      m[k] = k; // m[i + j * rows] = i + j * rows
    }
    double[] buf = new double[2 * cols];
    StoreWriter.rowBlock(m, rows, cols, 3, 2, buf);
    assertArrayEquals(new double[] {3, 8, 13, 4, 9, 14}, buf);
  }
}
