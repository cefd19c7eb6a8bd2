package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.ResultSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity checks of one family run: one {@link CheckResult.Builder} per (code, scope), in
 * first-use order, all held to the year's algebra tolerance; {@link #finish} builds them and writes
 * them to the sink. Families share one instance when they run together (gvc: decompositions, then
 * {@link GvcMeasures}).
 */
final class CheckAccumulator {
  private final double tolerance;
  private final Map<String, CheckResult.Builder> builders = new LinkedHashMap<>();

  CheckAccumulator(double tolerance) {
    this.tolerance = tolerance;
  }

  /** The builder of check {@code code} with scope {@code scope}, created on first use. */
  CheckResult.Builder get(String code, String scope) {
    return builders.computeIfAbsent(code + "\u0000" + scope, k -> CheckResult.builder(code, scope, tolerance));
  }

  /** Every check in first-use order, each also written to {@code sink}. */
  List<CheckResult> finish(ResultSink sink) {
    List<CheckResult> out = new ArrayList<>();
    for (CheckResult.Builder b : builders.values()) {
      CheckResult r = b.build();
      out.add(r);
      sink.check(r);
    }
    return out;
  }
}
