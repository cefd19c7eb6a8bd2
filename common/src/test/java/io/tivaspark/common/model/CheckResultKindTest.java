package io.tivaspark.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A check's kind is data: I1, I2 test the input (INPUT); I3 and every identity are IDENTITY. */
class CheckResultKindTest {
  @Test
  void kindFollowsTheCode() {
    assertEquals(CheckResult.Kind.INPUT, new CheckResult("I1", "row balance", 1, 1, 0, false, "").kind());
    assertEquals(CheckResult.Kind.INPUT, new CheckResult("I2", "negative Z", 0, 0, 0, true, "").kind());
    assertEquals(CheckResult.Kind.IDENTITY, CheckResult.builder("I3", "(I-A)B = I", 1e-9).build().kind());
    for (String c : new String[] {"S1", "T1", "J2", "E1", "R1", "W1"}) {
      assertEquals(CheckResult.Kind.IDENTITY, CheckResult.builder(c, "x", 1e-9).compare(1, 1, "w").build().kind(), c);
    }
    CheckResult explicit = new CheckResult("X9", "s", 0, 0, 0, true, "", CheckResult.Kind.INPUT);
    assertEquals(CheckResult.Kind.INPUT, explicit.kind());
  }
}
