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
      return new FailedCheck(c.check(), c.kind() == CheckResult.Kind.INPUT, c.check() + " " + c.scope() + " (max rel error "
          + String.format("%.3g", c.maxRelError()) + " > " + c.tolerance() + (c.worst().isEmpty() ? "" : " at "
          + c.worst()) + ")");
    }

    @Override
    public String toString() {
      return text;
    }
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** Computed and staged in this run (not skipped, not failed). */
  public boolean computed() {
    return exitCode == 0 && !skipped;
  }
}
