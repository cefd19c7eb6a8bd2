package io.tivaspark.common.math;

import io.tivaspark.common.SharedData;
import io.tivaspark.common.io.source.GloriaSource;
import io.tivaspark.common.io.source.SourceUnit;
import io.tivaspark.common.model.MrioYear;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GloriaP4ProbeTest {
  @Test
  void probe() throws Exception {
    Path mock = SharedData.require("data/pymrio-mocks/gloria_mock/GLORIA_ReadMe_059.xlsx").getParent();
    GloriaSource src = new GloriaSource();
    List<SourceUnit> units = src.plan(List.of(mock), OptionalInt.empty());
    MrioYear yr = src.read(units.get(0)).table();
    TivaOptions opt = TivaOptions.builder().group("OECD", List.of("AUS", "AUT")).group("ALL", List.of("*")).build();
    YearSystem sys = YearSystem.build(yr, opt);
    int n = sys.n();
    GvcMeasures.Shared sh = new GvcMeasures.Shared(sys);
    double[][] a2 = new double[n][n];
    double[][] b2 = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a2[i][j] = sys.a()[i + j * n];
        b2[i][j] = sys.b()[i + j * n];
      }
    }
    System.out.println("A " + java.util.Arrays.deepToString(a2));
    for (YearSystem.Economy eco : sys.economies()) {
      if (!eco.group()) {
        continue;
      }
      GvcPartition p = GvcPartition.group(sys, eco);
      WwyzTerms t = new WwyzTerms(sys, sh, p);
      // dense literal: A^D, A^F masked, L from the partition
      double[][] ad = new double[n][n];
      double[][] af = new double[n][n];
      double[][] l = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (p.blockOf[i] == p.blockOf[j]) {
            ad[i][j] = a2[i][j];
          } else {
            af[i][j] = a2[i][j];
          }
        }
      }
      for (int q = 0; q < p.rows.length; q++) {
        int[] rs = p.rows[q];
        int m = rs.length;
        for (int ii = 0; ii < m; ii++) {
          for (int jj = 0; jj < m; jj++) {
            l[rs[ii]][rs[jj]] = p.linv[q][ii + jj * m];
          }
        }
      }
      double[][] vh = GvcMeasuresTest.diag(sys.v());
      double[][] yh = GvcMeasuresTest.diag(sys.yTot());
      double[][] xf = GvcMeasuresTest.mul(GvcMeasuresTest.mul(GvcMeasuresTest.mul(GvcMeasuresTest.mul(
          GvcMeasuresTest.mul(vh, l), af), b2), GvcMeasuresTest.mul(ad, b2)), yh);
      double[][] eg = GvcMeasuresTest.mul(GvcMeasuresTest.mul(GvcMeasuresTest.mul(GvcMeasuresTest.mul(vh, b2), af), b2), yh);
      String[] seg = {"X", "X_D", "X_RT", "Xd_GVC", "E_GVC", "Xf_GVC"};
      for (int q = 0; q < 6; q++) {
        double f = 0;
        double b = 0;
        for (int k = 0; k < n; k++) {
          f += t.xv[q][k];
          b += t.xy[q][k];
        }
        System.out.printf("%s %s fwd=%.17g bwd=%.17g rel=%.3g%n", eco.code(), seg[q], f, b, Math.abs(f - b) / Math.max(1, Math.abs(f)));
      }
      double lit = 0;
      double litE = 0;
      for (double[] row : xf) {
        for (double val : row) {
          lit += val;
        }
      }
      for (double[] row : eg) {
        for (double val : row) {
          litE += val;
        }
      }
      System.out.printf("%s literal Xf_GVC=%.17g E_GVC=%.17g%n", eco.code(), lit, litE);
      // A^F c: subtraction vs masked, on c = B y
      double[] sub = p.af(sys.a(), sys.lapack(), false, sh.by)[0];
      for (int i = 0; i < n; i++) {
        double m = 0;
        for (int j = 0; j < n; j++) {
          m += af[i][j] * sh.by[j];
        }
        System.out.printf("  A^F By row %d: subtract=%.17g masked=%.17g rel=%.3g%n", i, sub[i], m, Math.abs(sub[i] - m) / Math.abs(m));
      }
    }
  }
}
