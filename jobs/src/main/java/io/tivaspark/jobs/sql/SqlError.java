package io.tivaspark.jobs.sql;

/** A query Spark rejects (parse or analysis) or fails to run: its message in one line, no plan. */
public final class SqlError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SqlError(String message, Throwable cause) {
    super(message, cause);
  }
}
