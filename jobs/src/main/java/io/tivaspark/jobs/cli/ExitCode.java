package io.tivaspark.jobs.cli;

import com.typesafe.config.ConfigException;
import io.tivaspark.common.model.InvalidInputException;

/** The exit codes of docs/data-dictionary.md §8. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int INVALID_INPUT = 3;
  public static final int CHECK_FAILED = 4;

  private ExitCode() {}

  /** The exit code for an exception that ended a command, looking through wrappers. */
  public static int of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UsageException || c instanceof ConfigException) {
        return USAGE;
      }
      if (c instanceof InvalidInputException) {
        return INVALID_INPUT;
      }
      if (c instanceof ChecksFailedException) {
        return CHECK_FAILED;
      }
      if (c instanceof ExitCoded ec) {
        return ec.exitCode();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return FAILURE;
  }

  /** True for our own failures, which the one-line message explains (no stack trace needed). */
  public static boolean isExpected(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ExitCoded) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** The innermost exception worth showing the user (ours, not Spark's wrapper), as one line. */
  public static String message(Throwable t) {
    Throwable best = t;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UsageException || c instanceof InvalidInputException
          || c instanceof ChecksFailedException || c instanceof ConfigException
          || c instanceof ExitCoded) {
        best = c;
        break;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    String m = best.getMessage();
    if (m == null || m.isBlank()) {
      m = best.getClass().getName();
    } else if (best == t && !(t instanceof UsageException) && !(t instanceof ExitCoded)
        && !(t instanceof InvalidInputException) && !(t instanceof ChecksFailedException)) {
      m = t.getClass().getSimpleName() + ": " + m;
    }
    String line = m.replace('\r', ' ').replace('\n', ' ');
    return line.length() > 2000 ? line.substring(0, 2000) + " ..." : line;
  }
}
