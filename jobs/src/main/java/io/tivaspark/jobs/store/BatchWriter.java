package io.tivaspark.jobs.store;

import java.io.IOException;

/** Where {@link EncoderThread} writes a file's batches ({@link ColumnarWriter}; tests inject failures here). */
public interface BatchWriter {
  /** Appends the batch's rows (called on one thread at a time, batches in order). */
  void write(RowBatch batch) throws IOException;
}
