package io.tivaspark.jobs.store;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

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

  /** Publishes the closed temporary file {@code tmp} as {@code target}, replacing an older file of that name. */
  static void publish(FileSystem fs, Path tmp, Path target) throws IOException {
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("could not rename " + tmp + " to " + target);
    }
  }

  /** Closes {@code file} quietly and deletes the temporary file {@code tmp} (best effort; never throws). */
  static void discard(FileSystem fs, Path tmp, Closeable file) {
    try {
      file.close();
    } catch (IOException | RuntimeException e) {
      // ignore: the file is deleted anyway
    }
    try {
      fs.delete(tmp, false);
    } catch (IOException e) {
      // best effort
    }
  }
}
