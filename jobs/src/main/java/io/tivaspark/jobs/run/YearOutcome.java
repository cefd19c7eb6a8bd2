package io.tivaspark.jobs.run;

import io.tivaspark.common.model.CheckResult;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a year task reports back to the driver: small, never the year's matrices.
 *
 * @param exitCode 0 when the year was computed and staged (or skipped as unchanged), else the exit
 *     code its error maps to
 * @param inputFingerprint content fingerprint of the year's input, or null if it could not be read
 * @param failedChecks each check that did not hold, classed input or identity
 * @param skipped true when --incremental found the year unchanged and computed nothing
 */
public record YearOutcome(int year, int exitCode, String error, double seconds, String inputFingerprint,
    Map<String, Long> rows, List<FailedCheck> failedChecks, String backend, String executor, boolean skipped)
    implements Serializable {

  /**
   * A check that failed in a year.
   *
   * @param code the check code (I1, T3, ...)
   * @param input true for an input check (describes the table: its own switch,
   *     tiva.run.fail-on-input-check), false for an identity check (the math: tiva.run.fail-on-check)
   * @param text "CODE scope (max rel error e > tolerance at worst)", for logs and messages
   */
  public record FailedCheck(String code, boolean input, String text) implements Serializable {
    static FailedCheck of(CheckResult c) {
      return new FailedCheck(c.check(), isInputCheck(c.check()), c.check() + " " + c.scope() + " (max rel error "
          + String.format("%.3g", c.maxRelError()) + " > " + c.tolerance() + (c.worst().isEmpty() ? "" : " at "
          + c.worst()) + ")");
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * The one place jobs classes a check: I1 (row/column balance against published output) and I2
   * (flags such as negative value added) describe the input table; every other code (I3's
   * numerical check, T, S, J, K, W, B, P, U, E, R, ...) is an identity the math must satisfy.
   */
  public static boolean isInputCheck(String code) {
    return code.equals("I1") || code.equals("I2");
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** Computed and staged in this run (not skipped, not failed). */
  public boolean computed() {
    return exitCode == 0 && !skipped;
  }
}
