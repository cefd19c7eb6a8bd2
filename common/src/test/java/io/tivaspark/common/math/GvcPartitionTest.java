package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GvcPartition#l} and {@link GvcPartition#ad} read their matrices down the columns; each
 * result must be the row-by-row sum to the bit (the same terms added in the same order), for blocks
 * of contiguous and of scattered rows.
 */
class GvcPartitionTest {
  private static final int N = 23;

  @Test
  void columnOrderIsRowOrderToTheBit() {
    Random rnd = new Random(11);
    // blocks: rows 0-6, the scattered rows 7, 9, 12, 20, then the rest in two blocks
    int[][] rows = {{0, 1, 2, 3, 4, 5, 6}, {7, 9, 12, 20}, {8, 10, 11, 13, 14, 15}, {16, 17, 18, 19, 21, 22}};
    double[][] linv = new double[rows.length][];
    for (int q = 0; q < rows.length; q++) {
      linv[q] = values(rnd, rows[q].length * rows[q].length);
    }
    GvcPartition p = new GvcPartition(N, rows, linv, new boolean[rows.length][1]);
    double[] a = values(rnd, N * N);
    double[] c = values(rnd, N);
    for (boolean transpose : new boolean[] {false, true}) {
      assertBits(rowByRowL(rows, linv, c, transpose), p.l(c, transpose), "l, transpose " + transpose);
      assertBits(rowByRowAd(rows, a, c, transpose), p.ad(a, c, transpose), "ad, transpose " + transpose);
    }
  }

  /** The literal formula, row by row: r_i = Σ_j L_ij c_j over the block's j in order. */
  private static double[] rowByRowL(int[][] rows, double[][] linv, double[] c, boolean transpose) {
    double[] r = new double[N];
    for (int q = 0; q < rows.length; q++) {
      int m = rows[q].length;
      for (int i = 0; i < m; i++) {
        double acc = 0;
        for (int j = 0; j < m; j++) {
          acc += (transpose ? linv[q][j + i * m] : linv[q][i + j * m]) * c[rows[q][j]];
        }
        r[rows[q][i]] = acc;
      }
    }
    return r;
  }

  private static double[] rowByRowAd(int[][] rows, double[] a, double[] c, boolean transpose) {
    double[] r = new double[N];
    for (int[] rs : rows) {
      for (int i : rs) {
        double acc = 0;
        for (int j : rs) {
          acc += (transpose ? a[j + i * N] : a[i + j * N]) * c[j];
        }
        r[i] = acc;
      }
    }
    return r;
  }

  private static double[] values(Random rnd, int count) {
    double[] v = new double[count];
    for (int k = 0; k < count; k++) {
      v[k] = (rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(9) - 4);
    }
    return v;
  }

  private static void assertBits(double[] expected, double[] actual, String what) {
    for (int k = 0; k < expected.length; k++) {
      assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(actual[k]),
          what + ", row " + k + ": " + expected[k] + " against " + actual[k]);
    }
  }
}
