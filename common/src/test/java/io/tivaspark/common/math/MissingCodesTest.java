package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.math.YearSystem.Economy;
import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.Layout;
import io.tivaspark.common.model.MrioYear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quantities behind the codes of docs/methods.md §3.5 against {@link MissingCodesReference} (literal
 * formulas, explicit inverses) on random tables with a split country (CHN = CN1 + CN2), a group of two
 * countries, negative inventories and a zero-output row, every economy, at relative 1e-9
 * (|got − want| ≤ 1e-9·max(1, |want|)); the rows as written (industries, an industry aggregate, _T,
 * partners, WLD, DXD) against the same formulas; and the new identities T10–T14 pass in a full run.
 */
class MissingCodesTest {
  static final double TOL = 1e-9;

  static void near(double want, double got, String what) {
    assertTrue(Math.abs(got - want) <= TOL * Math.max(1, Math.abs(want)), what + ": want " + want + ", got " + got);
  }

  static void near(double[] want, double[] got, String what) {
    assertEquals(want.length, got.length, what + " length");
    for (int k = 0; k < want.length; k++) {
      near(want[k], got[k], what + "[" + k + "]");
    }
  }

  static TivaOptions options(Layout lay) {
    return TivaOptions.builder()
        .group("GRP", List.of(lay.countries().get(0), lay.countries().get(1)))
        .serviceIndustries(Set.of(lay.industries().get(1)))
        .build();
  }

