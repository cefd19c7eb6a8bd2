package io.tivaspark.jobs.sql;

import java.util.List;

/** Receives a query's result: the column names once, then each row (values as the JDBC/Spark Java types). */
public interface RowSink {
  void header(List<String> names);

  void row(Object[] values);

  /** Called once after the last row. */
  default void end() {}
}
