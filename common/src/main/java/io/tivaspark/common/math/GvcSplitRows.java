package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gvc_measures rows built on {@link ExportVaSplit}, for every economy (countries, then groups as
 * one economy) by industry, industry aggregate and "_T" (docs/decompositions.md):
 * <ul>
 * <li><b>VA-based revealed comparative advantage</b> (Koopman, Wang and Wei 2014, AER 104(2), §V;
 *     Wang, Wei and Zhu 2013, NBER WP 19677): DVA_FWD_{S,i} = Σ_{k∈S, ind(k)=i} v_k (L_SS e_S)_k, the
 *     value added of S's industry i in S's gross exports (forward linkage: also what it sells to
 *     S's other exporting industries), and RCA_VA_{S,i} = (DVA_FWD_{S,i} / DVA_FWD_{S,_T}) /
 *     (DVA_FWD_{W,i} / DVA_FWD_{W,_T}), W = Σ over the reporting countries (groups never enter the
 *     world sums). An aggregate sums DVA_FWD over its members before dividing.</li>
 * <li><b>Borin–Mancini–Taglioni split of gross exports</b> (Borin, Mancini and Taglioni 2025, "Economic
 *     Consequences of Trade and Global Value Chain Integration: A Measurement Perspective", World Bank
 *     Economic Review, doi 10.1093/wber/lhaf017; World Bank PRWP 9785, 2021), by exporting industry i
 *     of S, summed over the partners r ∉ S (notation of {@link ExportVaSplit}):
 *     DAVAX = u∘a (domestic VA crossing one border), BMT_GVC_PF = u∘f (pure forward: domestic VA
 *     re-exported by r), BMT_GVC_TS = w∘f (two-sided: imported inputs in exports r re-exports),
 *     BMT_GVC_PB = w∘a (pure backward: imported inputs in exports absorbed by r), levels, and
 *     GVC_PF_BMT, GVC_TS_BMT, GVC_PB_BMT in percent of gross exports. PF = BM's GVCF, TS + PB = BM's
 *     GVCB (source-based, exporter perspective).</li>
 * <li><b>Miroudot–Ye (2021) world perimeter</b> ({@link MiroudotYeWorld}): MY_WLD_DVA, MY_WLD_DDC,
 *     MY_WLD_FDC1, MY_WLD_FDC2, the multipliers times gross exports, by exporting industry.</li>
 * </ul>
 * Checks: P7 (Σ_i DVA_FWD = u'e, the same DVA by exporting industry); P8 (a + f = e and
 * DAVAX + PF + TS + PB = e, by exporting sector); P9 (DVA + DDC + FDC1 + FDC2 = e, by exporting sector).
 */
final class GvcSplitRows {
  private GvcSplitRows() {}

  /** Level measures of the BMT split, in the order of {@link #BMT_PCT} (then DAVAX). */
  static final String[] BMT_LEVELS = {"BMT_GVC_PF", "BMT_GVC_TS", "BMT_GVC_PB", "BMT_DAVAX"};
  /** The same in percent of gross exports. */
  static final String[] BMT_PCT = {"GVC_PF_BMT", "GVC_TS_BMT", "GVC_PB_BMT"};

  /** Sums of one economy by slot ({@link IndustrySlots}): DVA_FWD (by source row), exports and the BMT parts (by exporting row). */
  static final class Slots {
    final double[] dvaF;
    final double[] exgr;
    final double[][] bmt = new double[4][]; // PF, TS, PB, DAVAX
    final double[][] my = new double[4][]; // Miroudot–Ye world: DVA, DDC, FDC1, FDC2

    Slots(int slots) {
      dvaF = new double[slots];
      exgr = new double[slots];
      for (int q = 0; q < 4; q++) {
        bmt[q] = new double[slots];
        my[q] = new double[slots];
      }
    }

    static Slots of(YearSystem sys, ExportVaSplit s, MiroudotYeWorld w, int[][] slotsOf, int slots) {
      Slots r = new Slots(slots);
      for (int ii = 0; ii < s.rows.length; ii++) {
        double[] parts = bmtParts(s, ii);
        double[] myParts = myParts(s, w, ii);
        for (int k : slotsOf[sys.ind()[s.rows[ii]]]) {
          r.dvaF[k] += s.dvaF[ii];
          r.exgr[k] += s.e[ii];
          for (int q = 0; q < 4; q++) {
            r.bmt[q][k] += parts[q];
            r.my[q][k] += myParts[q];
          }
        }
      }
      return r;
    }
  }

  /**
   * The BMT split of exporting row ii: pure forward u∘f, two-sided w∘f, pure backward w∘a, DAVAX u∘a
   * (u domestic VA and w imported inputs per unit of exports; a absorbed by the direct importer, f re-exported).
   */
  static double[] bmtParts(ExportVaSplit s, int ii) {
    return new double[] {s.u[ii] * s.f[ii], s.w[ii] * s.f[ii], s.w[ii] * s.a[ii], s.u[ii] * s.a[ii]};
  }

  /** Miroudot–Ye world-perimeter terms of exporting row ii: its multipliers times its gross exports. */
  static double[] myParts(ExportVaSplit s, MiroudotYeWorld w, int ii) {
    double e = s.e[ii];
    return new double[] {w.dva[ii] * e, w.ddc[ii] * e, w.fdc1[ii] * e, w.fdc2[ii] * e};
  }

  /** Miroudot–Ye world-perimeter measures, in the order of {@link #myParts}. */
  static final String[] MY_LEVELS = {"MY_WLD_DVA", "MY_WLD_DDC", "MY_WLD_FDC1", "MY_WLD_FDC2"};

  /**
   * What the rows need from the WWYZ partitions: the Miroudot–Ye vectors of the countries' partition,
   * and for each group (by code) the local inverse of its rows (in {@link YearSystem.Economy#rows()}
   * order) and the Miroudot–Ye vectors of its own partition.
   */
  record Inputs(MiroudotYeWorld.Partition countries, Map<String, double[]> groupInverses,
      Map<String, MiroudotYeWorld.Partition> groupWorld) {}

  /** The rows and checks of one year, the group inverses and partition vectors taken from {@code in}. */
  static void compute(YearSystem sys, ResultSink sink, Checks ck, Inputs in) {
    ExportVaSplit.Partners p = ExportVaSplit.Partners.of(sys);
    IndustryAggregates agg = sys.industryAggregates();
    int[][] slotsOf = IndustrySlots.containing(agg);
    int slots = agg.slots() + 1;
    double[][] countryInv = sys.countryLocalInverses();
    List<YearSystem.Economy> ecos = sys.economies();
    List<ExportVaSplit> splits = new ArrayList<>();
    List<MiroudotYeWorld> worlds = new ArrayList<>();
    List<Slots> sums = new ArrayList<>();
    double[] world = new double[slots];
    for (int q = 0; q < ecos.size(); q++) {
      YearSystem.Economy eco = ecos.get(q);
      double[] lss = eco.group() ? in.groupInverses().get(eco.code()) : countryInv[q];
      ExportVaSplit s = ExportVaSplit.of(sys, p, eco.rows(), eco.member(), lss);
      MiroudotYeWorld w = MiroudotYeWorld.of(sys,
          eco.group() ? in.groupWorld().get(eco.code()) : in.countries(), s, lss);
      Slots ss = Slots.of(sys, s, w, slotsOf, slots);
      splits.add(s);
      worlds.add(w);
      sums.add(ss);
      if (!eco.group()) {
        for (int k = 0; k < slots; k++) {
          world[k] += ss.dvaF[k];
        }
      }
    }
    check(sys, ck, ecos, splits, sums, slots - 1);
    for (int q = 0; q < ecos.size(); q++) {
      checkMy(sys, ck, splits.get(q), worlds.get(q));
    }
    List<String> industries = sys.layout().industries();
    AggregateBlockCheck p6 = aggregateCheck(agg, industries, ck);
    for (int q = 0; q < ecos.size(); q++) {
      emitRca(sink, ecos.get(q).code(), sums.get(q), world, agg, industries);
      emitBmt(sink, ecos.get(q).code(), sums.get(q), agg, industries);
      emitMy(sink, ecos.get(q).code(), sums.get(q), agg, industries);
      if (p6 != null) {
        recordLevels(p6, sums.get(q), agg, industries);
        p6.verify(ecos.get(q).code());
      }
    }
  }

  /** DVA_FWD and RCA_VA of one economy, every slot. */
  static void emitRca(ResultSink sink, String code, Slots ss, double[] world, IndustryAggregates agg,
      List<String> industries) {
    int tot = agg.slots();
    for (int k = 0; k <= tot; k++) {
      String in = IndustrySlots.code(agg, k, industries);
      sink.gvcMeasure("DVA_FWD", code, in, ss.dvaF[k]);
      sink.gvcMeasure("RCA_VA", code, in, rca(ss.dvaF[k], ss.dvaF[tot], world[k], world[tot]));
    }
  }

  /** The BMT levels and their percent of gross exports, every slot of one economy. */
  static void emitBmt(ResultSink sink, String code, Slots ss, IndustryAggregates agg, List<String> industries) {
    for (int k = 0; k <= agg.slots(); k++) {
      String in = IndustrySlots.code(agg, k, industries);
      for (int q = 0; q < 4; q++) {
        sink.gvcMeasure(BMT_LEVELS[q], code, in, ss.bmt[q][k]);
      }
      for (int q = 0; q < 3; q++) {
        sink.gvcMeasure(BMT_PCT[q], code, in, Codes.share(ss.bmt[q][k], ss.exgr[k]));
      }
    }
  }

  /**
   * P6 on this class's levels as written (DVA_FWD, BMT_*, MY_WLD_*: industry aggregate = Σ of its
   * member industries), or null when the table has no industry aggregates.
   */
  static AggregateBlockCheck aggregateCheck(IndustryAggregates agg, List<String> industries, Checks ck) {
    if (agg.count() == 0) {
      return null;
    }
    List<String> names = new ArrayList<>(List.of("DVA_FWD"));
    names.addAll(List.of(BMT_LEVELS));
    names.addAll(List.of(MY_LEVELS));
    CheckResult.Builder[] of = new CheckResult.Builder[names.size()];
    java.util.Arrays.fill(of, ck.identity("P6",
        "industry aggregate = sum of its member industries (gvc_measures DVA_FWD, BMT_*, MY_WLD_* levels as written)"));
    return new AggregateBlockCheck(agg, industries, List.of(""), names, of);
  }

  /** The levels of every slot of one economy, in the order of {@link #aggregateCheck}, into {@code p6}. */
  private static void recordLevels(AggregateBlockCheck p6, Slots ss, IndustryAggregates agg, List<String> industries) {
    double[] v = new double[9];
    for (int k = 0; k <= agg.slots(); k++) {
      v[0] = ss.dvaF[k];
      for (int q = 0; q < 4; q++) {
        v[1 + q] = ss.bmt[q][k];
        v[5 + q] = ss.my[q][k];
      }
      p6.record("", IndustrySlots.code(agg, k, industries), v);
    }
  }

  /** The Miroudot–Ye world-perimeter levels, every slot of one economy. */
  static void emitMy(ResultSink sink, String code, Slots ss, IndustryAggregates agg, List<String> industries) {
    for (int k = 0; k <= agg.slots(); k++) {
      String in = IndustrySlots.code(agg, k, industries);
      for (int q = 0; q < 4; q++) {
        sink.gvcMeasure(MY_LEVELS[q], code, in, ss.my[q][k]);
      }
    }
  }

  /** P9 on every exporting row of one economy: DVA + DDC + FDC1 + FDC2 = gross exports (world perimeter). */
  private static void checkMy(YearSystem sys, Checks ck, ExportVaSplit s, MiroudotYeWorld w) {
    CheckResult.Builder b = ck.identity("P9",
        "Miroudot–Ye world perimeter: DVA + DDC + FDC1 + FDC2 = gross exports (by exporting sector)");
    for (int ii = 0; ii < s.rows.length; ii++) {
      final int k = s.rows[ii];
      double[] p = myParts(s, w, ii);
      b.compare(p[0] + p[1] + p[2] + p[3], s.e[ii], () -> sys.label(k));
    }
  }

  /** (x_si / x_s) / (x_wi / x_w): NaN when a denominator is 0. */
  static double rca(double xsi, double xs, double xwi, double xw) {
    return GvcMeasures.ratio(GvcMeasures.ratio(xsi, xs), GvcMeasures.ratio(xwi, xw));
  }

  /** P7 for every economy. */
  private static void check(YearSystem sys, Checks ck, List<YearSystem.Economy> ecos, List<ExportVaSplit> splits,
      List<Slots> sums, int tot) {
    CheckResult.Builder p7 = ck.identity("P7",
        "VA-based RCA: Σ_i DVA_FWD (v̂_S L_SS e_S row sums) = u'e (u = v_S'L_SS, by exporting industry)");
    for (int q = 0; q < ecos.size(); q++) {
      ExportVaSplit s = splits.get(q);
      double ue = 0;
      for (int ii = 0; ii < s.rows.length; ii++) {
        ue += s.u[ii] * s.e[ii];
      }
      final String code = ecos.get(q).code();
      Supplier<String> where = () -> code;
      p7.compare(sums.get(q).dvaF[tot], ue, where);
      checkBmt(sys, ck, s);
    }
  }

  /** P8 on every exporting row of one economy: a + f = e (rows balance) and DAVAX + PF + TS + PB = e. */
  private static void checkBmt(YearSystem sys, Checks ck, ExportVaSplit s) {
    CheckResult.Builder rows = ck.identity("P8",
        "BMT: absorbed by the direct importer + re-exported = gross exports (by exporting sector)");
    CheckResult.Builder all = ck.identity("P8",
        "BMT: DAVAX + GVC_PF + GVC_TS + GVC_PB = gross exports (by exporting sector)");
    for (int ii = 0; ii < s.rows.length; ii++) {
      final int k = s.rows[ii];
      Supplier<String> where = () -> sys.label(k);
      rows.compare(s.a[ii] + s.f[ii], s.e[ii], where);
      double[] p = bmtParts(s, ii);
      all.compare(p[0] + p[1] + p[2] + p[3], s.e[ii], where);
    }
  }
}
