package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link TivaCore#compute} did for one year.
 *
 * @param year the table's year
 * @param n size of Z (entities × industries)
 * @param seconds wall time of the whole compute, including writing to the sink
 * @param leontiefSeconds wall time of the LU + inverse of (I − A)
 * @param backend LAPACK/BLAS implementation classes, e.g. "JNILAPACK/JNIBLAS"
 * @param checks one result per identity (and scope) checked, also written to the sink
 * @param stepSeconds wall time per step of the computation, in order (for logs and tuning)
 */
public record TivaSummary(int year, int n, double seconds, double leontiefSeconds, String backend,
    List<CheckResult> checks, Map<String, Double> stepSeconds) {

  public TivaSummary {
    checks = List.copyOf(checks);
    stepSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stepSeconds));
  }

  /** True when every check passed. */
  public boolean allPassed() {
    return checks.stream().allMatch(CheckResult::passed);
  }

  /** The first check with the given code (and scope, if not null), or null. */
  public CheckResult check(String code, String scope) {
    for (CheckResult c : checks) {
      if (c.check().equals(code) && (scope == null || c.scope().equals(scope))) {
        return c;
      }
    }
    return null;
  }
}