  /** Members of each economy of the system (countries, then groups), by code. */
  static List<String> members(Economy eco, Layout lay) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < lay.countryCount(); c++) {
      if (eco.member()[c]) {
        out.add(lay.countries().get(c));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"21, 3, 2, false", "22, 4, 3, true", "23, 6, 4, true"})
  void unitsMatchTheLiteralFormulas(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {lay.n() - 1});
    YearSystem sys = YearSystem.build(yr, options(lay));
    MissingCodesReference ref = new MissingCodesReference(yr);
    boolean[] svc = sys.serviceIndustries();
    for (Economy eco : sys.economies()) {
      MissingCodesReference.Eco e = ref.economy(members(eco, lay));
      String s = eco.code();
      boolean[] inEco = e.inS();
      GrossTrade t = GrossTrade.of(sys, eco, inEco);
      ExportValueAdded x = ExportValueAdded.of(sys, eco, t.eRow());
      DomesticContent c = DomesticContent.of(sys, eco, inEco, t.eRow());
      ReexportedImports m = ReexportedImports.of(sys, eco, inEco, c.localOutput());
      near(ref.importsUsedFor(e, ref.exports(e), false), m.reii(), s + " REII");
      near(ref.importsUsedFor(e, ref.domesticDemand(e), false), m.absorbed(), s + " absorbed imports");
      near(ref.fva(e), m.fvaViaReii(), s + " foreign VA via REII");
      near(ref.intDva(e), x.intDva(), s + " EXGR_INT_DVA");
      near(ref.serviceVa(e, svc, true), x.servD(), s + " EXGR_SERV_DVA");
      near(ref.serviceVa(e, svc, false), x.servF(), s + " EXGR_SERV_FVA");
      balances(ref, e, t, s);
      finalDemandOrigins(ref, e, FinalDemandValueAdded.of(sys, eco, inEco), sys.options(), s);
    }
  }

  static void balances(MissingCodesReference ref, MissingCodesReference.Eco e, GrossTrade t, String s) {
    double[] bi = ref.balance(e, true);
    double[] bf = ref.balance(e, false);
    int g = e.mem().length;
    int nn = t.prod().length;
    for (int r = 0; r < g; r++) {
      if (!e.mem()[r]) {
        double exI = 0;
        double exF = 0;
        for (int i = 0; i < nn; i++) {
          exI += t.exInt()[i * g + r] - t.imInt()[i * g + r];
          exF += t.exFnl()[i * g + r] - t.imFnl()[i * g + r];
        }
        near(bi[r], exI, s + " BALGR_INT " + r);
        near(bf[r], exF, s + " BALGR_FNL " + r);
      }
    }
  }

  static void finalDemandOrigins(MissingCodesReference ref, MissingCodesReference.Eco e, FinalDemandValueAdded d,
      TivaOptions opt, String s) {
    double[] all = ref.fdVaByOrigin(e, null);
    near(all[0], d.dfdDvaT(), s + " FD_VA DXD");
    for (int r = 0; r < e.mem().length; r++) {
      if (!e.mem()[r]) {
        near(all[1 + r], d.dfdFvaR()[r], s + " FD_VA " + r);
      }
    }
    double[] cons = ref.fdVaByOrigin(e, opt.consumptionCategories());
    double[] gfcf = ref.fdVaByOrigin(e, opt.gfcfCategories());
    for (int k = 0; k < cons.length; k++) {
      if (k == 0 || !e.mem()[k - 1]) {
        near(cons[k], d.cons()[k], s + " CONS_VA " + k);
        near(gfcf[k], d.gfcf()[k], s + " GFCF_VA " + k);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}, G={1}, N={2}, split={3}")
  @CsvSource({"31, 3, 2, false", "32, 5, 4, true", "33, 8, 3, true"})
  void newIdentitiesHoldInAFullRun(long seed, int g, int nInd, boolean split) {
    Layout lay = RandomTables.layout(g, nInd, split);
    MrioYear yr = RandomTables.year(seed, lay, new int[] {0});
    CollectingSink sink = new CollectingSink();
    TivaSummary sum = TivaCore.compute(yr, options(lay), sink);
    PropertyTest.assertAllPassed(sum);
    List<String> seen = new ArrayList<>();
    for (CheckResult r : sum.checks()) {
      seen.add(r.check() + " " + r.scope());
    }
    for (String want : List.of("T10 EXGR_INT_DVA + DVA in final exports = EXGR_DVA (by exporting industry)",
        "T11 BALGR_INT + BALGR_FNL = BALGR (bilateral)",
        "T11 BALGR_INT + BALGR_FNL = BALGR (total, exports from row totals)",
        "T12 sum over origins (DXD and t) of FD_VASH = 100", "T12 sum over origins (DXD and t) of CONS_VASH = 100",
        "T12 sum over origins (DXD and t) of GFCF_VASH = 100",
        "T13 REII + imported intermediates absorbed at home = IMGR_INT",
        "T13 foreign VA of the re-exported intermediate imports = EXGR_FVA",
        "T14 sum over countries of FEXDVA (VA in partners' exports) = sum of EXGR_FVA")) {
      assertTrue(seen.contains(want), "check written: " + want + " in " + seen);
    }
  }

  /** Σ over the industries {@code inds} of an industry × partner array at partner r. */
  static double slot(double[] byIndPartner, int[] inds, int r, int g) {
    double sum = 0;
    for (int i : inds) {
      sum += byIndPartner[i * g + r];
    }
    return sum;
  }

  /** Σ over the industries {@code inds} and every partner outside the economy. */
  static double slotWorld(double[] byIndPartner, int[] inds, boolean[] mem) {
    double sum = 0;
    for (int r = 0; r < mem.length; r++) {
      sum += mem[r] ? 0 : slot(byIndPartner, inds, r, mem.length);
    }
    return sum;
  }

  @Test
  void rowsMatchTheLiteralFormulas() {
    Layout lay = RandomTables.layout(4, 3, true);
    MrioYear yr = RandomTables.year(51, lay, new int[0]);
    TivaOptions opt = TivaOptions.builder().group("GRP", List.of("C00", "CHN")).serviceIndustries(Set.of("D01"))
        .industryGroup("AGG", List.of("D00", "D02")).build();
    CollectingSink sink = new CollectingSink();
    PropertyTest.assertAllPassed(TivaCore.compute(yr, opt, sink));
    MissingCodesReference ref = new MissingCodesReference(yr);
    Map<String, int[]> slots = Map.of("D00", new int[] {0}, "D01", new int[] {1}, "D02", new int[] {2}, "AGG",
        new int[] {0, 2}, "_T", new int[] {0, 1, 2});
    for (Map.Entry<String, List<String>> eco : Map.of("C00", List.of("C00"), "CHN", List.of("CHN"), "GRP",
        List.of("C00", "CHN")).entrySet()) {
      MissingCodesReference.Eco e = ref.economy(eco.getValue());
      String s = eco.getKey();
      double[] reii = ref.importsUsedFor(e, ref.exports(e), false);
      double[] im = ref.imgrInt(e);
      double[] intDva = ref.intDva(e);
      slots.forEach((ind, inds) -> {
        for (int r = 0; r < lay.countryCount(); r++) {
          if (!e.mem()[r]) {
            String pr = lay.countries().get(r);
            near(slot(reii, inds, r, 4), sink.get("REII", s, pr, ind), s + " REII " + pr + " " + ind);
            near(100 * slot(reii, inds, r, 4) / slot(im, inds, r, 4), sink.get("IMGRINT_REII", s, pr, ind),
                s + " IMGRINT_REII " + pr + " " + ind);
            near(slot(intDva, inds, r, 4), sink.get("EXGR_INT_DVA", s, pr, ind), s + " EXGR_INT_DVA " + ind);
            near(100 * slot(intDva, inds, r, 4) / slotWorld(intDva, inds, e.mem()),
                sink.get("EXGR_INTDVApSH", s, pr, ind), s + " EXGR_INTDVApSH " + pr + " " + ind);
          }
        }
        near(slotWorld(reii, inds, e.mem()), sink.get("REII", s, "WLD", ind), s + " REII WLD " + ind);
        near(100 * slotWorld(reii, inds, e.mem()) / slotWorld(im, inds, e.mem()),
            sink.get("IMGRINT_REII", s, "WLD", ind), s + " IMGRINT_REII WLD " + ind);
        near(slotWorld(intDva, inds, e.mem()), sink.get("EXGR_INT_DVA", s, "WLD", ind), s + " EXGR_INT_DVA WLD");
        double[] serv = ref.serviceVa(e, new boolean[] {false, true, false}, true);
        double sum = 0;
        for (int i : inds) {
          sum += serv[i];
        }
        near(sum, sink.get("EXGR_SERV_DVA", s, "WLD", ind), s + " EXGR_SERV_DVA " + ind);
      });
      totalRows(ref, e, sink, s, opt);
    }
  }

  /** _T rows by partner and WLD/DXD: BALGR_INT, BALGR_FNL and the origin shares. */
  static void totalRows(MissingCodesReference ref, MissingCodesReference.Eco e, CollectingSink sink, String s,
      TivaOptions opt) {
    Layout lay = ref.lay;
    double[] bi = ref.balance(e, true);
    double[] bf = ref.balance(e, false);
    double[] fd = ref.fdVaByOrigin(e, null);
    double[] cons = ref.fdVaByOrigin(e, opt.consumptionCategories());
    double fdT = Codes.sum(fd);
    double consT = Codes.sum(cons);
    double biT = 0;
    for (int r = 0; r < lay.countryCount(); r++) {
      if (!e.mem()[r]) {
        String pr = lay.countries().get(r);
        near(bi[r], sink.get("BALGR_INT", s, pr, "_T"), s + " BALGR_INT " + pr);
        near(bf[r], sink.get("BALGR_FNL", s, pr, "_T"), s + " BALGR_FNL " + pr);
        near(100 * fd[1 + r] / fdT, sink.get("FD_VASH", s, pr, "_T"), s + " FD_VASH " + pr);
        near(100 * cons[1 + r] / consT, sink.get("CONS_VASH", s, pr, "_T"), s + " CONS_VASH " + pr);
        biT += bi[r];
      }
    }
    near(biT, sink.get("BALGR_INT", s, "WLD", "_T"), s + " BALGR_INT WLD");
    near(100 * fd[0] / fdT, sink.get("FD_VASH", s, "DXD", "_T"), s + " FD_VASH DXD");
    near(100 * cons[0] / consT, sink.get("CONS_VASH", s, "DXD", "_T"), s + " CONS_VASH DXD");
    assertTrue(!sink.has("FD_VASH", s, "WLD", "_T") && !sink.has("REII", s, "DXD", "_T"), "no WLD share rows");
  }
}
