package io.tivaspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The unnamed comparison ({@link CheckResult.Builder#compareIsWorst} then {@link
 * CheckResult.Builder#worstIs}) folds the same errors and names the same worst element as the
 * named ones, a non-finite difference included.
 */
class CheckResultBuilderTest {
  private static final double[][] PAIRS = {{1, 1}, {10, 10.5}, {1e6, 1e6 + 3}, {0.2, 0.1}, {5, 5.25}, {7, 7}};

  @Test
  void unnamedComparisonsMatchTheNamedOnes() {
    CheckResult.Builder named = CheckResult.builder("E1", "x", 1e-3);
    CheckResult.Builder unnamed = CheckResult.builder("E1", "x", 1e-3);
    for (int k = 0; k < PAIRS.length; k++) {
      int kk = k;
      named.compare(PAIRS[k][0], PAIRS[k][1], () -> "element " + kk);
      if (unnamed.compareIsWorst(PAIRS[k][0], PAIRS[k][1])) {
        unnamed.worstIs("element " + k);
      }
    }
    CheckResult a = named.build();
    CheckResult b = unnamed.build();
    assertEquals(a, b);
    assertEquals("element 3", b.worst(), "0.2 against 0.1: the largest error relative to max(1, |rhs|)");
    assertFalse(b.passed());
  }

  @Test
  void aNonFiniteDifferenceIsNamedAndFails() {
    CheckResult.Builder b = CheckResult.builder("E1", "x", 1e-3);
    assertTrue(b.compareIsWorst(1, 1.5));
    b.worstIs("first");
    assertTrue(b.compareIsWorst(Double.NaN, 1));
    b.worstIs("the NaN");
    assertFalse(b.compareIsWorst(1, 1));
    CheckResult r = b.build();
    assertEquals("the NaN", r.worst());
    assertTrue(Double.isNaN(r.maxRelError()));
    assertFalse(r.passed());
  }
}
