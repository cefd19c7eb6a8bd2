package io.tivaspark.common.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** {@link IoMath#block}: sub-matrices of a column-major n×n matrix, square and rectangular. */
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
}
