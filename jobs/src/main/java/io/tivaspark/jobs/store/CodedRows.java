package io.tivaspark.jobs.store;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a store file whose columns are codes (strings) and one DOUBLE {@code value}, turning each
 * code into an index as it is decoded: for dictionary-encoded pages (what every Parquet writer
 * produces for code columns) each dictionary entry is looked up once per page, so a row costs a
 * few array reads, not four String allocations and hash lookups. Only the needed columns are
 * read (a {@code year} column inside the files, as Spark may write, is skipped).
 */
final class CodedRows {
  private CodedRows() {}

  /** The index given to a code that is null in the file. */
  static final int NULL_CODE = -2;

  /** One decoded row: code indices (−1 for an unknown code, {@link #NULL_CODE} for null) and the value. */
  interface RowFn {
    /**
     * @param codes index of each code column's value under its map, −1 when unknown
     * @param text the code columns' strings (for messages only; do not keep)
     * @param hasValue false when {@code value} was null in the file
     */
    void accept(int[] codes, String[] text, double value, boolean hasValue);
  }

  /**
   * @param codeColumns the code columns in order, each with its string-to-index map
   * @param valueColumn the DOUBLE column
   */
  static void read(Configuration conf, Path file, int year, List<Map.Entry<String, ToIntFunction<String>>> codeColumns,
      String valueColumn, RowFn fn) throws IOException {
    Support support = new Support(file, year, codeColumns, valueColumn, fn);
    try (ParquetReader<Object> r = ParquetReader.builder(support, file).withConf(conf).build()) {
      while (r.read() != null) {
        // each row went to fn
      }
    } catch (IOException | RuntimeException e) {
      throw failure(file, year, e);
    }
  }

  /**
   * What a failed read of a store file becomes: a rule broken inside a row callback (it may arrive
   * wrapped in Parquet's decoding exception) is thrown as it is; storage trouble is returned as an
   * {@link IOException} (the task is retried); anything else (not a Parquet file, a bad footer,
   * page header, page or checksum) means the file is bad, not the storage, and is thrown as that
   * year's input error naming the file.
   */
  static IOException failure(Path file, int year, Exception e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof InvalidInputException ie) {
        throw ie;
      }
    }
    if (isStorageFailure(e)) {
      return e instanceof IOException io ? io : new IOException(e);
    }
    throw new InvalidInputException(file.toString(), year, null, "unreadable Parquet file: "
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
  }

  /**
   * Whether a read failure is the storage's (file gone, network, permissions, interrupted: worth
   * a retry, exit 1) rather than the file's content (corrupt footer, page header, page or
   * checksum, not Parquet at all: that year's bad input, exit 3, never retried).
   */
  static boolean isStorageFailure(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.io.FileNotFoundException || c instanceof java.io.InterruptedIOException
          || c instanceof java.nio.file.AccessDeniedException
          || c instanceof org.apache.hadoop.security.AccessControlException
          || c.getClass().getName().startsWith("java.net.")) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private static final class Support extends ReadSupport<Object> {
    private final Path file;
    private final int year;
    private final List<Map.Entry<String, ToIntFunction<String>>> codeColumns;
    private final String valueColumn;
    private final RowFn fn;

    Support(Path file, int year, List<Map.Entry<String, ToIntFunction<String>>> codeColumns, String valueColumn,
        RowFn fn) {
      this.file = file;
      this.year = year;
      this.codeColumns = codeColumns;
      this.valueColumn = valueColumn;
      this.fn = fn;
    }

    @Override
    public ReadContext init(InitContext context) {
      MessageType fileSchema = context.getFileSchema();
      List<Type> fields = new ArrayList<>();
      for (Map.Entry<String, ToIntFunction<String>> c : codeColumns) {
        Type t = field(fileSchema, c.getKey());
        if (!t.isPrimitive() || t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
          throw new InvalidInputException(file.toString(), year, "column " + c.getKey(), "must be a string column");
        }
        fields.add(t);
      }
      Type v = field(fileSchema, valueColumn);
      if (!v.isPrimitive() || v.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.DOUBLE) {
        throw new InvalidInputException(file.toString(), year, "column " + valueColumn, "must be DOUBLE");
      }
      fields.add(v);
      return new ReadContext(new MessageType(fileSchema.getName(), fields));
    }

    private Type field(MessageType schema, String name) {
      if (!schema.containsField(name)) {
        throw new InvalidInputException(file.toString(), year, "column " + name, "required column is missing");
      }
      return schema.getType(name);
    }

    @Override
    public RecordMaterializer<Object> prepareForRead(Configuration conf, Map<String, String> keyValueMetaData,
        MessageType fileSchema, ReadContext readContext) {
      return new Materializer(codeColumns, fn);
    }
  }

  private static final class Materializer extends RecordMaterializer<Object> {
    private static final Object RECORD = new Object();
    private final Root root;

    Materializer(List<Map.Entry<String, ToIntFunction<String>>> codeColumns, RowFn fn) {
      this.root = new Root(codeColumns, fn);
    }

    @Override
    public Object getCurrentRecord() {
      return RECORD;
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }

  private static final class Root extends GroupConverter {
    private final RowFn fn;
    private final int[] codes;
    private final String[] text;
    private final Converter[] converters;
    private double value;
    private boolean hasValue;

    Root(List<Map.Entry<String, ToIntFunction<String>>> codeColumns, RowFn fn) {
      this.fn = fn;
      int k = codeColumns.size();
      this.codes = new int[k];
      this.text = new String[k];
      this.converters = new Converter[k + 1];
      for (int i = 0; i < k; i++) {
        converters[i] = new CodeConverter(i, codeColumns.get(i).getValue());
      }
      converters[k] = new PrimitiveConverter() {
        @Override
        public void addDouble(double v) {
          value = v;
          hasValue = true;
        }
      };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      hasValue = false;
      for (int i = 0; i < codes.length; i++) {
        codes[i] = NULL_CODE; // a null code calls no converter
        text[i] = null;
      }
    }

    @Override
    public void end() {
      fn.accept(codes, text, value, hasValue);
    }

    private final class CodeConverter extends PrimitiveConverter {
      private final int slot;
      private final ToIntFunction<String> map;
      private int[] dictCodes;
      private String[] dictText;

      CodeConverter(int slot, ToIntFunction<String> map) {
        this.slot = slot;
        this.map = map;
      }

      @Override
      public boolean hasDictionarySupport() {
        return true;
      }

      @Override
      public void setDictionary(Dictionary dictionary) {
        int size = dictionary.getMaxId() + 1;
        dictCodes = new int[size];
        dictText = new String[size];
        for (int id = 0; id < size; id++) {
          String s = dictionary.decodeToBinary(id).toStringUsingUTF8();
          dictText[id] = s;
          dictCodes[id] = map.applyAsInt(s);
        }
      }

      @Override
      public void addValueFromDictionary(int dictionaryId) {
        codes[slot] = dictCodes[dictionaryId];
        text[slot] = dictText[dictionaryId];
      }

      @Override
      public void addBinary(Binary value) {
        String s = value.toStringUsingUTF8();
        text[slot] = s;
        codes[slot] = map.applyAsInt(s);
      }
    }
  }
}
