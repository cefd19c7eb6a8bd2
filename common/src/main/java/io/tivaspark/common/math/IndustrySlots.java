package io.tivaspark.common.math;

import io.tivaspark.common.model.IndustryAggregates;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an industry's values go when rows are summed by industry, industry aggregate and total in one
 * pass (docs/methods.md §17): slots {@code 0 … N−1} the industries, {@code N … S−1} the aggregates of
 * {@link IndustryAggregates} ({@code S = agg.slots()}), and slot {@code S} the total ({@code _T}).
 * Used by the writers whose {@code _T} row merges the economy's rows (gvc_measures,
 * footprint_coefficients), so that an aggregate is merged exactly like {@code _T}, over its members.
 */
final class IndustrySlots {
  private IndustrySlots() {}

  /**
   * For each industry i: the slots whose sums include i, in increasing order: i itself, every
   * aggregate that has i as a member, then the total slot {@code agg.slots()}.
   */
  static int[][] containing(IndustryAggregates agg) {
    int nInd = agg.industries();
    List<List<Integer>> of = new ArrayList<>();
    for (int i = 0; i < nInd; i++) {
      List<Integer> l = new ArrayList<>();
      l.add(i);
      of.add(l);
    }
    for (int k = nInd; k < agg.slots(); k++) {
      for (int i : agg.members(k)) {
        of.get(i).add(k);
      }
    }
    int[][] r = new int[nInd][];
    for (int i = 0; i < nInd; i++) {
      List<Integer> l = of.get(i);
      l.add(agg.slots());
      r[i] = l.stream().mapToInt(Integer::intValue).toArray();
    }
    return r;
  }

  /** The code of slot k of {@link #containing}: an industry, an aggregate, or {@code _T} for the total slot. */
  static String code(IndustryAggregates agg, int k, List<String> industries) {
    return k == agg.slots() ? Codes.TOTAL : agg.code(k, industries);
  }

  /**
   * {@code block} values per (industry, …) laid out industry-major ({@code byIndustry[i·block + q]}),
   * extended to every slot of {@code agg}: the first N·block values copied, then each aggregate's sum
   * over its members ({@link #sumMembers}).
   */
  static double[] extend(double[] byIndustry, IndustryAggregates agg, int block) {
    double[] r = new double[agg.slots() * block];
    System.arraycopy(byIndustry, 0, r, 0, agg.industries() * block);
    sumMembers(r, agg, block);
    return r;
  }

  /**
   * In place, for a slot-major array ({@code bySlot[k·block + q]}, at least slots·block long) whose
   * industry slots are filled: each aggregate k's values = Σ_{i∈k} bySlot[i·block + q] (member order).
   */
  static void sumMembers(double[] bySlot, IndustryAggregates agg, int block) {
    for (int k = agg.industries(); k < agg.slots(); k++) {
      int o = k * block;
      java.util.Arrays.fill(bySlot, o, o + block, 0.0);
      for (int i : agg.members(k)) {
        int io = i * block;
        for (int q = 0; q < block; q++) {
          bySlot[o + q] += bySlot[io + q];
        }
      }
    }
  }
}
