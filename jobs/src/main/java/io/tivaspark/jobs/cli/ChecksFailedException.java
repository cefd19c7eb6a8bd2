package io.tivaspark.jobs.cli;

/** Quality checks failed and tiva.run.fail-on-check is set: exit code 4 (results are written). */
public class ChecksFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChecksFailedException(String message) {
    super(message);
  }
}
