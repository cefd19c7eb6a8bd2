package io.tivaspark.jobs.cli;

/** A wrong command line or configuration: exit code 2, one line on stderr. */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
