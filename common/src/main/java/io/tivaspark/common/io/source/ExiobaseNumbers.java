package io.tivaspark.common.io.source;

import java.nio.charset.StandardCharsets;

/**
 * Decimal numbers of EXIOBASE's text files parsed straight from bytes ({@code 0.0}, {@code 1848064.8},
 * {@code 9.56827080956e-06}, {@code -3.2E+02}): the values pandas writes (shortest round-trip form,
 * up to 17 significant digits). Correctly rounded, as {@link Double#parseDouble}: the fast path takes
 * a mantissa m &lt; 2<sup>53</sup> and a power of ten |e| &le; 22, where m and 10<sup>|e|</sup> are
 * both exact doubles so the one multiplication or division m·10<sup>e</sup> rounds correctly (Clinger's
 * fast path, "How to read floating point numbers accurately", PLDI 1990); anything else (17-digit
 * mantissas, huge exponents) goes through {@link Double#parseDouble}. Text that is not a plain decimal
 * (empty, {@code nan}, {@code inf}, {@code 1d}, hex) is rejected with a reason, never guessed.
 */
final class ExiobaseNumbers {
  private static final long EXACT = 1L << 53;
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private ExiobaseNumbers() {}

  /** Why a cell is not a number (the message of {@link #parse}'s exception). */
  static final class NotANumber extends Exception {
    private static final long serialVersionUID = 1L;

