package io.tivaspark.jobs.store;

import io.tivaspark.common.model.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a store file whose columns are codes (strings) and one DOUBLE {@code value} column-wise:
 * row group by row group, each needed column chunk is decoded page by page ({@link PageValues})
 * into plain arrays, {@link #BATCH} rows at a time, with no record assembly and no per-row
 * objects. A code becomes an index once per distinct string of a column (for
 * dictionary pages, once per dictionary entry), so a row costs a few array reads. The rows then
 * go, in file order, to the same {@link CodedRows.RowFn} the record reader ({@link CodedRows})
 * calls, with the same arguments: {@code ColumnRowsTest} checks the two row by row.
 */
final class ColumnRows {
  /** Rows decoded per column before they are handed on (bounds the buffers: ~150 KB). */
  static final int BATCH = 4096;

  private ColumnRows() {}

  /**
   * @param codeColumns the code columns in order, each with its string-to-index map
   * @param valueColumn the DOUBLE column
   */
  static void read(Configuration conf, Path file, int year, List<Map.Entry<String, ToIntFunction<String>>> codeColumns,
      String valueColumn, CodedRows.RowFn fn) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf),
        HadoopReadOptions.builder(conf, file).build())) {
      MessageType fileSchema = r.getFooter().getFileMetaData().getSchema();
      MessageType requested = requested(file, year, fileSchema, codeColumns, valueColumn);
      r.setRequestedSchema(requested);
      Codes[] codes = new Codes[codeColumns.size()];
      for (int k = 0; k < codes.length; k++) {
        codes[k] = new Codes(codeColumns.get(k).getValue());
      }
      Batch batch = new Batch(codes.length);
      PageReadStore group;
      while ((group = r.readNextRowGroup()) != null) {
        readGroup(group, requested, codes, batch, fn);
      }
    } catch (IOException | RuntimeException e) {
      throw CodedRows.failure(file, year, e);
    }
  }

  /** The code columns and the value column of the file, checked: strings and a DOUBLE. */
  private static MessageType requested(Path file, int year, MessageType schema,
      List<Map.Entry<String, ToIntFunction<String>>> codeColumns, String valueColumn) {
    List<Type> fields = new ArrayList<>();
    for (Map.Entry<String, ToIntFunction<String>> c : codeColumns) {
      Type t = field(file, year, schema, c.getKey());
      if (!flat(t, PrimitiveTypeName.BINARY)) {
        throw new InvalidInputException(file.toString(), year, "column " + c.getKey(), "must be a string column");
      }
      fields.add(t);
    }
    Type v = field(file, year, schema, valueColumn);
    if (!flat(v, PrimitiveTypeName.DOUBLE)) {
      throw new InvalidInputException(file.toString(), year, "column " + valueColumn, "must be DOUBLE");
    }
    fields.add(v);
    return new MessageType(schema.getName(), fields);
  }

  private static boolean flat(Type t, PrimitiveTypeName type) {
    return t.isPrimitive() && t.asPrimitiveType().getPrimitiveTypeName() == type
        && !t.isRepetition(Type.Repetition.REPEATED);
  }

  private static Type field(Path file, int year, MessageType schema, String name) {
    if (!schema.containsField(name)) {
      throw new InvalidInputException(file.toString(), year, "column " + name, "required column is missing");
    }
    return schema.getType(name);
  }

  /** One row group: each column decoded BATCH rows at a time, then the rows handed on in order. */
  private static void readGroup(PageReadStore group, MessageType requested, Codes[] codes, Batch batch,
      CodedRows.RowFn fn) {
    List<ColumnDescriptor> cols = requested.getColumns();
    PageValues[] columns = new PageValues[cols.size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = new PageValues(cols.get(c), group.getPageReader(cols.get(c)));
    }
    for (int k = 0; k < codes.length; k++) {
      codes[k].newChunk(columns[k].dictionary());
    }
    long left = group.getRowCount();
    while (left > 0) {
      int rows = (int) Math.min(BATCH, left);
      for (int k = 0; k < codes.length; k++) {
        codes[k].decode(columns[k], batch.ids[k], rows);
      }
      decodeValues(columns[codes.length], batch, rows);
      batch.handOn(codes, rows, fn);
      left -= rows;
    }
  }

  private static void decodeValues(PageValues v, Batch b, int rows) {
    for (int i = 0; i < rows; i++) {
      boolean has = v.next();
      b.has[i] = has;
      b.values[i] = has ? v.real() : 0;
    }
  }

  /** A batch of decoded rows: per code column the interned string ids, and the values. */
  private static final class Batch {
    final int[][] ids;
    final double[] values = new double[BATCH];
    final boolean[] has = new boolean[BATCH];
    private final int[] rowCodes;
    private final String[] rowText;

    /** the ids behind {@link #rowCodes} and {@link #rowText} (none at first) */
    private final int[] rowIds;

    Batch(int columns) {
      ids = new int[columns][BATCH];
      rowCodes = new int[columns];
      rowText = new String[columns];
      rowIds = new int[columns];
      java.util.Arrays.fill(rowIds, Integer.MIN_VALUE);
    }

    /**
     * Hands each row on; a column's index and text are looked up and stored only when its id differs
     * from the previous row's (in a store file most columns repeat from row to row).
     */
    void handOn(Codes[] codes, int rows, CodedRows.RowFn fn) {
      for (int i = 0; i < rows; i++) {
        for (int k = 0; k < codes.length; k++) {
          int id = ids[k][i];
          if (id != rowIds[k]) {
            rowIds[k] = id;
            rowCodes[k] = id < 0 ? CodedRows.NULL_CODE : codes[k].index[id];
            rowText[k] = id < 0 ? null : codes[k].text.get(id);
          }
        }
        fn.accept(rowCodes, rowText, values[i], has[i]);
      }
    }
  }

  /**
   * The distinct strings of one code column (over the whole file), each with its index under the
   * column's map; a dictionary page's entries are interned once per dictionary.
   */
  private static final class Codes {
    private final ToIntFunction<String> map;
    private final Map<String, Integer> ids = new HashMap<>();
    final List<String> text = new ArrayList<>();
    int[] index = new int[16];
    /** id of each entry of the current column chunk's dictionary */
    private int[] dictIds = new int[0];

    Codes(ToIntFunction<String> map) {
      this.map = map;
    }

    int intern(String s) {
      Integer id = ids.get(s);
      if (id != null) {
        return id;
      }
      int k = text.size();
      text.add(s);
      ids.put(s, k);
      if (k == index.length) {
        index = java.util.Arrays.copyOf(index, 2 * k);
      }
      index[k] = map.applyAsInt(s);
      return k;
    }

    /** A new column chunk: its dictionary's entries interned once. */
    void newChunk(Dictionary dictionary) {
      dictIds = new int[dictionary == null ? 0 : dictionary.getMaxId() + 1];
      for (int id = 0; id < dictIds.length; id++) {
        dictIds[id] = intern(dictionary.decodeToBinary(id).toStringUsingUTF8());
      }
    }

    /** Decodes {@code rows} values of the column into interned ids (−1 for null). */
    void decode(PageValues v, int[] out, int rows) {
      for (int i = 0; i < rows; i++) {
        if (!v.next()) {
          out[i] = -1;
        } else if (v.dictionaryEncoded()) {
          out[i] = dictIds[v.dictionaryId()];
        } else {
          out[i] = intern(v.binary().toStringUsingUTF8());
        }
      }
    }
  }
}
