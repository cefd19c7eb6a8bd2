package io.tivaspark.jobs.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
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

  /**
   * Writes rows straight into Parquet's record consumer (no Group object per row; the Binary of
   * each distinct string is made once), so staging a year at ICIO size (~19 M rows) is bound by
   * encoding, not by allocation.
   */
  static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final MessageType schema;
    private final List<Column> columns;
    private final HashMap<String, Binary> strings = new HashMap<>();
    private RecordConsumer rc;

    RowWriteSupport(MessageType schema, List<Column> columns) {
      this.schema = schema;
      this.columns = columns;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.rc = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      rc.startMessage();
      for (int i = 0; i < row.length; i++) {
        Column c = columns.get(i);
        Object v = row[i];
        if (c.type() == Column.Type.DOUBLE) {
          double d = ((Number) v).doubleValue();
          if (Double.isNaN(d)) {
            continue; // optional: NaN is stored as null
          }
          rc.startField(c.name(), i);
          rc.addDouble(d);
          rc.endField(c.name(), i);
          continue;
        }
        rc.startField(c.name(), i);
        switch (c.type()) {
          case STRING -> rc.addBinary(binary((String) v));
          case INT -> rc.addInteger(((Number) v).intValue());
          case LONG -> rc.addLong(((Number) v).longValue());
          case BOOLEAN -> rc.addBoolean((Boolean) v);
          default -> throw new IllegalStateException("type " + c.type());
        }
        rc.endField(c.name(), i);
      }
      rc.endMessage();
    }

    private Binary binary(String s) {
      Binary b = strings.get(s);
      if (b == null) {
        b = Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
        if (strings.size() < 200_000) {
          strings.put(s, b);
        }
      }
      return b;
    }
  }

  private static final class RowWriterBuilder extends ParquetWriter.Builder<Object[], RowWriterBuilder> {
    private final MessageType schema;
    private final List<Column> columns;

    RowWriterBuilder(OutputFile file, MessageType schema, List<Column> columns) {
      super(file);
      this.schema = schema;
      this.columns = columns;
    }

    @Override
    protected RowWriterBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema, columns);
    }
  }

  /** Writes rows to one file; {@link #commit()} publishes it under its final name. */
  public static final class Writer implements Closeable, RowFile {
    private final FileSystem fs;
    private final Path tmp;
    private final Path target;
    private final int width;
    private final ParquetWriter<Object[]> writer;
    private long rows;
    private boolean closed;

    public Writer(Configuration conf, Path target, String schemaName, List<Column> columns)
        throws IOException {
      this.fs = target.getFileSystem(conf);
      this.target = target;
      this.tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
      this.width = columns.size();
      this.writer = new RowWriterBuilder(HadoopOutputFile.fromPath(tmp, conf), schema(schemaName, columns),
          List.copyOf(columns))
          .withConf(conf)
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withDictionaryEncoding(true)
          .build();
    }

    /** Appends one row; values in column order (String, Double/NaN for null, Integer, Long, Boolean). */
    @Override
    public void write(Object... values) throws IOException {
      if (values.length != width) {
        throw new IllegalArgumentException("row has " + values.length + " values, the file " + width + " columns");
      }
      writer.write(values);
      rows++;
    }

    @Override
    public long rows() { return rows; }

    /** Closes the file and renames it to its final name (replacing an older file of that name). */
    @Override
    public void commit() throws IOException {
      close();
      RowFile.publish(fs, tmp, target);
    }

    /** Abandons the file. */
    @Override
    public void abort() {
      RowFile.discard(fs, tmp, this::close);
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

}
