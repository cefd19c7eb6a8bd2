package io.tivaspark.jobs.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Benchmark (a main, not a test): the compression of the staged tables chosen by measurement
 * (docs/performance.md, "The run path (issue 17)"). For each table of a warehouse's year
 * partition, the first {@code MAX_ROWS} rows are read once into memory and written by
 * {@link ColumnarWriter} with each codec; prints rows/s written and bytes per row side by side.
 * <pre>java -cp jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/launcher-classpath.txt) \
 *   io.tivaspark.jobs.store.StagingCodecBench WAREHOUSE YEAR [MAX_ROWS]</pre>
 */
public final class StagingCodecBench {
  private StagingCodecBench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    Configuration conf = HadoopConf.local().get();
    FileSystem fs = FileSystem.get(java.net.URI.create("file:///"), conf);
    Path wh = new Path(args[0]);
    int maxRows = args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000;
    CompressionCodecName[] codecs = {CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
        CompressionCodecName.ZSTD};
    System.out.printf("%-28s %9s %-12s %10s %10s%n", "table", "rows", "codec", "rows/s", "bytes/row");
    for (var st : fs.listStatus(wh)) {
      Path part = new Path(st.getPath(), "year=" + args[1]);
      if (!st.isDirectory() || !fs.exists(part)) {
        continue;
      }
      List<Path> files = ParquetRows.dataFiles(fs, part);
      if (files.isEmpty()) {
        continue;
      }
      MessageType schema;
      try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(files.get(0), conf))) {
        schema = r.getFooter().getFileMetaData().getSchema();
      }
      List<Column> columns = columns(schema);
      if (!ColumnarWriter.supports(columns)) {
        continue;
      }
      List<Object[]> rows = read(conf, files.get(0), columns, maxRows);
      for (CompressionCodecName codec : codecs) {
        Path out = new Path("/tmp/tiva-codec-bench-" + codec + ".parquet");
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 2; rep++) {
          long t0 = System.nanoTime();
          ColumnarWriter w = new ColumnarWriter(conf, out, "t", columns, codec);
          for (Object[] row : rows) {
            w.write(row);
          }
          w.commit();
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        long bytes = fs.getFileStatus(out).getLen();
        System.out.printf("%-28s %9d %-12s %10.0f %10.2f%n", st.getPath().getName(), rows.size(), codec,
            rows.size() / best, (double) bytes / rows.size());
        fs.delete(out, false);
      }
    }
  }

  private static List<Column> columns(MessageType schema) {
    List<Column> out = new ArrayList<>();
    for (Type t : schema.getFields()) {
      PrimitiveType.PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
      out.add(p == PrimitiveType.PrimitiveTypeName.BINARY ? Column.string(t.getName())
          : p == PrimitiveType.PrimitiveTypeName.DOUBLE ? Column.dbl(t.getName()) : Column.integer(t.getName()));
    }
    return out;
  }

  private static List<Object[]> read(Configuration conf, Path f, List<Column> columns, int maxRows) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), f).withConf(conf).build()) {
      for (Group g; rows.size() < maxRows && (g = r.read()) != null; ) {
        Object[] row = new Object[columns.size()];
        for (int c = 0; c < row.length; c++) {
          String name = columns.get(c).name();
          boolean isNull = g.getFieldRepetitionCount(name) == 0;
          row[c] = columns.get(c).type() == Column.Type.DOUBLE ? (Object) (isNull ? Double.NaN : g.getDouble(name, 0))
              : g.getString(name, 0);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
