package io.tivaspark.jobs.sql;

import java.nio.file.Path;

/** Runs Spark SQL queries on a warehouse's Delta tables (each table a view named after its directory). */
public interface SqlEngine extends AutoCloseable {
  /** Runs one statement, streaming its result to {@code sink}; returns the number of rows. */
  long query(String sql, RowSink sink) throws Exception;

  /** Writes the result of one query as one Parquet file at {@code out}. */
  void toParquet(String sql, Path out) throws Exception;

  @Override
  void close();
}
