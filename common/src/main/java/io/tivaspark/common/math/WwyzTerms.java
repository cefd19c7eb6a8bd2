package io.tivaspark.common.math;

import static io.tivaspark.common.math.GvcMeasures.L_COUNT;
import static io.tivaspark.common.math.GvcMeasures.L_D;
import static io.tivaspark.common.math.GvcMeasures.L_GVC_CB;
import static io.tivaspark.common.math.GvcMeasures.L_GVC_D;
import static io.tivaspark.common.math.GvcMeasures.L_GVC_F;
import static io.tivaspark.common.math.GvcMeasures.L_RT;
import static io.tivaspark.common.math.GvcMeasures.L_TOT;
import static io.tivaspark.common.math.GvcMeasures.V_D;
import static io.tivaspark.common.math.GvcMeasures.V_GVC;
import static io.tivaspark.common.math.GvcMeasures.V_RT;
import static io.tivaspark.common.math.GvcMeasures.V_TOT;

import io.tivaspark.common.model.CheckResult;
import java.util.function.Supplier;

/**
 * The WWYZ split of value-added production, the production-length numerators and denominators and
 * the KWW position's IV and FV, per row k, on one partition of the rows (formulas in
 * {@link GvcMeasures}; docs/methods.md §4).
 */
final class WwyzTerms {
  final double[][] fwd = new double[4][]; // WWYZ V_D, V_RT, V_GVC_S, V_GVC_C (row sums)
  final double[][] bwd = new double[4][]; // WWYZ Y_D, Y_RT, Y_GVC_S, Y_GVC_C (column sums)
  final double[][] xv = new double[L_COUNT][]; // forward length numerators
  final double[][] vv = new double[4][]; // forward length denominators (tot, D, RT, GVC)
  final double[][] xy = new double[L_COUNT][]; // backward length numerators
  final double[][] yy = new double[4][]; // backward length denominators
  final double[] e; // gross exports of each row out of its block
  final double[] iv; // VA of row k (source) in other blocks' gross exports
  final double[] fv; // foreign VA in row k's gross exports
  final YearSystem sys;

  WwyzTerms(YearSystem sys, GvcMeasures.Shared sh, GvcPartition p) {
    this.sys = sys;
    int n = sys.n();
    Demand dm = Demand.of(sys, p);
    e = dm.e();
    double[] aF = p.foreignIn(sh.aBuffer()); // A^F in the year's buffer, restored to A below
    Forward fw;
    Backward bw;
    try {
      fw = Forward.of(sys, sh, p, dm, aF);
      bw = Backward.of(sys, sh, p, aF);
    } finally {
      p.restore(aF, sys.a());
    }
    for (int q = 0; q < 4; q++) {
      fwd[q] = new double[n];
      bwd[q] = new double[n];
      vv[q] = new double[n];
      yy[q] = new double[n];
    }
    for (int q = 0; q < L_COUNT; q++) {
      xv[q] = new double[n];
      xy[q] = new double[n];
    }
    for (int k = 0; k < n; k++) {
      forwardRow(k, sh, dm, fw);
      backwardRow(k, sh, dm, bw);
    }
    // KWW position: IV (forward) and FV (backward) with the block's exports
    double[] v = sys.v();
    double[] be = fw.be();
    double[] bssE = p.ad(sys.b(), e, false); // B_SS e_S
    double[] vbss = p.ad(sys.b(), v, true); // (v_S' B_SS)'
    iv = new double[n];
    fv = new double[n];
    for (int k = 0; k < n; k++) {
      iv[k] = v[k] * (be[k] - bssE[k]);
      fv[k] = e[k] * (sh.vb[k] - vbss[k]);
    }
  }

  /** Row k of the forward WWYZ split and of the forward length numerators and denominators. */
  private void forwardRow(int k, GvcMeasures.Shared sh, Demand dm, Forward fw) {
    double vk = sys.v()[k];
    fwd[0][k] = vk * fw.lyD()[k];
    fwd[1][k] = vk * fw.lyF()[k];
    fwd[2][k] = vk * fw.lafLyD()[k];
    fwd[3][k] = vk * fw.lafRest()[k];
    xv[L_TOT][k] = vk * sh.bby[k];
    xv[L_D][k] = vk * fw.llyD()[k];
    xv[L_RT][k] = vk * fw.llyF()[k];
    xv[L_GVC_D][k] = vk * fw.llafBy()[k];
    xv[L_GVC_CB][k] = vk * fw.bafBy()[k];
    xv[L_GVC_F][k] = vk * fw.lafBadBy()[k];
    vv[V_TOT][k] = vk * sh.by[k];
    vv[V_D][k] = fwd[0][k];
    vv[V_RT][k] = fwd[1][k];
    vv[V_GVC][k] = vk * fw.lafBy()[k];
  }

