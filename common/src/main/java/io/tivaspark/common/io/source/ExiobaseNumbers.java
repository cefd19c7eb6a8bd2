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
    if (m >= EXACT || exp10 < -22 || exp10 > 22) {
      return Double.NaN;
    }
    double v = exp10 >= 0 ? m * POW10[exp10] : m / POW10[-exp10];
    return neg ? -v : v;
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
