package io.tivaspark.common.math;

import io.tivaspark.common.model.CheckResult;
import io.tivaspark.common.model.IndustryAggregates;
import io.tivaspark.common.model.ResultSink;
import io.tivaspark.common.model.Satellite;
import java.util.List;

/**
 * The rows of {@code footprint_coefficients} for one stressor (docs/footprints.md), and checks E4
 * (S x = F) and E5 (M y = F). Per economy E (country or group) and industry i (and {@code _T}),
 * over E's rows k of industry i (split entities, group members): S = Σ F_k / Σ x_k (F only where
 * x_k ≠ 0, as S_k = 0 there); M, M_UP = M − S and M_DOM (the part of M emitted in E) averaged with
 * the rows' final demand y_k (row totals of Y) as weights, so that Σ M y over the written rows keeps
 * E3; where Σ y_k = 0, output weights, and where Σ x_k = 0 too, the plain mean. A single row is
 * taken as is. O(n·G) per economy (M_DOM), nothing n × n.
 *
 * <p><b>Industry aggregates</b> (docs/methods.md §17): rows are written for every aggregate of
 * {@link YearSystem#industryAggregates()} too, merged exactly like {@code _T} but over the rows of the
 * member industries; E4 holds on them as on every row, and E5 checks that each aggregate weighs to
 * its members: M(a) × Σ_{i∈a} y(i) = Σ_{i∈a} M(i) × y(i).
 */
final class FootprintCoefficients {
  private FootprintCoefficients() {}

  /**
   * Sums over an economy's rows by slot ({@link IndustrySlots}: industries, aggregates, then _T): row
   * count, Σ x, Σ F (x ≠ 0), Σ y, and the sums of M, M − S, M_DOM weighted by y [0..2], by x [3..5],
   * unweighted [6..8], with the values of the slot's last row (used when the slot has one row).
   */
  record Sums(int[] cnt, double[] sumX, double[] sumF, double[] sumY, double[][] acc, double[][] single) {

    static Sums of(YearSystem sys, Satellite sat, Footprints.Stressor st, YearSystem.Economy e) {
      int[][] slotsOf = IndustrySlots.containing(sys.industryAggregates());
      int slots = sys.industryAggregates().slots() + 1;
      int m = sat.m();
      double[] x = sys.x();
      double[] yTot = sys.yTot();
      int[] cnt = new int[slots];
      double[] sumX = new double[slots];
      double[] sumF = new double[slots];
      double[] sumY = new double[slots];
      double[][] acc = new double[9][slots];
      double[][] single = new double[3][slots];
      for (int k : e.rows()) {
        double dk = st.domestic(e.member(), k);
        double[] vals = {st.mult()[k], st.mult()[k] - st.s()[k], dk};
        double fk = x[k] != 0 ? sat.f()[st.index() + k * m] : 0.0;
        for (int slot : slotsOf[sys.ind()[k]]) {
          cnt[slot]++;
          sumX[slot] += x[k];
          sumF[slot] += fk;
          sumY[slot] += yTot[k];
          for (int c = 0; c < 3; c++) {
            acc[c][slot] += vals[c] * yTot[k];
            acc[3 + c][slot] += vals[c] * x[k];
            acc[6 + c][slot] += vals[c];
            single[c][slot] = vals[c];
          }
        }
      }
      return new Sums(cnt, sumX, sumF, sumY, acc, single);
    }

    /** S, M, M_UP, M_DOM of slot i, as in {@link Footprints#COEFFICIENTS}. */
    double[] coefficients(int i) {
      double[] v = new double[4];
      v[0] = sumX[i] != 0 ? sumF[i] / sumX[i] : 0.0;
      for (int c = 0; c < 3; c++) {
        if (cnt[i] == 1) {
          v[1 + c] = single[c][i];
        } else if (sumY[i] != 0) {
          v[1 + c] = acc[c][i] / sumY[i];
        } else if (sumX[i] != 0) {
          v[1 + c] = acc[3 + c][i] / sumX[i];
        } else {
          v[1 + c] = acc[6 + c][i] / cnt[i];
        }
      }
      return v;
    }
  }

  /** Writes every economy's coefficient rows for one stressor; E4 and E5 into {@code ck}. */
  static void write(YearSystem sys, Satellite sat, Footprints.Stressor st, double fActive, Checks ck,
      ResultSink sink) {
    String name = st.name();
    String cu = st.unit() + "/" + sys.options().moneyUnit();
    IndustryAggregates agg = sys.industryAggregates();
    int nInd = sys.nInd();
    int tot = agg.slots();
    List<String> industries = sys.layout().industries();
    CheckResult.Builder e4 = ck.identity("E4", name);
    CheckResult.Builder e5 = ck.identity("E5", name);
    double worldInd = 0;
    double worldTot = 0;
    for (YearSystem.Economy e : sys.economies()) {
      String code = e.code();
      Sums sums = Sums.of(sys, sat, st, e);
      double[] my = new double[tot + 1]; // M × y of each slot's row
      for (int i = 0; i <= tot; i++) {
        String industry = IndustrySlots.code(agg, i, industries);
        double[] v = sums.coefficients(i);
        for (int c = 0; c < 4; c++) {
          sink.footprintCoefficient(name, Footprints.COEFFICIENTS.get(c), code, industry, v[c], cu);
        }
        e4.compare(v[0] * sums.sumX()[i], sums.sumF()[i], code + "/" + industry);
        my[i] = v[1] * sums.sumY()[i];
      }
      double myInd = 0;
      for (int i = 0; i < nInd; i++) {
        myInd += my[i];
      }
      // the industry rows and the _T row of E weigh to the same Σ_{k∈E} M_k y_k; so do an aggregate and its members
      e5.compare(myInd, my[tot], code + "/_T");
      aggregatesWeigh(agg, my, e5, code);
      if (!e.group()) {
        worldInd += myInd;
        worldTot += my[tot];
      }
    }
    // E3 on the written rows: Σ over countries and industries of M y = F of sectors with output
    e5.compare(worldInd, fActive, "world (industries)");
    e5.compare(worldTot, fActive, "world (_T)");
  }

  /** E5 per industry aggregate a: M(a) y(a) = Σ_{i∈a} M(i) y(i), from the rows' M × y ({@code my} by slot). */
  private static void aggregatesWeigh(IndustryAggregates agg, double[] my, CheckResult.Builder e5, String code) {
    for (int k = agg.industries(); k < agg.slots(); k++) {
      double sum = 0;
      for (int i : agg.members(k)) {
        sum += my[i];
      }
      e5.compare(my[k], sum, code + "/" + agg.codes().get(k - agg.industries()));
    }
  }
}
