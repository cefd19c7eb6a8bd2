package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Family "gvc": gross-export decompositions of one year (docs/methods.md §4–§6) into
 * {@code export_decomposition}, GVC measures (§6 participation, §8 WWYZ, §9 up/downstreamness, the
 * latter two in {@link GvcMeasures}) into {@code gvc_measures}, and the identities K, W, B, P, U
 * into {@code quality_checks}.
 *
 * <p><b>Economies.</b> As in {@link TivaCore}: computed on the split system, reported per economy
 * (a country = the union of its entities' rows, CN1×CN2 domestic; a configured group = the union of
 * its members' rows with its own L_gg, intra-group trade domestic). Partners r are always reporting
 * countries outside the exporting economy; third countries t likewise. Values by exporting industry
 * are summed over the economy's entities (CN1, CN2; group members).
 *
 * <p><b>Rows written</b> (method, exporter, importer, industry, term): for WWZ, BM_SOURCE and
 * BM_SINK every exporter × importer × exporting industry, with totals importer "WLD" and industry
 * "_T"; KWW at exporter × WLD × _T (its own formulas, §4) and exporter × importer × _T (the WWZ→KWW
 * mapping of decompr {@code wwz2kww}; KWW is not valid below that level).
 * <ul>
 * <li>WWZ: the 16 terms DVA_FIN, DVA_INT, DVA_INTrexI1, DVA_INTrexF, DVA_INTrexI2, RDV_FIN, RDV_FIN2,
 *     RDV_INT, DDC_FIN, DDC_INT, MVA_FIN, MVA_INT, MDC, OVA_FIN, OVA_INT, ODC; the exvatools
 *     aggregates VAX (1..5), REF (6..8), DVA (1..8), DDC (9+10), FVA (11+12+14+15), FDC (13+16);
 *     and EXGR.</li>
 * <li>KWW: DVA_FIN, DVA_INT, DVA_INTrex, RDV_FIN, RDV_INT, DDC, FVA_FIN, FVA_INT, FDC, EXGR.</li>
 * <li>BM_SOURCE: EXGR, DC, DVA, VAX, DAVAX, REF, DDC, FC, FVA, FDC, GVC, GVCB, GVCF.</li>
 * <li>BM_SINK: EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC.</li>
 * <li>BM_SOURCE and BM_SINK also the detailed terms of exvatools' {@code output = "terms"}: VAX1–VAX4,
 *     REF1–REF2, FVA1–FVA4 ({@link BmDetailedTerms}; rows and checks BD1–BD7 in {@link BmDetailedRows}).</li>
 * <li>Borin–Mancini perspectives (docs/decompositions.md): BM_SOURCE_BIL, BM_SOURCE_SECTEXP,
 *     BM_SOURCE_SECTBIL ({@link BmPerspectives}, {@link BmSectoral}); BM_SOURCE_WLD, BM_SINK_WLD
 *     ({@link BmWorld}); rows and checks BP1–BP4 in {@link BmPerspectiveRows}, BW1 here; sink-based
 *     BM_SINK_BIL, BM_SINK_SECTEXP ({@link BmSinkPerspectives}; rows and checks BK1–BK3 in
 *     {@link BmSinkRows}).</li>
 * <li>Borin–Mancini importer perspective BM_IMPORTER, BM_IMPORTER_ORIGIN ({@link BmImporter}) and the
 *     sink term VAXIM of BM_SINK ({@link BmVaxim}); rows in {@link BmImporterRows}, checks BI1–BI3.</li>
 * </ul>
 * gvc_measures: GVC_BM, GVCB_BM, GVCF_BM (percent of gross exports, source-based exporter
 * perspective, economy × exporting industry and _T).
 *
 * <p><b>Industry aggregates</b> (docs/methods.md §17, {@link YearSystem#industryAggregates()}): every
 * row by exporting industry is also written for each aggregate; every term is a level, so the
 * aggregate's term is the sum over its member industries, and GVC_BM, GVCB_BM, GVCF_BM are
 * recomputed from the aggregated GVC, GVCB, GVCF and EXGR. Checks W6 (WWZ rows) and B7 (BM rows) on
 * the rows as written: aggregate = Σ members.
 *
 * <p><b>Block algebra used</b> (M = I − A, S = the economy's rows, ¬ = the other rows; all exact):
 * <ul>
 * <li>B_SS = L_SS + L_SS A_S¬ B_¬S, so v_S(B_SS − L_SS) = d with d = (v_S L_SS A_S¬) B_¬S (O(nm)).</li>
 * <li>Extraction matrix A^(s) (S's foreign sales removed) is block lower triangular, and
 *     (M_¬¬)⁻¹ A_¬S = B_¬S B_SS⁻¹, so B^(s)_¬S = B_¬S B_SS⁻¹ L_SS and
 *     (M_¬¬)⁻¹ c = (B c̄)_¬ − B_¬S B_SS⁻¹ (B c̄)_S (c̄ = c extended by 0 on S). Hence BM's FVA multiplier
 *     Σ_{t∉s} v_t B^(s)_ts = (v_¬ B_¬S) B_SS⁻¹ L_SS and every B^(s)·vector are two m×m solves plus
 *     O(nm) — no B^(s), no inverse per exporter, no n×n×G array.</li>
 * <li>For γ = B^(s) y and a partner r ∉ S: L_rr Σ_{j∉r} A_rj γ_j = γ_r − L_rr y_r, which turns the
 *     exvatools sink terms into VAX^snk_sr = w∘(Y_sr + A_sr γ1_r), REF^snk_sr = w∘A_sr γ2_r,
 *     DDC^snk_sr = w∘A_sr β_r, with γ1 = B^(s)Ŷ_¬s, γ2 = B^(s)Y_·s, β = B^(s)_·S e_S; likewise
 *     source VAX_sr = u∘(Y_sr + A_sr x^(¬s)_r), REF_sr = u∘A_sr (B Y_·s)_r (u = v_S L_SS,
 *     w = v_S B_SS). The literal formulas are re-computed in the tests with explicit inverses.</li>
 * </ul>
 *
 * <p><b>Cost</b> (n rows, G countries, E economies, m rows of an economy, N industries): B·Y one
 * dgemm 2n²G (shared with nothing else; core multiplies v̂B·Y itself); B·ydiag one dgemv; explicit
 * country local inverses 2GN³; B_rr·Y_r· per country 2nNG. Per economy: LU of I − A_SS and of B_SS
 * (2·2m³/3), a dozen O(nm) passes over B_·S / A_S· / A_·S, and the partner loop: A_S,r times 14
 * vectors for every partner r, 28·m·(n − m) flops. Total ≈ 2n²G + 40n² + Σ_groups(4m³/3 + 40nm):
 * at n = 3645, G = 80 about 2 GFlop in dgemm and 0.6 GFlop in Java loops (see DecompositionsBenchTest).
 * Memory: besides A and B, n×G (B·Y), G×n (origin multipliers), a few n-vectors per economy.
 *
 * <p><b>Where each quantity is computed</b>: the year-level products in {@link GvcYear}; per
 * exporter the vectors, the solves on L_SS and B_SS, the B_·S passes, the extraction terms and the
 * KWW terms without a partner loop in {@link ExporterAlgebra}; the partner loop (WWZ, BM source,
 * BM sink per importer × industry) in {@link PartnerTerms}; the third-country detail in
 * {@link WwzThirdCountry}; rows and checks in {@link DecompositionRows}.
 */
public final class Decompositions {
  static final String WLD = "WLD";
  static final String TOTAL = "_T";

  /** WWZ term names in WWZ (2013) order (docs/methods.md §5). */
  public static final List<String> WWZ_TERMS = List.of("DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF",
      "DVA_INTrexI2", "RDV_FIN", "RDV_FIN2", "RDV_INT", "DDC_FIN", "DDC_INT", "MVA_FIN", "MVA_INT", "MDC",
      "OVA_FIN", "OVA_INT", "ODC");
  /** exvatools aggregates of the WWZ terms, then EXGR. */
  public static final List<String> WWZ_AGGREGATES = List.of("VAX", "REF", "DVA", "DDC", "FVA", "FDC", "EXGR");
  /** KWW (2014) terms in order, then EXGR. */
  public static final List<String> KWW_TERMS = List.of("DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT",
      "DDC", "FVA_FIN", "FVA_INT", "FDC", "EXGR");
  public static final List<String> BM_SOURCE_TERMS = List.of("EXGR", "DC", "DVA", "VAX", "DAVAX", "REF", "DDC",
      "FC", "FVA", "FDC", "GVC", "GVCB", "GVCF");
  /** Borin–Mancini bilateral perspective, source-based (method BM_SOURCE_BIL; {@link BmPerspectives}). */
  public static final List<String> BM_SOURCE_BIL_TERMS = BmPerspectives.TERMS;
  public static final List<String> BM_SINK_TERMS = List.of("EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA",
      "FDC");

  private Decompositions() {}

  /** Builds the year's system and computes the whole gvc family. */
  public static TivaSummary compute(MrioYear year, TivaOptions options, ResultSink sink) {
    return compute(YearSystem.build(year, options), sink);
  }

  /** The whole gvc family (decompositions here, then {@link GvcMeasures}) on a solved system. */
  public static TivaSummary compute(YearSystem sys, ResultSink sink) {
    long t0 = System.nanoTime();
    Checks checks = new Checks(sink, sys.options().algebraTolerance());
    Run run = new Run(sys, sink, checks);
    run.run();
    long t1 = System.nanoTime();
    Map<String, Double> steps = new LinkedHashMap<>(run.steps);
    steps.put("decompositions (KWW, WWZ, BM)", (t1 - t0) / 1e9);
    steps.putAll(GvcMeasures.compute(sys, sink, checks));
    List<CheckResult> results = checks.finish();
    double secs = (System.nanoTime() - t0) / 1e9 + sys.buildSeconds();
    return new TivaSummary(sys.year().year(), sys.n(), secs, sys.leontiefSeconds(), sys.lapack().backend(), results,
        steps);
  }

  /**
   * The decompositions of every economy of one year, with the step timings (the only mutable state:
   * the lap clock and the timings it fills).
   */
  private static final class Run {
    final YearSystem sys;
    final ResultSink sink;
    final Checks checks;
    final Map<String, Double> steps = new LinkedHashMap<>();
    long lapT;
    BmDetailYear detailYear; // the year's products of the detailed BM terms (set in run)
    AggregateBlockCheck detailAgg; // their check BD7 (null without aggregates)

    Run(YearSystem sys, ResultSink sink, Checks checks) {
      this.sys = sys;
      this.sink = sink;
      this.checks = checks;
    }

    void lap(String step) {
      long now = System.nanoTime();
      steps.merge(step, (now - lapT) / 1e9, Double::sum);
      lapT = now;
    }

    void run() {
      lapT = System.nanoTime();
      GvcYear yr = GvcYear.of(sys);
      lap("gvc: B·Y, local inverses, B_rr·Y (year level)");
      WwzThirdCountry third = null;
      if (sys.options().wwzThirdCountry() != TivaOptions.ThirdCountry.OFF) {
        third = new WwzThirdCountry(sys, yr);
        lap("gvc: WWZ third-country detail");
      }
      AggregateBlockCheck agg = DecompositionRows.aggregateCheck(sys, checks);
      detailYear = BmDetailYear.of(sys, yr);
      detailAgg = BmDetailedRows.aggregateCheck(sys, checks);
      lap("gvc: BM detailed terms (VAX1-4, REF1-2, FVA1-4)");
      BmWorld world = new BmWorld(sys, yr);
      double[] worldFva = new double[2]; // Σ over the countries of FVA^W source, sink
      for (YearSystem.Economy eco : sys.economies()) {
        economy(yr, eco, third, agg, world, worldFva);
      }
      checks.identity("BW1", "BM world perspective: Σ over countries of FVA, sink = source (one world perimeter)")
          .compare(worldFva[1], worldFva[0], "world");
    }

    /**
     * One exporting economy: its algebra, the partner loop, rows, checks, the Borin–Mancini
     * perspectives (bilateral, sectoral, world: {@code worldFva} accumulates the countries' world FVA,
     * source and sink, for check BW1), third-country detail (if not null); {@code agg} the year's
     * industry-aggregate check of the rows (null without aggregates).
     */
    void economy(GvcYear yr, YearSystem.Economy eco, WwzThirdCountry third, AggregateBlockCheck agg, BmWorld world,
        double[] worldFva) {
      int[] rows = eco.rows();
      ExporterAlgebra.Vectors ev = ExporterAlgebra.Vectors.of(sys, yr, eco);
      lap("gvc: economy vectors");
      ExporterAlgebra.LocalSolves ls = ExporterAlgebra.LocalSolves.of(sys, eco, ev);
      lap("gvc: LU of I-A_ss, B_ss, solves");
      // contiguous rows (every country; a group whose members are adjacent): the O(nm) passes over
      // A_S·, A_·S, B_·S are BLAS calls on the blocks in place; otherwise Java loops over the rows
      int s0 = sys.options().blockBlas() ? GvcYear.contiguousStart(rows) : -1;
      ExporterAlgebra.BlockPasses bp = ExporterAlgebra.BlockPasses.of(sys, yr, eco, ev, ls.u(), s0);
      ExporterAlgebra.Extraction ext = ExporterAlgebra.Extraction.of(sys, rows, s0, ev, ls, bp);
      lap("gvc: B_.S passes (extraction via B_ss^-1)");
      PartnerTerms.Exporter ex = new PartnerTerms.Exporter(eco, s0, ev, ls, bp, ext);
      double[] tv = PartnerTerms.partnerVectors(sys, yr, ex);
      ExporterAlgebra.DirectTerms dt = ExporterAlgebra.DirectTerms.of(sys, yr, rows, s0, ev, ls);
      lap("gvc: partner vectors, KWW direct");
      PartnerTerms pt = PartnerTerms.of(sys, yr, ex, tv);
      lap("gvc: partner loop A_sr x 14 vectors");
      double[] kww = {dt.kww1(), dt.kww2(), dt.kww3(), dt.kww4(), dt.kww5(), dt.kww6(), dt.kww7(), pt.kww8(),
          pt.kww9(), dt.exgr()};
      ExporterAlgebra.Absorbed va = ExporterAlgebra.Absorbed.of(sys, yr, eco);
      DecompositionRows.emit(sys, eco, pt.out(), kww, sink, agg);
      DecompositionRows.check(sys, eco, pt.out(),
          new DecompositionRows.CountryTotals(kww, dt, va.abroad(), va.home() - dt.uYss()), checks);
      lap("gvc: emit, checks");
      double[] det = BmDetailedTerms.of(sys, yr, detailYear, ex, tv);
      BmDetailedRows.emit(sys, eco, det, sink, detailAgg);
      BmDetailedRows.check(sys, eco, det, pt.out(), va.home() - dt.uYss(), va.abroad(), checks);
      lap("gvc: BM detailed terms (VAX1-4, REF1-2, FVA1-4)");
      BmPairBlocks.Economy pairBlocks = BmPairBlocks.Economy.of(sys, yr, eco, ev);
      BmPerspectives.Outputs persp = BmPerspectives.of(sys, yr, eco, ev, pairBlocks, checks);
      BmPerspectiveRows.emit(sys, eco, persp, sink);
      BmPerspectiveRows.check(sys, eco, persp, pt.out(), checks);
      lap("gvc: BM bilateral and sectoral perspectives");
      BmSinkPerspectives.Outputs sinkPersp = BmSinkPerspectives.of(sys, yr, eco, ev, pairBlocks);
      BmSinkRows.emit(sys, eco, sinkPersp, sink);
      BmSinkRows.check(sys, eco, sinkPersp, persp, pt.out(), checks);
      lap("gvc: BM sink bilateral and sectexp perspectives");
      double[] fw = world.fva(eco, ls.lE(), ev.fm());
      BmPerspectiveRows.emitWorld(sys, eco, pt.out(), fw, sink);
      if (!eco.group()) {
        worldFva[0] += fw[0];
        worldFva[1] += fw[1];
      }
      lap("gvc: BM world perspective");
      BmImporterRows.economy(sys, yr, eco, ev, ls, sink, checks);
      lap("gvc: BM importer perspective, VAXIM");
      if (third != null) {
        third.exporter(eco, s0, ls.u(), ev.yToS(), pt.out(), checks, sink);
        lap("gvc: WWZ third-country detail");
      }
    }
  }
}
