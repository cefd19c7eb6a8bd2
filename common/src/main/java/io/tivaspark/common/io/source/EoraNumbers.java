package io.tivaspark.common.io.source;

/**
 * Decimal numbers of Eora26's text files ({@code 23697.221}, {@code -0.5}, {@code 1.2e-05}), parsed
 * to exactly the double {@link Double#parseDouble} gives. Anything else (empty, text, NaN,
 * infinities, hexadecimal, Java's {@code d}/{@code f} suffixes, an overflow) is NaN: the caller
 * names the cell.
 */
final class EoraNumbers {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private EoraNumbers() {}

  /** The number in the ASCII bytes {@code s[a, b)} (surrounding blanks allowed), or NaN when it is not a finite decimal. */
  static double parse(byte[] s, int a, int b) {
    while (a < b && s[a] == ' ') {
      a++;
    }
    while (b > a && s[b - 1] == ' ') {
      b--;
    }
    if (a == b) {
      return Double.NaN;
    }
    double v = fast(s, a, b);
    return Double.isNaN(v) ? slow(s, a, b) : v;
  }

  /**
   * Plain decimals with at most 15 significant digits and at most 22 decimals: m / 10^k with both
   * exact, so the one correctly rounded division equals {@link Double#parseDouble}. NaN: not this
   * shape (the slow path decides).
   */
  private static double fast(byte[] s, int a, int b) {
    int i = a;
    boolean neg = false;
    int ch = s[i];
    if (ch == '-' || ch == '+') {
      neg = ch == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int frac = 0;
    boolean dot = false;
    boolean any = false;
    for (; i < b; i++) {
      ch = s[i];
      if (ch >= '0' && ch <= '9') {
        any = true;
        frac += dot ? 1 : 0;
        if (m == 0 && ch == '0') {
          continue;
        }
        if (++digits > 15) {
          return Double.NaN;
        }
        m = m * 10 + (ch - '0');
      } else if (ch == '.' && !dot) {
        dot = true;
      } else {
        return Double.NaN;
      }
    }
    if (!any || frac > 22) {
      return Double.NaN;
    }
    double v = frac == 0 ? (double) m : m / POW10[frac];
    return neg ? -v : v;
  }

  /** Exponents and long mantissas: {@link Double#parseDouble} on text made only of decimal-number characters. */
  private static double slow(byte[] s, int a, int b) {
    for (int i = a; i < b; i++) {
      int ch = s[i];
      if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == 'e' || ch == 'E' || ch == '-' || ch == '+')) {
        return Double.NaN;
      }
    }
    try {
      double d = Double.parseDouble(new String(s, a, b - a, java.nio.charset.StandardCharsets.ISO_8859_1));
      return Double.isInfinite(d) ? Double.NaN : d;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