  /** Row k of the backward WWYZ split and of the backward length numerators and denominators. */
  private void backwardRow(int k, GvcMeasures.Shared sh, Demand dm, Backward bw) {
    double yk = sys.yTot()[k];
    double[] yD = dm.yD();
    bwd[0][k] = bw.vl()[k] * yD[k];
    bwd[1][k] = bw.vl()[k] * dm.yF()[k];
    bwd[2][k] = bw.vlafl()[k] * yD[k];
    bwd[3][k] = bw.vlafb()[k] * yk - bw.vlafl()[k] * yD[k];
    xy[L_TOT][k] = sh.vbb[k] * yk;
    xy[L_D][k] = bw.vll()[k] * yD[k];
    xy[L_RT][k] = bw.vll()[k] * dm.yF()[k];
    xy[L_GVC_D][k] = bw.vllafB()[k] * yk;
    xy[L_GVC_CB][k] = bw.vbafB()[k] * yk;
    xy[L_GVC_F][k] = bw.vlafbadb()[k] * yk;
    yy[V_TOT][k] = sh.vb[k] * yk;
    yy[V_D][k] = bwd[0][k];
    yy[V_RT][k] = bwd[1][k];
    yy[V_GVC][k] = bw.vlafb()[k] * yk;
  }

  /** P1–P5 on this partition (scope suffix tells countries from group partitions). */
  void check(Checks ck, String suffix) {
    int n = sys.n();
    double[] v = sys.v();
    double[] x = sys.x();
    double[] yTot = sys.yTot();
    String[] comp = {"D", "RT", "GVC_S", "GVC_C"};
    double sumAll = 0;
    double sumVa = 0;
    for (int q = 0; q < 4; q++) {
      double sf = 0;
      double sb = 0;
      for (int k = 0; k < n; k++) {
        sf += fwd[q][k];
        sb += bwd[q][k];
      }
      ck.identity("P1", "WWYZ: each component's row-sum total = its column-sum total" + suffix).compare(sb, sf, comp[q]);
      sumAll += sf;
    }
    for (int k = 0; k < n; k++) {
      sumVa += v[k] * x[k];
    }
    ck.identity("P1", "WWYZ: the four components add up to v'Bŷ1 = Σ va" + suffix).compare(sumAll, sumVa, "world");
    CheckResult.Builder p2 = ck.identity("P2", "WWYZ forward: V_D + V_RT + V_GVC_S + V_GVC_C = va (by sector)" + suffix);
    CheckResult.Builder p3 = ck.identity("P3", "WWYZ backward: Y_D + Y_RT + Y_GVC_S + Y_GVC_C = y (by sector)" + suffix);
    CheckResult.Builder p4f = ck.identity("P4",
        "WWYZ length forward: X = X_D + X_RT + Xd_GVC + E_GVC + Xf_GVC (V̂BBŷ row sums, by sector)" + suffix);
    CheckResult.Builder p4b = ck.identity("P4",
        "WWYZ length backward: X = X_D + X_RT + Xd_GVC + E_GVC + Xf_GVC (V̂BBŷ column sums, by sector)" + suffix);
    CheckResult.Builder p5 = ck.identity("P5", "WWYZ length: V_D + V_RT + V_GVC = V̂Bŷ row sums and "
        + "Y_D + Y_RT + Y_GVC = column sums (by sector)" + suffix);
    double[] totF = new double[L_COUNT];
    double[] totB = new double[L_COUNT];
    for (int k = 0; k < n; k++) {
      final int kk = k;
      Supplier<String> where = () -> sys.label(kk);
      p2.compare(fwd[0][k] + fwd[1][k] + fwd[2][k] + fwd[3][k], v[k] * x[k], where);
      p3.compare(bwd[0][k] + bwd[1][k] + bwd[2][k] + bwd[3][k], yTot[k], where);
      double sf = 0;
      double sb = 0;
      for (int q = 1; q < L_COUNT; q++) {
        sf += xv[q][k];
        sb += xy[q][k];
        totF[q] += xv[q][k];
        totB[q] += xy[q][k];
      }
      totF[0] += xv[0][k];
      totB[0] += xy[0][k];
      p4f.compare(sf, xv[L_TOT][k], where);
      p4b.compare(sb, xy[L_TOT][k], where);
      p5.compare(vv[V_D][k] + vv[V_RT][k] + vv[V_GVC][k], vv[V_TOT][k], where);
      p5.compare(yy[V_D][k] + yy[V_RT][k] + yy[V_GVC][k], yy[V_TOT][k], where);
    }
    String[] seg = {"X", "X_D", "X_RT", "Xd_GVC", "E_GVC", "Xf_GVC"};
    CheckResult.Builder p4w = ck.identity("P4", "WWYZ length: each segment's row-sum total = its column-sum total"
        + suffix);
    for (int q = 0; q < L_COUNT; q++) {
      p4w.compare(totB[q], totF[q], seg[q]);
    }
  }

