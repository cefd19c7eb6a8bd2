package io.tivaspark.jobs.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * A Parquet file of string and double columns written column-wise, straight into pages (no
 * record consumer, no object per value): each string becomes a file-wide dictionary id the first
 * time it is seen (here, or by the producer of a {@link RowBatch}), a page of 20,000 rows is
 * encoded as RLE/bit-packed ids per string column (data page V1, PLAIN_DICTIONARY; each column
 * chunk starts with the dictionary of the file so far, which holds every id its pages use) and
 * PLAIN doubles with RLE definition levels (NaN is stored as null), then compressed (Snappy) by
 * Parquet's own page store, which also keeps page statistics, the column and offset indexes and the
 * page checksums. The file is what {@link ParquetRows.Writer} writes for
 * the same rows (same schema, same values, same row order); only the encoder is faster.
 * Statistics: per page, min/max over the distinct strings used (Parquet's own comparator) and over
 * the non-null doubles, nulls counted. Row groups close at 32 MB of compressed pages: a row group's
 * pages are held in memory until it closes, and a year task stages 11 files at once (at 128 MB a
 * year at n = 3645 did not fit a heap of 10 n² doubles; docs/performance.md "Fourth pass").
 */
public final class ColumnarWriter implements RowFile, BatchWriter {
  static final int PAGE_ROWS = 20_000;
  static final long ROW_GROUP_BYTES = 32L << 20;

  private final long rowGroupBytes;
  private final FileSystem fs;
  private final Path tmp;
  private final Path target;
  private final MessageType schema;
  private final List<ColumnDescriptor> descriptors;
  private final boolean[] isString;
  private final int stringColumns;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final ParquetFileWriter file;
  private final StringColumn[] strings;
  private final double[][] doubles;
  private ColumnChunkPageWriteStore pages;
  /** the definition levels and the PLAIN bytes of a double page, and the page encoder (reused) */
  private final int[] levels = new int[PAGE_ROWS];
  private final ByteBuffer plainPage = ByteBuffer.allocate(PAGE_ROWS * 8).order(ByteOrder.LITTLE_ENDIAN);
  private final RleHybrid rle = new RleHybrid();
  private int pageRows;
  private long groupRows;
  private long rows;
  private boolean closed;

  public ColumnarWriter(Configuration conf, Path target, String schemaName, List<Column> columns,
      CompressionCodecName codec) throws IOException {
    this(conf, target, schemaName, columns, codec, ROW_GROUP_BYTES);
  }

  /** With row groups closing at {@code rowGroupBytes} of compressed pages (tests: many row groups). */
  ColumnarWriter(Configuration conf, Path target, String schemaName, List<Column> columns,
      CompressionCodecName codec, long rowGroupBytes) throws IOException {
    this.rowGroupBytes = rowGroupBytes;
    this.fs = target.getFileSystem(conf);
    this.target = target;
    this.tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    this.schema = ParquetRows.schema(schemaName, columns);
    this.descriptors = schema.getColumns();
    int k = columns.size();
    this.isString = new boolean[k];
    this.strings = new StringColumn[k];
    this.doubles = new double[k][];
    for (int c = 0; c < k; c++) {
      switch (columns.get(c).type()) {
        case STRING -> {
          isString[c] = true;
          strings[c] = new StringColumn();
        }
        case DOUBLE -> doubles[c] = new double[PAGE_ROWS];
        default -> throw new IllegalArgumentException("column " + columns.get(c).name() + ": only string and double");
      }
    }
    this.stringColumns = (int) columns.stream().filter(c -> c.type() == Column.Type.STRING).count();
    this.codecs = new CodecFactory(conf, 1 << 20);
    this.compressor = codecs.getCompressor(codec);
    this.file = new ParquetFileWriter(HadoopOutputFile.fromPath(tmp, conf), schema, ParquetFileWriter.Mode.OVERWRITE,
        rowGroupBytes, 0, 64, Integer.MAX_VALUE, true);
    file.start();
    this.pages = newPageStore();
  }

  /** Whether every column is a string or a double (what this writer writes). */
  public static boolean supports(List<Column> columns) {
    return columns.stream().allMatch(c -> c.type() == Column.Type.STRING || c.type() == Column.Type.DOUBLE);
  }

  private ColumnChunkPageWriteStore newPageStore() {
    return new ColumnChunkPageWriteStore(compressor, schema, HeapByteBufferAllocator.getInstance(), 64, true);
  }

  /** Appends one row: a String per string column, a Double (NaN for null) per double column. */
  @Override
  public void write(Object... values) throws IOException {
    if (values.length != isString.length) {
      throw new IllegalArgumentException("row has " + values.length + " values, the file " + isString.length + " columns");
    }
    for (int c = 0; c < values.length; c++) {
      if (isString[c]) {
        strings[c].add(pageRows, (String) values[c]);
      } else {
        doubles[c][pageRows] = ((Number) values[c]).doubleValue();
      }
    }
    endRow();
  }

  /**
   * Appends a batch of rows of a file with exactly one double column: the strings as file-wide
   * dictionary ids given out by the producer ({@link KeyIds}; the batch brings the strings first
   * used in it), copied column by column into the page, a full page encoded as it fills. A file is
   * written either by batches or by rows, not both.
   */
  @Override
  public void write(RowBatch batch) throws IOException {
    if (batch.ids.length != stringColumns || stringColumns != isString.length - 1) {
      throw new IllegalArgumentException("batch has " + batch.ids.length + " string columns and one double, the file "
          + stringColumns + " string columns of " + isString.length);
    }
    int k = 0;
    for (int c = 0; c < isString.length; c++) {
      if (isString[c]) {
        strings[c].learn(batch.added.get(k++));
      }
    }
    for (int from = 0; from < batch.size(); ) {
      int n = Math.min(batch.size() - from, PAGE_ROWS - pageRows);
      k = 0;
      for (int c = 0; c < isString.length; c++) {
        if (isString[c]) {
          System.arraycopy(batch.ids[k++], from, strings[c].page, pageRows, n);
        } else {
          System.arraycopy(batch.values, from, doubles[c], pageRows, n);
        }
      }
      from += n;
      rows += n;
      pageRows += n;
      if (pageRows == PAGE_ROWS) {
        flushPage();
      }
    }
  }

  /** Counts the row just buffered; a full page is encoded. */
  private void endRow() throws IOException {
    rows++;
    if (++pageRows == PAGE_ROWS) {
      flushPage();
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  /** Encodes the buffered rows as one data page per column. */
  private void flushPage() throws IOException {
    if (pageRows == 0) {
      return;
    }
    for (int c = 0; c < isString.length; c++) {
      PageWriter w = pages.getPageWriter(descriptors.get(c));
      if (isString[c]) {
        strings[c].writePage(w, pageRows, descriptors.get(c), rle);
      } else {
        writeDoublePage(w, doubles[c], pageRows, descriptors.get(c));
      }
    }
    groupRows += pageRows;
    pageRows = 0;
    long buffered = 0;
    for (ColumnDescriptor d : descriptors) {
      buffered += pages.getPageWriter(d).getMemSize();
    }
    if (buffered >= rowGroupBytes) {
      flushRowGroup();
    }
  }

  /**
   * PLAIN doubles with RLE definition levels (1 = present, 0 = null for NaN), page statistics: the
   * page's min and max in Parquet's double order ({@link Double#compare}: -0.0 before 0.0), found in
   * the loop with {@code <} and {@code >} (a {@link Double#compare} per value cost 16 % of the staging
   * thread; the sign of a zero bound is settled after the loop) and given to Parquet's statistics
   * once, and the nulls counted. The levels of a page with no null (nearly all: a null is a value a
   * family could not compute) are one RLE run, written without a pass over the page; a page with
   * nulls has its levels filled in a second pass. The values of a page with no null are copied into
   * its PLAIN bytes at once (one little-endian bulk copy), the others one by one. The page's bytes
   * and its levels' encoding are reused from page to page: Parquet's page writer has compressed and
   * copied them when {@code writePage} returns.
   */
  private void writeDoublePage(PageWriter w, double[] v, int n, ColumnDescriptor d) throws IOException {
    Statistics<?> stats = Statistics.createStats(d.getPrimitiveType());
    ByteBuffer plain = plainPage.clear();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int nulls = 0;
    boolean negativeZero = false;
    boolean positiveZero = false;
    for (int r = 0; r < n; r++) {
      double x = v[r];
      if (Double.isNaN(x)) {
        nulls++;
      } else {
        min = x < min ? x : min;
        max = x > max ? x : max;
        if (x == 0) {
          if (Double.doubleToRawLongBits(x) == 0) {
            positiveZero = true;
          } else {
            negativeZero = true;
          }
        }
      }
    }
    if (nulls == 0) { // nearly every page: the values as they are, in one copy
      plain.asDoubleBuffer().put(v, 0, n);
      plain.position(8 * n);
    } else {
      for (int r = 0; r < n; r++) {
        if (!Double.isNaN(v[r])) {
          plain.putDouble(v[r]);
        }
      }
    }
    stats.incrementNumNulls(nulls);
    if (nulls < n) {
      stats.updateStats(min == 0 && negativeZero ? -0.0 : min == 0 ? 0.0 : min);
      stats.updateStats(max == 0 && positiveZero ? 0.0 : max == 0 ? -0.0 : max);
    }
    int dl;
    if (nulls == 0) {
      dl = rle.repeatInPlace(n, 1, 1);
    } else {
      for (int r = 0; r < n; r++) {
        levels[r] = Double.isNaN(v[r]) ? 0 : 1;
      }
      dl = rle.encodeInPlace(levels, n, 1);
    }
    BytesInput bytes = BytesInput.concat(BytesInput.fromInt(dl), BytesInput.from(rle.buffer(), 0, dl),
        BytesInput.from(plain.array(), 0, plain.position()));
    w.writePage(bytes, n, n, stats, Encoding.BIT_PACKED, Encoding.RLE, Encoding.PLAIN);
  }

  /** Writes the dictionaries and the buffered pages as one row group. */
  private void flushRowGroup() throws IOException {
    if (groupRows == 0) {
      return;
    }
    for (int c = 0; c < isString.length; c++) {
      if (isString[c]) {
        strings[c].writeDictionary(pages.getPageWriter(descriptors.get(c)));
      }
    }
    file.startBlock(groupRows);
    pages.flushToFileWriter(file);
    file.endBlock();
    pages.close();
    pages = newPageStore();
    groupRows = 0;
  }

  @Override
  public void commit() throws IOException {
    close();
    RowFile.publish(fs, tmp, target);
  }

  @Override
  public void abort() {
    RowFile.discard(fs, tmp, this::close);
  }

  private void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flushPage();
      flushRowGroup();
      file.end(new HashMap<>());
    } finally {
      pages.close();
      codecs.release();
    }
  }

  /** One string column: its dictionary (ids in order of first use in the file) and a page of ids. */
  private static final class StringColumn {
    private final List<Binary> dictionary = new ArrayList<>();
    private final int[] page = new int[PAGE_ROWS];
    /** each dictionary entry's rank in the column's order ({@link #ranks}) */
    private int[] rank = new int[0];
    /** the dictionary entry of each rank (the inverse of {@link #rank}) */
    private int[] byRank = new int[0];
    /** the ids of rows written one at a time, by value */
    private final Map<String, Integer> ids = new HashMap<>();
    /** the previous row's string and id (a run of equal keys costs one comparison a row) */
    private String last;
    private int lastId;
    /** written by batches: the ids are the producer's ({@link #learn}) */
    private boolean batches;

    void add(int row, String s) {
      if (batches) {
        throw new IllegalStateException("a file written by batches and by rows");
      }
      if (s != last || s == null) {
        Integer id = ids.get(Objects.requireNonNull(s, "a string column's value"));
        if (id == null) {
          id = ids.size();
          ids.put(s, id);
          append(List.of(s));
        }
        last = s;
        lastId = id;
      }
      page[row] = lastId;
    }

    /** Appends the strings a producer gave the next ids ({@link KeyIds}); a file is written by batches or by rows. */
    void learn(List<String> strings) {
      if (!batches && !dictionary.isEmpty()) {
        throw new IllegalStateException("a file written by rows and by batches");
      }
      batches = true;
      append(strings);
    }

    private void append(List<String> strings) {
      for (String s : strings) {
        dictionary.add(Binary.fromConstantByteArray(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    }

    /**
     * RLE/bit-packed ids after one byte of bit width; statistics: the page's least and greatest
     * string in Parquet's order, found as the least and greatest rank in that order ({@link
     * #ranks}) of the ids where the column changes, then given to Parquet's statistics once
     * (comparing the distinct strings of each page as binaries cost 22 % of the staging thread).
     */
    void writePage(PageWriter w, int n, ColumnDescriptor d, RleHybrid rle) throws IOException {
      Statistics<?> stats = Statistics.createStats(d.getPrimitiveType());
      int[] order = ranks(d);
      int width = BytesUtils.getWidthFromMaxInt(Math.max(0, dictionary.size() - 1));
      int last = -1;
      int least = Integer.MAX_VALUE; // ranks
      int greatest = -1;
      for (int r = 0; r < n; r++) {
        int id = page[r];
        if (id != last) {
          int o = order[id];
          least = Math.min(least, o);
          greatest = Math.max(greatest, o);
          last = id;
        }
      }
      if (greatest >= 0) {
        stats.updateStats(dictionary.get(byRank[least]));
        stats.updateStats(dictionary.get(byRank[greatest]));
      }
      int len = rle.encodeInPlace(page, n, width); // consumed by writePage (see writeDoublePage)
      BytesInput bytes = BytesInput.concat(BytesInput.from(new byte[] {(byte) width}),
          BytesInput.from(rle.buffer(), 0, len));
      w.writePage(bytes, n, n, stats, Encoding.BIT_PACKED, Encoding.BIT_PACKED, Encoding.PLAIN_DICTIONARY);
    }

    /**
     * Each dictionary entry's rank in the column's order (Parquet's comparator for its type), sorted
     * again only when the dictionary has grown since the last page (entries are distinct, so ranks
     * are too).
     */
    private int[] ranks(ColumnDescriptor d) {
      if (rank.length != dictionary.size()) {
        Integer[] order = new Integer[dictionary.size()];
        for (int id = 0; id < order.length; id++) {
          order[id] = id;
        }
        java.util.Comparator<Binary> cmp = d.getPrimitiveType().comparator();
        java.util.Arrays.sort(order, (a, b) -> cmp.compare(dictionary.get(a), dictionary.get(b)));
        rank = new int[order.length];
        byRank = new int[order.length];
        for (int k = 0; k < order.length; k++) {
          rank[order[k]] = k;
          byRank[k] = order[k];
        }
      }
      return rank;
    }

    /** The column chunk's dictionary page: PLAIN binaries (4-byte little-endian length, bytes). */
    void writeDictionary(PageWriter w) throws IOException {
      int size = 0;
      for (Binary b : dictionary) {
        size += 4 + b.length();
      }
      ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
      for (Binary b : dictionary) {
        buf.putInt(b.length());
        buf.put(b.getBytesUnsafe());
      }
      w.writeDictionaryPage(new DictionaryPage(BytesInput.from(buf.array()), dictionary.size(),
          Encoding.PLAIN_DICTIONARY));
    }

  }
}