    NotANumber(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The value of the bytes {@code b[from, to)} (surrounding blanks ignored).
   *
   * @throws NotANumber naming why: empty cell, NaN, infinite, or not a decimal number
   */
  static double parse(byte[] b, int from, int to) throws NotANumber {
    while (from < to && b[from] == ' ') {
      from++;
    }
    while (to > from && b[to - 1] == ' ') {
      to--;
    }
    if (from == to) {
      throw new NotANumber("empty cell (pandas writes a missing value, NaN, as an empty cell)");
    }
    double v = fast(b, from, to);
    return Double.isNaN(v) ? slow(b, from, to) : v;
  }

  /** The fast path, or NaN when the slow path must decide (or the text is not plain). */
  static double fast(byte[] b, int from, int to) {
    int i = from;
    boolean neg = b[i] == '-';
    if (neg || b[i] == '+') {
      i++;
    }
    long m = 0;
    int digits = 0;
    int exp10 = 0;
    boolean any = false;
    boolean dot = false;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d >= 0 && d <= 9) {
        any = true;
        if (m == 0 && d == 0) {
          exp10 -= dot ? 1 : 0;
          continue;
        }
        if (++digits > 18) {
          return Double.NaN;
        }
        m = m * 10 + d;
        exp10 -= dot ? 1 : 0;
      } else if (b[i] == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (!any) {
      return Double.NaN;
    }
    if (i < to) {
      int e = exponent(b, i, to);
      if (e == Integer.MIN_VALUE) {
        return Double.NaN;
      }
      exp10 += e;
    }
    if (m == 0) {
      return neg ? -0.0 : 0.0;
    }
    double v = m < EXACT && exp10 >= -22 && exp10 <= 22 ? (exp10 >= 0 ? m * POW10[exp10] : m / POW10[-exp10])
        : eiselLemire(m, exp10);
    return neg ? -v : v;
  }

  /**
   * m·10^q correctly rounded for a mantissa of up to 18 digits (m &gt; 0), or NaN when the product
   * does not decide the rounding (rare) or the result would be subnormal or infinite. Eisel and
   * Lemire's algorithm (D. Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and
   * Experience 51(8), 2021, §5): m normalised to 64 bits times the 128-bit truncation of 5^q, the
   * binary exponent from ⌊log₂ 10^q⌋ = ⌊217706·q / 2¹⁶⌋, then round to nearest even on 53 bits.
   */
  static double eiselLemire(long m, int q) {
    if (q < MIN_Q || q > MAX_Q) {
      return Double.NaN;
    }
    int lz = Long.numberOfLeadingZeros(m);
    long w = m << lz;
    int index = 2 * (q - MIN_Q);
    long hi = Math.multiplyHigh(w, POW5[index]) + ((POW5[index] >> 63) & w) + ((w >> 63) & POW5[index]);
    long lo = w * POW5[index];
    if ((hi & 0x1FF) == 0x1FF) {
      long hi2 = Math.multiplyHigh(w, POW5[index + 1]) + ((POW5[index + 1] >> 63) & w) + ((w >> 63) & POW5[index + 1]);
      long sum = lo + hi2;
      if (Long.compareUnsigned(sum, lo) < 0) {
        hi++;
      }
      lo = sum;
    }
    if (lo == -1L && (q < -27 || q > 55)) {
      return Double.NaN; // the truncated power may have cut the rounding decision
    }
    int upper = (int) (hi >>> 63);
    int shift = upper + 9;
    long mantissa = hi >>> shift;
    int power2 = (int) (((217706L * q) >> 16) + 63) + upper - lz + 1023;
    if (power2 <= 0 || power2 >= 2046) {
      return Double.NaN;
    }
    if (Long.compareUnsigned(lo, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == hi) {
      mantissa &= ~1L; // exactly halfway: round to even
    }
    mantissa += mantissa & 1;
    mantissa >>>= 1;
    if (mantissa >= (1L << 53)) {
      mantissa = 1L << 52;
      power2++;
    }
    return Double.longBitsToDouble((mantissa & ~(1L << 52)) | (long) power2 << 52);
  }

  private static final int MIN_Q = -342;
  private static final int MAX_Q = 308;
  /** 5^q for q in [MIN_Q, MAX_Q] as 128-bit normalised truncations (high word, low word), from BigInteger. */
  private static final long[] POW5 = powersOfFive();

  private static long[] powersOfFive() {
    long[] t = new long[2 * (MAX_Q - MIN_Q + 1)];
    java.math.BigInteger two128 = java.math.BigInteger.ONE.shiftLeft(128);
    for (int q = MIN_Q; q <= MAX_Q; q++) {
      java.math.BigInteger c;
      if (q < 0) {
        java.math.BigInteger p5 = java.math.BigInteger.valueOf(5).pow(-q);
        int z = p5.bitLength(); // smallest z with 2^z >= 5^-q (5^-q is never a power of two)
        int b = q >= -27 ? z + 127 : 2 * z + 128;
        c = java.math.BigInteger.ONE.shiftLeft(b).divide(p5).add(java.math.BigInteger.ONE);
        while (c.compareTo(two128) >= 0) {
          c = c.shiftRight(1);
        }
      } else {
        c = java.math.BigInteger.valueOf(5).pow(q);
        c = c.bitLength() < 128 ? c.shiftLeft(128 - c.bitLength()) : c.shiftRight(c.bitLength() - 128);
      }
      t[2 * (q - MIN_Q)] = c.shiftRight(64).longValue();
      t[2 * (q - MIN_Q) + 1] = c.longValue();
    }
    return t;
  }

  /** The exponent of {@code e±ddd} at {@code b[i, to)}, or MIN_VALUE when it is not one (or is huge). */
  private static int exponent(byte[] b, int i, int to) {
    if (b[i] != 'e' && b[i] != 'E') {
      return Integer.MIN_VALUE;
    }
    i++;
    boolean neg = i < to && b[i] == '-';
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      i++;
    }
    if (i == to || to - i > 4) {
      return Integer.MIN_VALUE;
    }
    int e = 0;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Integer.MIN_VALUE;
      }
      e = e * 10 + d;
    }
    return neg ? -e : e;
  }

  /** Java's correctly rounded parser, after checking the text is a plain decimal. */
  private static double slow(byte[] b, int from, int to) throws NotANumber {
    String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (!(ch >= '0' && ch <= '9' || ch == '.' || ch == 'e' || ch == 'E' || ch == '-' || ch == '+')) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.matches("[+-]?nan")) {
          throw new NotANumber("NaN value");
        }
        if (lower.matches("[+-]?inf(inity)?")) {
          throw new NotANumber("infinite value");
        }
        throw new NotANumber("cell '" + shorten(b, from, to) + "' is not a number");
      }
    }
    double d;
    try {
      d = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new NotANumber("cell '" + shorten(b, from, to) + "' is not a number");
    }
    if (Double.isInfinite(d)) {
      throw new NotANumber("infinite value ('" + shorten(b, from, to) + "' overflows)");
    }
    return d;
  }

  /** The cell's text for a message, at most 40 characters. */
  static String shorten(byte[] b, int from, int to) {
    String s = new String(b, from, Math.min(to - from, 40), StandardCharsets.UTF_8);
    return to - from > 40 ? s + "…" : s;
  }
}
