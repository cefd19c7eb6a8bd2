package io.tivaspark.jobs.run;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a year task reports back to the driver: small, never the year's matrices.
 *
 * @param exitCode 0 when the year was computed and staged (or skipped as unchanged), else the exit
 *     code its error maps to
 * @param inputFingerprint content fingerprint of the year's input, or null if it could not be read
 * @param failedChecks "CHECK scope (rel error > tolerance)" for each identity that did not hold
 * @param skipped true when --incremental found the year unchanged and computed nothing
 */
public record YearOutcome(int year, int exitCode, String error, double seconds, String inputFingerprint,
    Map<String, Long> rows, List<String> failedChecks, String backend, String executor, boolean skipped)
    implements Serializable {

  public boolean ok() {
    return exitCode == 0;
  }

  /** Computed and staged in this run (not skipped, not failed). */
  public boolean computed() {
    return exitCode == 0 && !skipped;
  }
}
