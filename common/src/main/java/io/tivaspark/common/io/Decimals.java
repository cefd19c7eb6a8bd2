package io.tivaspark.common.io;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one decimal-text → double parser of every reader (ICIO CSV, long CSV, Eora26, EXIOBASE,
 * GLORIA, FIGARO): straight from bytes, correctly rounded, so the result has exactly the bits
 * {@link Double#parseDouble} gives for the same text.
 *
 * <p>Accepted text (surrounding spaces and tabs ignored): {@code [+-]? (d+ [.d*] | .d+) ([eE] [+-]? d+)?}
 * whose value is finite ({@code 0}, {@code -0}, {@code 1848064.8}, {@code 9.56827080956e-06},
 * {@code -3.2E+02}, {@code .5}, {@code 1.}). Anything else (empty, text, NaN, infinities, Java's
 * {@code d}/{@code f} suffixes, hexadecimal, a value that overflows such as {@code 1e400}) is NaN:
 * the caller names the cell, with {@link #rejection} giving the rule. Values that underflow round
 * as Java rounds them (to a subnormal or to zero).
 *
 * <p>Paths, fastest first (all exact):
 * <ol>
 *   <li>Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately", PLDI
 *       1990): a mantissa m &lt; 2<sup>53</sup> and |e| ≤ 22 are both exact doubles, so the one
 *       correctly rounded m·10<sup>e</sup> or m / 10<sup>−e</sup> is the answer.
 *   <li>Eisel–Lemire (D. Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and
 *       Experience 51(8), 2021, §5): for up to 18 significant digits, m normalised to 64 bits times the
 *       128-bit truncation of 5<sup>q</sup>; gives up (to the next path) when the truncation could
 *       decide the rounding, and on subnormal or infinite results.
 *   <li>{@link Double#parseDouble} on the text (already checked to be a plain decimal): more than 18
 *       significant digits, subnormals, the rare undecided products.
 * </ol>
 */
public final class Decimals {
  private static final long EXACT = 1L << 53;
  private static final int MAX_DIGITS = 18;
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };
  private static final int MIN_Q = -342;
  private static final int MAX_Q = 308;
  /** 5^q for q in [MIN_Q, MAX_Q] as 128-bit normalised truncations (high word, low word), from BigInteger. */
  private static final long[] POW5 = powersOfFive();

  private Decimals() {}

  /** The value of the ASCII bytes {@code s[from, to)}, or NaN when they are not a finite plain decimal. */
  public static double parse(byte[] s, int from, int to) {
    while (from < to && (s[from] == ' ' || s[from] == '\t')) {
      from++;
    }
    while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t')) {
      to--;
    }
    if (from == to) {
      return Double.NaN;
    }
    return scan(s, from, to);
  }

  /** {@link #parse(byte[], int, int)} of the characters {@code s[from, to)}. */
  public static double parse(CharSequence s, int from, int to) {
    byte[] b = new byte[to - from];
    for (int i = from; i < to; i++) {
      char ch = s.charAt(i);
      if (ch > 127) {
        return Double.NaN;
      }
      b[i - from] = (byte) ch;
    }
    return parse(b, 0, b.length);
  }

  /** {@link #parse(CharSequence, int, int)} of the whole text. */
  public static double parse(CharSequence s) {
    return parse(s, 0, s.length());
  }

  /**
   * The rule a reader reports for a cell {@link #parse} rejected: {@code empty cell}, {@code NaN
   * value}, {@code infinite value}, {@code infinite value ('1e400' overflows)} or {@code cell 'x'
   * is not a number} (the text cut to 40 characters).
   */
  public static String rejection(String cell) {
    String t = cell.strip();
    if (t.isEmpty()) {
      return "empty cell";
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.matches("[+-]?nan")) {
      return "NaN value";
    }
    if (lower.matches("[+-]?inf(inity)?")) {
      return "infinite value";
    }
    String shown = t.length() > 40 ? t.substring(0, 40) + "…" : t;
    if (t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return "infinite value ('" + shown + "' overflows)";
    }
    return "cell '" + shown + "' is not a number";
  }

  /**
   * The grammar scan: sign, integer digits {@code s[a, b)}, fraction digits {@code s[fa, fb)}, the
   * exponent, then the significant digits (leading zeros skipped) as m with value ±m·10^e and the
   * fastest exact path; NaN when the text is not a decimal. Digits are found and valued 8 bytes a
   * step ({@link #digitEnd}, {@link #digits}).
   */
  private static double scan(byte[] s, int from, int to) {
    int a = from;
    boolean neg = s[a] == '-';
    if (neg || s[a] == '+') {
      a++;
    }
    int b = digitEnd(s, a, to);
    int fa = b;
    int fb = b;
    if (b < to && s[b] == '.') {
      fa = b + 1;
      fb = digitEnd(s, fa, to);
    }
    if (a == b && fa == fb) {
      return Double.NaN;
    }
    int exp10 = 0;
    if (fb < to) {
      exp10 = exponent(s, fb, to);
      if (exp10 == Integer.MIN_VALUE) {
        return Double.NaN;
      }
      if (exp10 == Integer.MAX_VALUE) {
        return slow(s, from, to); // a valid exponent of more than 4 digits (1e00005, 1e99999)
      }
    }
    a = zeroEnd(s, a, b);
    if (a == b) {
      int z = zeroEnd(s, fa, fb); // 0.000123: the zeros after the point only scale
      exp10 -= z - fa;
      fa = z;
    }
    if (a == b && fa == fb) {
      return neg ? -0.0 : 0.0;
    }
    if ((b - a) + (fb - fa) > MAX_DIGITS) {
      return slow(s, from, to);
    }
    long m = digits(s, a, b - a) * POW10_LONG[fb - fa] + digits(s, fa, fb - fa);
    return value(m, exp10 - (fb - fa), neg, s, from, to);
  }

  /** ±m·10^e for 0 &lt; m &lt; 10^18 by the fastest exact path; {@code s[from, to)} is the text for the last one. */
  private static double value(long m, int e, boolean neg, byte[] s, int from, int to) {
    double v = m < EXACT && e >= -22 && e <= 22 ? (e >= 0 ? m * POW10[e] : m / POW10[-e]) : eiselLemire(m, e);
    if (Double.isNaN(v)) {
      return slow(s, from, to);
    }
    return neg ? -v : v;
  }

  private static final long[] POW10_LONG = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
    10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
    1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L
  };
  private static final long ZEROS = 0x3030303030303030L;
  private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;

  /**
   * The end of the ASCII digits starting at {@code s[i]}, at most {@code to}: 8 bytes a step. A
   * byte is a digit when its high nibble is 3 both as it is and plus 6 (0x30-0x39); the first byte
   * failing either has the lowest non-zero nibble of the two tests (a carry from +6 leaves only a
   * byte of 0xFA or more, itself not a digit, and only moves into the bytes after it).
   */
  static int digitEnd(byte[] s, int i, int to) {
    while (i < to) {
      int k = digitRun(ByteLines.word(s, i));
      if (k < 8) {
        return Math.min(i + k, to);
      }
      i += 8;
    }
    return to;
  }

  /** How many bytes of a word, from its first ({@link ByteLines#word}), are ASCII digits: 0 to 8. */
  static int digitRun(long w) {
    long bad = ((w & HIGH_NIBBLES) ^ ZEROS) | (((w + 0x0606060606060606L) & HIGH_NIBBLES) ^ ZEROS);
    return Long.numberOfTrailingZeros(bad) >>> 3;
  }

  /** The end of the {@code '0'} bytes starting at {@code s[i]}, at most {@code to}: 8 bytes a step. */
  private static int zeroEnd(byte[] s, int i, int to) {
    while (i < to) {
      int k = Long.numberOfTrailingZeros(ByteLines.word(s, i) ^ ZEROS) >>> 3;
      if (k < 8) {
        return Math.min(i + k, to);
      }
      i += 8;
    }
    return to;
  }

  /**
   * The value of the {@code n} ≤ 18 ASCII digits {@code s[i, i + n)}, 8 a step: the digits of a word
   * less '0' are shifted to its top (zeros in front), then pairs, quads and octets are combined
   * with one multiply each (D. Lemire's {@code parse_eight_digits_unrolled}, fast_float).
   */
  static long digits(byte[] s, int i, int n) {
    long v = 0;
    for (; n > 0; i += 8, n -= 8) {
      int k = Math.min(n, 8);
      v = v * POW10_LONG[k] + digitsValue(ByteLines.word(s, i), k);
    }
    return v;
  }

  /**
   * The value of the first {@code k} bytes of a word, ASCII digits (k from 0 to 8), with no branch:
   * the digits less '0' are shifted to the word's top by 4(8 - k) twice (a shift by 64 would be no
   * shift), then pairs, quads and octets are combined with one multiply each (D. Lemire's
   * {@code parse_eight_digits_unrolled}, fast_float).
   */
  static long digitsValue(long w, int k) {
    int half = 4 * (8 - k);
    w = (w - ZEROS) << half << half;
    w = w * 10 + (w >>> 8);
    return ((w & 0x000000FF000000FFL) * 0x000F424000000064L + ((w >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L) >>> 32;
  }

  /**
   * The number cell at {@code s[a, ...)} of a comma-separated line ending at {@code to}, in one scan:
   * its value into {@code out[c]} and the index of its end (a ',' or {@code to}); -1 when the cell is
   * not in the shape this scan takes, or overflows, and the caller must find its end and {@link
   * #parse} it (which gives the same value, or NaN). The
   * shape is what Java and Python print: {@code 0}, or {@code [-]d{1,7}[.d*][(e|E)[+-]d{1,4}]} with
   * at most {@value #MAX_DIGITS} significant digits and fewer than 24 digits after the point (after
   * up to 8 leading zeros when the integer part is 0), ended by ',' or {@code to}. Few branches
   * depend on the digits, as a mispredicted branch costs more than a word of digits: the fraction is
   * always taken as three words.
   */
  static int cell(byte[] s, int a, int to, double[] out, int c) {
    if (a >= to) {
      return -1;
    }
    long w = ByteLines.word(s, a);
    if ((w & 0xFF) == '0' && ((w >>> 8 & 0xFF) == ',' || a + 1 == to)) {
      out[c] = 0.0; // 0, a fifth of an ICIO table
      return a + 1;
    }
    boolean neg = (w & 0xFF) == '-';
    int i = neg ? a + 1 : a;
    w = neg ? ByteLines.word(s, i) : w;
    int k = Math.min(digitRun(w), to - i);
    if (k == 0 || k == 8) {
      return -1;
    }
    long m = digitsValue(w, k);
    int sig = m == 0 ? 0 : k;
    int e10 = 0;
    i += k;
    if (i < to && s[i] == '.') {
      i++;
      int z = m == 0 ? Math.min(Long.numberOfTrailingZeros(ByteLines.word(s, i) ^ ZEROS) >>> 3, to - i) : 0;
      long w1 = ByteLines.word(s, i + z);
      long w2 = ByteLines.word(s, i + z + 8);
      long w3 = ByteLines.word(s, i + z + 16);
      int k1 = Math.min(digitRun(w1), to - i - z);
      int k2 = k1 < 8 ? 0 : Math.min(digitRun(w2), to - i - z - 8);
      int k3 = k2 < 8 ? 0 : Math.min(digitRun(w3), to - i - z - 16);
      if (k3 == 8 || (sig += k1 + k2 + k3) > MAX_DIGITS) {
        return -1;
      }
      m = ((m * POW10_LONG[k1] + digitsValue(w1, k1)) * POW10_LONG[k2] + digitsValue(w2, k2)) * POW10_LONG[k3]
          + digitsValue(w3, k3);
      e10 = -(z + k1 + k2 + k3);
      i -= e10;
    }
    if (i < to && (s[i] | 0x20) == 'e') {
      int end = digitEnd(s, i + 1 < to && (s[i + 1] == '-' || s[i + 1] == '+') ? i + 2 : i + 1, to);
      int x = exponent(s, i, end);
      if (x == Integer.MIN_VALUE || x == Integer.MAX_VALUE) {
        return -1;
      }
      e10 += x;
      i = end;
    }
    if (i < to && s[i] != ',') {
      return -1;
    }
    double v = m == 0 ? (neg ? -0.0 : 0.0) : value(m, e10, neg, s, a, i);
    if (Double.isNaN(v)) {
      return -1; // overflows: parse rejects it too, and the caller names the rule
    }
    out[c] = v;
    return i;
  }

  /**
   * The exponent of {@code [eE][+-]?d+} at {@code s[i, to)}: MIN_VALUE when it is not one,
   * MAX_VALUE when it is one of more than 4 digits (the slow path decides).
   */
  private static int exponent(byte[] s, int i, int to) {
    if (s[i] != 'e' && s[i] != 'E') {
      return Integer.MIN_VALUE;
    }
    i++;
    boolean neg = i < to && s[i] == '-';
    if (i < to && (s[i] == '-' || s[i] == '+')) {
      i++;
    }
    if (i == to) {
      return Integer.MIN_VALUE;
    }
    int e = 0;
    for (int k = i; k < to; k++) {
      int d = s[k] - '0';
      if (d < 0 || d > 9) {
        return Integer.MIN_VALUE;
      }
      e = k - i < 4 ? e * 10 + d : e;
    }
    if (to - i > 4) {
      return Integer.MAX_VALUE;
    }
    return neg ? -e : e;
  }

  /**
   * m·10^q correctly rounded for 0 &lt; m &lt; 10^18, or NaN when the 128-bit product does not
   * decide the rounding (rare) or the result would be subnormal or infinite. The binary exponent
   * comes from ⌊log₂ 10^q⌋ = ⌊217706·q / 2¹⁶⌋; rounding is to nearest even on 53 bits.
   */
  static double eiselLemire(long m, int q) {
    if (q < MIN_Q || q > MAX_Q) {
      return Double.NaN;
    }
    int lz = Long.numberOfLeadingZeros(m);
    long w = m << lz;
    int index = 2 * (q - MIN_Q);
    long hi = unsignedMultiplyHigh(w, POW5[index]);
    long lo = w * POW5[index];
    if ((hi & 0x1FF) == 0x1FF) {
      long hi2 = unsignedMultiplyHigh(w, POW5[index + 1]);
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

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((b >> 63) & a) + ((a >> 63) & b);
  }

  private static long[] powersOfFive() {
    long[] t = new long[2 * (MAX_Q - MIN_Q + 1)];
    BigInteger two128 = BigInteger.ONE.shiftLeft(128);
    for (int q = MIN_Q; q <= MAX_Q; q++) {
      BigInteger c;
      if (q < 0) {
        BigInteger p5 = BigInteger.valueOf(5).pow(-q);
        int z = p5.bitLength(); // smallest z with 2^z >= 5^-q (5^-q is never a power of two)
        int b = q >= -27 ? z + 127 : 2 * z + 128;
        c = BigInteger.ONE.shiftLeft(b).divide(p5).add(BigInteger.ONE);
        while (c.compareTo(two128) >= 0) {
          c = c.shiftRight(1);
        }
      } else {
        c = BigInteger.valueOf(5).pow(q);
        c = c.bitLength() < 128 ? c.shiftLeft(128 - c.bitLength()) : c.shiftRight(c.bitLength() - 128);
      }
      t[2 * (q - MIN_Q)] = c.shiftRight(64).longValue();
      t[2 * (q - MIN_Q) + 1] = c.longValue();
    }
    return t;
  }

  /** Java's correctly rounded parser on text the scan found to be a plain decimal; NaN when it overflows. */
  private static double slow(byte[] s, int from, int to) {
    double d = Double.parseDouble(new String(s, from, to - from, StandardCharsets.ISO_8859_1));
    return Double.isInfinite(d) ? Double.NaN : d;
  }
}