  /**
   * Final demand of each row split by the partition: y^D (bought by the row's own block), y^F = y − y^D,
   * and e = gross exports of the row out of its block (Z and Y sold to other blocks).
   */
  record Demand(double[] yD, double[] yF, double[] e) {
    static Demand of(YearSystem sys, GvcPartition p) {
      int n = sys.n();
      int g = sys.g();
      double[] yc = sys.y();
      double[] zc = sys.zc();
      double[] yD = new double[n];
      double[] yF = new double[n];
      double[] e = new double[n];
      for (int k = 0; k < n; k++) {
        boolean[] mem = p.member[p.blockOf[k]];
        double dom = 0;
        double ex = 0;
        for (int c = 0; c < g; c++) {
          if (mem[c]) {
            dom += yc[k + c * n];
          } else {
            ex += yc[k + c * n] + zc[k + c * n];
          }
        }
        yD[k] = dom;
        yF[k] = sys.yTot()[k] - dom;
        e[k] = ex;
      }
      return new Demand(yD, yF, e);
    }
  }

  /**
   * The column vectors of the forward (row-sum) terms: L y^D, L y^F, L A^F L y^D,
   * L A^F (x − L y^D), L A^F B y, B A^F B y, L A^F B A^D B y, L L A^F B y, L L y^D, L L y^F, and
   * B e (KWW position), with three multi-vector products with A and one with B.
   */
  record Forward(double[] lyD, double[] lyF, double[] lafLyD, double[] lafRest, double[] lafBy, double[] bafBy,
      double[] lafBadBy, double[] llafBy, double[] llyD, double[] llyF, double[] be) {
    static Forward of(YearSystem sys, GvcMeasures.Shared sh, GvcPartition p, Demand dm, double[] aF) {
      int n = sys.n();
      double[] a = sys.a();
      Lapack lapack = sys.lapack();
      double[] lyD = p.l(dm.yD(), false);
      double[] lyF = p.l(dm.yF(), false);
      double[] rest = new double[n];
      for (int k = 0; k < n; k++) {
        rest[k] = sys.x()[k] - lyD[k];
      }
      double[] adBy = p.ad(a, sh.by, false); // A^D B y
      double[][] f1 = GvcPartition.af(aF, lapack, false, lyD, rest, sh.by); // A^F [L yD, x − L yD, B y]
      double[] lafLyD = p.l(f1[0], false);
      double[] lafRest = p.l(f1[1], false);
      double[] lafBy = p.l(f1[2], false); // L A^F B y
      // gross exports of each row out of its block (KWW position), in the same pass over B
      double[][] f2 = GvcMeasures.times(sys.b(), lapack, false, f1[2], adBy, dm.e()); // B A^F B y, B A^D B y, B e
      double[] lafBadBy = p.l(GvcPartition.af(aF, lapack, false, f2[1])[0], false); // L A^F B A^D B y
      double[] llafBy = p.l(lafBy, false);
      double[] llyD = p.l(lyD, false);
      double[] llyF = p.l(lyF, false);
      return new Forward(lyD, lyF, lafLyD, lafRest, lafBy, f2[0], lafBadBy, llafBy, llyD, llyF, f2[2]);
    }
  }

  /**
   * The row vectors (as columns) of the backward (column-sum) terms: v'L, v'LL, v'L A^F L,
   * v'L A^F B, v'LL A^F B, v'B A^F B, v'L A^F B A^D B, with transposed operators.
   */
  record Backward(double[] vl, double[] vll, double[] vlafl, double[] vlafb, double[] vllafB, double[] vbafB,
      double[] vlafbadb) {
    static Backward of(YearSystem sys, GvcMeasures.Shared sh, GvcPartition p, double[] aF) {
      double[] a = sys.a();
      double[] b = sys.b();
      Lapack lapack = sys.lapack();
      double[] vl = p.l(sys.v(), true); // (v'L)'
      double[] vll = p.l(vl, true); // (v'LL)'
      double[][] b1 = GvcPartition.af(aF, lapack, true, vl, vll, sh.vb); // (v'L A^F)', (v'LL A^F)', (v'B A^F)'
      double[] vlafl = p.l(b1[0], true);
      double[][] b2 = GvcMeasures.times(b, lapack, true, b1[0], b1[1], b1[2]); // … B
      double[] vlafb = b2[0]; // (v'L A^F B)'
      double[] vlafbadb = GvcMeasures.times(b, lapack, true, p.ad(a, vlafb, true))[0]; // (v'L A^F B A^D B)'
      return new Backward(vl, vll, vlafl, vlafb, b2[1], b2[2], vlafbadb);
    }
  }
}
