package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The industry-aggregate identity on rows as they are written (check A1; docs/methods.md §17): for
 * every level row of an aggregate, its value equals the sum of the values written for its member
 * industries under the same other key columns. A writer records each level row it emits under an
 * integer key (e.g. indicator × partner) and its industry slot ({@link #record}, no string per row),
 * and calls {@link #verify} at the end of a unit of rows (one economy), which compares the keys
 * recorded since the last call, feeds the check's builder and forgets them. Shares and ratios are
 * never recorded: they are recomputed from aggregated levels, not summed. Memory: keys × slots
 * doubles, allocated once per year. The block-wise variant for the gvc tables is
 * {@link AggregateBlockCheck}.
 */
final class AggregateRowCheck {
  private final IndustryAggregates agg;
  private final int slots;
  private final IntFunction<String> keyLabel;
  private final CheckResult.Builder builder;
  private final double[] vals; // [key][slot], NaN = not written
  private final boolean[] touched;

  /**
   * @param agg the table's aggregates (at least one)
   * @param keys the number of integer keys
   * @param keyLabel names a key in the worst element (called only for the worst)
   * @param builder the accumulating check (e.g. {@code checks.identity("A1", scope)})
   */
  AggregateRowCheck(IndustryAggregates agg, int keys, IntFunction<String> keyLabel, CheckResult.Builder builder) {
    this.agg = agg;
    this.slots = agg.slots();
    this.keyLabel = keyLabel;
    this.builder = builder;
    this.vals = new double[keys * slots];
    Arrays.fill(vals, Double.NaN);
    this.touched = new boolean[keys];
  }

  /** A level row as written: its key and industry slot (an industry or an aggregate). */
  void record(int key, int slot, double value) {
    vals[key * slots + slot] = value;
    touched[key] = true;
  }

  /**
   * Compares every recorded aggregate with the sum of its recorded members (a member not written
   * counts 0; an aggregate not written is skipped), then forgets the rows. {@code prefix} names the
   * unit (the economy) in the worst element.
   */
  void verify(String prefix) {
    for (int key = 0; key < touched.length; key++) {
      if (!touched[key]) {
        continue;
      }
      int o = key * slots;
      for (int k = agg.industries(); k < slots; k++) {
        if (Double.isNaN(vals[o + k])) {
          continue;
        }
        double sum = 0;
        for (int i : agg.members(k)) {
          sum += Double.isNaN(vals[o + i]) ? 0 : vals[o + i];
        }
        if (builder.compareIsWorst(vals[o + k], sum)) {
          builder.worstIs(prefix + "/" + keyLabel.apply(key) + "/" + agg.codes().get(k - agg.industries()));
        }
      }
      Arrays.fill(vals, o, o + slots, Double.NaN);
      touched[key] = false;
    }
  }
}
