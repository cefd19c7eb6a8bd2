package io.tivaspark.jobs.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Plain Parquet files written and read inside tasks, without a SparkSession: the canonical
 * store's year files and the staged results of a run. Files are written under a hidden
 * temporary name and renamed into place when complete, so a reader (Spark ignores names that
 * start with '.' or '_') never sees half a file.
 */
public final class ParquetRows {
  private ParquetRows() {}

  public static MessageType schema(String name, List<Column> columns) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : columns) {
      switch (c.type()) {
        case STRING -> b.required(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType()).named(c.name());
        case DOUBLE -> b.optional(PrimitiveTypeName.DOUBLE).named(c.name());
        case INT -> b.required(PrimitiveTypeName.INT32).named(c.name());
        case LONG -> b.required(PrimitiveTypeName.INT64).named(c.name());
        case BOOLEAN -> b.required(PrimitiveTypeName.BOOLEAN).named(c.name());
        default -> throw new IllegalArgumentException("type " + c.type());
      }
    }
    return b.named(name);
  }

  /** Writes rows to one file; {@link #commit()} publishes it under its final name. */
  public static final class Writer implements Closeable {
    private final FileSystem fs;
    private final Path tmp;
    private final Path target;
    private final List<Column> columns;
    private final SimpleGroupFactory factory;
    private final ParquetWriter<Group> writer;
    private long rows;
    private boolean closed;

    public Writer(Configuration conf, Path target, String schemaName, List<Column> columns)
        throws IOException {
      this.fs = target.getFileSystem(conf);
      this.target = target;
      this.tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
      this.columns = List.copyOf(columns);
      MessageType schema = schema(schemaName, columns);
      this.factory = new SimpleGroupFactory(schema);
      this.writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(tmp, conf))
          .withConf(conf)
          .withType(schema)
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withDictionaryEncoding(true)
          .build();
    }

    /** Appends one row; values in column order (String, Double/NaN for null, Integer, Long, Boolean). */
    public void write(Object... values) throws IOException {
      Group g = factory.newGroup();
      for (int i = 0; i < values.length; i++) {
        Column c = columns.get(i);
        Object v = values[i];
        switch (c.type()) {
          case STRING -> g.add(i, (String) v);
          case DOUBLE -> {
            double d = ((Number) v).doubleValue();
            if (!Double.isNaN(d)) {
              g.add(i, d);
            }
          }
          case INT -> g.add(i, ((Number) v).intValue());
          case LONG -> g.add(i, ((Number) v).longValue());
          case BOOLEAN -> g.add(i, (Boolean) v);
          default -> throw new IllegalStateException();
        }
      }
      writer.write(g);
      rows++;
    }

    public long rows() { return rows; }

    /** Closes the file and renames it to its final name (replacing an older file of that name). */
    public void commit() throws IOException {
      close();
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("could not rename " + tmp + " to " + target);
      }
    }

    /** Abandons the file. */
    public void abort() {
      try {
        close();
      } catch (IOException e) {
        // ignore: we delete it anyway
      }
      try {
        fs.delete(tmp, false);
      } catch (IOException e) {
        // best effort
      }
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        writer.close();
      }
    }
  }

  /** Data files of a directory (not hidden, not _-prefixed), sorted by name; empty if absent. */
  public static List<Path> dataFiles(FileSystem fs, Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus st : fs.listStatus(dir)) {
      String n = st.getPath().getName();
      if (st.isFile() && !n.startsWith(".") && !n.startsWith("_")) {
        out.add(st.getPath());
      }
    }
    out.sort(null);
    return out;
  }

  /** Opens a file for reading rows as Groups. */
  public static ParquetReader<Group> reader(Configuration conf, Path file) throws IOException {
    return ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build();
  }
}
