package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The check accumulator of one family's year: results emitted at once ({@link #emit}) and identities
 * accumulated over many elements under (code, scope) ({@link #identity}, one {@link CheckResult.Builder}
 * each, emitted by {@link #flush} in first-use order). Every result goes to the sink and to
 * {@link #results()} (the summary's list). The one accumulator of every family: core, gvc (the
 * decompositions and {@link GvcMeasures} share one instance) and footprints.
 */
public final class Checks {
  private final ResultSink sink;
  private final double tolerance;
  private final List<CheckResult> results = new ArrayList<>();
  private final Map<String, CheckResult.Builder> builders = new LinkedHashMap<>();

  public Checks(ResultSink sink, double tolerance) {
    this.sink = sink;
    this.tolerance = tolerance;
  }

  /** The relative tolerance identities are held to. */
  public double tolerance() {
    return tolerance;
  }

  /** A new builder at this tolerance, for a check emitted by the caller. */
  public CheckResult.Builder builder(String code, String scope) {
    return CheckResult.builder(code, scope, tolerance);
  }

  /** The accumulating builder of (code, scope), shared by every call with the same pair. */
  public CheckResult.Builder identity(String code, String scope) {
    return builders.computeIfAbsent(code + "\u0000" + scope, k -> CheckResult.builder(code, scope, tolerance));
  }

  /** Writes one result now. */
  public void emit(CheckResult r) {
    results.add(r);
    sink.check(r);
  }

  /** Writes the accumulated identities (first-use order) and forgets them. */
  public void flush() {
    for (CheckResult.Builder b : builders.values()) {
      emit(b.build());
    }
    builders.clear();
  }

  /** {@link #flush}, then every result written so far (the family's list for its summary). */
  public List<CheckResult> finish() {
    flush();
    return results;
  }

  /** Every result written so far. */
  public List<CheckResult> results() {
    return results;
  }
}
