package io.tivaspark.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.InvalidInputException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/**
 * {@link ColumnRows} (page-wise column decoding, what {@code StoreReader} uses) hands every row
 * to the callback exactly as the record reader {@link CodedRows} does: same order, same code
 * indices (−1 unknown, NULL_CODE null), same strings, doubles bit for bit (NaN, ±∞, −0.0), same
 * null values; over data pages V1 and V2, dictionary and plain encodings (and a dictionary that
 * falls back to plain mid-chunk), several pages and row groups, optional and required columns,
 * pages with nulls and pages without (PageValues reads no level and decodes PLAIN doubles at once there),
 * with an extra {@code year} column in the file that is not read. A broken rule thrown by the
 * callback, a wrong column type, a missing column and a corrupt page are the same errors.
 */
class ColumnRowsTest {
  private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message m {"
      + " optional binary country (UTF8); required binary industry (UTF8); optional int32 year;"
      + " optional double value; }");
  private static final List<String> COUNTRIES = List.of("AUS", "CN1", "MX2", "ÉTÉ", "ZZZ");
  private static final ToIntFunction<String> COUNTRY = s -> s.equals("ZZZ") ? -1 : COUNTRIES.indexOf(s);
  private static final ToIntFunction<String> INDUSTRY = s -> s.startsWith("D") ? Integer.parseInt(s.substring(1)) : -1;
  private static final List<Map.Entry<String, ToIntFunction<String>>> COLUMNS =
      List.of(Map.entry("country", COUNTRY), Map.entry("industry", INDUSTRY));

  @Test
  void sameRowsAsTheRecordReaderOverEveryPageKind() throws Exception {
    for (WriterVersion version : WriterVersion.values()) {
      for (boolean dictionary : new boolean[] {true, false}) {
        for (int industries : new int[] {40, 5000}) { // 5000 distinct: the dictionary falls back to plain
          for (int nullsFrom : new int[] {0, 12_000}) { // 12,000: pages without a null, then pages with
            Path f = write(version, dictionary, industries, 23_456, nullsFrom);
            List<String> byRecords = rows(f, false);
            List<String> byColumns = rows(f, true);
            assertEquals(23_456, byColumns.size(), f.toString());
            assertEquals(byRecords, byColumns, version + " dictionary " + dictionary + " industries " + industries
                + " nulls from row " + nullsFrom);
            assertTrue(groups(f) > 1, "several row groups");
          }
        }
      }
    }
  }

  @Test
  void sameErrorsAsTheRecordReader() throws Exception {
    Path f = write(WriterVersion.PARQUET_1_0, true, 40, 5000);
    String a = assertThrows(InvalidInputException.class, () -> read(f, false, failAt(3001))).getMessage();
    String b = assertThrows(InvalidInputException.class, () -> read(f, true, failAt(3001))).getMessage();
    assertEquals(a, b);
    assertTrue(a.contains("row 3001"), a);
    Configuration conf = HadoopConf.local().get();
    for (List<Map.Entry<String, ToIntFunction<String>>> cols : List.of(List.of(Map.entry("year", COUNTRY)),
        List.of(Map.entry("nope", COUNTRY)))) {
      String x = assertThrows(InvalidInputException.class,
          () -> CodedRows.read(conf, f, 2020, cols, "value", (c, t, v, h) -> { })).getMessage();
      String y = assertThrows(InvalidInputException.class,
          () -> ColumnRows.read(conf, f, 2020, cols, "value", (c, t, v, h) -> { })).getMessage();
      assertEquals(x, y);
    }
    String v = assertThrows(InvalidInputException.class,
        () -> ColumnRows.read(conf, f, 2020, COLUMNS, "country", (c, t, x, h) -> { })).getMessage();
    assertTrue(v.contains("column country") && v.contains("must be DOUBLE"), v);
  }

  @Test
  void corruptPageIsAnUnreadableFileError() throws Exception {
    Path f = write(WriterVersion.PARQUET_1_0, true, 40, 5000);
    java.nio.file.Path p = java.nio.file.Path.of(f.toString());
    byte[] b = Files.readAllBytes(p);
    for (int i = 200; i < 260; i++) {
      b[i] ^= 0x5a;
    }
    Files.write(p, b);
    String m = assertThrows(InvalidInputException.class, () -> read(f, true, (c, t, v, h) -> { })).getMessage();
    assertTrue(m.contains("unreadable Parquet file") && m.contains(f.getName()), m);
  }

  /** A callback that breaks a rule at row {@code at} (1-based), naming the row's country. */
  private static CodedRows.RowFn failAt(int at) {
    int[] seen = {0};
    return (codes, text, value, has) -> {
      if (++seen[0] == at) {
        throw new InvalidInputException("intermediate", 2020, "country=" + text[0], "row " + seen[0]);
      }
    };
  }

  private static void read(Path f, boolean columns, CodedRows.RowFn fn) throws Exception {
    Configuration conf = HadoopConf.local().get();
    if (columns) {
      ColumnRows.read(conf, f, 2020, COLUMNS, "value", fn);
    } else {
      CodedRows.read(conf, f, 2020, COLUMNS, "value", fn);
    }
  }

  private static List<String> rows(Path f, boolean columns) throws Exception {
    List<String> out = new ArrayList<>();
    read(f, columns, (codes, text, value, has) -> out.add(Arrays.toString(codes) + Arrays.toString(text)
        + (has ? Long.toHexString(Double.doubleToRawLongBits(value)) : "null")));
    return out;
  }

  private static int groups(Path f) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(f, HadoopConf.local().get()))) {
      return r.getRowGroups().size();
    }
  }

  private static Path write(WriterVersion version, boolean dictionary, int industries, int rows) throws Exception {
    return write(version, dictionary, industries, rows, 0);
  }

  /**
   * Random rows: null and unknown codes, null, NaN, ±∞ and −0.0 values among finite ones; nulls only
   * from row {@code nullsFrom} on (the pages before it have none: the readers' no-null fast paths).
   */
  private static Path write(WriterVersion version, boolean dictionary, int industries, int rows, int nullsFrom)
      throws Exception {
    java.nio.file.Path out = Files.createTempDirectory("tiva-columnrows").resolve("f.parquet");
    Random r = new Random(rows + industries);
    double[] odd = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0};
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(out)).withType(SCHEMA)
        .withWriterVersion(version).withDictionaryEncoding(dictionary).withPageSize(2048)
        .withDictionaryPageSize(4096).withRowGroupSize(64 * 1024L).withCompressionCodec(CompressionCodecName.SNAPPY)
        .build()) {
      for (int k = 0; k < rows; k++) {
        SimpleGroup g = new SimpleGroup(SCHEMA);
        if (r.nextInt(50) != 0 || k < nullsFrom) {
          g.append("country", COUNTRIES.get(r.nextInt(COUNTRIES.size())));
        }
        g.append("industry", (r.nextInt(60) == 0 ? "X" : "D") + r.nextInt(industries));
        g.append("year", 2020);
        int kind = r.nextInt(40);
        if (kind > 0 || k < nullsFrom) {
          g.append("value", kind == 0 ? 0.5 : kind < 4 ? odd[kind - 1] : kind < 30 ? r.nextInt(7) : r.nextGaussian() * 1e6);
        }
        w.write(g);
      }
    }
    return new Path(out.toString());
  }
}
