package io.tivaspark.jobs.store;

import java.io.IOException;

/** One Parquet file being written row by row, published under its final name on {@link #commit()}. */
public interface RowFile {
  /** Appends one row; values in column order (String, Double/NaN for null, Integer, Long, Boolean). */
  void write(Object... values) throws IOException;

  /** Rows written so far. */
  long rows();

  /** Closes the file and renames it to its final name (replacing an older file of that name). */
  void commit() throws IOException;

  /** Abandons the file (never throws). */
  void abort();
}
