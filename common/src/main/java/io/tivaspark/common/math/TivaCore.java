package io.tivaspark.common.math;

import io.tivaspark.common.math.YearSystem.Economy;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import java.util.List;

/**
 * OECD TiVA indicators of one year (docs/methods.md §3, §7) with their identity checks (§3.4, §7, §11).
 *
 * <p><b>Economies.</b> Everything is computed on the split system (entities, e.g. CN1, CN2) and reported
 * per economy: a reporting country is the set of its entities' rows (all its blocks, incl. CN1×CN2,
 * are domestic: A_ss, L_ss, B_ss, its exports exclude sales to its own other part), and a configured
 * group is the union of its present members' rows (intra-group trade domestic, its own L_gg). Sums
 * over rows of the economy (and over entities of one industry) are taken before any ratio. The table
 * is never aggregated first (§2.4).
 *
 * <p><b>Indicators written</b> (country = economy code, partner = reporting country, "WLD" = all
 * partners, industry = industry code or "_T"; MONEY unless stated; PCT shares are NaN when the
 * denominator is 0):
 * <ul>
 * <li>PROD, VALU (× industry, _T), PROD_VASH (PCT)</li>
 * <li>EXGR, EXGR_INT, EXGR_FNL (exporter × partner × exporting industry, + WLD, + _T);
 *     IMGR, IMGR_INT, IMGR_FNL (importer × partner × partner's industry, + WLD, + _T);
 *     BALGR (× partner, WLD; _T); EXGRpSH, IMGRpSH (PCT, partner shares × industry)</li>
 * <li>EXGR_DVA, EXGR_FVA (exporter × destination partner × exporting industry, + WLD, + _T);
 *     EXGR_DDC, EXGR_IDC, EXGR_RIM (× exporting industry, WLD); EXGR_DVASH (× partner × industry),
 *     EXGR_FVASH, EXGR_TDVAIND, EXGR_TFVAIND, EXGR_INTDVASH, EXGR_FNLDVASH (WLD × industry);
 *     EXGR_DVApSH (× partner × industry)</li>
 * <li>DEXFVApSH (PCT; partner = <i>origin</i> country of the foreign VA, × exporting industry);
 *     FEXDVApSH (PCT; partner = country whose exports embody s's VA, _T);
 *     EXGR_DVAFXSH (PCT; × <i>source</i> industry of s, WLD)</li>
 * <li>IMGR_DVA (importer × partner × partner's industry), IMGR_DVASH (PCT)</li>
 * <li>FFD_DVA (× partner × source industry), DFD_DVA (WLD × source industry: domestic VA in domestic
 *     final demand — OECD shows it as origin "DXD" of FD_VA and has no principal-indicator code;
 *     DFD_DVA is our code), DFD_FVA (× origin partner × origin industry), BALVAFD (× partner, _T),
 *     FFD_DVApSH, DFD_FVApSH (PCT), VALU_FFDDVA (PCT, × source industry)</li>
 * <li>FD_VA (partner = origin country, "DXD" = domestic origin, WLD = total; _T); CONS_VA, GFCF_VA
 *     likewise with final demand restricted to the configured categories (default HFCE+NPISH+GGFC,
 *     resp. GFCF; written only if the layout has one of them). Source: OECD TiVA topic page
 *     ("origin of value added in final consumption (by households and government) and in gross fixed
 *     capital formation") and OECD.Stat TIVA_2022_C3 metadata ("DXD: Domestic").</li>
 * <li>EXGR_SERV_DVASH, EXGR_SERV_FVASH (PCT × exporting industry, only when service industries are
 *     configured): domestic / foreign VA created in service industries (origin rows k ∈ services),
 *     as a share of gross exports. Sources: INE TiVA metadata id 594 (v L e restricted to services),
 *     tradeweave.org note on OECD TiVA 2023 EXGR_SERV_DVA/EXGR_SERV_FVA (percent of gross exports).</li>
 * <li>VAX_RATIO (RATIO, Johnson–Noguera §7): country × partner × _T = VAX_{s→r}/EXGR_{s,r};
 *     country × WLD × industry = producing-sector ratio FFD_DVA_i/EXGR_i; country × WLD × _T;
 *     and country "WLD" × "WLD" × _T = world ΣVAX/ΣEXGR (countries only).</li>
 * <li>Codes of the 2021 / 2025 lists (docs/methods.md §3.5): BALGR_INT, BALGR_FNL (× partner, WLD; _T);
 *     EXGR_INT_DVA (× partner × exporting industry), EXGR_INTDVApSH (PCT); EXGR_SERV_DVA, EXGR_SERV_FVA
 *     (levels, only with service industries); REII (× origin partner × imported industry, with the
 *     local inverse L_ss), IMGRINT_REII (PCT); FD_VASH, CONS_VASH, GFCF_VASH (PCT, origin t and DXD).</li>
 * </ul>
 * Not written (code unconfirmed, methods §3.5): EXGR_FNLDVApSH and the levels behind EXGR_FNLDVASH,
 * DEXFVApSH, FEXDVApSH, EXGR_DVAFXSH.
 *
 * <p>Where each quantity is computed: input checks I1–I3 {@link InputChecks}; gross trade {@link GrossTrade};
 * domestic / foreign VA in exports {@link ExportValueAdded}; DDC / IDC / RIM {@link DomesticContent};
 * REII {@link ReexportedImports};
 * VA in others' exports and in imports {@link ForwardValueAdded}; final-demand VA {@link FinalDemandValueAdded};
 * identities S*, T*, J* {@link CoreIdentities}; rows {@link EconomyWriter} through the {@link Indicator}
 * catalog; the VA tables {@link VaTables}. Shared per-year quantities (Zc, e, vbc, B·e, v̂BY) are the
 * {@link YearSystem}'s.
 *
 * <p>Tables: va_final_demand = v̂BY by source country-industry × demand country; va_origin_exports =
 * v_k B_kj e_j (e = country-level gross exports) by source country-industry × exporter
 * country-industry, split entities summed. Countries only (not groups). Two OECD cubes after them:
 * va_origin_imports (IMGR_BSCI, {@link ImportsOrigin}, check J3) and va_final_demand_product
 * (FDVA_BSCI, {@link FinalProductVa}, check J4), each checked against the economies' totals
 * ({@link CountryTotals}); and va_exports_destination (OECD FD_EXGR_VA, unless
 * tiva.run.exports-destination is off) = VA of origin country × exporter (× exporting industry) ×
 * country of final destination, through intermediate (INT) or final (FNL) exports, with checks J6–J8
 * ({@link ExportsDestination}).
 *
 * <p><b>Cost</b> (n = entities·N, G countries, E economies = G + groups, m rows of one economy):
 * A, I − A O(n²); B = (I − A)⁻¹ by dgetrf + dgetri 2n³ (the only n³ step besides the optional full
 * I3 check: one n³ dgemm, ~1 s native at n = 3645; default is 64 sampled columns, 2n²·64);
 * v̂B[Y|Y_cons|Y_gfcf] one dgemm 2n²·3G; origin-country multipliers v_t B_·j one pass over B O(n²);
 * B·e one dgemv; J1 terms one dgemm 2n²·E; per economy: trade O(m·G), LU of I − A_ss 2m³/3 plus N
   * transposed solves 2m²N (DDC/IDC) and two plain solves 4m² (REII; no local inverse formed), RIM and
   * REII O(m·n) each, imports/forward O(n·G); va_origin_exports O(n²) streamed through a GN buffer;
   * va_origin_imports O(n·G²) from the origin multipliers; va_final_demand_product one strided dgemm
   * per industry, 2n²G; va_exports_destination one pass over A (2n²G flops as per-country dgemms)
   * and 2n·G² for the cube. Memory: A, B, the I3 product (full check
 * only) and n×3G, n×E blocks: at most 3 n² doubles at once; never n×n×G.
 */
