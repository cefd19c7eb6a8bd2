package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link IoMath#block}: sub-matrices of a column-major n×n matrix, square and rectangular; {@link
 * IoMath#transposeInPlace} against the literal transpose, at sizes around the block edge.
 */
class IoMathBlockTest {

  @Test
  void gathersRowsAndColumnsColumnMajor() {
    int n = 4;
    double[] m = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        m[i + j * n] = 10 * i + j; // M[i, j] = 10 i + j
      }
    }
    // M[{2, 0}, {1, 3, 3}]: 2×3, column by column
    assertArrayEquals(new double[] {21, 1, 23, 3, 23, 3}, IoMath.block(m, n, new int[] {2, 0}, new int[] {1, 3, 3}));
    // the square block M[{1, 3}, {1, 3}]
    assertArrayEquals(new double[] {11, 31, 13, 33}, IoMath.block(m, n, new int[] {1, 3}));
  }

  @Test
  void transposesInPlaceAtEverySizeAroundTheBlockEdge() {
    for (int n : new int[] {0, 1, 2, 31, 32, 33, 64, 65, 100}) {
      double[] m = new double[n * n];
      for (int k = 0; k < m.length; k++) {
        m[k] = k * 1.5 - 7;
      }
      double[] expected = new double[n * n];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          expected[j + i * n] = m[i + j * n];
        }
      }
      IoMath.transposeInPlace(m, n);
      assertArrayEquals(expected, m, "n = " + n);
    }
  }
}
