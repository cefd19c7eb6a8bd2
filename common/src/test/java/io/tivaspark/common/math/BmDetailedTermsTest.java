package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The detailed Borin–Mancini terms (VAX1–VAX4, REF1–REF2, FVA1–FVA4 of BM_SOURCE and BM_SINK) against
 * the literal formulas of exvatools' {@code make_exvadec_bm_src} / {@code make_exvadec_bm_snk} with
 * {@code output = "terms"}: an explicit extraction inverse B^(S) = (I − A^(S))⁻¹ (A^(S)_{S,¬S} = 0), the
 * explicit B, explicit L_rr per partner, Ŷ = Y without S's final exports; on random tables with a split
 * country, a group and industry aggregates. Tolerance 1e-9 relative to the largest term.
 */
class BmDetailedTermsTest {
  static final double TOL = 1e-9;

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"51, 4, 3, true", "52, 5, 4, false", "53, 6, 4, true"})
  void everyTermMatchesTheLiteralFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1});
    TivaOptions opt = GvcAggregatesTest.options(lay, true, TivaOptions.ThirdCountry.OFF);
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    TivaSummary s = Decompositions.compute(yr, opt, sink);
    GvcAggregatesTest.allPassedAndGvc(s.checks(), Set.of("BD1", "BD2", "BD3", "BD4", "BD5", "BD6", "BD7"));
    GvcReference ref = new GvcReference(yr);
    Map<String, Double> lit = new HashMap<>();
    for (int c = 0; c < g; c++) {
      literal(ref, lay.countries().get(c), ref.one(c), lit);
    }
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[3] = true;
    literal(ref, "GRP", grp, lit);
    assertTrue(lit.size() >= 2 * g * (g - 1) * nInd * BmDetailedTerms.NT, "literal values: " + lit.size());
    double scale = lit.values().stream().mapToDouble(Math::abs).max().orElse(1);
    Map<String, Double> wld = new HashMap<>();
    for (Map.Entry<String, Double> e : lit.entrySet()) {
      assertEquals(e.getValue(), sink.d(e.getKey()), TOL * scale, e.getKey());
      String[] k = e.getKey().split("\\|"); // method|exporter|importer|industry|term
      wld.merge(String.join("|", k[0], k[1], "WLD", k[3], k[4]), e.getValue(), Double::sum);
      wld.merge(String.join("|", k[0], k[1], k[2], "_T", k[4]), e.getValue(), Double::sum);
    }
    for (Map.Entry<String, Double> e : wld.entrySet()) {
      assertEquals(e.getValue(), sink.d(e.getKey()), TOL * scale, e.getKey());
    }
    rebuild(lay, sink, scale);
  }

  /** Every aggregate of BM_SOURCE and BM_SINK rebuilt from the detailed terms (the user's view of BD1–BD5). */
  private static void rebuild(Layout lay, DecompositionsTest.GvcSink sink, double scale) {
    for (String eco : List.of(lay.countries().get(0), "GRP")) {
      for (String in : List.of("_T", "AG1", lay.industries().get(1))) {
        for (String m : List.of("BM_SOURCE", "BM_SINK")) {
          String p = m + "|" + eco + "|WLD|" + in + "|";
          double vax = sink.d(p + "VAX1") + sink.d(p + "VAX2") + sink.d(p + "VAX3") + sink.d(p + "VAX4");
          double ref = sink.d(p + "REF1") + sink.d(p + "REF2");
          double fva = sink.d(p + "FVA1") + sink.d(p + "FVA2") + sink.d(p + "FVA3") + sink.d(p + "FVA4");
          assertEquals(sink.d(p + "VAX"), vax, TOL * scale, p + "VAX");
          assertEquals(sink.d(p + "REF"), ref, TOL * scale, p + "REF");
          assertEquals(sink.d(p + "FVA"), fva, TOL * scale, p + "FVA");
          assertEquals(sink.d(p + "EXGR"), vax + ref + sink.d(p + "DDC") + fva + sink.d(p + "FDC"), TOL * scale, p);
        }
        String p = "BM_SOURCE|" + eco + "|WLD|" + in + "|";
        assertEquals(sink.d(p + "DAVAX"), sink.d(p + "VAX1") + sink.d(p + "VAX2"), TOL * scale, p + "DAVAX");
      }
    }
  }

  /** The literal detailed terms of economy S (countries {@code mem}) to every partner, keyed as the rows. */
  static void literal(GvcReference ref, String code, boolean[] mem, Map<String, Double> lit) {
    int n = ref.n;
    boolean[] inS = ref.rowsOfCountries(mem);
    boolean[] notS = GvcReference.not(inS);
    boolean[] all = new boolean[n];
    java.util.Arrays.fill(all, true);
    double[][] bx = BmPerspectivesTest.extracted(ref, inS, notS);
    double[] yHatNotS = new double[n]; // Σ_{c∉S} Ŷ_·c: Y to non-members, S's rows zero
    double[] yHatAll = new double[n]; // Σ_c Ŷ_·c
    double[] yToS = ref.ysum(all, mem);
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < ref.g; c++) {
        boolean keep = !inS[j] || mem[c];
        yHatNotS[j] += keep && !mem[c] ? ref.y[j][c] : 0;
        yHatAll[j] += keep ? ref.y[j][c] : 0;
      }
    }
    double[][] z = { // the vectors behind the re-export legs, every row
        ref.mv(ref.b, all, all, ref.ysum(all, GvcReference.not(mem))), // src VAX4: B Σ_{c∉S} Y_·c
        ref.mv(ref.b, all, all, yToS), // src REF2: B Y_·S
        ref.x, // src FVA4: x
        ref.mv(bx, all, all, yHatNotS), // snk VAX4: B^(S) Σ_{c∉S} Ŷ_·c
        ref.mv(bx, all, all, yToS), // snk REF2: B^(S) Ŷ_·S (= Y_·S)
        ref.mv(bx, all, all, yHatAll)}; // snk FVA4: B^(S) ŷ
    for (int r = 0; r < ref.g; r++) {
      if (!mem[r]) {
        partner(ref, code, mem, inS, bx, z, r, lit);
      }
    }
  }

  /**
   * Partner r: the legs on r's rows with explicit L_rr — L_rr Y_rr, L_rr Σ_{c∉S∪{r}} Y_rc, L_rr Y_rS,
   * L_rr Σ_{c≠r} Y_rc and L_rr Σ_{j∉r} A_rj z_j for each z — then the terms of each row k of S.
   */
  private static void partner(GvcReference ref, String code, boolean[] mem, boolean[] inS, double[][] bx,
      double[][] z, int r, Map<String, Double> lit) {
    int n = ref.n;
    boolean[] inR = ref.rowsOfCountries(ref.one(r));
    int[] rRows = ref.lay.rowsOfCountry(r);
    double[][] raw = new double[4 + z.length][n];
    for (int j : rRows) {
      for (int c = 0; c < ref.g; c++) {
        double yv = ref.y[j][c];
        raw[0][j] += c == r ? yv : 0;
        raw[1][j] += c != r && !mem[c] ? yv : 0;
        raw[2][j] += mem[c] ? yv : 0;
        raw[3][j] += c != r ? yv : 0;
      }
      for (int q = 0; q < z.length; q++) {
        for (int l = 0; l < n; l++) {
          raw[4 + q][j] += inR[l] ? 0 : ref.a[j][l] * z[q][l];
        }
      }
    }
    double[][] lrr = ref.local(rRows);
    double[][] leg = new double[raw.length][];
    for (int q = 0; q < raw.length; q++) {
      leg[q] = ref.mv(lrr, inR, inR, raw[q]);
    }
    for (int k = 0; k < n; k++) {
      if (inS[k]) {
        row(ref, code, inS, bx, leg, r, rRows, k, lit);
      }
    }
  }

  /** Row k of S to partner r: p_k, q_k (source u, h; sink w, fm) times Y_kr or A_k,r leg. */
  private static void row(GvcReference ref, String code, boolean[] inS, double[][] bx, double[][] leg, int r,
      int[] rRows, int k, Map<String, Double> lit) {
    double u = 0;
    double h = 0;
    double w = 0;
    double fm = 0;
    for (int l = 0; l < ref.n; l++) {
      if (inS[l]) {
        u += ref.v[l] * bx[l][k];
        w += ref.v[l] * ref.b[l][k];
      } else {
        h += ref.v[l] * bx[l][k];
        fm += ref.v[l] * ref.b[l][k];
      }
    }
    double[] al = new double[leg.length];
    for (int j : rRows) {
      for (int q = 0; q < leg.length; q++) {
        al[q] += ref.a[k][j] * leg[q][j];
      }
    }
    double ysr = ref.y[k][r];
    // legs: 0 L Y_rr, 1 L Y_r,¬(S∪r), 2 L Y_rS, 3 L Y_r,¬r, 4..6 source z (VAX4, REF2, FVA4), 7..9 sink z
    double[] src = {u * ysr, u * al[0], u * al[1], u * al[4], u * al[2], u * al[5], h * ysr, h * al[0], h * al[3],
        h * al[6]};
    double[] snk = {w * ysr, w * al[0], w * al[1], w * al[7], w * al[2], w * al[8], fm * ysr, fm * al[0], fm * al[3],
        fm * al[9]};
    String key = code + "|" + ref.lay.countries().get(r) + "|"
        + ref.lay.industries().get(ref.lay.industryOfRow(k)) + "|";
    for (int q = 0; q < BmDetailedTerms.NT; q++) {
      lit.merge("BM_SOURCE|" + key + BmDetailedTerms.TERMS.get(q), src[q], Double::sum);
      lit.merge("BM_SINK|" + key + BmDetailedTerms.TERMS.get(q), snk[q], Double::sum);
    }
  }

  /**
   * WIOD 2013, 2009 (n = 1435, groups EU27 and NAFTA): BD1–BD6 with every other gvc check at 1e-9;
   * prints the source split of CHN's, DEU's and USA's VAX and REF (docs/decompositions.md quotes these
   * lines). Skips loudly without ../shared/data.
   */
  @Test
  void wiod2009() throws Exception {
    Wiod2009Gvc.Result w = Wiod2009Gvc.get();
    w.assertAllChecksWithin(TOL);
    MrioYear yr = w.yr();
    DecompositionsTest.GvcSink sink = w.sink();
    TivaSummary r = w.summary();
    assertTrue(DecompositionsTest.codes(r).containsAll(List.of("BD1", "BD2", "BD3", "BD4", "BD5", "BD6")));
    for (String c : List.of("CHN", "DEU", "USA", "EU27")) {
      String p = "BM_SOURCE|" + c + "|WLD|_T|";
      double e = sink.d(p + "EXGR");
      System.out.printf("WIOD 2009 %s source, %% of gross exports: VAX1 %.2f VAX2 %.2f VAX3 %.2f VAX4 %.2f REF1 %.2f "
          + "REF2 %.2f FVA1 %.2f FVA2 %.2f FVA3 %.2f FVA4 %.2f%n", c, 100 * sink.d(p + "VAX1") / e,
          100 * sink.d(p + "VAX2") / e, 100 * sink.d(p + "VAX3") / e, 100 * sink.d(p + "VAX4") / e,
          100 * sink.d(p + "REF1") / e, 100 * sink.d(p + "REF2") / e, 100 * sink.d(p + "FVA1") / e,
          100 * sink.d(p + "FVA2") / e, 100 * sink.d(p + "FVA3") / e, 100 * sink.d(p + "FVA4") / e);
    }
  }
}
