package io.tivaspark.jobs.store;

import java.util.Arrays;

/**
 * Parquet's RLE / bit-packing hybrid encoding of a whole page of small non-negative ints at once
 * (dictionary ids, definition levels), as the format specifies it (parquet-format, Encodings.md,
 * "Run Length Encoding / Bit-Packing Hybrid"): a sequence of runs, each a ULEB128 header then
 * <ul>
 * <li>an RLE run: header = count &lt;&lt; 1, then the value in ⌈width / 8⌉ little-endian bytes;</li>
 * <li>a bit-packed run: header = (groups &lt;&lt; 1) | 1, then groups × 8 values packed LSB first, width
 *     bits each (width bytes per group of 8).</li>
 * </ul>
 * A value repeated 8 times or more (after the pending literals are topped up to a multiple of 8
 * from the run) becomes an RLE run, everything else is bit-packed (a value that differs from the one
 * 7 places on starts no such run, so a literal stretch costs one comparison a value); the last group
 * of literals is padded with zeros (the page's value count tells readers where the values end). No length
 * prefix: the caller adds one where the page layout wants it (definition levels) or a byte of bit
 * width (dictionary ids). One pass over the array and no object per value, where parquet-java's
 * {@code RunLengthBitPackingHybridEncoder} takes one call per value (a year's staging encodes about
 * 600 M of them). {@code RleHybridTest} decodes the output with parquet-java's own decoder.
 */
final class RleHybrid {
  /** Bit-packed runs are cut at 63 groups (504 values), so that each header is one byte, as parquet-java does. */
  private static final int MAX_GROUPS = 63;

  private byte[] out = new byte[1 << 12];
  private int len;

  /**
   * The encoding of {@code v[0..n)} into {@link #buffer()}, whose first bytes (the count returned)
   * it is until the next call: a page's encoding is consumed by Parquet's page writer before the
   * next page is encoded, so no array is made per page.
   */
  int encodeInPlace(int[] v, int n, int width) {
    len = 0;
    int lit = 0; // values v[litStart, litStart + lit) wait to be bit-packed
    int litStart = 0;
    int i = 0;
    while (i < n) {
      if (i + 7 < n && v[i + 7] != v[i]) {
        // the run that starts here (or the rest of a run shorter than 8 that started before) is shorter
        // than 8, so a literal whatever it is followed by: one comparison a value on literal stretches
        // (a column that changes every row) instead of finding the run's end first
        lit++;
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && v[j] == v[i]) {
        j++;
      }
      int run = j - i;
      int fill = (8 - lit % 8) % 8; // values of this run that complete the pending literal group
      if (run - fill >= 8) {
        lit += fill;
        packLiterals(v, litStart, lit, width);
        rle(run - fill, v[i], width);
        lit = 0;
        i = j;
        litStart = j;
      } else {
        lit += run;
        i = j;
      }
    }
    packLiterals(v, litStart, lit, width);
    return len;
  }

  /**
   * {@code count} (at least 1) times {@code value} as {@link #encodeInPlace} writes it (one RLE run
   * when count is 8 or more), without an array of the values: a page's definition levels when it
   * has no null.
   */
  int repeatInPlace(int count, int value, int width) {
    len = 0;
    if (count >= 8) {
      rle(count, value, width);
      return len;
    }
    int[] v = new int[count];
    Arrays.fill(v, value);
    return encodeInPlace(v, count, width);
  }

  /** The bytes of the last encoding (the count its call returned). */
  byte[] buffer() {
    return out;
  }

  private void rle(int count, int value, int width) {
    varint(count << 1);
    for (int b = 0; b < (width + 7) / 8; b++) {
      put((byte) (value >>> (8 * b)));
    }
  }

  /** v[from, from + count) as bit-packed runs of at most {@link #MAX_GROUPS} groups, zero-padded. */
  private void packLiterals(int[] v, int from, int count, int width) {
    int done = 0;
    while (done < count) {
      int groups = Math.min(MAX_GROUPS, (count - done + 7) / 8);
      varint(groups << 1 | 1);
      ensure(groups * width);
      for (int g = 0; g < groups; g++) {
        int base = from + done + 8 * g;
        int end = Math.min(from + count, base + 8);
        if (width <= 8 && end - base == 8) {
          packGroup(v, base, width);
          continue;
        }
        long bits = 0;
        int used = 0;
        for (int k = base; k < base + 8; k++) {
          long x = k < end ? v[k] & 0xffffffffL : 0;
          bits |= x << used;
          used += width;
          while (used >= 8) {
            out[len++] = (byte) bits;
            bits >>>= 8;
            used -= 8;
          }
        }
      }
      done += groups * 8;
    }
  }

  /**
   * A whole group of 8 values of at most 8 bits each (dictionary ids of up to 256 strings, levels):
   * the 8 × width bits fit one long, written as width bytes (ensured by the caller).
   */
  private void packGroup(int[] v, int base, int width) {
    long bits = 0;
    for (int k = 0; k < 8; k++) {
      bits |= (v[base + k] & 0xffffffffL) << (k * width);
    }
    for (int b = 0; b < width; b++) {
      out[len++] = (byte) (bits >>> (8 * b));
    }
  }

  private void varint(int x) {
    ensure(5);
    while ((x & ~0x7f) != 0) {
      out[len++] = (byte) (x & 0x7f | 0x80);
      x >>>= 7;
    }
    out[len++] = (byte) x;
  }

  private void put(byte b) {
    ensure(1);
    out[len++] = b;
  }

  private void ensure(int more) {
    if (len + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, len + more));
    }
  }
}
