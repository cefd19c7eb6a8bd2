package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.Unit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Industry aggregates of the core family (docs/methods.md §17) on a random table with a split
 * country and a group: money levels of an aggregate = Σ its members' rows (1e-9 relative), shares
 * recomputed from aggregated levels (never summed), the industry rows unchanged by adding
 * aggregates, check A1 written and passing, and a wrong row caught by A1.
 */
class IndustryAggregatesTest {
  private static final double TOL = 1e-9;
  private static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("AG1", List.of("D00", "D01"));
    GROUPS.put("AG2", List.of("D01", "D02", "D03"));
    GROUPS.put("ABSENT", List.of("ZZZ")); // no member in the table: dropped
  }

  private static CollectingSink run(boolean aggregates) {
    Layout lay = RandomTables.layout(5, 4, true);
    MrioYear year = RandomTables.year(7, lay, new int[] {3});
    TivaOptions.Builder b = TivaOptions.builder().group("G1", List.of("C00", "CHN"));
    if (aggregates) {
      b.industryGroups(GROUPS);
    }
    CollectingSink sink = new CollectingSink();
    TivaCore.compute(year, b.build(), sink);
    return sink;
  }

  @Test
  void levelsAreSumsOfMembersAndSharesAreRecomputed() {
    CollectingSink sink = run(true);
    int levels = 0;
    for (Map.Entry<String, Double> e : sink.indicators.entrySet()) {
      String[] k = e.getKey().split("\\|");
      if (!k[3].equals("AG1") && !k[3].equals("AG2")) {
        continue;
      }
      if (sink.units.get(e.getKey()) == Unit.MONEY) {
        double sum = 0;
        for (String m : GROUPS.get(k[3])) {
          sum += sink.get(k[0], k[1], k[2], m);
        }
        assertEquals(sum, e.getValue(), TOL * Math.max(1, Math.abs(sum)), e.getKey());
        levels++;
      }
    }
    assertTrue(levels > 100, "aggregate level rows: " + levels);
    for (String eco : List.of("C00", "CHN", "G1")) {
      double dva = sink.get("EXGR_DVA", eco, "WLD", "AG2");
      double exgr = sink.get("EXGR", eco, "WLD", "AG2");
      assertEquals(100 * dva / exgr, sink.get("EXGR_DVASH", eco, "WLD", "AG2"), 1e-9);
      double va = sink.get("VALU", eco, "WLD", "AG1");
      double prod = sink.get("PROD", eco, "WLD", "AG1");
      assertEquals(100 * va / prod, sink.get("PROD_VASH", eco, "WLD", "AG1"), 1e-9);
      double ffd = sink.get("FFD_DVA", eco, "WLD", "AG1");
      assertEquals(ffd / sink.get("EXGR", eco, "WLD", "AG1"), sink.get("VAX_RATIO", eco, "WLD", "AG1"), 1e-9);
    }
    assertFalse(sink.indicators.keySet().stream().anyMatch(k -> k.endsWith("|ABSENT")));
  }

  @Test
  void industryRowsAreUnchangedAndA1Passes() {
    CollectingSink with = run(true);
    CollectingSink without = run(false);
    for (Map.Entry<String, Double> e : without.indicators.entrySet()) {
      Double v = with.indicators.get(e.getKey());
      assertTrue(v != null, e.getKey());
      assertEquals(e.getValue(), v, 0.0, e.getKey());
    }
    List<CheckResult> a1 = with.checks.stream().filter(c -> c.check().equals("A1")).toList();
    assertEquals(1, a1.size());
    assertTrue(a1.get(0).passed(), a1.get(0).toString());
    assertTrue(without.checks.stream().noneMatch(c -> c.check().equals("A1")));
    assertTrue(with.checks.stream().allMatch(CheckResult::passed), with.checks.toString());
  }

  @Test
  void a1CatchesAWrongAggregateRow() {
    List<String> industries = List.of("D00", "D01", "D02");
    IndustryAggregates agg = IndustryAggregates.of(industries, Map.of("AG", List.of("D00", "D02")));
    CheckResult.Builder b = CheckResult.builder("A1", "test", 1e-9);
    AggregateRowCheck check = new AggregateRowCheck(agg, 2, key -> key == 0 ? "EXGR/WLD" : "EXGR/USA", b);
    check.record(0, 0, 1.0);
    check.record(0, 1, 5.0);
    check.record(0, 2, 2.0);
    check.record(0, 3, 3.5);
    check.verify("DEU");
    CheckResult r = b.build();
    assertFalse(r.passed());
    assertEquals(0.5, r.maxAbsError(), 1e-12);
    assertEquals("DEU/EXGR/WLD/AG", r.worst());
  }

  @Test
  void aggregateCodesMustNotCollide() {
    List<String> industries = List.of("D00", "D01");
    assertThrows(IllegalArgumentException.class, () -> IndustryAggregates.of(industries, Map.of("D01", List.of("D00"))));
    assertThrows(IllegalArgumentException.class, () -> IndustryAggregates.of(industries, Map.of("_T", List.of("D00"))));
    IndustryAggregates agg = IndustryAggregates.of(industries, Map.of("AG", List.of("D01", "D01", "X")));
    assertEquals(3, agg.slots());
    assertEquals(1, agg.members(2).length);
  }

  /**
   * The levels behind shares (EXGR_FNL_DVA, DEXFVA, FEXDVA, data-dictionary §3) against the rows they
   * must add up to, for every economy, partner and slot: EXGR_INT_DVA + EXGR_FNL_DVA = EXGR_DVA;
   * 100·EXGR_FNL_DVA / EXGR_FNL_DVA(WLD) = EXGR_FNLDVApSH; Σ_t DEXFVA = EXGR_FVA (WLD) and
   * 100·DEXFVA / EXGR = DEXFVApSH; Σ_r FEXDVA(r) = FEXDVA(WLD) and 100·FEXDVA(r)/FEXDVA(WLD) is
   * FEXDVApSH(r)/Σ FEXDVApSH.
   */
  @Test
  void levelsBehindSharesAddUp() {
    CollectingSink sink = run(true);
    List<String> slots = List.of("D00", "D01", "D02", "D03", "AG1", "AG2", "_T");
    List<String> partners = List.of("C00", "CHN", "C02", "C03", "C04");
    for (String eco : List.of("C00", "CHN", "C02", "G1")) {
      double fexSum = 0;
      double fexShSum = 0;
      for (String ind : slots) {
        double dexSum = 0;
        for (String r : partners) {
          if (r.equals(eco) || eco.equals("G1") && (r.equals("C00") || r.equals("CHN"))) {
            continue;
          }
          double dva = sink.get("EXGR_DVA", eco, r, ind);
          double fnl = sink.get("EXGR_FNL_DVA", eco, r, ind);
          near(dva, sink.get("EXGR_INT_DVA", eco, r, ind) + fnl, eco + "/" + r + "/" + ind);
          nearShare(100 * fnl / sink.get("EXGR_FNL_DVA", eco, "WLD", ind), sink.get("EXGR_FNLDVApSH", eco, r, ind));
          double dex = sink.get("DEXFVA", eco, r, ind);
          dexSum += dex;
          nearShare(100 * dex / sink.get("EXGR", eco, "WLD", ind), sink.get("DEXFVApSH", eco, r, ind));
          if (ind.equals("_T")) {
            double fex = sink.get("FEXDVA", eco, r, "_T");
            fexSum += fex;
            double perUnit = sink.get("FEXDVApSH", eco, r, "_T") / fex; // 100 / EXGR_s, the same for every r
            fexShSum = fexShSum == 0 ? perUnit : fexShSum;
            near(fexShSum, perUnit, eco + " FEXDVApSH/FEXDVA");
          }
        }
        near(sink.get("EXGR_FVA", eco, "WLD", ind), dexSum, eco + " DEXFVA " + ind);
        near(sink.get("EXGR_DVA", eco, "WLD", ind),
            sink.get("EXGR_INT_DVA", eco, "WLD", ind) + sink.get("EXGR_FNL_DVA", eco, "WLD", ind), eco + " WLD " + ind);
      }
      near(sink.get("FEXDVA", eco, "WLD", "_T"), fexSum, eco + " FEXDVA");
    }
  }

  /** A share row: NULL (NaN) where the economy has no output in the industry (methods §12), else as near. */
  private static void nearShare(double want, double got) {
    if (!Double.isNaN(got)) {
      near(want, got, "share");
    }
  }

  private static void near(double want, double got, String what) {
    assertEquals(want, got, TOL * Math.max(1, Math.abs(want)), what);
  }
}
