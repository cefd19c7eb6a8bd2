package io.tivaspark.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;

/**
 * {@link ColumnarWriter} writes the same file content as the row writer {@link ParquetRows.Writer}:
 * the same rows in the same order (strings equal, doubles bit for bit, NaN as null) and the same
 * footer statistics per column (min, max, null count merged over row groups: what the Delta commit
 * reads), over several pages and row groups, with non-ASCII strings, a constant column, -0.0, NaN
 * and infinities-free random magnitudes.
 */
class ColumnarWriterTest {
  private static final List<Column> COLUMNS = List.of(Column.string("indicator"), Column.string("country"),
      Column.dbl("value"), Column.string("unit"), Column.dbl("other"), Column.string("run_id"));

  @Test
  void sameRowsAndStatisticsAsTheRowWriter() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("tiva-columnar");
    Configuration conf = HadoopConf.local().get();
    Path rowFile = new Path(dir.toString(), "rows.parquet");
    Path colFile = new Path(dir.toString(), "cols.parquet");
    Path colSmallGroups = new Path(dir.toString(), "cols-groups.parquet");
    List<Object[]> rows = rows(3 * ColumnarWriter.PAGE_ROWS + 1234, 7);
    ParquetRows.Writer a = new ParquetRows.Writer(conf, rowFile, "t", COLUMNS);
    ColumnarWriter b = new ColumnarWriter(conf, colFile, "t", COLUMNS, CompressionCodecName.SNAPPY);
    ColumnarWriter c = new ColumnarWriter(conf, colSmallGroups, "t", COLUMNS, CompressionCodecName.SNAPPY, 1);
    for (Object[] r : rows) {
      a.write(r);
      b.write(r);
      c.write(r);
    }
    a.commit();
    b.commit();
    c.commit();
    assertEquals(rows.size(), b.rows());
    List<String> expected = read(conf, rowFile);
    assertEquals(rows.size(), expected.size());
    assertEquals(expected, read(conf, colFile));
    assertEquals(expected, read(conf, colSmallGroups));
    assertEquals(stats(conf, rowFile), stats(conf, colFile));
    assertEquals(stats(conf, rowFile), stats(conf, colSmallGroups));
    assertTrue(blocks(conf, colSmallGroups) >= 4, "one row group per page when the limit is 1 byte");
  }

  /**
   * Each page's statistics are the bounds of its own rows under Parquet's order, computed here value
   * by value with Parquet's {@link Statistics#updateStats}: pages whose bounds are zeros of either
   * sign (-0.0 before 0.0; stored widened, see {@link #widenedZeros}), all-null pages, and string pages whose bounds are strings first seen on a
   * later page (the ranks are sorted again as the dictionary grows). With a row-group limit of one
   * byte each page is a row group of its own, so the footer gives every page's statistics.
   */
  @Test
  void pageStatisticsAreThePagesOwnBounds() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("tiva-columnar");
    Configuration conf = HadoopConf.local().get();
    Path f = new Path(dir.toString(), "pages.parquet");
    List<Column> columns = List.of(Column.string("code"), Column.dbl("value"));
    double[][] pageValues = {{-0.0, 0.0, Double.NaN}, {0.0, -3.5}, {-0.0, 2.0}, {0.0}, {-0.0}, {Double.NaN},
        {-0.0, 0.0, -1e-300, 1e300}};
    String[][] pageCodes = {{"M", "B"}, {"Z", "B"}, {"A", "M"}, {"Ü"}, {"AA", "ZZ", "B"}, {"B"}, {"", "M"}};
    int pages = pageValues.length;
    ColumnarWriter w = new ColumnarWriter(conf, f, "t", columns, CompressionCodecName.SNAPPY, 1);
    List<Map<String, String>> expected = new ArrayList<>();
    for (int p = 0; p < pages; p++) {
      Statistics<?> codes = Statistics.createStats(
          org.apache.parquet.schema.Types.required(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY)
              .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType()).named("code"));
      Statistics<?> values = Statistics.createStats(
          org.apache.parquet.schema.Types.optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE)
              .named("value"));
      for (int r = 0; r < ColumnarWriter.PAGE_ROWS; r++) {
        String code = pageCodes[p][r % pageCodes[p].length];
        double v = pageValues[p][r % pageValues[p].length];
        w.write(new Object[] {code, v});
        codes.updateStats(org.apache.parquet.io.api.Binary.fromString(code));
        if (Double.isNaN(v)) {
          values.incrementNumNulls();
        } else {
          values.updateStats(v);
        }
      }
      expected.add(Map.of("code", describe(codes), "value", describe(widenedZeros(values))));
    }
    w.commit();
    List<Map<String, String>> actual = new ArrayList<>();
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(f, conf))) {
      for (BlockMetaData b : r.getFooter().getBlocks()) {
        Map<String, String> page = new LinkedHashMap<>();
        for (ColumnChunkMetaData c : b.getColumns()) {
          page.put(c.getPath().toDotString(), describe(c.getStatistics()));
        }
        actual.add(page);
      }
    }
    assertEquals(expected, actual);
  }

  /**
   * What Parquet's writer stores for double bounds that are zeros: a min of +0.0 as -0.0 and a max of
   * -0.0 as +0.0 (the format's rule, so that a reader need not know which zeros a page holds).
   */
  private static Statistics<?> widenedZeros(Statistics<?> s) {
    if (!s.hasNonNullValue()) {
      return s;
    }
    double min = (Double) s.genericGetMin();
    double max = (Double) s.genericGetMax();
    Statistics<?> w = Statistics.createStats(s.type());
    w.incrementNumNulls(s.getNumNulls());
    w.updateStats(min == 0 ? -0.0 : min);
    w.updateStats(max == 0 ? 0.0 : max);
    return w;
  }

  private static String describe(Statistics<?> s) {
    return s.hasNonNullValue() ? s.minAsString() + " .. " + s.maxAsString() + " (min raw "
        + java.util.Arrays.toString(s.getMinBytes()) + ") nulls " + s.getNumNulls() : "no values, nulls " + s.getNumNulls();
  }

  @Test
  void emptyFileHasTheSchemaAndNoRows() throws Exception {
    java.nio.file.Path dir = Files.createTempDirectory("tiva-columnar");
    Configuration conf = HadoopConf.local().get();
    Path f = new Path(dir.toString(), "empty.parquet");
    ColumnarWriter w = new ColumnarWriter(conf, f, "t", COLUMNS, CompressionCodecName.SNAPPY);
    w.commit();
    assertEquals(List.of(), read(conf, f));
    assertEquals(0, blocks(conf, f));
  }

  private static List<Object[]> rows(int n, long seed) {
    Random rnd = new Random(seed);
    String[] codes = {"EXGR", "EXGR_DVA", "FD_VA", "Été", "中国", "A", "ZZZ_LONG_CODE_AFTER_THE_REST"};
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // the first page has no null (its levels one RLE run, written without a pass), the later
      // pages have some (value by value), through the same reused page buffers
      boolean nullsAllowed = i >= ColumnarWriter.PAGE_ROWS;
      double v = switch (rnd.nextInt(10)) {
        case 0 -> nullsAllowed ? Double.NaN : 1.5;
        case 1 -> -0.0;
        case 2 -> 0.0;
        default -> (rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(12) - 4);
      };
      // late first appearance of a code (after the first pages): dictionaries grow mid row group
      String country = i > 2 * ColumnarWriter.PAGE_ROWS && rnd.nextInt(50) == 0 ? "LATE" + (i % 3)
          : "C" + (i / 45 % 81);
      out.add(new Object[] {codes[(i / 1000) % codes.length], country, v, i % 2 == 0 ? "USD million" : "PCT",
          rnd.nextInt(3) == 0 && nullsAllowed ? Double.NaN : rnd.nextGaussian(), "20261206T000000Z-run"});
    }
    return out;
  }

  private static List<String> read(Configuration conf, Path f) throws Exception {
    return read(conf, f, COLUMNS);
  }

  /** Every row of the file as a line: strings, doubles as raw bits, nulls; {@code columns} the file's. */
  static List<String> read(Configuration conf, Path f, List<Column> columns) throws Exception {
    List<String> out = new ArrayList<>();
    try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), f).withConf(conf).build()) {
      for (Group g; (g = r.read()) != null; ) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
          String name = columns.get(c).name();
          if (g.getFieldRepetitionCount(name) == 0) {
            sb.append("null|");
          } else if (columns.get(c).type() == Column.Type.DOUBLE) {
            sb.append(Long.toHexString(Double.doubleToRawLongBits(g.getDouble(name, 0)))).append('|');
          } else {
            sb.append(g.getString(name, 0)).append('|');
          }
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  /** Per column: min, max and null count merged over the row groups. */
  static Map<String, String> stats(Configuration conf, Path f) throws Exception {
    Map<String, Statistics<?>> merged = new LinkedHashMap<>();
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(f, conf))) {
      for (BlockMetaData b : r.getFooter().getBlocks()) {
        for (ColumnChunkMetaData c : b.getColumns()) {
          String name = c.getPath().toDotString();
          Statistics<?> s = c.getStatistics();
          if (merged.containsKey(name)) {
            merged.get(name).mergeStatistics(s);
          } else {
            Statistics<?> copy = Statistics.createStats(c.getPrimitiveType());
            copy.mergeStatistics(s);
            merged.put(name, copy);
          }
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    merged.forEach((k, s) -> out.put(k, s.minAsString() + " .. " + s.maxAsString() + " nulls " + s.getNumNulls()));
    return out;
  }

  static int blocks(Configuration conf, Path f) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(f, conf))) {
      return r.getFooter().getBlocks().size();
    }
  }
}
