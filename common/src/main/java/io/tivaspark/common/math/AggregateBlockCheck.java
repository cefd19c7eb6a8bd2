package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The industry-aggregate identity on rows as they are written, for writers that emit a block of
 * terms per (key, industry) — the checks W6, B7, W7 and P6 of the gvc family (docs/decompositions.md,
 * docs/methods.md §17; the model is {@link AggregateRowCheck}, check A1): for every term and key, the
 * value written for an aggregate equals the sum of the values written for its member industries.
 *
 * <p>A writer hands over the block it has just given to the sink, under the same key and industry
 * codes ({@link #record}); the codes are looked up once per block, the values kept by index, so the
 * check costs no string per row. {@link #verify} compares the keys recorded since the last call and
 * forgets them. Only levels (money) are recorded; shares and ratios are recomputed, never summed.
 * Memory: keys × slots × terms doubles, allocated once.
 */
final class AggregateBlockCheck {
  private final IndustryAggregates agg;
  private final Map<String, Integer> slotOf = new HashMap<>();
  private final Map<String, Integer> keyOf = new HashMap<>();
  private final List<String> keys;
  private final List<String> terms;
  private final CheckResult.Builder[] builderOfTerm;
  private final int slots;
  private final double[] vals; // [key][slot][term], NaN = not written
  private final boolean[] touched;

  /**
   * @param agg the table's aggregates (at least one)
   * @param industries the table's industry codes
   * @param keys the other key columns of a block, as written (e.g. the importers and WLD)
   * @param terms the names of the block's values, in order (used only to name the worst element)
   * @param builderOfTerm the accumulating check of each term (several terms may share one)
   */
  AggregateBlockCheck(IndustryAggregates agg, List<String> industries, List<String> keys, List<String> terms,
      CheckResult.Builder[] builderOfTerm) {
    this.agg = agg;
    this.keys = List.copyOf(keys);
    this.terms = List.copyOf(terms);
    this.builderOfTerm = builderOfTerm.clone();
    this.slots = agg.slots();
    for (int k = 0; k < slots; k++) {
      slotOf.put(agg.code(k, industries), k);
    }
    for (int j = 0; j < keys.size(); j++) {
      keyOf.put(keys.get(j), j);
    }
    vals = new double[keys.size() * slots * terms.size()];
    Arrays.fill(vals, Double.NaN);
    touched = new boolean[keys.size()];
  }

  /** The block of values just written under {@code key} and {@code industry} ({@code _T}: ignored). */
  void record(String key, String industry, double[] values) {
    Integer k = slotOf.get(industry);
    if (k == null) {
      return;
    }
    int j = keyOf.get(key);
    touched[j] = true;
    System.arraycopy(values, 0, vals, (j * slots + k) * terms.size(), terms.size());
  }

  /**
   * Compares, for every key recorded since the last call, term and aggregate, the aggregate's value with
   * the sum of its members' (a member not written counts 0; an aggregate not written is skipped), then
   * forgets those keys. {@code prefix} names the block's owner (e.g. the exporter) in the worst element.
   */
  void verify(String prefix) {
    int nt = terms.size();
    for (int j = 0; j < keys.size(); j++) {
      if (!touched[j]) {
        continue;
      }
      for (int k = agg.industries(); k < slots; k++) {
        int ao = (j * slots + k) * nt;
        int[] members = agg.members(k);
        for (int q = 0; q < nt; q++) {
          if (Double.isNaN(vals[ao + q])) {
            continue;
          }
          double sum = 0;
          for (int i : members) {
            double v = vals[(j * slots + i) * nt + q];
            sum += Double.isNaN(v) ? 0 : v;
          }
          if (builderOfTerm[q].compareIsWorst(vals[ao + q], sum)) {
            builderOfTerm[q].worstIs(where(prefix, j, k, q));
          }
        }
      }
      Arrays.fill(vals, j * slots * nt, (j + 1) * slots * nt, Double.NaN);
      touched[j] = false;
    }
  }

  private String where(String prefix, int j, int k, int q) {
    return prefix + "/" + keys.get(j) + "/" + agg.codes().get(k - agg.industries()) + "/" + terms.get(q);
  }
}
