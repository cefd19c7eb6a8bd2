package io.tivaspark.jobs.run;

/**
 * A result of a year is ±∞: the year fails (its staged files are dropped) and the run task turns
 * this into that year's invalid-input error naming the input cell of largest magnitude.
 */
public final class NonFiniteResultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param what the table, the row's codes and the value */
  public NonFiniteResultException(String what) {
    super(what);
  }
}
