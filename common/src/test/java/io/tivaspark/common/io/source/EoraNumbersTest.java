package io.tivaspark.common.io.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link EoraNumbers} gives exactly {@link Double#parseDouble}'s double, and NaN for anything not a finite decimal. */
class EoraNumbersTest {
  static double parse(String s) {
    byte[] b = ("x" + s + "y").getBytes(StandardCharsets.ISO_8859_1);
    return EoraNumbers.parse(b, 1, b.length - 1);
  }

  @Test
  void sameDoubleAsParseDouble() {
    Random rnd = new Random(5);
    for (int k = 0; k < 30_000; k++) {
      double v = (rnd.nextDouble() - 0.3) * Math.pow(10, rnd.nextInt(24) - 12);
      for (String s : List.of(Double.toString(v), String.format(Locale.ROOT, "%.8g", v).strip(),
          String.format(Locale.ROOT, "%.6f", v), String.format(Locale.ROOT, "%.17f", v),
          String.format(Locale.ROOT, "%.3e", v), Long.toString((long) (v * 1e6)))) {
        assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(parse(s)), s);
      }
    }
    for (String s : List.of("0", "-0", "+1", "1.", ".5", "0.00000000000000000000000123", "123456789012345678",
        " 42 ", "1E5", "1e-320")) {
      assertEquals(Double.parseDouble(s.strip()), parse(s), s);
    }
  }

  @Test
  void notFiniteDecimals() {
    for (String s : List.of("", " ", "abc", "NaN", "-Infinity", "Infinity", "1d", "2f", "0x1p3", "1.2.3", "--1",
        "1e", "+", ".", "1e999", "1,5", "1 2")) {
      assertTrue(Double.isNaN(parse(s)), "'" + s + "'");
    }
  }
}
