package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Production-based GVC measures of one year into {@code gvc_measures} (economy × industry, "_T"
 * for the economy; split entities summed), with the identities P1–P5 and U1–U3. Economies are the
 * reporting countries and the configured groups; a group is one economy (its members' domestic
 * blocks merged into one, trade between members domestic), so its WWYZ split and lengths are
 * computed on a partition of its own (the group's block plus every other country), not summed from
 * members.
 *
 * <p>Notation: L = block-diagonal local inverses of the partition, A^D = block-diagonal part of A,
 * A^F = A − A^D, y = final demand by producing row, y^D_i = the part bought by row i's own economy,
 * y^F = y − y^D, x = B y. Only row sums (forward, by value-added producing sector) and column sums
 * (backward, by final-goods producing sector) are needed, so nothing n×n is formed beyond B.
 *
 * <p><b>Wang–Wei–Yu–Zhu (2017a, NBER WP 23222) decomposition of value-added production</b>
 * (docs/methods.md §8): V̂Bŷ = V̂Lŷ^D (D) + V̂Lŷ^F (RT) + V̂LA^FLŷ^D (GVC_S) + V̂LA^F(Bŷ − Lŷ^D) (GVC_C).
 * Measures (values in the input's money unit, participation in percent): WWYZ_VA_D, WWYZ_VA_RT,
 * WWYZ_VA_GVC_S, WWYZ_VA_GVC_C (forward); WWYZ_FD_D, WWYZ_FD_RT, WWYZ_FD_GVC_S, WWYZ_FD_GVC_C
 * (backward); GVCPT_F = 100·(VA_GVC_S + VA_GVC_C)/va, GVCPT_F_S, GVCPT_F_C; GVCPT_B =
 * 100·(FD_GVC_S + FD_GVC_C)/y, GVCPT_B_S, GVCPT_B_C (NaN when the denominator is 0; y can be
 * negative with inventories).
 *
 * <p><b>Average production length and its segments (Wang–Wei–Yu–Zhu 2017b, NBER WP 23261; the
 * UIBE GVC index concept note §4; the same matrices as ADB's MRIO processing code).</b> Production
 * length = value of output induced along the chain ÷ the value added (or final good) it carries:
 * <pre>
 *   X      = V̂ B B ŷ                       total             V   = V̂ B ŷ
 *   X_D    = V̂ L L ŷ^D                     pure domestic     V_D  = V̂ L ŷ^D
 *   X_RT   = V̂ L L ŷ^F                     traditional trade V_RT = V̂ L ŷ^F
 *   Xd_GVC = V̂ L L A^F B ŷ                 GVC, domestic segment
 *   E_GVC  = V̂ B A^F B ŷ                   GVC, cross-border count
 *   Xf_GVC = V̂ L A^F B A^D B ŷ             GVC, foreign segment       V_GVC = V̂ L A^F B ŷ
 * </pre>
 * with X = X_D + X_RT + Xd_GVC + E_GVC + Xf_GVC exactly (check P4; from BB = LL + LLA^FB + LA^FBB and
 * LA^FBB = BA^FB + LA^FBA^DB). Forward lengths (row sums, by VA-producing sector) PLV = X/V,
 * PLV_D = X_D/V_D, PLV_RT = X_RT/V_RT, PLV_GVC_D = Xd_GVC/V_GVC, PLV_GVC_CB = E_GVC/V_GVC,
 * PLV_GVC_F = Xf_GVC/V_GVC, PLV_GVC = their sum; backward lengths PLY* likewise with column sums
 * (by final-goods sector); GVC_POS = PLV_GVC / PLY_GVC (WWYZ's position: above 1 = relatively
 * upstream in GVCs). Aggregates sum numerators and denominators before dividing (as UIBE and ADB
 * do). PLV equals upstreamness and PLY downstreamness (check U3).
 *
 * <p><b>Industry aggregates</b> (docs/methods.md §17, docs/decompositions.md): every measure is also
 * written per aggregate of {@link YearSystem#industryAggregates()}, formed exactly as "_T" but over the
 * member industries' rows: levels (WWYZ_*) summed, every ratio (participation, lengths, positions,
 * up/downstreamness) recomputed from the summed numerator and denominator; check P6 on the levels
 * as written.
 *
 * <p><b>KWW position</b> (Koopman, Powers, Wang and Wei 2010): GVC_POS_KWW = ln(1 + IV/E) − ln(1 + FV/E),
 * E = gross exports, IV = the economy's value added in other economies' gross exports (forward, by
 * the VA-producing sector), FV = foreign value added in its gross exports (backward, by exporting
 * sector): IV_k = v_k ((Be)_k − (B_SS e_S)_k), FV_k = e_k ((v'B)_k − (v_S'B_SS)_k) for k in economy S.
 *
 * <p><b>Upstreamness / downstreamness</b> (§9): U = x̂⁻¹ B x (Antràs et al. 2012 / Miller–Temurshoev
 * output upstreamness = Ghosh row sums), D = B'1 (Fally's embodied stages, input downstreamness);
 * properties of sectors, so an economy's UPSTREAMNESS / DOWNSTREAMNESS by industry is the
 * output-weighted mean over its rows (Σ x_k U_k / Σ x_k), "_T" the output-weighted economy mean; NaN
 * where x = 0.
 *
 * <p><b>Cost</b> (n rows, N industries, G countries): shared B-products B [y, x] (one pass), B B y,
 * B'v, B'B'v, column sums of B; one copy of A per year in which each partition forms A^F by zeroing
 * its diagonal blocks (never A c − A^D c, which cancels: docs/methods.md §8.4), then per partition 3
 * multi-vector products with A^F (3 + 1 + 3
 * right-hand sides) and 3 with B (3 + 3 + 1), and O(Σ|block|²) for L and the diagonal blocks. Countries: G local inverses shared with the decompositions (2GN³). Each group adds one
 * local inverse of its block (2(|S|N)³) and one partition pass (~0.15 s at n = 3645 with native BLAS).
 *
 * <p><b>Where each quantity is computed</b>: the partition and its L, A^D, A^F products in
 * {@link GvcPartition}; the per-row WWYZ split, length terms and IV/FV in {@link WwyzTerms} (with its
 * records Demand, Forward, Backward); the partition-independent B-products in {@link Shared}; the
 * checks U1–U3 and the rows by industry here.
 */
public final class GvcMeasures {
  private GvcMeasures() {}

  /** Checks and step timings of one computation. */
  public record Result(List<CheckResult> checks, Map<String, Double> steps) {}

  /** Forward (row-sum) measure names of the four WWYZ components. */
  static final String[] FWD_NAMES = {"WWYZ_VA_D", "WWYZ_VA_RT", "WWYZ_VA_GVC_S", "WWYZ_VA_GVC_C"};
  /** Backward (column-sum) measure names of the four WWYZ components. */
  static final String[] BWD_NAMES = {"WWYZ_FD_D", "WWYZ_FD_RT", "WWYZ_FD_GVC_S", "WWYZ_FD_GVC_C"};

  // indices of the length numerators (X) and denominators (V)
  static final int L_TOT = 0;
  static final int L_D = 1;
  static final int L_RT = 2;
  static final int L_GVC_D = 3;
  static final int L_GVC_CB = 4;
  static final int L_GVC_F = 5;
  static final int L_COUNT = 6;
  // denominators: total, D, RT, GVC
  static final int V_TOT = 0;
  static final int V_D = 1;
  static final int V_RT = 2;
  static final int V_GVC = 3;

  /** The measures of one year with their own checks (written to the sink), for tests and callers alone. */
  public static Result compute(YearSystem sys, ResultSink sink) {
    Checks ck = new Checks(sink, sys.options().algebraTolerance());
    Map<String, Double> steps = compute(sys, sink, ck);
    return new Result(ck.finish(), steps);
  }

  /**
   * The measures of one year, checks P1–P5 and U1–U3 into {@code ck} (the gvc family's accumulator);
   * returns the step timings.
   */
  static Map<String, Double> compute(YearSystem sys, ResultSink sink, Checks ck) {
    long t0 = System.nanoTime();
    Shared sh = new Shared(sys);

    // the reporting countries: one partition, every block emitted
    GvcPartition countries = GvcPartition.countries(sys);
    WwyzTerms tc = new WwyzTerms(sys, sh, countries);
    double t1 = (System.nanoTime() - t0) / 1e9;
    tc.check(ck, "");
    upDownChecks(sys, sh, ck);
    AggregateBlockCheck p6 = aggregateCheck(sys, ck);
    for (int c = 0; c < sys.g(); c++) {
      emit(sys, sh, tc, countries.rows[c], sys.layout().countries().get(c), sink, p6);
    }
    double t2 = (System.nanoTime() - t0) / 1e9;

    // each group: its own partition (the group's block + every other country), only its block emitted
    int groups = 0;
    Map<String, double[]> groupInverses = new LinkedHashMap<>();
    Map<String, MiroudotYeWorld.Partition> groupWorld = new LinkedHashMap<>();
    for (YearSystem.Economy eco : sys.economies()) {
      if (!eco.group()) {
        continue;
      }
      GvcPartition p = GvcPartition.group(sys, eco);
      groupInverses.put(eco.code(), p.linv[0]); // block 0 = the group, rows in eco.rows() order
      groupWorld.put(eco.code(), MiroudotYeWorld.Partition.of(sys, sh, p));
      WwyzTerms tg = new WwyzTerms(sys, sh, p);
      tg.check(ck, " (groups as one economy)");
      emit(sys, sh, tg, eco.rows(), eco.code(), sink, p6);
      groups++;
    }
    double t3 = (System.nanoTime() - t0) / 1e9;
    MiroudotYeWorld.Partition countriesWorld = MiroudotYeWorld.Partition.of(sys, sh, countries);
    GvcSplitRows.compute(sys, sink, ck, new GvcSplitRows.Inputs(countriesWorld, groupInverses, groupWorld));
    double t4 = (System.nanoTime() - t0) / 1e9;

    Map<String, Double> steps = new LinkedHashMap<>();
    steps.put("gvc: WWYZ split, lengths, KWW position (countries)", t1);
    steps.put("gvc: checks P U, emit (countries)", t2 - t1);
    steps.put("gvc: WWYZ, lengths, position for " + groups + " group(s)", t3 - t2);
    steps.put("gvc: VA-based RCA, BMT export split, Miroudot–Ye world perimeter (economies)", t4 - t3);
    return steps;
  }

  static double pct(double num, double den) {
    return den == 0 ? Double.NaN : 100.0 * num / den;
  }

  static double ratio(double num, double den) {
    return den == 0 ? Double.NaN : num / den;
  }

  /** Vectors that do not depend on the partition. */
  static final class Shared {
    final double[] by; // B y (= x up to the table's balance; the lengths use it, not the table's x)
    final double[] bby; // B B y
    final double[] vb; // (v'B)'
    final double[] vbb; // (v'B B)'
    final double[] bx; // B x (the table's x, for upstreamness)
    final double[] colB; // B'1 = downstreamness
    private final double[] a;
    private double[] aForeign; // A outside the current partition's blocks (GvcPartition#foreignIn)

    Shared(YearSystem sys) {
      int n = sys.n();
      Lapack lapack = sys.lapack();
      double[] b = sys.b();
      double[][] bYx = times(b, lapack, false, sys.yTot(), sys.x()); // one pass over B for both
      by = bYx[0];
      bx = bYx[1];
      bby = new double[n];
      lapack.dgemv(false, n, n, 1.0, b, by, 0.0, bby);
      vb = new double[n];
      lapack.dgemv(true, n, n, 1.0, b, sys.v(), 0.0, vb);
      vbb = new double[n];
      lapack.dgemv(true, n, n, 1.0, b, vb, 0.0, vbb);
      colB = IoMath.columnSums(b, n, n);
      a = sys.a();
    }

    /**
     * The one n×n buffer the partitions form A^F in, a copy of A made once a year; each partition
     * zeroes its blocks and restores them ({@link GvcPartition#foreignIn}, O(Σ|block|²) each).
     */
    double[] aBuffer() {
      if (aForeign == null) {
        aForeign = a.clone();
      }
      return aForeign;
    }
  }

  /** op(M) [c_1 … c_k] for an n×n matrix M: one dgemm (M read once for all k vectors). */
  static double[][] times(double[] m, Lapack lapack, boolean transpose, double[]... cs) {
    int n = cs[0].length;
    int k = cs.length;
    double[] in = new double[n * k];
    for (int j = 0; j < k; j++) {
      System.arraycopy(cs[j], 0, in, j * n, n);
    }
    double[] out = new double[n * k];
    if (k == 1) {
      lapack.dgemv(transpose, n, n, 1.0, m, in, 0.0, out);
    } else {
      lapack.dgemm(transpose, false, n, k, n, 1.0, m, n, in, n, 0.0, out, n);
    }
    double[][] r = new double[k][n];
    for (int j = 0; j < k; j++) {
      System.arraycopy(out, j * n, r[j], 0, n);
    }
    return r;
  }

  /** U1–U3: properties of sectors, independent of the partition (checked once). */
  static void upDownChecks(YearSystem sys, Shared sh, Checks ck) {
    int n = sys.n();
    double[] v = sys.v();
    double[] x = sys.x();
    double[] yTot = sys.yTot();
    double sumX = 0;
    double vaU = 0;
    double yD1 = 0;
    CheckResult.Builder u1u = null;
    CheckResult.Builder u1d = null;
    CheckResult.Builder u3u = null;
    CheckResult.Builder u3d = null;
    for (int k = 0; k < n; k++) {
      final int kk = k;
      Supplier<String> where = () -> sys.label(kk);
      sumX += x[k];
      vaU += v[k] * sh.bx[k]; // va_k U_k = v_k x_k (Bx)_k / x_k
      yD1 += yTot[k] * sh.colB[k];
      if (x[k] != 0) {
        double u = sh.bx[k] / x[k];
        if (u1u == null) {
          u1u = ck.identity("U1", "upstreamness U >= 1 (active sectors)");
          u1d = ck.identity("U1", "downstreamness D >= 1 (active sectors)");
        }
        u1u.compare(Math.min(u, 1.0), 1.0, where);
        u1d.compare(Math.min(sh.colB[k], 1.0), 1.0, where);
        if (sh.by[k] != 0 && v[k] != 0) {
          if (u3u == null) {
            u3u = ck.identity("U3", "U = PLv = (V̂BBŷ1) ⊘ (V̂Bŷ1)");
          }
          u3u.compare(sh.bby[k] / sh.by[k], u, where);
        }
        if (sh.vb[k] != 0) {
          if (u3d == null) {
            u3d = ck.identity("U3", "D = PLy = (1'V̂BBŷ) ⊘ (1'V̂Bŷ)");
          }
          u3d.compare(sh.vbb[k] / sh.vb[k], sh.colB[k], where);
        }
      }
    }
    ck.identity("U2", "va'U = 1'x").compare(vaU, sumX, "world");
    ck.identity("U2", "y'D = 1'x").compare(yD1, sumX, "world");
  }

  /**
   * Sums over one economy's rows by slot ({@link IndustrySlots}: the industries, the industry
   * aggregates, then "_T" = all its rows): the WWYZ components, the length numerators and
   * denominators, va, y, x, the upstreamness and downstreamness numerators (rows with x ≠ 0), and
   * the exports, IV and FV of the KWW position. An aggregate is summed exactly like "_T", over its
   * member industries' rows.
   */
  private static final class SlotSums {
    final double[][] f = new double[4][];
    final double[][] bw = new double[4][];
    final double[][] xv = new double[L_COUNT][];
    final double[][] vv = new double[4][];
    final double[][] xy = new double[L_COUNT][];
    final double[][] yy = new double[4][];
    final double[] va;
    final double[] yy0;
    final double[] xs;
    final double[] bxs;
    final double[] xd;
    final double[] ex;
    final double[] iv;
    final double[] fv;

    SlotSums(int slots) {
      for (double[][] a : new double[][][] {f, bw, xv, vv, xy, yy}) {
        for (int q = 0; q < a.length; q++) {
          a[q] = new double[slots];
        }
      }
      va = new double[slots];
      yy0 = new double[slots];
      xs = new double[slots];
      bxs = new double[slots];
      xd = new double[slots];
      ex = new double[slots];
      iv = new double[slots];
      fv = new double[slots];
    }

    static SlotSums of(YearSystem sys, Shared sh, WwyzTerms t, int[] rows, int[][] slotsOf, int slots) {
      double[] v = sys.v();
      double[] x = sys.x();
      double[] yTot = sys.yTot();
      SlotSums ss = new SlotSums(slots);
      for (int k : rows) {
        for (int s : slotsOf[sys.ind()[k]]) {
          for (int q = 0; q < 4; q++) {
            ss.f[q][s] += t.fwd[q][k];
            ss.bw[q][s] += t.bwd[q][k];
            ss.vv[q][s] += t.vv[q][k];
            ss.yy[q][s] += t.yy[q][k];
          }
          for (int q = 0; q < L_COUNT; q++) {
            ss.xv[q][s] += t.xv[q][k];
            ss.xy[q][s] += t.xy[q][k];
          }
          ss.va[s] += v[k] * x[k];
          ss.yy0[s] += yTot[k];
          ss.xs[s] += x[k];
          if (x[k] != 0) {
            ss.bxs[s] += sh.bx[k];
            ss.xd[s] += x[k] * sh.colB[k];
          }
          ss.ex[s] += t.e[k];
          ss.iv[s] += t.iv[k];
          ss.fv[s] += t.fv[k];
        }
      }
      return ss;
    }
  }

  /**
   * The check P6 of the year (industry aggregate of each WWYZ level = Σ of its members' rows, on the
   * rows as written), or null when the table has no industry aggregates.
   */
  static AggregateBlockCheck aggregateCheck(YearSystem sys, Checks ck) {
    IndustryAggregates agg = sys.industryAggregates();
    if (agg.count() == 0) {
      return null;
    }
    List<String> names = new ArrayList<>(List.of(FWD_NAMES));
    names.addAll(List.of(BWD_NAMES));
    CheckResult.Builder[] of = new CheckResult.Builder[names.size()];
    java.util.Arrays.fill(of, ck.identity("P6",
        "industry aggregate = sum of its member industries (gvc_measures WWYZ levels as written)"));
    return new AggregateBlockCheck(agg, sys.layout().industries(), List.of(""), names, of);
  }

  /**
   * The rows of one economy by industry, by industry aggregate (docs/methods.md §17), then "_T", into
   * gvc_measures. Levels (WWYZ_*) are sums over the slot's rows; every ratio is recomputed from the
   * slot's summed numerator and denominator, for an aggregate exactly as for "_T". {@code p6} (null
   * without aggregates) records the levels written and verifies them.
   */
  static void emit(YearSystem sys, Shared sh, WwyzTerms t, int[] rows, String code, ResultSink sink,
      AggregateBlockCheck p6) {
    IndustryAggregates agg = sys.industryAggregates();
    int tot = agg.slots();
    SlotSums ss = SlotSums.of(sys, sh, t, rows, IndustrySlots.containing(agg), tot + 1);
    List<String> industries = sys.layout().industries();
    double[] levels = new double[8];
    for (int i = 0; i <= tot; i++) {
      String in = IndustrySlots.code(agg, i, industries);
      for (int q = 0; q < 4; q++) {
        levels[q] = ss.f[q][i];
        levels[4 + q] = ss.bw[q][i];
        sink.gvcMeasure(FWD_NAMES[q], code, in, ss.f[q][i]);
        sink.gvcMeasure(BWD_NAMES[q], code, in, ss.bw[q][i]);
      }
      if (p6 != null) {
        p6.record("", in, levels);
      }
      sink.gvcMeasure("GVCPT_F", code, in, pct(ss.f[2][i] + ss.f[3][i], ss.va[i]));
      sink.gvcMeasure("GVCPT_F_S", code, in, pct(ss.f[2][i], ss.va[i]));
      sink.gvcMeasure("GVCPT_F_C", code, in, pct(ss.f[3][i], ss.va[i]));
      sink.gvcMeasure("GVCPT_B", code, in, pct(ss.bw[2][i] + ss.bw[3][i], ss.yy0[i]));
      sink.gvcMeasure("GVCPT_B_S", code, in, pct(ss.bw[2][i], ss.yy0[i]));
      sink.gvcMeasure("GVCPT_B_C", code, in, pct(ss.bw[3][i], ss.yy0[i]));
      sink.gvcMeasure("UPSTREAMNESS", code, in, ss.xs[i] == 0 ? Double.NaN : ss.bxs[i] / ss.xs[i]);
      sink.gvcMeasure("DOWNSTREAMNESS", code, in, ss.xs[i] == 0 ? Double.NaN : ss.xd[i] / ss.xs[i]);

      double plvGvc = emitLengths("PLV", ss.xv, ss.vv, i, code, in, sink);
      double plyGvc = emitLengths("PLY", ss.xy, ss.yy, i, code, in, sink);
      sink.gvcMeasure("GVC_POS", code, in, ratio(plvGvc, plyGvc));
      sink.gvcMeasure("GVC_POS_KWW", code, in, ss.ex[i] == 0 ? Double.NaN
          : Math.log1p(ss.iv[i] / ss.ex[i]) - Math.log1p(ss.fv[i] / ss.ex[i]));
    }
    if (p6 != null) {
      p6.verify(code);
    }
  }

  /** PLV/PLY and their segments for one slot; returns the GVC length (for the position index). */
  private static double emitLengths(String p, double[][] num, double[][] den, int i, String code, String in,
      ResultSink sink) {
    sink.gvcMeasure(p, code, in, ratio(num[L_TOT][i], den[V_TOT][i]));
    sink.gvcMeasure(p + "_D", code, in, ratio(num[L_D][i], den[V_D][i]));
    sink.gvcMeasure(p + "_RT", code, in, ratio(num[L_RT][i], den[V_RT][i]));
    double d = ratio(num[L_GVC_D][i], den[V_GVC][i]);
    double cb = ratio(num[L_GVC_CB][i], den[V_GVC][i]);
    double f = ratio(num[L_GVC_F][i], den[V_GVC][i]);
    sink.gvcMeasure(p + "_GVC_D", code, in, d);
    sink.gvcMeasure(p + "_GVC_CB", code, in, cb);
    sink.gvcMeasure(p + "_GVC_F", code, in, f);
    double gvc = d + cb + f;
    sink.gvcMeasure(p + "_GVC", code, in, gvc);
    return gvc;
  }
}