public final class TivaCore {
  private final Checks checks;
  private final StepTimer timer = new StepTimer();
  private final YearSystem sys;
  private final ResultSink sink;
  private AggregateRowCheck a1;

  private TivaCore(YearSystem sys, ResultSink sink) {
    this.sys = sys;
    this.sink = sink;
    this.checks = new Checks(sink, sys.options().algebraTolerance());
  }

  /** Computes every indicator of one year into {@code sink} and returns a summary with the checks. */
  public static TivaSummary compute(MrioYear year, TivaOptions options, ResultSink sink) {
    return compute(YearSystem.build(year, options), sink);
  }

  /**
   * The same on an already solved system (the jobs build one {@link YearSystem} per year and hand it
   * to every family, so B is factorised once). The summary's seconds include the system's build.
   */
  public static TivaSummary compute(YearSystem system, ResultSink sink) {
    return new TivaCore(system, sink).run();
  }

  private TivaSummary run() {
    long t0 = System.nanoTime() - (long) (sys.buildSeconds() * 1e9);
    timer.put("input, A, B = (I-A)^-1 (YearSystem)", sys.buildSeconds());
    InputChecks.inputs(sys, checks);
    timer.lap("checks I1-I2");
    InputChecks.inverse(sys, checks); // n³ dgemm (or 2n²·64)
    timer.lap("check I3");
    sys.vaFinalDemand(); // 2n²·GF
    timer.lap("VBY");
    sys.countryExports(); // O(n²)
    sys.originMultipliers(); // O(n²), one pass over B (with the service variant)
    CoreIdentities.s1(sys, checks);
    sys.exportsOutput(); // dgemv
    timer.lap("exports, origin multipliers");
    List<Economy> economies = sys.economies();
    a1 = EconomyWriter.a1(sys, checks);
    double[] kww = CoreIdentities.kwwTerms(sys, economies);
    timer.lap("J1 terms");
    CoreIdentities.WorldSums world = new CoreIdentities.WorldSums(0, 0, 0, 0, 0);
    CountryTotals[] totals = new CountryTotals[sys.g()]; // what the cubes must add up to (J3, J4)
    for (int q = 0; q < economies.size(); q++) {
      EconomyResults res = economy(economies.get(q), kww[q]);
      if (!res.eco().group()) {
        totals[sys.layout().countryIndex(res.eco().code())] = CountryTotals.of(res);
        world = world.plus(res);
      }
    }
    CoreIdentities.world(sys, world, checks);
    sink.indicator(Indicator.VAX_RATIO.code(), Codes.WLD, Codes.WLD, Codes.TOTAL, Codes.ratio(world.ffd(), world.exgr()),
        Indicator.VAX_RATIO.unit());
    VaTables.write(sys, sink);
    timer.lap("va tables");
    ImportsOrigin.write(sys, totals, sink, checks);
    timer.lap("va_origin_imports");
    FinalProductVa.write(sys, totals, sink, checks);
    timer.lap("va_final_demand_product");
    if (sys.options().exportsDestination() != TivaOptions.DestinationDetail.OFF) {
      double[] ei = ExportsDestination.foreignIntermediateByDestination(sys); // one pass over A
      timer.lap("exports by destination: A^m·BY");
      ExportsDestination.write(sys, ei, totals, checks, sink);
      timer.lap("exports by destination: cube, J6-J8, rows");
    }
    checks.flush();
    double secs = (System.nanoTime() - t0) / 1e9;
    return new TivaSummary(sys.year().year(), sys.n(), secs, sys.leontiefSeconds(), sys.lapack().backend(),
        checks.results(), timer.steps());
  }

