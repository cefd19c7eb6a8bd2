package io.tivaspark.common.math;

import static io.tivaspark.common.math.DecompositionsTest.rel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Borin–Mancini bilateral perspective (source-based, method BM_SOURCE_BIL) against the literal
 * formulas with an explicit extraction inverse per pair, B^(Sr) = (I − A^(Sr))⁻¹ with A^(Sr)_Sr = 0
 * (exvatools get_xmatrix with a partner), on random tables with a split country and a group.
 * Tolerance: 1e-9 relative to the largest term of the table.
 */
class BmPerspectivesTest {

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"31, 4, 3, true", "32, 5, 2, false", "33, 6, 3, true"})
  void everyTermMatchesTheLiteralFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1});
    String c1 = lay.countries().get(1);
    String c2 = lay.countries().get(2);
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of(c1, c2)).build();
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    TivaSummary s = Decompositions.compute(yr, opt, sink);
    DecompositionsTest.assertAllPassed(s, 1e-9);
    assertTrue(DecompositionsTest.codes(s).containsAll(List.of("BP1", "BP2", "BP3", "BP4", "BW1")));
    GvcReference ref = new GvcReference(yr);
    Map<String, Double> lit = new HashMap<>();
    for (int c = 0; c < g; c++) {
      literal(ref, lay.countries().get(c), ref.one(c), lit);
    }
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[2] = true;
    literal(ref, "GRP", grp, lit);
    for (int c = 0; c < g; c++) {
      world(ref, lay.countries().get(c), ref.one(c), lit);
    }
    world(ref, "GRP", grp, lit);
    assertTrue(lit.size() >= 3 * (g - 1) * nInd * BmPerspectives.TERMS.size(), "literal values: " + lit.size());
    double scale = lit.values().stream().mapToDouble(Math::abs).max().orElse(1);
    for (Map.Entry<String, Double> e : lit.entrySet()) {
      double got = sink.d(e.getKey());
      assertTrue(Math.abs(got - e.getValue()) <= 1e-9 * Math.max(1, scale),
          e.getKey() + ": literal " + e.getValue() + ", computed " + got);
    }
    // _T = Σ industries; no WLD rows; no rows against the group's own members
    for (String term : BmPerspectives.TERMS) {
      double sum = 0;
      for (String i : lay.industries()) {
        sum += sink.d("BM_SOURCE_BIL|GRP|C00|" + i + "|" + term);
      }
      rel(sum, sink.d("BM_SOURCE_BIL|GRP|C00|_T|" + term), 1e-9, term);
    }
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("BM_SOURCE_BIL|") && k.contains("|WLD|")));
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("BM_SOURCE_BIL|GRP|" + c1 + "|")));
    perimeterMatters(lay, sink);
    sectoralRows(lay, sink);
  }

  /**
   * Sectoral rows: sectexp's importer WLD = Σ importers; no _T nor WLD where the perspective has
   * none; the narrower the extraction, the larger DVA (A ≥ 0): sectbil ≥ bilateral and ≥ sectexp.
   */
  private static void sectoralRows(Layout lay, DecompositionsTest.GvcSink sink) {
    String s = lay.countries().get(0);
    for (String i : lay.industries()) {
      for (String term : BmPerspectives.TERMS) {
        double sum = 0;
        for (String r : lay.countries().subList(1, lay.countries().size())) {
          sum += sink.d("BM_SOURCE_SECTEXP|" + s + "|" + r + "|" + i + "|" + term);
        }
        rel(sum, sink.d("BM_SOURCE_SECTEXP|" + s + "|WLD|" + i + "|" + term), 1e-9, "sectexp WLD " + term);
      }
      for (String r : lay.countries().subList(1, lay.countries().size())) {
        String k = "|" + s + "|" + r + "|" + i + "|DVA";
        double sb = sink.d("BM_SOURCE_SECTBIL" + k);
        assertTrue(sb >= sink.d("BM_SOURCE_BIL" + k) * (1 - 1e-12), "sectbil < bil " + k);
        assertTrue(sb >= sink.d("BM_SOURCE_SECTEXP" + k) * (1 - 1e-12), "sectbil < sectexp " + k);
        assertTrue(sink.d("BM_SOURCE_SECTEXP" + k) >= sink.d("BM_SOURCE" + k) * (1 - 1e-12), "sectexp < exporter " + k);
      }
    }
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("BM_SOURCE_SECT") && k.contains("|_T|")));
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("BM_SOURCE_SECTBIL|") && k.contains("|WLD|")));
  }

  /**
   * Where the method says the perspectives differ, they do: bilateral DVA ≥ the exporter perspective's
   * DVA on the same flow (A ≥ 0: B^(Sr)_SS ≥ L_SS) and strictly larger somewhere, so the bilateral rows
   * do NOT sum over importers to the exporter's DVA (nor DDC); EXGR, DC and FC are the same (BP2).
   */
  private static void perimeterMatters(Layout lay, DecompositionsTest.GvcSink sink) {
    String s = lay.countries().get(0);
    double bil = 0;
    double gap = 0;
    for (String r : lay.countries().subList(1, lay.countries().size())) {
      double b = sink.d("BM_SOURCE_BIL|" + s + "|" + r + "|_T|DVA");
      double e = sink.d("BM_SOURCE|" + s + "|" + r + "|_T|DVA");
      assertTrue(b >= e * (1 - 1e-12), r + ": bilateral DVA " + b + " < exporter DVA " + e);
      gap = Math.max(gap, b - e);
      bil += b;
      rel(sink.d("BM_SOURCE|" + s + "|" + r + "|_T|DC"), sink.d("BM_SOURCE_BIL|" + s + "|" + r + "|_T|DC"), 1e-9,
          "DC " + r);
    }
    assertTrue(gap > 1e-9 * sink.d("BM_SOURCE|" + s + "|WLD|_T|DVA"), "bilateral DVA equals exporter DVA");
    assertTrue(bil > sink.d("BM_SOURCE|" + s + "|WLD|_T|DVA"), "Σ_r bilateral DVA must exceed the exporter's");
  }

  /** With one partner the bilateral perimeter is the exporter's, and sectbil is sectexp. */
  @Test
  void twoCountriesBilateralEqualsExporterPerspective() {
    Layout lay = RandomTables.layout(2, 3, false);
    MrioYear yr = RandomTables.year(41, lay, new int[0]);
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    TivaSummary s = Decompositions.compute(yr, TivaOptions.builder().build(), sink);
    DecompositionsTest.assertAllPassed(s, 1e-9);
    for (String term : BmPerspectives.TERMS) {
      for (String i : List.of("_T", lay.industries().get(1))) {
        rel(sink.d("BM_SOURCE|C00|C01|" + i + "|" + term), sink.d("BM_SOURCE_BIL|C00|C01|" + i + "|" + term), 1e-9,
            term + " " + i);
      }
      for (String i : lay.industries()) {
        rel(sink.d("BM_SOURCE_SECTEXP|C00|C01|" + i + "|" + term), sink.d("BM_SOURCE_SECTBIL|C00|C01|" + i + "|" + term),
            1e-9, "sectexp = sectbil " + term + " " + i);
      }
    }
  }

  /** The literal terms of economy S (countries {@code mem}) in the three perspectives, to every partner. */
  static void literal(GvcReference ref, String code, boolean[] mem, Map<String, Double> lit) {
    int n = ref.n;
    boolean[] inS = ref.rowsOfCountries(mem);
    double[][][] legs = legs(ref, mem);
    for (int r = 0; r < ref.g; r++) {
      if (!mem[r]) {
        boolean[] inR = ref.rowsOfCountries(ref.one(r));
        flow(ref, legs[r], "BM_SOURCE_BIL|" + code, inS, inS, r, extracted(ref, inS, inR), lit);
      }
    }
    for (int i = 0; i < ref.lay.industryCount(); i++) {
      boolean[] inK = new boolean[n];
      for (int k = 0; k < n; k++) {
        inK[k] = inS[k] && ref.lay.industryOfRow(k) == i;
      }
      double[][] bxExp = extracted(ref, inK, GvcReference.not(inS));
      for (int r = 0; r < ref.g; r++) {
        if (!mem[r]) {
          boolean[] inR = ref.rowsOfCountries(ref.one(r));
          flow(ref, legs[r], "BM_SOURCE_SECTEXP|" + code, inS, inK, r, bxExp, lit);
          flow(ref, legs[r], "BM_SOURCE_SECTBIL|" + code, inS, inK, r, extracted(ref, inK, inR), lit);
        }
      }
    }
  }

  /** B^(x) = (I − A^(x))⁻¹ with A^(x)_kj = 0 for k ∈ K, j ∈ J: the literal extraction inverse. */
  static double[][] extracted(GvcReference ref, boolean[] inK, boolean[] inJ) {
    int n = ref.n;
    double[][] ax = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ax[i][j] = inK[i] && inJ[j] ? 0 : ref.a[i][j];
      }
    }
    return GvcReference.inv(ref.iMinus(ax, ref.all()));
  }

  /**
   * Per partner r ∉ S, on r's rows: L_rr (Σ_{c∉S} Y_rc + A_r,¬r x^(¬S)_¬r) (VAX leg),
   * L_rr (Y_rS + A_r,¬r (B Y_·S)_¬r) (REF leg), L_rr Y_rr (DAVAX leg), with explicit L_rr.
   */
  static double[][][] legs(GvcReference ref, boolean[] mem) {
    int n = ref.n;
    boolean[] all = new boolean[n];
    java.util.Arrays.fill(all, true);
    double[] xNotS = ref.mv(ref.b, all, all, ref.ysum(all, GvcReference.not(mem)));
    double[] bYs = ref.mv(ref.b, all, all, ref.ysum(all, mem));
    double[][][] legs = new double[ref.g][][];
    for (int r = 0; r < ref.g; r++) {
      if (mem[r]) {
        continue;
      }
      boolean[] inR = ref.rowsOfCountries(ref.one(r));
      int[] rRows = ref.lay.rowsOfCountry(r);
      double[] vaxLeg = new double[n];
      double[] refLeg = new double[n];
      double[] yrr = new double[n];
      for (int j : rRows) {
        for (int c = 0; c < ref.g; c++) {
          (mem[c] ? refLeg : vaxLeg)[j] += ref.y[j][c];
        }
        yrr[j] = ref.y[j][r];
        for (int l = 0; l < n; l++) {
          if (!inR[l]) {
            vaxLeg[j] += ref.a[j][l] * xNotS[l];
            refLeg[j] += ref.a[j][l] * bYs[l];
          }
        }
      }
      double[][] lrr = ref.local(rRows);
      legs[r] = new double[][] {ref.mv(lrr, inR, inR, vaxLeg), ref.mv(lrr, inR, inR, refLeg),
          ref.mv(lrr, inR, inR, yrr)};
    }
    return legs;
  }

  /** The terms of rows K of S to partner r with the extraction inverse bx, added under "method|exporter". */
  static void flow(GvcReference ref, double[][] leg, String key, boolean[] inS, boolean[] inK, int r, double[][] bx,
      Map<String, Double> lit) {
    int n = ref.n;
    int[] rRows = ref.lay.rowsOfCountry(r);
    String pr = ref.lay.countries().get(r);
    for (int k = 0; k < n; k++) {
      if (!inK[k]) {
        continue;
      }
      double w = 0;
      double fm = 0;
      double zw = 0;
      double zf = 0;
      for (int l = 0; l < n; l++) {
        if (inS[l]) {
          w += ref.v[l] * ref.b[l][k];
          zw += ref.v[l] * bx[l][k];
        } else {
          fm += ref.v[l] * ref.b[l][k];
          zf += ref.v[l] * bx[l][k];
        }
      }
      double ysr = ref.y[k][r];
      double e = ysr;
      double[] al = new double[3];
      for (int j : rRows) {
        e += ref.a[k][j] * ref.x[j];
        for (int q = 0; q < 3; q++) {
          al[q] += ref.a[k][j] * leg[q][j];
        }
      }
      double[] t = {e, w * e, zw * e, zw * (ysr + al[0]), zw * (ysr + al[2]), zw * al[1], (w - zw) * e, fm * e,
          zf * e, (fm - zf) * e};
      String ind = ref.lay.industries().get(ref.lay.industryOfRow(k));
      for (int q = 0; q < t.length; q++) {
        lit.merge(key + "|" + pr + "|" + ind + "|" + BmPerspectives.TERMS.get(q), t[q], Double::sum);
      }
    }
  }

  /**
   * World perspective, literal (BM 2019 eq. 52, 54 as in the R package icio): explicit L_cc of every
   * country and L_SS of the economy; keys "BM_SOURCE_WLD|S|WLD|_T|FVA" and "BM_SINK_WLD|…".
   */
  static void world(GvcReference ref, String code, boolean[] mem, Map<String, Double> lit) {
    int n = ref.n;
    boolean[] inS = ref.rowsOfCountries(mem);
    double[][] lc = new double[n][n]; // block-diagonal country local inverses
    for (int c = 0; c < ref.g; c++) {
      int[] rr = ref.lay.rowsOfCountry(c);
      double[][] l = ref.local(rr);
      for (int i : rr) {
        for (int j : rr) {
          lc[i][j] = l[i][j];
        }
      }
    }
    int[] sRows = java.util.stream.IntStream.range(0, n).filter(k -> inS[k]).toArray();
    double[][] lss = ref.local(sRows);
    double[] vl = new double[n];
    double[] ly = new double[n];
    double[] wv = new double[n];
    for (int j = 0; j < n; j++) {
      for (int l = 0; l < n; l++) {
        vl[j] += ref.v[l] * lc[l][j];
        ly[j] += lc[j][l] * ref.y[l][ref.lay.countryOfRow(l)];
      }
    }
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < ref.g; c++) {
        wv[j] += c == ref.lay.countryOfRow(j) ? 0 : ref.y[j][c];
      }
      for (int l = 0; l < n; l++) {
        wv[j] += ref.lay.countryOfRow(l) == ref.lay.countryOfRow(j) ? 0 : ref.a[j][l] * ly[l];
      }
    }
    double[] wrex = new double[n];
    for (int j = 0; j < n; j++) {
      for (int l = 0; l < n; l++) {
        wrex[j] += lc[j][l] * wv[l];
      }
    }
    double src = 0;
    double snk = 0;
    for (int k : sRows) {
      double e = 0; // exports of row k to non-members
      double le = 0; // (L_SS e_S)_k
      double fm = 0;
      for (int l = 0; l < n; l++) {
        fm += inS[l] ? 0 : ref.v[l] * ref.b[l][k];
        if (!inS[l]) {
          e += ref.a[k][l] * ref.x[l];
        }
      }
      for (int c = 0; c < ref.g; c++) {
        e += mem[c] ? 0 : ref.y[k][c];
        snk += mem[c] ? 0 : fm * ref.y[k][c];
      }
      for (int j = 0; j < n; j++) {
        if (!inS[j]) {
          int r = ref.lay.countryOfRow(j);
          double vbr = 0; // v_r B_rk
          for (int t : ref.lay.rowsOfCountry(r)) {
            vbr += ref.v[t] * ref.b[t][k];
          }
          snk += ref.a[k][j] * (fm * ly[j] + vbr * wrex[j]);
        }
      }
      lit.merge("e|" + k, e, Double::sum);
    }
    for (int k : sRows) {
      double le = 0;
      for (int l : sRows) {
        le += lss[k][l] * lit.get("e|" + l);
      }
      for (int j = 0; j < n; j++) {
        src += inS[j] ? 0 : vl[j] * ref.a[j][k] * le;
      }
    }
    lit.keySet().removeIf(key -> key.startsWith("e|"));
    lit.put("BM_SOURCE_WLD|" + code + "|WLD|_T|FVA", src);
    lit.put("BM_SINK_WLD|" + code + "|WLD|_T|FVA", snk);
  }

  /** icio (R, S. Krantz) vignette, leather table: bm(perspective = "world", approach = "sink"), FVA and FDC. */
  @Test
  void worldSinkReproducesThePublishedLeatherExample() throws Exception {
    MrioYear yr = io.tivaspark.common.io.IcioCsv.read(DecompositionsTest.leatherPath(), 2000);
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    DecompositionsTest.assertAllPassed(Decompositions.compute(yr, TivaOptions.defaults(), sink), 1e-9);
    String[] c = {"ARG", "TUR", "DEU"};
    double[][] pub = {{8.471827, 2.138217}, {18.265189, 2.873058}, {33.128506, 3.180911}};
    for (int i = 0; i < 3; i++) {
      rel(pub[i][0], sink.d("BM_SINK_WLD|" + c[i] + "|WLD|_T|FVA"), 3e-7, c[i] + " FVA");
      rel(pub[i][1], sink.d("BM_SINK_WLD|" + c[i] + "|WLD|_T|FDC"), 3e-7, c[i] + " FDC");
    }
    rel(52.81756, sink.d("BM_SINK_WLD|ARG|WLD|_T|DVA"), 3e-7, "ARG DVA");
  }

  /** BP1–BP4 are identities of the gvc family. */
  @Test
  void checkCodesBelongToTheGvcFamily() {
    Layout lay = RandomTables.layout(3, 2, true);
    TivaSummary s = Decompositions.compute(RandomTables.year(43, lay, new int[0]), TivaOptions.builder().build(),
        new DecompositionsTest.GvcSink());
    for (CheckResult c : s.checks()) {
      if (c.check().startsWith("BP")) {
        assertEquals(CheckResult.Kind.IDENTITY, c.kind(), c.toString());
      }
    }
  }
}
