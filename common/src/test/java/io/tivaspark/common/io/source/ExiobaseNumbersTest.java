package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ExiobaseNumbers} gives exactly {@link Double#parseDouble}'s double (same bits) for every text
 * it accepts, on the fast paths (Clinger, Eisel–Lemire) and the fallback, and rejects what is not a
 * plain decimal.
 */
class ExiobaseNumbersTest {

  private static double parse(String s) throws ExiobaseNumbers.NotANumber {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return ExiobaseNumbers.parse(b, 0, b.length);
  }

  private static void same(String s) throws ExiobaseNumbers.NotANumber {
    if (Double.isInfinite(Double.parseDouble(s))) {
      assertThrows(ExiobaseNumbers.NotANumber.class, () -> parse(s), s);
      return;
    }
    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(parse(s)), s);
  }

  @Test
  void shortestFormsOfRandomDoublesRoundTrip() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 1_000_000; i++) {
      double d = Double.longBitsToDouble(r.nextLong());
      if (Double.isFinite(d)) {
        same(Double.toString(d));
      }
      same(Double.toString(r.nextDouble() / 9800));
      same(Double.toString(1e6 * r.nextDouble()));
    }
  }

  @Test
  void randomDecimalsOfUpToEighteenDigitsAgree() throws Exception {
    SplittableRandom r = new SplittableRandom(12);
    for (int i = 0; i < 1_000_000; i++) {
      int digits = 1 + r.nextInt(18);
      StringBuilder sb = new StringBuilder(r.nextBoolean() ? "-" : "");
      for (int k = 0; k < digits; k++) {
        sb.append((char) ('0' + (k == 0 ? 1 + r.nextInt(9) : r.nextInt(10))));
        if (k == 0 && r.nextBoolean()) {
          sb.append('.');
        }
      }
      sb.append('e').append(r.nextInt(640) - 330);
      same(sb.toString());
    }
  }

  @Test
  void hardCases() throws Exception {
    for (String s : new String[] {"0", "0.0", "-0.0", "1", "+1", "1.", ".5", "1e5", "1E+05", "1e-5", "0.1", "0.3",
        "9007199254740992", "9007199254740993", "9007199254740995", "900719925474099.3", "123456789012345678",
        "1.00000000000000011102230246251565404236316680908203125", "2.2250738585072011e-308",
        "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308", "1.7976931348623158e308",
        "7.2057594037927933e16", "1e22", "1e23", "8.98846567431158e307", "3.0e-1", "0000000000000000000001.5",
        "0.000000000000000000000000000000000000001", "1848064.8", "9.56827080956e-06", "0.0990875448681"}) {
      same(s);
    }
  }

  @Test
  void notPlainDecimalsAreRejected() {
    for (String s : new String[] {"", " ", "abc", "1..2", "nan", "NaN", "-inf", "Infinity", "1e", "1d", "0x1p3",
        "1,5", "--1", "1e400"}) {
      ExiobaseNumbers.NotANumber e = assertThrows(ExiobaseNumbers.NotANumber.class, () -> parse(s), s);
      assertTrue(e.getMessage().contains("not a number") || e.getMessage().contains("NaN")
          || e.getMessage().contains("infinite") || e.getMessage().contains("empty"), e.getMessage());
    }
  }
}
