package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The industry-aggregate identity on rows as they are written (checks A1, A2, …; docs/methods.md
 * §17): for every level row of an aggregate, its value equals the sum of the values written for its
 * member industries under the same other key columns. A writer records each level row it emits
 * ({@link #record}) and calls {@link #verify} at the end of a unit of rows (one economy), which
 * compares, feeds the check's builder and forgets, so memory stays one economy's level rows.
 * Shares and ratios are never recorded: they are recomputed from aggregated levels, not summed.
 */
final class AggregateRowCheck {
  private final IndustryAggregates agg;
  private final Map<String, Integer> slotOf = new HashMap<>();
  private final CheckResult.Builder builder;
  private final Map<String, double[]> rows = new LinkedHashMap<>();

  /**
   * @param agg the table's aggregates
   * @param industries the table's industry codes (slot labels)
   * @param builder the accumulating check (e.g. {@code checks.identity("A1", scope)})
   */
  AggregateRowCheck(IndustryAggregates agg, List<String> industries, CheckResult.Builder builder) {
    this.agg = agg;
    this.builder = builder;
    for (int k = 0; k < agg.slots(); k++) {
      slotOf.put(agg.code(k, industries), k);
    }
  }

  /** A level row as written: {@code key} = its other key columns, {@code industry} its industry code. */
  void record(String key, String industry, double value) {
    Integer k = slotOf.get(industry);
    if (k == null) {
      return; // _T and codes outside the slots are not part of the identity
    }
    rows.computeIfAbsent(key, x -> nanRow())[k] = value;
  }

  /** Compares every recorded aggregate with the sum of its recorded members, then forgets the rows. */
  void verify() {
    for (Map.Entry<String, double[]> e : rows.entrySet()) {
      double[] v = e.getValue();
      for (int k = agg.industries(); k < agg.slots(); k++) {
        if (Double.isNaN(v[k])) {
          continue; // aggregate row not written for this key
        }
        double sum = 0;
        for (int i : agg.members(k)) {
          sum += Double.isNaN(v[i]) ? 0 : v[i]; // a member row not written counts 0 (sparse writers)
        }
        int slot = k;
        builder.compare(v[k], sum, () -> e.getKey() + "/" + agg.codes().get(slot - agg.industries()));
      }
    }
    rows.clear();
  }

  private double[] nanRow() {
    double[] r = new double[agg.slots()];
    java.util.Arrays.fill(r, Double.NaN);
    return r;
  }
}
