package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.math.YearSystem.Economy;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The two candidate formulas of REII (docs/methods.md §3.5), both literal (explicit inverses,
 * {@link MissingCodesReference#importsUsedFor}): imported intermediates × the <b>local</b> inverse,
 * A_{¬s,s} L_ss e_s (the production choice), against the same with the block of the <b>global</b>
 * inverse, A_{¬s,s} B_ss e_s. On a random table with a split country and a group, decompr's leather
 * table and WIOD 2009 (skipped, loudly, without the shared data), it prints the comparison of
 * methods §3.5 and asserts what the choice rests on: the local version equals production to 1e-9,
 * its foreign VA is EXGR_FVA (1e-9) and it never exceeds IMGR_INT where domestic final demand is
 * non-negative; the global version is ≥ the local one (A, B ≥ 0) and overstates EXGR_FVA. On WIOD
 * (negative inventory changes) both exceed IMGR_INT in some cells, the global one in more.
 */
class ReiiCandidatesTest {

  /** One table's comparison (countries only for the sums; every economy for the cell checks). */
  record Comparison(String table, double reiiL, double reiiB, double imgrInt, double maxShareL, double maxShareB,
      int overL, int overB, double fvaErrL, double fvaErrB, double minBminusL) {

    String row() {
      return String.format(Locale.ROOT,
          "| %s | %.6g | %.6g | %.6g | %.2f %% | %.2f %% | %.1f %% | %.1f %% | %d | %d | %.1e | %.1e |", table, reiiL,
          reiiB, imgrInt, 100 * reiiL / imgrInt, 100 * reiiB / imgrInt, maxShareL, maxShareB, overL, overB, fvaErrL,
          fvaErrB);
    }
  }

  static final String HEADER = "| table | Σ REII (L_ss) | Σ REII (B_ss) | Σ IMGR_INT | L/IMGR_INT | B/IMGR_INT "
      + "| max cell L | max cell B | cells L > IMGR_INT | cells B > IMGR_INT | FVA rel. error L | FVA rel. error B |";

  static Comparison compare(String name, MrioYear yr, TivaOptions opt, MissingCodesReference ref) {
    YearSystem sys = YearSystem.build(yr, opt);
    Layout lay = yr.layout();
    double sumL = 0;
    double sumB = 0;
    double sumIm = 0;
    double[] maxShare = new double[2];
    int[] over = new int[2];
    double[] fvaErr = new double[2];
    double minDiff = Double.MAX_VALUE;
    for (Economy eco : sys.economies()) {
      MissingCodesReference.Eco e = ref.economy(MissingCodesTest.members(eco, lay));
      double[] ex = ref.exports(e);
      double[] l = ref.importsUsedFor(e, ex, false);
      double[] b = ref.importsUsedFor(e, ex, true);
      double[] im = ref.imgrInt(e);
      GrossTrade t = GrossTrade.of(sys, eco, e.inS());
      DomesticContent c = DomesticContent.of(sys, eco, e.inS(), t.eRow());
      MissingCodesTest.near(l, ReexportedImports.of(sys, eco, e.inS(), c.localOutput()).reii(), eco.code() + " REII");
      for (int p = 0; p < l.length; p++) {
        minDiff = Math.min(minDiff, b[p] - l[p]);
        if (im[p] > 0) {
          maxShare[0] = Math.max(maxShare[0], 100 * l[p] / im[p]);
          maxShare[1] = Math.max(maxShare[1], 100 * b[p] / im[p]);
          over[0] += l[p] > im[p] * (1 + 1e-12) ? 1 : 0;
          over[1] += b[p] > im[p] * (1 + 1e-12) ? 1 : 0;
        }
      }
      double fva = ref.fva(e);
      fvaErr[0] = Math.max(fvaErr[0], Math.abs(ref.foreignVaOf(e, false) - fva) / Math.abs(fva));
      fvaErr[1] = Math.max(fvaErr[1], Math.abs(ref.foreignVaOf(e, true) - fva) / Math.abs(fva));
      if (!eco.group()) {
        sumL += Codes.sum(l);
        sumB += Codes.sum(b);
        sumIm += Codes.sum(im);
      }
    }
    Comparison cmp = new Comparison(name, sumL, sumB, sumIm, maxShare[0], maxShare[1], over[0], over[1], fvaErr[0],
        fvaErr[1], minDiff);
    System.out.println(HEADER);
    System.out.println(cmp.row());
    return cmp;
  }

  /** What the choice rests on, on a table with A, B ≥ 0 and non-negative domestic final demand. */
  static void assertLocalIsTheConsistentOne(Comparison c) {
    assertTrue(c.fvaErrL() <= 1e-9, "foreign VA of REII (L_ss) = EXGR_FVA: " + c);
    assertTrue(c.fvaErrB() > 1e-6, "B_ss version overstates EXGR_FVA: " + c);
    assertEquals(0, c.overL(), "REII (L_ss) <= IMGR_INT: " + c);
    assertTrue(c.minBminusL() >= -1e-12 * c.reiiB(), "B_ss version >= L_ss version: " + c);
    assertTrue(c.reiiB() > c.reiiL(), "B_ss version larger in total: " + c);
  }

  @Test
  void randomTableWithSplitAndGroup() {
    Layout lay = RandomTables.layout(5, 4, true);
    MrioYear yr = RandomTables.year(41, lay, new int[0]);
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of(lay.countries().get(0), lay.countries().get(1))).build();
    assertLocalIsTheConsistentOne(compare("random G=5 N=4, CHN split, group", yr, opt, new MissingCodesReference(yr)));
  }

  @Test
  void leather() {
    MrioYear yr = PublishedExamplesTest.leather();
    assertLocalIsTheConsistentOne(compare("decompr leather 3×3", yr, TivaOptions.defaults(),
        new MissingCodesReference(yr)));
  }

  /** WIOD 2013 release, 2009 (41 countries × 35 industries), countries only; about 10 s. */
  @Test
  void wiod2009() throws IOException {
    MrioYear yr = IcioCsv.read(SharedData.require("data/wiod2013/wiot_2009.csv.gz"), 2009);
    TivaOptions opt = TivaOptions.defaults();
    Comparison c = compare("WIOD 2009 (41×35)", yr, opt, new MissingCodesReference(yr, opt.lapack()));
    assertTrue(c.fvaErrL() <= 1e-9, "foreign VA of REII (L_ss) = EXGR_FVA: " + c);
    assertTrue(c.fvaErrB() > 1e-6, "B_ss version overstates EXGR_FVA: " + c);
    assertTrue(c.reiiB() > c.reiiL(), "B_ss version larger in total: " + c);
  }
}
