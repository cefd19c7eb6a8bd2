package io.tivaspark.jobs.run;

import io.tivaspark.jobs.cli.ExitCode;
import io.tivaspark.jobs.cli.ExitCoded;

/**
 * The warehouse cannot be written as asked: a table path that is not a curated Delta table, or a
 * storage failure while staging or committing (disk full, permissions, a vanished file). Exit 1,
 * one line naming the table, the year(s) and the innermost cause ({@link #storage}), no stack
 * trace. Nothing of the failed commit is visible to readers (docs/operations.md).
 */
public final class WarehouseException extends RuntimeException implements ExitCoded {
  private static final long serialVersionUID = 1L;

  public WarehouseException(String message) {
    super(message);
  }

  public WarehouseException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A storage failure while doing {@code what} (e.g. "staging indicators for year 2003"), with the
   * innermost cause's message, so "No space left on device" is seen rather than a wrapper's
   * "Unable to close resource".
   */
  public static WarehouseException storage(String what, Throwable cause) {
    return new WarehouseException("storage error " + what + ": " + rootCause(cause), cause);
  }

  /** The innermost cause as "Class: message" (messages of wrappers repeat or hide it). */
  static String rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    String line = c.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    return line.replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public int exitCode() {
    return ExitCode.FAILURE;
  }
}
