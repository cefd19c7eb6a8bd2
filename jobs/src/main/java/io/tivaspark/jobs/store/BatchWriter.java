package io.tivaspark.jobs.store;

import java.io.IOException;
import java.util.concurrent.Executor;

/** Where {@link EncoderThread} writes a file's batches ({@link ColumnarWriter}; tests inject failures here). */
public interface BatchWriter {
  /** Appends the batch's rows (called on one thread at a time, batches in order). */
  void write(RowBatch batch) throws IOException;

  /**
   * The same, with a second thread the writer may use for part of the work ({@code pages}, null: none)
   * and must have finished with when this returns.
   */
  default void write(RowBatch batch, Executor pages) throws IOException {
    write(batch);
  }
}
