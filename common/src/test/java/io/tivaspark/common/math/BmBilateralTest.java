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
class BmBilateralTest {

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
    assertTrue(DecompositionsTest.codes(s).containsAll(List.of("BP1", "BP2", "BP3")));
    GvcReference ref = new GvcReference(yr);
    Map<String, Double> lit = new HashMap<>();
    for (int c = 0; c < g; c++) {
      literal(ref, lay.countries().get(c), ref.one(c), lit);
    }
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[2] = true;
    literal(ref, "GRP", grp, lit);
    assertTrue(lit.size() >= (g - 1) * nInd * BmBilateral.TERMS.size(), "literal values: " + lit.size());
    double scale = lit.values().stream().mapToDouble(Math::abs).max().orElse(1);
    for (Map.Entry<String, Double> e : lit.entrySet()) {
      double got = sink.d(e.getKey());
      assertTrue(Math.abs(got - e.getValue()) <= 1e-9 * Math.max(1, scale),
          e.getKey() + ": literal " + e.getValue() + ", computed " + got);
    }
    // _T = Σ industries; no WLD rows; no rows against the group's own members
    for (String term : BmBilateral.TERMS) {
      double sum = 0;
      for (String i : lay.industries()) {
        sum += sink.d("BM_SOURCE_BIL|GRP|C00|" + i + "|" + term);
      }
      rel(sum, sink.d("BM_SOURCE_BIL|GRP|C00|_T|" + term), 1e-9, term);
    }
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("BM_SOURCE_BIL|") && k.contains("|WLD|")));
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("BM_SOURCE_BIL|GRP|" + c1 + "|")));
    perimeterMatters(lay, sink);
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

  /** With one partner the bilateral perimeter is the exporter's: every term equals BM_SOURCE's. */
  @Test
  void twoCountriesBilateralEqualsExporterPerspective() {
    Layout lay = RandomTables.layout(2, 3, false);
    MrioYear yr = RandomTables.year(41, lay, new int[0]);
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    TivaSummary s = Decompositions.compute(yr, TivaOptions.builder().build(), sink);
    DecompositionsTest.assertAllPassed(s, 1e-9);
    for (String term : BmBilateral.TERMS) {
      for (String i : List.of("_T", lay.industries().get(1))) {
        rel(sink.d("BM_SOURCE|C00|C01|" + i + "|" + term), sink.d("BM_SOURCE_BIL|C00|C01|" + i + "|" + term), 1e-9,
            term + " " + i);
      }
    }
  }

  /** The literal bilateral terms of economy S (countries {@code mem}) to every partner, by exporting industry. */
  static void literal(GvcReference ref, String code, boolean[] mem, Map<String, Double> lit) {
    int n = ref.n;
    boolean[] inS = ref.rowsOfCountries(mem);
    boolean[] all = new boolean[n];
    java.util.Arrays.fill(all, true);
    double[] xNotS = ref.mv(ref.b, all, all, ref.ysum(all, GvcReference.not(mem)));
    double[] bYs = ref.mv(ref.b, all, all, ref.ysum(all, mem));
    for (int r = 0; r < ref.g; r++) {
      if (mem[r]) {
        continue;
      }
      boolean[] inR = ref.rowsOfCountries(ref.one(r));
      int[] rRows = ref.lay.rowsOfCountry(r);
      double[][] ax = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          ax[i][j] = inS[i] && inR[j] ? 0 : ref.a[i][j];
        }
      }
      double[][] bx = GvcReference.inv(ref.iMinus(ax, ref.all()));
      double[][] lrr = ref.local(rRows);
      // t_R = L_rr (Y_r,¬S + A_r,¬r x^(¬S)_¬r) (VAX leg), L_rr (Y_rS + A_r,¬r (B Y_·S)_¬r) (REF), L_rr Y_rr
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
      double[] lVax = ref.mv(lrr, inR, inR, vaxLeg);
      double[] lRef = ref.mv(lrr, inR, inR, refLeg);
      double[] lYrr = ref.mv(lrr, inR, inR, yrr);
      String pr = ref.lay.countries().get(r);
      for (int k = 0; k < n; k++) {
        if (!inS[k]) {
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
        double aVax = 0;
        double aRef = 0;
        double aYrr = 0;
        for (int j : rRows) {
          e += ref.a[k][j] * ref.x[j];
          aVax += ref.a[k][j] * lVax[j];
          aRef += ref.a[k][j] * lRef[j];
          aYrr += ref.a[k][j] * lYrr[j];
        }
        double[] t = {e, w * e, zw * e, zw * (ysr + aVax), zw * (ysr + aYrr), zw * aRef, (w - zw) * e, fm * e,
            zf * e, (fm - zf) * e};
        String ind = ref.lay.industries().get(ref.lay.industryOfRow(k));
        for (int q = 0; q < t.length; q++) {
          lit.merge("BM_SOURCE_BIL|" + code + "|" + pr + "|" + ind + "|" + BmBilateral.TERMS.get(q), t[q], Double::sum);
        }
      }
    }
  }

  /** BP1–BP3 are identities of the gvc family. */
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
