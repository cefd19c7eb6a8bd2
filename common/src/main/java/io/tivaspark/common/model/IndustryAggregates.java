package io.tivaspark.common.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The industry aggregates of one table (docs/methods.md §17): each aggregate code (e.g. {@code C}
 * manufacturing, {@code GTN} business-sector services) with the indices of its member industries
 * in the table's industry order. Every row with an industry dimension is written for each
 * aggregate as well: levels are sums over the members, shares and ratios are recomputed from the
 * aggregated levels.
 *
 * <p><b>Slots.</b> Code that writes rows by industry loops over slots {@code k = 0 … slots()−1}:
 * slots {@code 0 … N−1} are the table's industries (one member each), slots {@code N …} the
 * aggregates. {@code _T} (all industries) is not a slot: every family writes it as before.
 *
 * <p>Members absent from the table are left out when resolving; an aggregate with no member present
 * is dropped (the configuration rules that make that an error for user-defined aggregates are the
 * job's, before anything runs). Immutable.
 */
public final class IndustryAggregates implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final IndustryAggregates NONE = new IndustryAggregates(List.of(), List.of(), 0);

  private final List<String> codes;
  private final List<int[]> members;
  private final int industries;

  private IndustryAggregates(List<String> codes, List<int[]> members, int industries) {
    this.codes = List.copyOf(codes);
    this.members = List.copyOf(members);
    this.industries = industries;
  }

  /** No aggregates: slots are the table's industries. */
  public static IndustryAggregates none(int industries) {
    return industries == 0 ? NONE : new IndustryAggregates(List.of(), List.of(), industries);
  }

  /**
   * Resolves aggregate code → member industry codes against a table's industries, in map order.
   * Absent members are skipped; an aggregate with none present is dropped; duplicate members count
   * once. A code equal to an industry of the table or {@code _T} is an IllegalArgumentException.
   */
  public static IndustryAggregates of(List<String> tableIndustries, Map<String, List<String>> groups) {
    List<String> codes = new ArrayList<>();
    List<int[]> members = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : groups.entrySet()) {
      String code = e.getKey();
      if (code.equals("_T") || tableIndustries.contains(code)) {
        throw new IllegalArgumentException("industry aggregate " + code + " collides with "
            + (code.equals("_T") ? "the all-industries code _T" : "an industry of the table"));
      }
      int[] idx = e.getValue().stream().mapToInt(tableIndustries::indexOf).filter(i -> i >= 0)
          .distinct().sorted().toArray();
      if (idx.length > 0) {
        codes.add(code);
        members.add(idx);
      }
    }
    return new IndustryAggregates(codes, members, tableIndustries.size());
  }

  /** Number of aggregates (present in the table). */
  public int count() { return codes.size(); }

  /** The table's industries plus the aggregates. */
  public int slots() { return industries + codes.size(); }

  /** Number of the table's industries (the first slots). */
  public int industries() { return industries; }

  /** The aggregate codes, in configuration order. */
  public List<String> codes() { return codes; }

  /** Whether slot k is an aggregate. */
  public boolean isAggregate(int slot) { return slot >= industries; }

  /** Member industry indices of slot k (for an industry slot: itself). A fresh array. */
  public int[] members(int slot) {
    return slot < industries ? new int[] {slot} : members.get(slot - industries).clone();
  }

  /** The code of slot k: the industry code from {@code tableIndustries}, or the aggregate code. */
  public String code(int slot, List<String> tableIndustries) {
    return slot < industries ? tableIndustries.get(slot) : codes.get(slot - industries);
  }

  /** Σ over the members of slot k of {@code byIndustry[i]}. */
  public double sum(double[] byIndustry, int slot) {
    if (slot < industries) {
      return byIndustry[slot];
    }
    double s = 0;
    for (int i : members.get(slot - industries)) {
      s += byIndustry[i];
    }
    return s;
  }

  /** Σ over the members i of slot k of {@code byIndustryPartner[i·g + r]} (industry-major arrays). */
  public double sum(double[] byIndustryPartner, int slot, int r, int g) {
    if (slot < industries) {
      return byIndustryPartner[slot * g + r];
    }
    double s = 0;
    for (int i : members.get(slot - industries)) {
      s += byIndustryPartner[i * g + r];
    }
    return s;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("IndustryAggregates{");
    for (int a = 0; a < codes.size(); a++) {
      sb.append(a == 0 ? "" : ", ").append(codes.get(a)).append(Arrays.toString(members.get(a)));
    }
    return sb.append('}').toString();
  }
}
