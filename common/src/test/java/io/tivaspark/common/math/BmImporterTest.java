package io.tivaspark.common.math;

import static io.tivaspark.common.math.DecompositionsTest.rel;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.io.IcioCsv;
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
 * The importer perspective (BM_IMPORTER, BM_IMPORTER_ORIGIN; Borin and Mancini 2019 eq. 51) and the
 * sink-based VAXIM (BM_SINK term VAXIM) against the literal formulas with explicit inverses: per
 * importing economy R the extraction inverse B̃ = (I − Ã)⁻¹, Ã = A with R's intermediate imports
 * A_{¬R,R} = 0; per exporting economy S the extraction inverse B^(S) (A_{S,¬S} = 0) and explicit L_rr
 * in GlobalValueChains.jl's bracket L_rr (Y_rr + Σ_{j∉r} A_rj x_j). Random tables with a split country
 * and a group; tolerance 1e-9 relative to the largest term.
 */
class BmImporterTest {

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"51, 4, 3, true", "52, 5, 2, false", "53, 6, 3, true"})
  void everyTermMatchesTheLiteralFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1});
    String c1 = lay.countries().get(1);
    String c2 = lay.countries().get(2);
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of(c1, c2)).build();
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    TivaSummary s = Decompositions.compute(yr, opt, sink);
    DecompositionsTest.assertAllPassed(s, 1e-9);
    assertTrue(DecompositionsTest.codes(s).containsAll(List.of("BI1", "BI2", "BI3")));
    GvcReference ref = new GvcReference(yr);
    Map<String, Double> lit = new HashMap<>();
    boolean[] grp = new boolean[g];
    grp[1] = true;
    grp[2] = true;
    for (int c = 0; c <= g; c++) {
      String code = c < g ? lay.countries().get(c) : "GRP";
      boolean[] mem = c < g ? ref.one(c) : grp;
      importer(ref, code, mem, lit);
      vaxim(ref, code, mem, lit);
    }
    assertTrue(lit.size() >= (g + 1) * (g - 2) * nInd * BmImporter.NT, "literal values: " + lit.size());
    double scale = lit.values().stream().mapToDouble(Math::abs).max().orElse(1);
    for (Map.Entry<String, Double> e : lit.entrySet()) {
      double got = sink.d(e.getKey());
      assertTrue(Math.abs(got - e.getValue()) <= 1e-9 * Math.max(1, scale),
          e.getKey() + ": literal " + e.getValue() + ", computed " + got);
    }
    rowsAddUp(lay, sink);
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("BM_IMPORTER|" + c1 + "|GRP|")));
    assertTrue(sink.dec.keySet().stream().noneMatch(k -> k.startsWith("BM_SINK|GRP|" + c1 + "|")));
    perimeterMatters(lay, sink);
  }

  /** WLD = Σ partners, _T = Σ industries (importer view and VAXIM); Σ origins = the importer's VA and DC. */
  private static void rowsAddUp(Layout lay, DecompositionsTest.GvcSink sink) {
    String r = lay.countries().get(0);
    for (String term : BmImporter.TERMS) {
      double wld = 0;
      for (String p : lay.countries().subList(1, lay.countries().size())) {
        double t = 0;
        for (String i : lay.industries()) {
          t += sink.d("BM_IMPORTER|" + p + "|" + r + "|" + i + "|" + term);
        }
        rel(t, sink.d("BM_IMPORTER|" + p + "|" + r + "|_T|" + term), 1e-9, "_T " + term);
        wld += t;
      }
      rel(wld, sink.d("BM_IMPORTER|WLD|" + r + "|_T|" + term), 1e-9, "WLD " + term);
    }
    for (String term : BmImporter.ORIGIN_TERMS) {
      double sum = 0;
      for (String o : lay.countries()) {
        sum += sink.d("BM_IMPORTER_ORIGIN|" + o + "|" + r + "|_T|" + term);
      }
      rel(sum, sink.d("BM_IMPORTER|WLD|" + r + "|_T|" + term), 1e-9, "origins " + term);
    }
    rel(sink.d("BM_IMPORTER_ORIGIN|" + r + "|" + r + "|_T|VA"), sink.d("BM_IMPORTER|WLD|" + r + "|_T|VA_IMP"), 1e-9,
        "own VA");
    double vaxim = 0;
    for (String p : lay.countries().subList(1, lay.countries().size())) {
      vaxim += sink.d("BM_SINK|" + r + "|" + p + "|_T|VAXIM");
    }
    rel(vaxim, sink.d("BM_SINK|" + r + "|WLD|_T|VAXIM"), 1e-9, "VAXIM WLD");
  }

  /**
   * Gross imports are the partners' exports (Σ over importing countries = Σ over exporting countries);
   * value added is not: each perspective counts an item once per border of its own kind, so Σ_R VA
   * (importer) ≠ Σ_S (DVA + FVA) (exporter) — the method says they must not agree, and they do not.
   */
  private static void perimeterMatters(Layout lay, DecompositionsTest.GvcSink sink) {
    double imgr = 0;
    double exgr = 0;
    double va = 0;
    double dvaFva = 0;
    for (String c : lay.countries()) {
      imgr += sink.d("BM_IMPORTER|WLD|" + c + "|_T|IMGR");
      exgr += sink.d("BM_SOURCE|" + c + "|WLD|_T|EXGR");
      va += sink.d("BM_IMPORTER|WLD|" + c + "|_T|VA");
      dvaFva += sink.d("BM_SOURCE|" + c + "|WLD|_T|DVA") + sink.d("BM_SOURCE|" + c + "|WLD|_T|FVA");
      for (String p : lay.countries()) {
        if (!p.equals(c)) {
          rel(sink.d("BM_SOURCE|" + p + "|" + c + "|_T|EXGR"), sink.d("BM_IMPORTER|" + p + "|" + c + "|_T|IMGR"), 1e-12,
              p + "→" + c);
        }
      }
    }
    rel(exgr, imgr, 1e-12, "world imports = world exports");
    assertTrue(Math.abs(va - dvaFva) > 1e-9 * exgr, "importer VA " + va + " = exporter DVA + FVA " + dvaFva);
  }

  /**
   * Two countries: R's imports are S's exports and Ã^R = A^(S) (the same extraction), so the importer
   * view is the exporter's source split: VA_EXP = DVA, VA_IMP = FVA, DC_EXP = DDC, DC_IMP = FDC, no third.
   */
  @Test
  void twoCountriesImporterViewIsTheExportersSourceSplit() {
    Layout lay = RandomTables.layout(2, 3, false);
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    DecompositionsTest.assertAllPassed(Decompositions.compute(RandomTables.year(61, lay, new int[0]),
        TivaOptions.builder().build(), sink), 1e-9);
    String[][] pairs = {{"VA_EXP", "DVA"}, {"VA_IMP", "FVA"}, {"DC_EXP", "DDC"}, {"DC_IMP", "FDC"}, {"IMGR", "EXGR"}};
    for (String i : List.of("_T", lay.industries().get(1))) {
      for (String[] p : pairs) {
        rel(sink.d("BM_SOURCE|C00|C01|" + i + "|" + p[1]), sink.d("BM_IMPORTER|C00|C01|" + i + "|" + p[0]), 1e-9,
            p[0] + " " + i);
      }
      rel(0, sink.d("BM_IMPORTER|C00|C01|" + i + "|VA_OTH"), 1e-9, "VA_OTH " + i);
    }
  }

  /**
   * The leather table (all flows ≥ 0): DAVAX ≤ VAXIM ≤ VAX (sink) on every bilateral row, as
   * GlobalValueChains.jl asserts; the importer's VA and DC are ≥ 0. No published importer or VAXIM
   * figures exist for this table (the R icio vignette prints neither), so none is reproduced.
   */
  @Test
  void vaximNestsOnTheLeatherTable() throws Exception {
    MrioYear yr = IcioCsv.read(DecompositionsTest.leatherPath(), 2000);
    DecompositionsTest.GvcSink sink = new DecompositionsTest.GvcSink();
    DecompositionsTest.assertAllPassed(Decompositions.compute(yr, TivaOptions.defaults(), sink), 1e-9);
    List<String> cs = yr.layout().countries();
    for (String s : cs) {
      for (String r : cs) {
        if (s.equals(r)) {
          continue;
        }
        for (String i : yr.layout().industries()) {
          String k = "|" + s + "|" + r + "|" + i + "|";
          double vaxim = sink.d("BM_SINK" + k + "VAXIM");
          assertTrue(vaxim >= sink.d("BM_SOURCE" + k + "DAVAX") - 1e-12, "DAVAX > VAXIM" + k);
          assertTrue(vaxim <= sink.d("BM_SINK" + k + "VAX") + 1e-12, "VAXIM > VAX" + k);
          assertTrue(sink.d("BM_IMPORTER" + k + "VA") >= 0 && sink.d("BM_IMPORTER" + k + "DC") >= 0, k);
        }
      }
    }
  }

  /**
   * WIOD 2013, 2009 (n = 1435, groups EU27 and NAFTA): BI1–BI3 and every other gvc check at 1e-9; the
   * importer view adds up (partners, origins) and gross imports are the partners' exports; prints the
   * figures docs/decompositions.md quotes. Skips loudly without ../shared/data.
   */
  @Test
  void wiod2009() throws Exception {
    Wiod2009Gvc.Result w = Wiod2009Gvc.get();
    w.assertAllChecksWithin(1e-9);
    MrioYear yr = w.yr();
    DecompositionsTest.GvcSink sink = w.sink();
    TivaSummary r = w.summary();
    assertTrue(DecompositionsTest.codes(r).containsAll(List.of("BI1", "BI2", "BI3")));
    List<String> cs = yr.layout().countries();
    for (String m : List.of("USA", "CHN", "DEU", "EU27")) {
      String k = "BM_IMPORTER|WLD|" + m + "|_T|";
      double imgr = sink.d(k + "IMGR");
      double origins = 0;
      for (String o : cs) {
        origins += sink.dec.getOrDefault("BM_IMPORTER_ORIGIN|" + o + "|" + m + "|_T|VA", 0.0);
      }
      origins += m.equals("EU27") ? sink.d("BM_IMPORTER_ORIGIN|EU27|EU27|_T|VA") : 0;
      rel(sink.d(k + "VA"), origins, 1e-9, m + " VA by origin");
      System.out.printf("WIOD 2009 importer %s: imports %.0f, VA %.2f %% (exporter's own %.2f, importer's own "
          + "%.2f, third %.2f), double counted %.2f %%; CHN VA in them %.0f%n", m, imgr, 100 * sink.d(k + "VA") / imgr,
          100 * sink.d(k + "VA_EXP") / imgr, 100 * sink.d(k + "VA_IMP") / imgr, 100 * sink.d(k + "VA_OTH") / imgr,
          100 * sink.d(k + "DC") / imgr, m.equals("CHN") ? 0 : sink.d("BM_IMPORTER_ORIGIN|CHN|" + m + "|_T|VA"));
    }
    for (String[] p : new String[][] {{"CHN", "USA"}, {"DEU", "CHN"}, {"MEX", "USA"}}) {
      String k = "|" + p[0] + "|" + p[1] + "|_T|";
      System.out.printf("WIOD 2009 %s→%s: VAX (sink) %.0f, VAXIM %.0f (%.1f %%), DAVAX %.0f%n", p[0], p[1],
          sink.d("BM_SINK" + k + "VAX"), sink.d("BM_SINK" + k + "VAXIM"),
          100 * sink.d("BM_SINK" + k + "VAXIM") / sink.d("BM_SINK" + k + "VAX"), sink.d("BM_SOURCE" + k + "DAVAX"));
      assertTrue(sink.d("BM_SINK" + k + "VAXIM") <= sink.d("BM_SINK" + k + "VAX"), k);
    }
  }

  /** BI1–BI3 are identities of the gvc family. */
  @Test
  void checkCodesBelongToTheGvcFamily() {
    Layout lay = RandomTables.layout(3, 2, true);
    TivaSummary s = Decompositions.compute(RandomTables.year(63, lay, new int[0]), TivaOptions.builder().build(),
        new DecompositionsTest.GvcSink());
    assertTrue(s.checks().stream().filter(c -> c.check().startsWith("BI")).count() == 3);
    for (CheckResult c : s.checks()) {
      if (c.check().startsWith("BI")) {
        assertTrue(c.kind() == CheckResult.Kind.IDENTITY && c.passed(), c.toString());
      }
    }
  }

  /**
   * The literal importer view of economy R (countries {@code mem}): per partner row k ∉ R, d_k = Y_{k,R}
   * + Σ_{j∈R} A_kj x_j, VA by origin j: v_j B̃_jk d_k, DC: v_j (B − B̃)_jk d_k.
   */
  static void importer(GvcReference ref, String code, boolean[] mem, Map<String, Double> lit) {
    int n = ref.n;
    boolean[] inR = ref.rowsOfCountries(mem);
    double[][] at = new double[n][];
    for (int k = 0; k < n; k++) {
      at[k] = ref.a[k].clone();
      for (int j = 0; j < n; j++) {
        if (!inR[k] && inR[j]) {
          at[k][j] = 0;
        }
      }
    }
    double[][] bt = GvcReference.inv(ref.iMinus(at, ref.all()));
    for (int k = 0; k < n; k++) {
      if (inR[k]) {
        continue;
      }
      int s = ref.lay.countryOfRow(k);
      double d = 0;
      for (int j = 0; j < n; j++) {
        d += inR[j] ? ref.a[k][j] * ref.x[j] : 0;
      }
      for (int c = 0; c < ref.g; c++) {
        d += mem[c] ? ref.y[k][c] : 0;
      }
      double[] t = new double[BmImporter.NT];
      t[0] = d;
      for (int j = 0; j < n; j++) {
        int o = ref.lay.countryOfRow(j);
        int cls = o == s ? 2 : inR[j] ? 3 : 4;
        double va = ref.v[j] * bt[j][k] * d;
        double dc = ref.v[j] * (ref.b[j][k] - bt[j][k]) * d;
        t[1] += va;
        t[cls] += va;
        t[5] += dc;
        t[cls + 4] += dc;
        String from = inR[j] ? code : ref.lay.countries().get(o);
        lit.merge("BM_IMPORTER_ORIGIN|" + from + "|" + code + "|_T|VA", va, Double::sum);
        lit.merge("BM_IMPORTER_ORIGIN|" + from + "|" + code + "|_T|DC", dc, Double::sum);
      }
      String key = "BM_IMPORTER|" + ref.lay.countries().get(s) + "|" + code + "|"
          + ref.lay.industries().get(ref.lay.industryOfRow(k)) + "|";
      for (int q = 0; q < BmImporter.NT; q++) {
        lit.merge(key + BmImporter.TERMS.get(q), t[q], Double::sum);
      }
    }
  }

  /**
   * The literal VAXIM of exporter S (countries {@code mem}) to every partner r: w_k (Y_kr + A_{k,r} L_rr
   * (Y_rr + Σ_{j∉r} A_rj x_j)), x = B^(S) Y^{¬S}_{·r}, w = v_S B_SS (GlobalValueChains.jl's bracket).
   */
  static void vaxim(GvcReference ref, String code, boolean[] mem, Map<String, Double> lit) {
    int n = ref.n;
    boolean[] inS = ref.rowsOfCountries(mem);
    double[][] ax = new double[n][];
    for (int k = 0; k < n; k++) {
      ax[k] = ref.a[k].clone();
      for (int j = 0; j < n; j++) {
        if (inS[k] && !inS[j]) {
          ax[k][j] = 0;
        }
      }
    }
    double[][] bs = GvcReference.inv(ref.iMinus(ax, ref.all()));
    for (int r = 0; r < ref.g; r++) {
      if (mem[r]) {
        continue;
      }
      boolean[] inr = ref.rowsOfCountries(ref.one(r));
      double[] c = new double[n];
      for (int j = 0; j < n; j++) {
        c[j] = inS[j] ? 0 : ref.y[j][r];
      }
      double[] xr = ref.mv(bs, GvcReference.not(new boolean[n]), GvcReference.not(new boolean[n]), c);
      double[] inner = new double[n];
      for (int j = 0; j < n; j++) {
        inner[j] = inr[j] ? ref.y[j][r] : 0;
      }
      double[] ax2 = ref.mv(ref.a, inr, GvcReference.not(inr), xr);
      for (int j = 0; j < n; j++) {
        inner[j] += ax2[j];
      }
      double[] lrr = ref.mv(ref.local(rowsOf(inr)), inr, inr, inner);
      double[] br = ref.mv(ref.a, inS, inr, lrr);
      for (int k = 0; k < n; k++) {
        if (!inS[k]) {
          continue;
        }
        double w = 0;
        for (int t = 0; t < n; t++) {
          w += inS[t] ? ref.v[t] * ref.b[t][k] : 0;
        }
        String key = "BM_SINK|" + code + "|" + ref.lay.countries().get(r) + "|"
            + ref.lay.industries().get(ref.lay.industryOfRow(k)) + "|VAXIM";
        lit.merge(key, w * (ref.y[k][r] + br[k]), Double::sum);
      }
    }
  }

  private static int[] rowsOf(boolean[] mask) {
    int c = 0;
    for (boolean b : mask) {
      c += b ? 1 : 0;
    }
    int[] r = new int[c];
    int p = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        r[p++] = i;
      }
    }
    return r;
  }
}
