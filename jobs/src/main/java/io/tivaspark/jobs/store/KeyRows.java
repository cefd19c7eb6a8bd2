package io.tivaspark.jobs.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
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
import org.apache.parquet.schema.MessageType;

/**
 * The store's writer of rows "string keys, then one double value" (every dataset of the canonical
 * store): the caller passes the keys as {@link Binary} made once per code ({@link #key}), the
 * value as a primitive, and one holder is reused, so a row costs no object. Same schema as
 * {@link ParquetRows} (keys required UTF-8 strings, the value an optional double); dictionary
 * encoding for the keys, plain encoding for the value (the values of a table are nearly all
 * distinct: a dictionary for them is built and dropped on every row group).
 */
public final class KeyRows implements Closeable {
  /** The one row being written (reused). */
  private static final class Row {
    Binary[] keys;
    double value;
  }

  private final FileSystem fs;
  private final Path tmp;
  private final Path target;
  private final int keys;
  private final Row row = new Row();
  private final ParquetWriter<Row> writer;
  private long rows;
  private boolean closed;

  /** A writer of {@code target} with the dataset's columns (all strings, then one double). */
  public KeyRows(Configuration conf, Path target, String schemaName, List<Column> columns) throws IOException {
    for (int i = 0; i < columns.size(); i++) {
      Column.Type want = i < columns.size() - 1 ? Column.Type.STRING : Column.Type.DOUBLE;
      if (columns.get(i).type() != want) {
        throw new IllegalArgumentException("KeyRows: column " + columns.get(i).name() + " is not " + want);
      }
    }
    this.fs = target.getFileSystem(conf);
    this.target = target;
    this.tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    this.keys = columns.size() - 1;
    String value = columns.get(keys).name();
    this.writer = new Builder(HadoopOutputFile.fromPath(tmp, conf), ParquetRows.schema(schemaName, columns), columns)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withDictionaryEncoding(true)
        .withDictionaryEncoding(value, false)
        .build();
  }

  /** A key's bytes, to make once per code and pass to every row. */
  public static Binary key(String code) {
    return Binary.fromConstantByteArray(code.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends one row: the keys in column order (the array may be reused for the next row) and
   * the value (NaN is stored as null).
   */
  public void write(Binary[] rowKeys, double value) throws IOException {
    row.keys = rowKeys;
    row.value = value;
    writer.write(row);
    rows++;
  }

  public long rows() { return rows; }

  /** Closes the file and renames it to its final name (replacing an older file of that name). */
  public void commit() throws IOException {
    close();
    RowFile.publish(fs, tmp, target);
  }

  /** Abandons the file. */
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

  private static final class Support extends WriteSupport<Row> {
    private final MessageType schema;
    private final String[] names;
    private RecordConsumer rc;

    Support(MessageType schema, List<Column> columns) {
      this.schema = schema;
      this.names = columns.stream().map(Column::name).toArray(String[]::new);
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
    public void write(Row r) {
      rc.startMessage();
      int k = names.length - 1;
      for (int i = 0; i < k; i++) {
        rc.startField(names[i], i);
        rc.addBinary(r.keys[i]);
        rc.endField(names[i], i);
      }
      if (!Double.isNaN(r.value)) {
        rc.startField(names[k], k);
        rc.addDouble(r.value);
        rc.endField(names[k], k);
      }
      rc.endMessage();
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final MessageType schema;
    private final List<Column> columns;

    Builder(OutputFile file, MessageType schema, List<Column> columns) {
      super(file);
      this.schema = schema;
      this.columns = List.copyOf(columns);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new Support(schema, columns);
    }
  }
}
