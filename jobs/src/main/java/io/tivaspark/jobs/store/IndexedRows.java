package io.tivaspark.jobs.store;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Rows of a "strings and one double" file whose strings come from fixed arrays of codes (a year's
 * entity, industry, country, category codes), given by their index in the array: the store's
 * datasets ({@link StoreWriter}). A row is {@link #key} per string column, then {@link #add}. Each
 * index maps to its file-wide dictionary id through two int arrays (index → distinct code → id,
 * ids given in order of first use in a row), and rows go to the writer in {@link RowBatch}es, so a
 * row costs a few int loads and stores: no string is hashed or compared, and no reference is
 * stored per row (G1's post-write barrier, docs/performance.md "Fourth pass"). The file is the one
 * {@link ColumnarWriter#write(Object...)} writes for the same rows.
 */
final class IndexedRows {
  static final int BATCH = 4096;

  private final BatchWriter out;
  /** per column: the distinct code number of each index, and the distinct codes */
  private final int[][] distinctOf;
  private final String[][] distinct;
  /** per column: the id of each distinct code, -1 until first used */
  private final int[][] idOf;
  private final int[] nextId;
  private final int[] current;
  private final RowBatch batch;

  /** Rows into {@code out}, string column c's value at index k being {@code codes[c][k]}. */
  IndexedRows(BatchWriter out, String[]... codes) {
    this.out = out;
    int cols = codes.length;
    distinctOf = new int[cols][];
    distinct = new String[cols][];
    idOf = new int[cols][];
    for (int c = 0; c < cols; c++) {
      index(c, codes[c]);
    }
    nextId = new int[cols];
    current = new int[cols];
    batch = new RowBatch(cols, BATCH);
  }

  /** Numbers the distinct codes of column c (equal strings share a number, whatever their objects). */
  private void index(int c, String[] codes) {
    Map<String, Integer> number = new HashMap<>();
    distinctOf[c] = new int[codes.length];
    for (int k = 0; k < codes.length; k++) {
      String s = java.util.Objects.requireNonNull(codes[k], "a string column's code");
      distinctOf[c][k] = number.computeIfAbsent(s, x -> number.size());
    }
    distinct[c] = new String[number.size()];
    number.forEach((s, d) -> distinct[c][d] = s);
    idOf[c] = new int[number.size()];
    java.util.Arrays.fill(idOf[c], -1);
  }

  /** The next row's string column {@code c} is the code at {@code index}. */
  void key(int c, int index) {
    current[c] = distinctOf[c][index];
  }

  /** Appends a row: the keys set so far and {@code value}; a full batch goes to the writer. */
  void add(double value) throws IOException {
    int r = batch.size;
    for (int c = 0; c < current.length; c++) {
      int d = current[c];
      int id = idOf[c][d];
      if (id < 0) {
        id = nextId[c]++;
        idOf[c][d] = id;
        batch.added.get(c).add(distinct[c][d]);
      }
      batch.ids[c][r] = id;
    }
    batch.values[r] = value;
    if (++batch.size == BATCH) {
      flush();
    }
  }

  /** Hands the rows not yet written to the writer. */
  void flush() throws IOException {
    if (batch.size > 0) {
      out.write(batch);
      batch.clear();
    }
  }
}
