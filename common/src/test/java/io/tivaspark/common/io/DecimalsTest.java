package io.tivaspark.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link Decimals} is correctly rounded: on every text it accepts it gives exactly the bits of
 * {@link Double#parseDouble} (tolerance: none, compared as raw bits, so {@code -0} stays {@code -0.0}),
 * on its fast paths (Clinger, Eisel–Lemire) and its fallback; it rejects (NaN) exactly the texts that
 * are not finite plain decimals. About 4.5 million random strings (shortest and 17-digit forms of
 * random doubles, random decimals of 1-25 digits with exponents in [-360, 340], near-halfway
 * and subnormal neighbours) and a list of edge cases.
 */
class DecimalsTest {

  private static double bytes(String s) {
    byte[] b = (" " + s + " ").getBytes(StandardCharsets.ISO_8859_1);
    return Decimals.parse(b, 1, b.length - 1);
  }

  /** Same bits as Double.parseDouble (a finite value), or NaN (rejected) when Java overflows. */
  private static void same(String s) {
    double want = Double.parseDouble(s);
    long expected = Double.isInfinite(want) ? Double.doubleToRawLongBits(Double.NaN) : Double.doubleToRawLongBits(want);
    assertEquals(expected, Double.doubleToRawLongBits(bytes(s)), s);
    assertEquals(expected, Double.doubleToRawLongBits(Decimals.parse(s)), s);
  }

  /**
   * The random trials below run a tenth of their draws in the default suite (the first tenth of
   * the same sequence) and all of them in the slow step ({@code @Tag("slow")}, -Dtiva.slow=true;
   * bin/test --slow): the full counts took about 3 minutes of the default suite under load.
   */
  static final int DEFAULT_SHARE = 10;

  @Test
  void shortestFormsOfRandomDoublesRoundTrip() {
    shortestForms(500_000 / DEFAULT_SHARE);
  }

  @Test
  @Tag("slow")
  void shortestFormsOfRandomDoublesRoundTripAllDraws() {
    Assumptions.assumeTrue(Boolean.getBoolean("tiva.slow"), "slow test: run with -Dtiva.slow=true");
    shortestForms(500_000);
  }

  static void shortestForms(int draws) {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < draws; i++) {
      double d = Double.longBitsToDouble(r.nextLong());
      if (Double.isFinite(d)) {
        same(Double.toString(d));
        same(String.format(java.util.Locale.ROOT, "%.17g", d));
      }
      same(Double.toString(r.nextDouble() / 9800));
      same(Double.toString(1e6 * r.nextDouble()));
      same(String.format(java.util.Locale.ROOT, "%.6f", 1e5 * r.nextDouble()));
    }
  }

  @Test
  void randomDecimalsOfAnyLengthSignAndExponentAgree() {
    randomDecimals(1_000_000 / DEFAULT_SHARE);
  }

  @Test
  @Tag("slow")
  void randomDecimalsOfAnyLengthSignAndExponentAgreeAllDraws() {
    Assumptions.assumeTrue(Boolean.getBoolean("tiva.slow"), "slow test: run with -Dtiva.slow=true");
    randomDecimals(1_000_000);
  }

  static void randomDecimals(int draws) {
    SplittableRandom r = new SplittableRandom(12);
    for (int i = 0; i < draws; i++) {
      same(randomDecimal(r));
    }
  }

  /** Sign, 0-3 leading zeros, 1-25 digits with a point anywhere (or none), an exponent in [-360, 340] or none. */
  static String randomDecimal(SplittableRandom r) {
    StringBuilder sb = new StringBuilder(r.nextInt(3) == 0 ? "-" : r.nextInt(10) == 0 ? "+" : "");
    sb.append("0".repeat(r.nextInt(4)));
    int digits = 1 + r.nextInt(r.nextBoolean() ? 18 : 25);
    int point = r.nextInt(digits + 2) - 1;
    for (int k = 0; k < digits; k++) {
      if (k == point) {
        sb.append('.');
      }
      sb.append((char) ('0' + r.nextInt(10)));
    }
    if (r.nextBoolean()) {
      sb.append(r.nextBoolean() ? 'e' : 'E');
      int e = r.nextInt(700) - 360;
      sb.append(e >= 0 && r.nextBoolean() ? "+" : "").append(e);
    }
    return sb.toString();
  }

  @Test
  void nearHalfwayAndSubnormalNeighbours() {
    nearHalfway(100_000 / DEFAULT_SHARE);
  }

  @Test
  @Tag("slow")
  void nearHalfwayAndSubnormalNeighboursAllDraws() {
    Assumptions.assumeTrue(Boolean.getBoolean("tiva.slow"), "slow test: run with -Dtiva.slow=true");
    nearHalfway(100_000);
  }

  static void nearHalfway(int draws) {
    SplittableRandom r = new SplittableRandom(13);
    for (int i = 0; i < draws; i++) {
      double d = Double.longBitsToDouble(r.nextLong() & 0x7FFFFFFFFFFFFFFFL);
      if (!Double.isFinite(d)) {
        continue;
      }
      java.math.BigDecimal a = new java.math.BigDecimal(d);
      java.math.BigDecimal b = new java.math.BigDecimal(Math.nextUp(d));
      java.math.BigDecimal mid = a.add(b).divide(java.math.BigDecimal.valueOf(2));
      same(mid.round(new java.math.MathContext(17)).toString());
      same(mid.round(new java.math.MathContext(18)).toString());
      same(mid.toString()); // exactly halfway: round to even (slow path, many digits)
      same(Double.toString(Double.MIN_VALUE * (1 + r.nextInt(1 << 20))));
    }
  }

  @Test
  void edgeCases() {
    for (String s : new String[] {"0", "-0", "+0", "0.0", "-0.0", "00", "-000.000", "0e999999", "1", "+1", "1.", ".5",
        "-.5", "1e5", "1E+05", "1e-5", "1e0005", "0.1", "0.3", "9007199254740992", "9007199254740993",
        "9007199254740995", "900719925474099.3", "123456789012345678", "1234567890123456789", "99999999999999999999",
        "1.00000000000000011102230246251565404236316680908203125", "2.2250738585072011e-308",
        "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-400",
        "-1e-400", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
        "1e400", "-1e400", "7.2057594037927933e16", "1e22", "1e23", "8.98846567431158e307", "3.0e-1",
        "0000000000000000000001.5", "0.000000000000000000000000000000000000001", "1848064.8", "9.56827080956e-06",
        "0.0990875448681", "23697.221", "-3.2E+02", "1e-22", "1e-23", "123456789012345e-22"}) {
      same(s);
    }
  }

  @Test
  void notPlainDecimalsAreRejected() {
    for (String s : new String[] {"", " ", "\t", "abc", "1..2", ".", "-", "+", "e5", ".e5", "nan", "NaN", "-inf",
        "Infinity", "-Infinity", "1e", "1e+", "1e-", "1d", "1f", "1.5D", "0x1p3", "0x10", "1,5", "--1", "+-1",
        "1e5.5", "1 2", "1_000", "١", "1e400", "½"}) {
      assertTrue(Double.isNaN(bytes(s)), s);
      assertTrue(Double.isNaN(Decimals.parse(s)), s);
    }
  }

  @Test
  void rejectionsNameTheRule() {
    assertEquals("empty cell", Decimals.rejection("  "));
    assertEquals("NaN value", Decimals.rejection("-NaN"));
    assertEquals("infinite value", Decimals.rejection("Infinity"));
    assertEquals("infinite value ('1e400' overflows)", Decimals.rejection("1e400"));
    assertEquals("cell 'abc' is not a number", Decimals.rejection("abc"));
  }

  // ------------------------------------------------------------------ one-scan cells (Decimals.cell)

  /** Shapes of printed doubles: Java's and Python's shortest forms, 17 significant digits, zeros, signs. */
  static String printedDecimal(SplittableRandom r) {
    String s = switch (r.nextInt(4)) {
      case 0 -> Double.toString(Math.pow(10, r.nextInt(-9, 9)) * r.nextDouble());
      case 1 -> seventeenDigits(r);
      case 2 -> Double.toString(Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL));
      default -> r.nextInt(5) == 0 ? "0" : String.format(java.util.Locale.ROOT, "%." + r.nextInt(1, 17) + "f",
          r.nextDouble() * Math.pow(10, r.nextInt(0, 7)));
    };
    return r.nextInt(5) == 0 ? "-" + s : s;
  }

  /** 17 significant digits (the first not 0), the point anywhere in [-8, 8] or an exponent e/E[+-]d{1,3}. */
  static String seventeenDigits(SplittableRandom r) {
    StringBuilder d = new StringBuilder().append((char) ('1' + r.nextInt(9)));
    for (int k = 1; k < 17; k++) {
      d.append((char) ('0' + r.nextInt(10)));
    }
    int point = r.nextInt(-8, 9);
    if (r.nextInt(3) == 0) {
      return d.charAt(0) + "." + d.substring(1) + (r.nextBoolean() ? "E" : "e") + (r.nextBoolean() ? "-" : "")
          + r.nextInt(1000);
    }
    return point <= 0 ? "0." + "0".repeat(-point) + d : point >= 17 ? d.toString() : d.substring(0, point) + "." + d.substring(point);
  }

  /**
   * Two million printed decimals as cells of a line ({@code ,text,} and last in the line, before
   * garbage digits that are not part of it): wherever {@link Decimals#cell} answers it ends the cell
   * where it ends and gives exactly Double.parseDouble's bits (so does parse); it answers for nearly
   * all of them, never for one that overflows (parse's NaN). Runs in about 2 s.
   */
  @Test
  void cellsOfPrintedDecimalsAgreeWithParseDouble() {
    SplittableRandom r = new SplittableRandom(14);
    double[] out = new double[1];
    int taken = 0;
    int draws = 2_000_000;
    for (int i = 0; i < draws; i++) {
      String text = printedDecimal(r);
      boolean last = r.nextBoolean();
      byte[] b = ("L," + text + (last ? "" : ",7") + "123").getBytes(StandardCharsets.ISO_8859_1);
      int to = b.length - 3;
      double java = Double.parseDouble(text);
      long want = Double.doubleToRawLongBits(Double.isInfinite(java) ? Double.NaN : java);
      int end = Decimals.cell(b, 2, to, out, 0);
      if (end >= 0) {
        taken++;
        assertEquals(2 + text.length(), end, text);
        assertEquals(want, Double.doubleToRawLongBits(out[0]), text);
      }
      assertEquals(want, Double.doubleToRawLongBits(Decimals.parse(b, 2, 2 + text.length())), text);
    }
    assertTrue(taken > draws * 0.9, "cells taken in one scan: " + taken); // not: 8 integer digits, > 18 digits
  }

  /** Cells at the array's end, before more digits past the line's end, and shapes left to parse. */
  @Test
  void cellEndsAndShapesItLeavesToParse() {
    double[] out = new double[1];
    for (String text : new String[] {"0", "-0", "7", "12.5", "0.000123", "1.", "5E-4", "141.51147839814044", "-0.0",
        "0.0000000000000000000000001", "-2.5e-300"}) {
      byte[] exact = text.getBytes(StandardCharsets.ISO_8859_1);
      assertEquals(exact.length, Decimals.cell(exact, 0, exact.length, out, 0), text);
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(out[0]), text);
      byte[] more = (text + "99,5").getBytes(StandardCharsets.ISO_8859_1); // the line ends before "99"
      assertEquals(exact.length, Decimals.cell(more, 0, exact.length, out, 0), text);
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(out[0]), text);
    }
    for (String text : new String[] {"", " 1", "1 ", "+1", ".5", "-", "1e", "1e+", "1e00005", "12345678.5", "abc", "1.5x",
        "1\"", "0.00000000000000000000000000001", "1234567890123456789", "1e400", "9.9E999", "1.2345678901234567890", "1..2", "NaN"}) {
      byte[] b = (text + ",1").getBytes(StandardCharsets.ISO_8859_1);
      assertEquals(-1, Decimals.cell(b, 0, text.length(), out, 0), text);
    }
  }

  /** The word digit helpers against a byte at a time, on random words of digits and other bytes. */
  @Test
  void digitRunAndDigitsValueAgreeWithAByteAtATime() {
    SplittableRandom r = new SplittableRandom(15);
    byte[] b = new byte[8];
    for (int i = 0; i < 200_000; i++) {
      for (int k = 0; k < 8; k++) {
        b[k] = r.nextInt(4) > 0 ? (byte) ('0' + r.nextInt(10)) : (byte) r.nextInt(256);
      }
      long w = ByteLines.word(b, 0);
      int run = 0;
      while (run < 8 && b[run] >= '0' && b[run] <= '9') {
        run++;
      }
      assertEquals(run, Decimals.digitRun(w));
      for (int k = 0; k <= run; k++) {
        assertEquals(k == 0 ? 0 : Long.parseLong(new String(b, 0, k, StandardCharsets.ISO_8859_1)), Decimals.digitsValue(w, k));
      }
    }
  }
}
