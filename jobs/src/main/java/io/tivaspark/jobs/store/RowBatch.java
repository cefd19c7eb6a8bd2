package io.tivaspark.jobs.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed number of rows of a "strings and one double" file, filled by one thread and written
 * by another ({@link EncoderThread}), then reused: each string already as its file-wide dictionary id
 * ({@link KeyIds}), column-major, the dictionary entries first used in this batch alongside (the
 * writer learns them in order), and the values. Holding ints, not the strings, matters: a reference
 * stored into a long-lived array costs G1's post-write barrier (a memory fence per store), which
 * came to ~8 ns a reference, 5 s a year at n = 3645 (docs/performance.md, issue 17 fourth pass).
 */
public final class RowBatch {
  final int[][] ids;
  final double[] values;
  /** per string column, the strings whose ids were first given out while this batch filled, in id order */
  final List<List<String>> added = new ArrayList<>();
  int size;

  /** A batch for {@code stringColumns} string columns. */
  public RowBatch(int stringColumns, int capacity) {
    this.ids = new int[stringColumns][capacity];
    this.values = new double[capacity];
    for (int c = 0; c < stringColumns; c++) {
      added.add(new ArrayList<>());
    }
  }

  public int size() {
    return size;
  }

  public boolean full() {
    return size == values.length;
  }

  /** Empties the batch for reuse. */
  public void clear() {
    size = 0;
    for (List<String> a : added) {
      if (!a.isEmpty()) {
        a.clear();
      }
    }
  }
}