  /** Every quantity of one economy, then its rows and identities. */
  private EconomyResults economy(Economy eco, double kww) {
    boolean[] inEco = new boolean[sys.n()];
    for (int k : eco.rows()) {
      inEco[k] = true;
    }
    GrossTrade trade = GrossTrade.of(sys, eco, inEco);
    ExportValueAdded exportVa = ExportValueAdded.of(sys, eco, trade.eRow());
    timer.lap("economies: trade");
    DomesticContent domestic = DomesticContent.of(sys, eco, inEco, trade.eRow());
    ReexportedImports reexported = ReexportedImports.of(sys, eco, inEco, domestic.localOutput());
    timer.lap("economies: local inverse, RIM, REII");
    ForwardValueAdded forward = ForwardValueAdded.of(sys, eco, inEco, trade.salesToEco());
    timer.lap("economies: forward, imports");
    FinalDemandValueAdded fd = FinalDemandValueAdded.of(sys, eco, inEco);
    timer.lap("economies: VBY, J1");
    EconomyResults res = new EconomyResults(eco, trade, exportVa, domestic, reexported, forward, fd, kww);
    new EconomyWriter(sink, sys, res, a1).write();
    CoreIdentities.economy(res, sys, checks);
    timer.lap("economies: emit");
    return res;
  }
}
