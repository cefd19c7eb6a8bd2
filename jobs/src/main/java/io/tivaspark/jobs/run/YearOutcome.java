package io.tivaspark.jobs.run;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a year task reports back to the driver: small, never the year's matrices.
 *
 * @param exitCode 0 when the year was computed and staged, else the exit code its error maps to
 * @param failedChecks "CHECK scope (rel error > tolerance)" for each identity that did not hold
 */
public record YearOutcome(int year, int exitCode, String error, double seconds, String fingerprint,
    Map<String, Long> rows, List<String> failedChecks, String backend, String executor)
    implements Serializable {

  public boolean ok() {
    return exitCode == 0;
  }
}
