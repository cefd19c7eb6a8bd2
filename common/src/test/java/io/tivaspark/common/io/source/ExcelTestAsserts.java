package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tivaspark.common.model.InvalidInputException;
import io.tivaspark.common.model.MrioYear;
import java.util.List;
import java.util.function.Supplier;

/** Assertions shared by the Excel readers' tests. */
final class ExcelTestAsserts {
  /** Relative tolerance of the identities (x = Z1 + y, x = Z'1 + Σ va): rounding of the sums only. */
  static final double IDENTITY_RTOL = 1e-12;

  private ExcelTestAsserts() {}

  /** Every cell read equals the generated table bit for bit: Z, Y, x, the six components. */
  static void assertSameCells(ExcelTestTable t, MrioYear y) {
    assertEquals(t.n, y.n());
    assertArrayEquals("Z", t.z, y.z());
    assertArrayEquals("final demand", t.y, y.finalDemand());
    assertArrayEquals("published output", t.x, y.publishedOutput());
    assertEquals(ExcelTestTable.COMPONENTS, List.copyOf(y.valueAdded().keySet()));
    for (String c : ExcelTestTable.COMPONENTS) {
      assertArrayEquals(c, t.va.get(c), y.valueAdded().get(c));
    }
  }

  private static void assertArrayEquals(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int k = 0; k < expected.length; k++) {
      if (Double.doubleToLongBits(expected[k]) != Double.doubleToLongBits(actual[k])) {
        throw new AssertionError(what + "[" + k + "]: expected " + expected[k] + " but read " + actual[k]);
      }
    }
  }

  /**
   * The identities of what was converted: x = Z1 + Σ_c Y (row balance, the published output column)
   * and x = Z'1 + Σ components (column balance), each cell at relative {@link #IDENTITY_RTOL}.
   */
  static void assertBalanced(MrioYear y) {
    int n = y.n();
    double[] x = y.publishedOutput();
    int cols = y.layout().finalDemandColumns();
    for (int i = 0; i < n; i++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < n; j++) {
        row += y.zAt(i, j);
        col += y.zAt(j, i);
      }
      for (int c = 0; c < cols; c++) {
        row += y.finalDemandAt(i, c);
      }
      for (double[] v : y.valueAdded().values()) {
        col += v[i];
      }
      assertTrue(Math.abs(row - x[i]) <= IDENTITY_RTOL * Math.abs(x[i]), "x = Z1 + y at row " + i + ": " + row + " vs " + x[i]);
      assertTrue(Math.abs(col - x[i]) <= IDENTITY_RTOL * Math.abs(x[i]), "x = Z'1 + va at column " + i + ": " + col + " vs " + x[i]);
    }
  }

  /** The call fails with an input error whose one-line message holds every fragment. */
  static InvalidInputException assertInvalid(Supplier<?> call, String... fragments) {
    try {
      call.get();
    } catch (InvalidInputException e) {
      String m = e.getMessage();
      if (System.getProperty("tiva.print.errors") != null) {
        System.out.println("ERROR MESSAGE: " + m);
      }
      assertTrue(!m.contains("\n"), "one line: " + m);
      for (String f : fragments) {
        assertTrue(m.contains(f), "message lacks '" + f + "': " + m);
      }
      return e;
    }
    throw new AssertionError("no InvalidInputException; expected one with " + List.of(fragments));
  }
}
