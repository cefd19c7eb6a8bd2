package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Miroudot and Ye (2021, Economic Systems Research 33(1); 2022, Economics Letters 212, 110272) in the
 * country, bilateral, sectoral and sectoral-bilateral perimeters, in their own form (as in exvatools
 * {@code make_exvadec(method = "my", partner =, sector =)}): an extraction matrix A° removes the
 * perimeter's sales, B° = (I − A°)⁻¹, A^I = A − A°, and for the perimeter's flow e (by exporting row k)
 * DVA = v_S B°_S,k e, DDC = v_S (B° A^I B)_S,k e, FVA = Σ_{t∉S} v_t B°_t,k e, FDC = Σ_{t∉S} v_t
 * (B° A^I B)_t,k e. These coincide term by term with the Borin–Mancini source-based perspectives of the
 * same perimeter (BM_SOURCE, BM_SOURCE_BIL, BM_SOURCE_SECTEXP, BM_SOURCE_SECTBIL), which is why no MY_
 * rows are written for them: B° A^I B = B − B° (B = B° + B° A^I B), and the extraction matrices are the
 * same (exvatools {@code get_xmatrix} serves both methods). Every term of every country, of a split
 * country and of a group, to every partner, literal with explicit inverses; 1e-9 relative to the largest.
 */
class MiroudotYePerimetersTest {
  static final List<String> TERMS = List.of("EXGR", "DC", "DVA", "DDC", "FC", "FVA", "FDC");

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"71, 4, 3, true", "72, 5, 2, false"})
  void everyPerimeterEqualsTheBorinManciniSourcePerspective(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1});
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of(lay.countries().get(1), lay.countries().get(2)))
        .build();
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    DecompositionsTest.assertAllPassed(Decompositions.compute(yr, opt, sink), 1e-9);
    GvcReference ref = new GvcReference(yr);
    Map<String, Double> lit = new HashMap<>();
    for (int c = 0; c < g; c++) {
      perimeters(ref, lay.countries().get(c), ref.one(c), lit);
    }
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[2] = true;
    perimeters(ref, "GRP", grp, lit);
    assertTrue(lit.size() >= 4 * (g - 2) * nInd * TERMS.size(), "literal values: " + lit.size());
    double scale = lit.values().stream().mapToDouble(Math::abs).max().orElse(1);
    for (Map.Entry<String, Double> e : lit.entrySet()) {
      double got = sink.d(e.getKey());
      assertTrue(Math.abs(got - e.getValue()) <= 1e-9 * Math.max(1, scale),
          e.getKey() + ": Miroudot–Ye " + e.getValue() + ", Borin–Mancini source " + got);
    }
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("MY")), "no MY_ rows in export_decomposition");
  }

  /** The MY terms of economy S in the four perimeters, keyed by the BM method they must equal. */
  static void perimeters(GvcReference ref, String code, boolean[] mem, Map<String, Double> lit) {
    int n = ref.n;
    boolean[] inS = ref.rowsOfCountries(mem);
    boolean[] notS = GvcReference.not(inS);
    my(ref, "BM_SOURCE|" + code, inS, inS, notS, lit);
    for (int r = 0; r < ref.g; r++) {
      if (!mem[r]) {
        my(ref, "BM_SOURCE_BIL|" + code, inS, inS, ref.rowsOfCountries(ref.one(r)), lit);
      }
    }
    for (int i = 0; i < ref.lay.industryCount(); i++) {
      boolean[] inK = new boolean[n];
      for (int k = 0; k < n; k++) {
        inK[k] = inS[k] && ref.lay.industryOfRow(k) == i;
      }
      my(ref, "BM_SOURCE_SECTEXP|" + code, inS, inK, notS, lit);
      for (int r = 0; r < ref.g; r++) {
        if (!mem[r]) {
          my(ref, "BM_SOURCE_SECTBIL|" + code, inS, inK, ref.rowsOfCountries(ref.one(r)), lit);
        }
      }
    }
  }

  /**
   * MY's decomposition of the flow of rows K of S to the rows J (A°_KJ = 0), keyed
   * "key|importer|industry|term" (summed over K's rows of an industry).
   */
  static void my(GvcReference ref, String key, boolean[] inS, boolean[] inK, boolean[] inJ, Map<String, Double> lit) {
    int n = ref.n;
    double[][] bo = BmPerspectivesTest.extracted(ref, inK, inJ);
    double[][] ai = new double[n][n]; // A^I = A − A°: the perimeter's sales only
    for (int k = 0; k < n; k++) {
      for (int j = 0; j < n; j++) {
        ai[k][j] = inK[k] && inJ[j] ? ref.a[k][j] : 0;
      }
    }
    double[][] p = mul(mul(bo, ai), ref.b); // B° A^I B
    for (int k = 0; k < n; k++) {
      if (!inK[k]) {
        continue;
      }
      double[] mult = new double[4]; // DVA, DDC, FVA, FDC per unit of e_k
      for (int l = 0; l < n; l++) {
        int o = inS[l] ? 0 : 2;
        mult[o] += ref.v[l] * bo[l][k];
        mult[o + 1] += ref.v[l] * p[l][k];
      }
      String ind = ref.lay.industries().get(ref.lay.industryOfRow(k));
      for (int r = 0; r < ref.g; r++) {
        if (!inJ[ref.lay.rowsOfCountry(r)[0]]) {
          continue;
        }
        double e = BmSinkPerspectivesTest.ship(ref, k, r);
        double[] t = {e, (mult[0] + mult[1]) * e, mult[0] * e, mult[1] * e, (mult[2] + mult[3]) * e, mult[2] * e,
            mult[3] * e};
        String pr = ref.lay.countries().get(r);
        for (int q = 0; q < t.length; q++) {
          lit.merge(key + "|" + pr + "|" + ind + "|" + TERMS.get(q), t[q], Double::sum);
        }
      }
    }
  }

  static double[][] mul(double[][] x, double[][] y) {
    int n = x.length;
    double[][] r = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < n; l++) {
        if (x[i][l] != 0) {
          for (int j = 0; j < n; j++) {
            r[i][j] += x[i][l] * y[l][j];
          }
        }
      }
    }
    return r;
  }
}
