package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Unit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole TiVA computation on real data: the WIOD 2013 release, 1995–2009 (41 regions × 35
 * industries, n = 1435), as written in ICIO layout under {@code <tiva.shared.dir>/data/wiod2013}
 * (see its README for the oddities: unbalanced rows, zero-output sectors, negative inventories).
 *
 * <p>Every year is read with {@link IcioCsv#read(Path, int)} and computed with the default options
 * (x = Z1 + y, va = x − Z'1, tolerance 1e-9 relative) plus two groups, EU27 (the 26 EU-27 members in
 * WIOD; HRV is not in WIOD) and NAFTA (CAN, MEX, USA), and final-demand categories mapped to WIOD's
 * codes (c37–c39 consumption, c41 GFCF). A streaming sink checks every row written (the real
 * table has ~1.3 million indicator rows and ~2 million va_origin_exports rows per year, too many
 * for {@link CollectingSink}) and keeps only the rows asserted on.
 *
 * <p>Asserted per year: every identity check except I1 and the I2 flags holds at 1e-9 (no identity
 * needed the reference's looser 1e-6: the largest passing error is ~1e-13), except where "ghost"
 * sectors (x = Z1 + y = 0 with non-zero cells, see {@link #ghostSectorsBreakIdentities}) break T1,
 * T7, T8 (and in 2002 I3, J2, T5) by at most the size of their cells, and the same table with those
 * cells zeroed satisfies all of them; I1 (row balance against the published OUT) fails at the OECD
 * tolerance, names a row, and its max |error| equals the README's max |r|; no money value is NaN or
 * infinite; empty sectors (x = 0) give NaN ratios; negative final demand (inventories) is kept;
 * headline figures lie in loose economic bounds. The table of headline figures is printed.
 *
 * <p>Runs: {@link #defaultYearsOfWiod} (1995 and 2009, the ends of the world VAX trend; or
 * {@code -Dtiva.wiod.years=...}; 2002 is read by {@link #sectorsWithoutOutput});
 * {@link #everyYearOfWiod} all 15 years with {@code -Dtiva.slow=true}; the known issue with
 * {@code -Dtiva.wiod.strict=true}.
 */
class WiodRealDataTest {

  static final int FIRST = 1995;
  static final int LAST = 2009;

  /** EU-27 (2020 composition) members present in WIOD 2013: all but HRV. */
  static final List<String> EU27 = List.of("AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST",
      "FIN", "FRA", "GRC", "HUN", "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
      "SVN", "SWE");
  static final List<String> NAFTA = List.of("CAN", "MEX", "USA");

  /** README "max |r| (row)" per year, 1995..2009: the largest |OUT − Z1 − y| of the table. */
  static final double[] README_MAX_ABS_R = {106, 100, 103, 101, 100, 113, 94, 98, 107, 107, 102, 98, 101, 103, 104};

  static TivaOptions options() {
    return TivaOptions.builder()
        .group("EU27", EU27)
        .group("NAFTA", NAFTA)
        .consumptionCategories(Set.of("c37", "c38", "c39"))
        .gfcfCategories(Set.of("c41"))
        .build();
  }

  static Path wiod(int year) {
    return SharedData.require("data/wiod2013/wiot_" + year + ".csv.gz");
  }

  /** Years of the default run, or those of {@code -Dtiva.wiod.years=1995,2002,...}. */
  static List<Integer> defaultYears() {
    String prop = System.getProperty("tiva.wiod.years", "");
    List<Integer> out = new ArrayList<>();
    if (prop.isBlank()) {
      return List.of(1995, 2009);
    }
    for (String s : prop.split(",")) {
      out.add(Integer.parseInt(s.trim()));
    }
    return out;
  }

  /** Headline figures of one year. */
  record Headline(int year, double chn, double deu, double usa, double eu27, double nafta, double worldVax,
      String i1Worst, double i1MaxRel, double i1MaxAbs, double readSeconds, double computeSeconds,
      String ghosts, double ghostMass, String ghostFailures, double maxPassingRel, double leontiefSeconds) {}

  /**
   * 1995 and 2009 in the default suite (four years took 317 s at load 40 on 2 cores); every year,
   * with China's 1995-2005-2009 trend, in {@link #everyYearOfWiod} (bin/test --slow, which CI runs).
   */
  @Test
  void defaultYearsOfWiod() {
    sweep(defaultYears());
  }

  /**
   * Every year 1995–2009: 15–40 s on 2 cores (reading ~0.2 s, computing 0.5–3 s a year, twice in
   * the 13 years with ghost sectors), so only with {@code -Dtiva.slow=true}.
   */
  @Test
  @Tag("slow")
  void everyYearOfWiod() {
    Assumptions.assumeTrue(Boolean.getBoolean("tiva.slow"), "slow test: run with -Dtiva.slow=true");
    List<Integer> all = new ArrayList<>();
    for (int y = FIRST; y <= LAST; y++) {
      all.add(y);
    }
    sweep(all);
  }

  static void sweep(List<Integer> years) {
    wiod(years.get(0)); // skip early if the data is absent
    Map<Integer, Headline> heads = new TreeMap<>();
    for (int year : years) {
      heads.put(year, checkYear(year));
    }

    System.out.println();
    System.out.println("WIOD 2013, default options (x = Z1 + y, va = x - Z'1 incl. taxes/margins); EXGR_DVASH in %,"
        + " partner WLD, all industries");
    System.out.println("year   CHN    DEU    USA   EU27  NAFTA  WLD_VAX  I1 max|r| (worst rel row)   max rel err"
        + " (passing ids)  read s  compute s (B s)");
    for (Headline h : heads.values()) {
      System.out.printf("%d  %5.2f  %5.2f  %5.2f  %5.2f  %5.2f  %7.4f  %5.0f %-22s  %9.1e  %20.2f  %9.2f (%.2f)%n",
          h.year(), h.chn(), h.deu(), h.usa(), h.eu27(), h.nafta(), h.worldVax(), h.i1MaxAbs(),
          "(" + String.format("%.3g", h.i1MaxRel()) + " " + h.i1Worst() + ")", h.maxPassingRel(), h.readSeconds(),
          h.computeSeconds(), h.leontiefSeconds());
    }
    System.out.println("ghost rows (x = Z1 + y = 0 but non-zero cells; identities they break, max |error|):");
    for (Headline h : heads.values()) {
      if (!h.ghosts().isEmpty()) {
        System.out.printf("  %d  %-24s mass %4.0f  %s%n", h.year(), h.ghosts(), h.ghostMass(), h.ghostFailures());
      }
    }

    // The world VAX ratio falls over the period (Johnson–Noguera 2012/2017: production fragments);
    // 2009 is the trade-collapse year and rebounds, but still stays below 1995.
    int late = heads.containsKey(2008) ? 2008 : 2009;
    if (heads.containsKey(1995) && heads.containsKey(late)) {
      assertTrue(heads.get(late).worldVax() < heads.get(1995).worldVax() - 0.02,
          "world VAX ratio should fall from 1995 to " + late + ": " + heads.get(1995).worldVax() + " -> "
              + heads.get(late).worldVax());
    }
    // China's foreign content peaks in the mid-2000s and its domestic share rises again by 2009
    // (KWW 2014 Table 5 trend; Kee–Tang 2016 for processing exporters): 2009 above 2005.
    if (heads.containsKey(2005) && heads.containsKey(2009)) {
      assertTrue(heads.get(2009).chn() > heads.get(2005).chn(), "CHN EXGR_DVASH 2005 -> 2009");
    }
    // and it falls from the late 1990s to the mid-2000s (WTO entry, processing trade)
    if (heads.containsKey(1995) && heads.containsKey(2005)) {
      assertTrue(heads.get(2005).chn() < heads.get(1995).chn() - 5, "CHN EXGR_DVASH 1995 -> 2005");
    }
  }

  /**
   * Sectors with zero row-sum output but non-zero cells. WIOD books +k / −k inventory changes in
   * two countries for a sector with OUT = 0 (2000: LUX_c8 exports −11 to ROW), and once puts
   * inputs into a sector with an empty row (2002: LVA_c24). With v = 1 − 1'A (v = 1 where x = 0,
   * IoMath.vaCoefficientsResidual) the first case keeps every identity; its ratios are null. The
   * second is an inconsistency of the table itself: the inputs cannot enter A, so x = By (I3), T5,
   * T7, J2, J4's VALU scope (its va is −inputs, absorbed nowhere) and T13 (its imported inputs are in
   * IMGR_INT, not in A) miss by about those inputs; I2 "no inputs into zero-output sectors" names the sector.
   */
  @Test
  void sectorsWithoutOutput() {
    for (int year : List.of(2000, 2002)) {
      MrioYear t = IcioCsv.read(wiod(year), year);
      ScanSink sink = new ScanSink();
      TivaSummary s = TivaCore.compute(t, options(), sink);
      CheckResult ghost = s.check("I2", "no inputs into zero-output sectors");
      for (CheckResult c : s.checks()) {
        if (c.check().equals("I1") || c.check().equals("I2") || c.passed()) {
          continue;
        }
        assertEquals(2002, year, "only 2002 has inputs into a zero-output sector: " + c);
        // T13's first identity (REII + imports absorbed at home = IMGR_INT) needs Z = A·x̂ on the
        // imports of s, which the inputs into a zero-output sector break by exactly those inputs
        assertTrue(List.of("I3", "T5", "T7", "J2", "J4", "T13").contains(c.check()), c.toString());
        assertTrue(c.maxAbsError() <= 1.5 * ghost.maxAbsError(), c + " vs inputs " + ghost);
      }
      if (year == 2000) {
        assertTrue(ghost.passed(), ghost.toString());
        assertTrue(Double.isNaN(sink.get("EXGR_DVASH", "LUX", "WLD", "c8")), "ratio of a zero-output sector is null");
        assertEquals(-11.0, sink.get("EXGR", "LUX", "WLD", "c8"), 1e-9);
      } else {
        assertFalse(ghost.passed());
        assertEquals("LVA_c24", ghost.worst());
      }
    }
  }

  /** Reads, computes and checks one year; returns its headline figures. */
  static Headline checkYear(int year) {
    long t0 = System.nanoTime();
    MrioYear t = IcioCsv.read(wiod(year), year);
    long t1 = System.nanoTime();
    Layout lay = t.layout();
    int n = t.n();
    assertEquals(1435, n);
    assertEquals(List.of("c37", "c38", "c39", "c41", "c42"), lay.categories());

    // what the table says about the rows the sink must get right
    double[] y = t.finalDemandByCountry();
    double[] zRow = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        zRow[i] += t.zAt(i, j);
      }
    }
    double[] rowSum = new double[n];
    for (int i = 0; i < n; i++) {
      double s = zRow[i];
      for (int r = 0; r < lay.countryCount(); r++) {
        s += y[i + r * n];
      }
      rowSum[i] = s;
    }
    // the most negative final-demand purchase by a foreign country (s -> r, r != s): an inventory
    // draw-down that must show up, negative, as EXGR_FNL (s, r, industry)
    int negRow = -1;
    int negPartner = -1;
    double negVal = 0;
    for (int r = 0; r < lay.countryCount(); r++) {
      for (int i = 0; i < n; i++) {
        if (lay.countryOfRow(i) != r && y[i + r * n] < negVal) {
          negVal = y[i + r * n];
          negRow = i;
          negPartner = r;
        }
      }
    }

    // "Ghost" sectors: x = Z1 + y = 0 but non-zero cells. WIOD books +k in the country's own
    // inventories (c42) and -k in ROW's (or the reverse) for a sector with OUT = 0, e.g. 2000 LUX_c8:
    // LUX_c42 = +11, ROW_c42 = -11 (so its exports are -11); and 2002 LVA_c24 has OUT = 2, an empty
    // row and 1 of intermediate inputs (va = -1). "mass" = sum of |cells| in their rows and columns.
    List<Integer> ghostRows = new ArrayList<>();
    double ghostMass = 0;
    for (int k = 0; k < n; k++) {
      if (rowSum[k] != 0) {
        continue;
      }
      double m = 0;
      for (int j = 0; j < n; j++) {
        m += Math.abs(t.zAt(k, j)) + (j == k ? 0 : Math.abs(t.zAt(j, k)));
      }
      for (int c = 0; c < lay.finalDemandColumns(); c++) {
        m += Math.abs(t.finalDemandAt(k, c));
      }
      if (m > 0) {
        ghostRows.add(k);
        ghostMass += m;
      }
    }

    ScanSink sink = new ScanSink();
    if (negRow >= 0) {
      sink.keep(ScanSink.key("EXGR_FNL", lay.countries().get(lay.countryOfRow(negRow)),
          lay.countries().get(negPartner), lay.industries().get(lay.industryOfRow(negRow))));
    }
    TivaSummary s = TivaCore.compute(t, options(), sink);
    long t2 = System.nanoTime();

    // ---- identity checks ----
    CheckResult i1 = null;
    List<CheckResult> failed = new ArrayList<>();
    for (CheckResult c : s.checks()) {
      switch (c.check()) {
        case "I1":
          if (c.scope().startsWith("row")) {
            i1 = c;
          } else {
            // column balance: the file's VA row is OUT - colsum(Z), so it holds exactly
            assertTrue(c.passed() && c.maxAbsError() == 0, year + ": " + c);
          }
          break;
        case "I2":
          // flags, not identities (docs/methods.md §11 I2, §12.3): report. Z is never negative; with
          // x = Z1 + y below Z'1 a few small sectors get va < 0 and an A column sum >= 1.
          if (c.scope().equals("negative Z")) {
            assertTrue(c.passed(), year + ": " + c);
          } else if (!c.passed()) {
            assertTrue(c.worst().matches("[A-Z]{3}_c[0-9]+"), year + ": I2 names no row: " + c);
          }
          break;
        default:
          // every identity at the default 1e-9 relative; none needed the reference's 1e-6 for
          // whole-year sums (the worst passing error on WIOD is 8e-14, see the printed table)
          assertEquals(1e-9, c.tolerance(), 0.0, c.toString());
          if (!c.passed()) {
            failed.add(c);
          }
      }
    }
    // The only failures allowed are those caused by the ghost rows (KNOWN ISSUE, see
    // ghostSectorsBreakIdentities): their x = 0, so v = 0 and their exports / final demand carry no VA.
    for (CheckResult c : failed) {
      assertFalse(ghostRows.isEmpty(), year + ": identity failed with no ghost row: " + c);
      assertTrue(c.maxAbsError() <= ghostMass + 1e-6, year + ": error beyond the ghost rows' mass "
          + ghostMass + ": " + c);
    }
    if (!ghostRows.isEmpty()) {
      // the same table without the ghost rows' cells satisfies every identity at 1e-9
      ScanSink cleanSink = new ScanSink();
      TivaSummary clean = TivaCore.compute(withoutRows(t, ghostRows), options(), cleanSink);
      for (CheckResult c : clean.checks()) {
        if (!c.check().startsWith("I")) {
          assertTrue(c.passed(), year + " (ghost rows zeroed): " + c);
        }
      }
      // and the headline figures do not move (< 0.001 points / 1e-5 of the VAX ratio)
      for (String c : List.of("CHN", "DEU", "USA", "EU27", "NAFTA")) {
        assertEquals(sink.get("EXGR_DVASH", c, "WLD", "_T"), cleanSink.get("EXGR_DVASH", c, "WLD", "_T"), 1e-3,
            year + " " + c);
      }
      assertEquals(sink.get("VAX_RATIO", "WLD", "WLD", "_T"), cleanSink.get("VAX_RATIO", "WLD", "WLD", "_T"), 1e-5);
    }
    assertTrue(i1 != null, year + ": no I1 check (the table has an OUT row)");
    // I1 row balance against the published OUT: WIOD rows are off by up to ~100 USD m, far beyond
    // atol 0.1 + rtol 2e-4 (README: ~1200 rows a year); the check must say so and name a row.
    assertFalse(i1.passed(), year + ": I1 should fail at OECD tolerance on WIOD: " + i1);
    assertTrue(i1.worst().matches("[A-Z]{3}_c[0-9]+"), year + ": I1 names no row: " + i1);
    assertEquals(README_MAX_ABS_R[year - FIRST], i1.maxAbsError(), 1e-6, year + ": I1 max |r| vs README");

    // ---- every row finite where it must be ----
    assertEquals(0, sink.nonFiniteMoney, year + ": non-finite money values, first " + sink.firstBad);
    assertEquals(0, sink.infiniteRatio, year + ": infinite PCT/RATIO values, first " + sink.firstBad);
    assertEquals(0, sink.nonFiniteTable, year + ": non-finite va table values, first " + sink.firstBad);
    assertEquals(n * lay.countryCount(), sink.vbyRows);
    assertEquals((long) n * n, sink.voeRows);

    // ---- zero-output sectors: ratios are null (NaN), never 1 or 0 ----
    int zeroChecked = 0;
    for (int k = 0; k < n; k++) {
      if (rowSum[k] != 0 || ghostRows.contains(k)) {
        continue; // x = 0 and no cell at all (ghost sectors: see ghostSectorsBreakIdentities)
      }
      String c = lay.countries().get(lay.countryOfRow(k));
      String in = lay.industries().get(lay.industryOfRow(k));
      for (String code : List.of("PROD_VASH", "EXGR_DVASH", "EXGR_FVASH", "EXGR_INTDVASH", "VAX_RATIO",
          "VALU_FFDDVA")) {
        double v = sink.get(code, c, "WLD", in);
        assertTrue(Double.isNaN(v), year + " " + code + " " + c + "/" + in + " (zero output) = " + v);
      }
      // (a few have OUT > 0 but an empty row and column, e.g. MLT_c8 1997: x = Z1 + y = 0 too)
      assertEquals(0.0, sink.get("PROD", c, "WLD", in), 0.0);
      assertEquals(0.0, sink.get("EXGR_DVA", c, "WLD", in), 0.0);
      zeroChecked++;
    }
    assertTrue(zeroChecked >= 15, year + ": expected >= 15 all-zero sectors, got " + zeroChecked);

    // ---- negative final demand kept, not clipped ----
    assertTrue(negRow >= 0, year + ": WIOD has negative inventory purchases by foreign countries");
    String nk = ScanSink.key("EXGR_FNL", lay.countries().get(lay.countryOfRow(negRow)),
        lay.countries().get(negPartner), lay.industries().get(lay.industryOfRow(negRow)));
    assertEquals(negVal, sink.kept.get(nk), 1e-9 * Math.abs(negVal), year + " " + nk);
    assertTrue(sink.negatives.getOrDefault("EXGR_FNL", 0) > 0, year + ": no negative EXGR_FNL");
    assertTrue(sink.negatives.getOrDefault("FFD_DVA", 0) > 0, year + ": no negative FFD_DVA (bilateral)");
    assertTrue(sink.negativeVby > 0, year + ": no negative va_final_demand cell");

    // ---- headline figures, loose economic bounds ----
    double chn = sink.get("EXGR_DVASH", "CHN", "WLD", "_T");
    double deu = sink.get("EXGR_DVASH", "DEU", "WLD", "_T");
    double usa = sink.get("EXGR_DVASH", "USA", "WLD", "_T");
    double eu = sink.get("EXGR_DVASH", "EU27", "WLD", "_T");
    double nafta = sink.get("EXGR_DVASH", "NAFTA", "WLD", "_T");
    double mex = sink.get("EXGR_DVASH", "MEX", "WLD", "_T");
    double wvax = sink.get("VAX_RATIO", "WLD", "WLD", "_T");
    // Any year: China 55–90 % (WIOD has no processing-trade split, and China's exports were far less
    // import-intensive before WTO entry: ~85 % in 1995–99), Germany 65–85 %, USA 80–95 %.
    assertTrue(chn > 55 && chn < 90, year + " CHN EXGR_DVASH " + chn);
    assertTrue(deu > 65 && deu < 85, year + " DEU EXGR_DVASH " + deu);
    assertTrue(usa > 80 && usa < 95, year + " USA EXGR_DVASH " + usa);
    if (year == 2005) {
      assertTrue(chn > 55 && chn < 80, "CHN EXGR_DVASH 2005 " + chn);
    }
    // A group keeps intra-group VA as domestic: EU27 above its largest member, NAFTA above Mexico.
    assertTrue(eu > deu, year + " EU27 " + eu + " vs DEU " + deu);
    assertTrue(nafta > mex, year + " NAFTA " + nafta + " vs MEX " + mex);
    // World VAX ratio (Johnson–Noguera): VA exported / gross exports, 0.6–0.85.
    assertTrue(wvax > 0.6 && wvax < 0.85, year + " world VAX_RATIO " + wvax);
    // DVASH + FVASH = 100 for the headline countries
    assertEquals(100.0, chn + sink.get("EXGR_FVASH", "CHN", "WLD", "_T"), 1e-9);

    String ghosts = ghostRows.stream().map(k -> lay.entities().get(lay.entityOfRow(k)) + "_"
        + lay.industries().get(lay.industryOfRow(k))).collect(java.util.stream.Collectors.joining(" "));
    String fails = failed.stream().map(c -> c.check() + " " + String.format("%.3g", c.maxAbsError()))
        .distinct().collect(java.util.stream.Collectors.joining(", "));
    return new Headline(year, chn, deu, usa, eu, nafta, wvax, i1.worst(), i1.maxRelError(), i1.maxAbsError(),
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, ghosts, ghostMass, fails, maxPassingRel(s),
        s.leontiefSeconds());
  }

  /** The largest relative error among the identity checks that passed (not I1/I2). */
  static double maxPassingRel(TivaSummary s) {
    double m = 0;
    for (CheckResult c : s.checks()) {
      if (!c.check().startsWith("I") && c.passed()) {
        m = Math.max(m, c.maxRelError());
      }
    }
    return m;
  }

  /** A copy of {@code t} with the Z row and column and the final-demand row of {@code rows} set to 0. */
  static MrioYear withoutRows(MrioYear t, List<Integer> rows) {
    int n = t.n();
    double[] z = t.z().clone();
    double[] yf = t.finalDemand().clone();
    int cols = t.layout().finalDemandColumns();
    for (int k : rows) {
      for (int j = 0; j < n; j++) {
        z[k + j * n] = 0;
        z[j + k * n] = 0;
      }
      for (int c = 0; c < cols; c++) {
        yf[k + c * n] = 0;
      }
    }
    return new MrioYear(t.year(), t.layout(), z, yf, t.valueAdded(), t.publishedOutput());
  }

  /**
   * Checks every row on the fly; keeps partner-WLD rows (and any key asked for) for the asserts.
   */
  static final class ScanSink implements ResultSink {
    final Map<String, Double> wld = new HashMap<>();
    final Map<String, Double> kept = new HashMap<>();
    final Map<String, Integer> negatives = new LinkedHashMap<>();
    final java.util.HashSet<String> wanted = new java.util.HashSet<>();
    final List<CheckResult> checks = new ArrayList<>();
    long nonFiniteMoney;
    long infiniteRatio;
    long nonFiniteTable;
    long vbyRows;
    long voeRows;
    long negativeVby;
    String firstBad = "";

    static String key(String... parts) {
      return String.join("|", parts);
    }

    void keep(String key) {
      wanted.add(key);
    }

    @Override
    public void indicator(String indicator, String country, String partner, String industry, double value,
        Unit unit) {
      if (unit == Unit.MONEY) {
        if (!Double.isFinite(value)) {
          nonFiniteMoney++;
          bad(indicator, country, partner, industry, value);
        } else if (value < 0 && !"WLD".equals(partner)) {
          negatives.merge(indicator, 1, Integer::sum);
        }
      } else if (Double.isInfinite(value)) {
        infiniteRatio++;
        bad(indicator, country, partner, industry, value);
      }
      if ("WLD".equals(partner)) {
        wld.put(key(indicator, country, partner, industry), value);
      } else if (!wanted.isEmpty()) {
        String k = key(indicator, country, partner, industry);
        if (wanted.contains(k)) {
          kept.put(k, value);
        }
      }
    }

    private void bad(String... parts) {
      if (firstBad.isEmpty()) {
        firstBad = String.join("|", parts);
      }
    }

    private void bad(String indicator, String country, String partner, String industry, double value) {
      bad(indicator, country, partner, industry, Double.toString(value));
    }

    @Override
    public void vaFinalDemand(String sourceCountry, String sourceIndustry, String demandCountry, double value) {
      vbyRows++;
      if (!Double.isFinite(value)) {
        nonFiniteTable++;
        bad("va_final_demand", sourceCountry, sourceIndustry, demandCountry, Double.toString(value));
      } else if (value < 0) {
        negativeVby++;
      }
    }

    @Override
    public void vaOriginExports(String sourceCountry, String sourceIndustry, String exporter,
        String exportIndustry, double value) {
      voeRows++;
      if (!Double.isFinite(value)) {
        nonFiniteTable++;
        bad("va_origin_exports", sourceCountry, sourceIndustry, exporter, exportIndustry, Double.toString(value));
      }
    }

    @Override
    public void check(CheckResult result) {
      checks.add(result);
    }

    double get(String indicator, String country, String partner, String industry) {
      Double d = wld.get(key(indicator, country, partner, industry));
      if (d == null) {
        fail("no indicator row " + key(indicator, country, partner, industry));
      }
      return d;
    }
  }
}
